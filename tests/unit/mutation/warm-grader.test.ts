/**
 * The mutation runner's warm grader grades module after module in one process: each verdict must be the one
 * a fresh run gives, and a module that never finishes must cost only itself.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WarmGrader } from '../../../src/mutation/warm-grader.ts';
import { runInNode } from '../../../src/runner/node.ts';

const dir = fileURLToPath(new URL('../fixtures/exercises/sum', import.meta.url));
const read = (file: string): string => readFileSync(`${dir}/${file}`, 'utf8');
const grader = new WarmGrader(dir);
afterAll(() => grader.dispose());

const verdicts = (result: { status: string; tests: readonly { name: string; status: string }[] }) => ({
  status: result.status,
  tests: result.tests.map(({ name, status }) => [name, status]),
});

describe('the warm grader', () => {
  it('grades the solution, a wrong variant and the solution again as fresh runs do', async () => {
    for (const file of ['solution.ts', 'wrong/starts-at-one.ts', 'solution.ts', 'wrong/skips-the-last-value.ts']) {
      const warm = await grader.grade(read(file), 10_000);
      const fresh = await runInNode(dir, read(file), { timeLimitMs: 10_000 });
      expect(verdicts(warm), file).toEqual(verdicts(fresh));
    }
  });

  it('stops at the first failing test when asked', async () => {
    const result = await grader.grade(read('wrong/starts-at-one.ts'), 10_000, { stopAtFirstFailure: true });
    expect(result.status).toBe('fail');
    expect(result.tests.filter((test) => test.status !== 'pass')).toHaveLength(1);
    expect(result.tests.at(-1)?.status).toBe('fail');
  });

  it('reports a module that never finishes as a timeout, and grades the next one in a new process', async () => {
    const endless = 'export function sum(values: number[]): number { for (;;) {} }';
    const result = await grader.grade(endless, 1_500);
    expect(result.status).toBe('timeout');
    expect((await grader.grade(read('solution.ts'), 10_000)).status).toBe('pass');
  });
});
