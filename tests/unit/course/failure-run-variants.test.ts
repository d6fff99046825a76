import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInNode } from '../../../src/runner/node.ts';
import { failureRunVariants } from '../../support/failure-run-variants.ts';

describe('the wrong variants the e2e suite shows a failing run for', () => {
  for (const [id, file] of Object.entries(failureRunVariants)) {
    it(`${id}: wrong/${file} fails with a recorded run whose highlighted events are in it`, async () => {
      const source = readFileSync(new URL(`../../../exercises/${id}/wrong/${file}`, import.meta.url), 'utf8');
      const result = await runInNode(id, source);
      const failing = result.tests.find((test) => test.status !== 'pass' && test.run !== undefined);
      expect(failing, `no failing test of ${id} recorded a run`).toBeDefined();
      const ids = new Set(failing!.run!.events.map((event) => event.id));
      expect(failing!.run!.highlight.length).toBeGreaterThan(0);
      for (const highlighted of failing!.run!.highlight) expect(ids.has(highlighted)).toBe(true);
    });
  }
});
