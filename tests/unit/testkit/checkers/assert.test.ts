import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../../../src/testkit/history-builder.ts';
import { PropertyViolation } from '../../../../src/testkit/violation.ts';
import { assertConvergence, assertLinearizable, orThrow } from '../../../../src/testkit/checkers/assert.ts';
import { registerModel } from '../../../../src/testkit/checkers/model.ts';

function thrown(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('throwing forms', () => {
  const stale = buildHistory([
    { client: 'c1', f: 'write', input: 2, at: [100, 110] },
    { client: 'c2', f: 'read', output: null, at: [130, 140] },
  ]);

  it('raise a PropertyViolation with the property, the seed and the culprit operations as trace', () => {
    const error = thrown(() => assertLinearizable(stale, registerModel(), { seed: 7 }));
    expect(error).toBeInstanceOf(PropertyViolation);
    const violation = error as PropertyViolation;
    expect(violation.seed).toBe(7);
    expect(violation.property).toMatch(/^The register is not linearizable: read by c2 at 130–140 ms returned null/);
    expect(violation.trace.slice(0, 2)).toEqual([
      'write 2 by c1 at 100–110 ms (acknowledged)',
      'read by c2 at 130–140 ms → null (acknowledged)',
    ]);
  });

  it('use the trace lines they are given, at most 15', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const violation = thrown(() => assertConvergence({ A: 1, B: 2 }, { seed: 3, trace: lines })) as PropertyViolation;
    expect(violation.trace).toEqual(lines.slice(0, 15));
  });

  it('stay silent on a pass and throw on an inconclusive result', () => {
    expect(() => orThrow({ ok: true }, { seed: 1 })).not.toThrow();
    const undecided = { ok: false as const, inconclusive: true as const, property: 'undecided', details: [], culprits: [] };
    expect(() => orThrow(undecided, { seed: 1 })).toThrow(PropertyViolation);
  });
});
