import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../../../src/testkit/history-builder.ts';
import { analyseExactlyOnce, checkExactlyOnce } from '../../../../src/testkit/checkers/exactly-once.ts';

const requests = buildHistory([
  { client: 'c1', f: 'submit', input: 'job-a', at: [0, 10] },
  { client: 'c2', f: 'submit', input: 'job-b', at: [5, 15] },
  { client: 'c3', f: 'submit', input: 'job-c', at: [6, 50], outcome: 'unknown' },
  { client: 'c4', f: 'submit', input: 'job-d', at: [7, 20], outcome: 'fail' },
]);
const idOf = (op: { input: unknown }) => String(op.input);

describe('exactly-once effects', () => {
  it('passes when acknowledged jobs ran once, in-doubt ones at most once and refused ones never', () => {
    const effects = [
      { id: 'job-a', at: 30, node: 'W1' },
      { id: 'job-b', at: 40, node: 'W2' },
    ];
    expect(checkExactlyOnce(requests, effects, { idOf }).ok).toBe(true);
    expect(checkExactlyOnce(requests, [...effects, { id: 'job-c', at: 70 }], { idOf }).ok).toBe(true);
  });

  it('reports duplicates, losses, refused-but-applied and phantom effects', () => {
    const effects = [
      { id: 'job-a', at: 30, node: 'W1' },
      { id: 'job-a', at: 90, node: 'W2' },
      { id: 'job-d', at: 95 },
      { id: 'job-z', at: 99 },
    ];
    const report = analyseExactlyOnce(requests, effects, { idOf });
    expect(report.duplicated.map((d) => [idOf(d.request), d.effects.length])).toEqual([['job-a', 2]]);
    expect(report.lost.map(idOf)).toEqual(['job-b']);
    expect(report.refusedButApplied.map((r) => idOf(r.request))).toEqual(['job-d']);
    expect(report.phantoms).toEqual([{ id: 'job-z', at: 99 }]);
    const result = checkExactlyOnce(requests, effects, { idOf });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.property).toBe(
      'Every acknowledged request must take effect exactly once (exactly-once effects), but request job-a took effect 2 times (W1 at 30 ms, W2 at 90 ms).',
    );
    expect(result.details).toEqual([
      '1 duplicated, 1 lost, 1 refused but applied, 1 phantom',
      'request job-b was acknowledged to c2 at 15 ms but never took effect',
      'request job-d was refused but took effect (95 ms)',
      'an effect for unknown request job-z happened (99 ms)',
    ]);
  });

  it('judges retries of one logical request by their best outcome', () => {
    const retried = buildHistory([
      { client: 'c1', f: 'submit', input: 'job-a', at: [0, 10], outcome: 'unknown' },
      { client: 'c1', f: 'submit', input: 'job-a', at: [20, 30] },
    ]);
    expect(checkExactlyOnce(retried, [], { idOf }).ok).toBe(false);
    expect(checkExactlyOnce(retried, [{ id: 'job-a', at: 25 }], { idOf }).ok).toBe(true);
  });

  it('uses operation ids when no id function is given', () => {
    expect(checkExactlyOnce(requests.slice(0, 1), [{ id: '0', at: 3 }]).ok).toBe(true);
  });
});
