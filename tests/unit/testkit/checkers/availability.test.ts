import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../../../src/testkit/history-builder.ts';
import { checkAvailability, measureAvailability } from '../../../../src/testkit/checkers/availability.ts';

const history = buildHistory([
  { client: 'c1', f: 'read', output: 1, at: [0, 50] },
  { client: 'c2', f: 'read', output: 1, at: [10, 250] },
  { client: 'c3', f: 'write', input: 2, at: [20, 30], outcome: 'fail', error: 'no quorum' },
  { client: 'c4', f: 'write', input: 3, at: [30, 530], outcome: 'unknown' },
  { client: 'c5', f: 'read', at: [900, 0], outcome: 'pending' },
  { client: 'c6', f: 'read', output: 1, at: [1000, 1010] },
]);

describe('availability', () => {
  it('counts only successful replies within the deadline', () => {
    const measure = measureAvailability(history, { deadlineMs: 200 });
    expect([measure.answered, measure.total]).toEqual([2, 6]);
    expect(measure.unanswered.map((op) => op.client)).toEqual(['c2', 'c3', 'c4', 'c5']);
  });

  it('restricts the count to operations invoked in the window', () => {
    const measure = measureAvailability(history, { deadlineMs: 300, fromMs: 0, toMs: 30 });
    expect([measure.answered, measure.total]).toEqual([2, 3]);
  });

  it('fails below the threshold and tells how each miss happened', () => {
    const result = checkAvailability(history, { deadlineMs: 200, atLeast: 0.5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.property).toBe(
      'At least 50% of requests must get a successful reply within 200 ms (availability), but only 2 of 6 (33.3%) did; the first miss: read by c2 at 10 ms was answered after 240 ms (deadline 200 ms).',
    );
    expect(result.details).toEqual([
      'read by c2 at 10 ms was answered after 240 ms (deadline 200 ms)',
      'write by c3 at 20 ms was refused: no quorum',
      'write by c4 at 30 ms got no reply before the client gave up at 530 ms',
      'read by c5 at 900 ms was still waiting at the end of the run',
    ]);
  });

  it('passes at or above the threshold', () => {
    expect(checkAvailability(history, { deadlineMs: 1000, atLeast: 0.5 }).ok).toBe(true);
    expect(checkAvailability(history, { deadlineMs: 200, atLeast: 1 / 3 }).ok).toBe(true);
  });

  it('says "every request" for a threshold of 1 and refuses to judge an empty window', () => {
    const strict = checkAvailability(history, { deadlineMs: 1000, atLeast: 1 });
    expect(!strict.ok && strict.property.startsWith('Every request must get a successful reply within 1000 ms')).toBe(true);
    const empty = checkAvailability(history, { deadlineMs: 1000, atLeast: 1, fromMs: 5000 });
    expect(!empty.ok && empty.property.endsWith('no request was made in the window, so availability cannot be judged.')).toBe(true);
  });
});
