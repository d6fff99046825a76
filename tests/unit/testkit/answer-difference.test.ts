import { describe, expect, it } from 'vitest';
import { answerDiff, MAX_DIFF_LINES } from '../../../src/testkit/answer-difference.ts';
import { checkAgainstReference, checkObjectsAgainstReference, fc } from '../../../src/testkit/generative.ts';
import { caughtViolation } from './caught-violation.ts';


describe('answerDiff', () => {
  it('marks, line by line, what only the expected answer has and what only yours has', () => {
    expect(answerDiff({ version: 3, writer: 'c1' }, { version: 2, writer: 'c1' })).toEqual([
      { kind: 'same', text: '{' },
      { kind: 'expected', text: '  "version": 3,' },
      { kind: 'yours', text: '  "version": 2,' },
      { kind: 'same', text: '  "writer": "c1",' },
      { kind: 'same', text: '}' },
    ]);
    expect(answerDiff([1, 2], [1, 2, 3])?.filter((line) => line.kind !== 'same')).toEqual([{ kind: 'yours', text: '  3,' }]);
    // Unchanged stretches left out of a long diff read as a gap, not as a patch header.
    const long = Array.from({ length: 30 }, (_, i) => i);
    const gapped = answerDiff(long, [...long.slice(0, 29), 99])!;
    expect(gapped[0]).toEqual({ kind: 'same', text: '…' });
    expect(gapped.some((line) => line.text.includes('@@'))).toBe(false);
  });

  it('has nothing to add for numbers, text, equal values, or values that are not plain data', () => {
    expect(answerDiff(1, 2)).toBeUndefined();
    expect(answerDiff('a', 'b')).toBeUndefined();
    expect(answerDiff({ a: [1] }, { a: [1] })).toBeUndefined();
    expect(answerDiff({ a: 1 }, null)).toBeUndefined();
    expect(answerDiff(new Map([[1, 2]]), { a: 1 })).toBeUndefined();
    expect(answerDiff({ f: () => 1 }, { f: 2 })).toBeUndefined();
  });

  it('keeps a long diff to its limit and counts the rest', () => {
    const expected = Array.from({ length: 100 }, (_, i) => i);
    const lines = answerDiff(expected, expected.map((i) => (i % 2 === 0 ? i : -i)))!;
    expect(lines).toHaveLength(MAX_DIFF_LINES + 1);
    expect(lines.at(-1)!.text).toMatch(/^… \d+ more lines$/);
  });
});

describe('a failed generated case', () => {
  it('carries its table: the call, both answers, the diff of structured answers, and how it was found', () => {
    const violation = caughtViolation(() =>
      checkAgainstReference({
        name: 'pair',
        seed: 3,
        runs: 50,
        inputs: fc.tuple(fc.nat(9)),
        learner: (n: number) => ({ n, twice: n * 2 + (n > 4 ? 1 : 0) }),
        reference: (n: number) => ({ n, twice: n * 2 }),
      }),
    );
    expect(violation.difference).toMatchObject({ before: [], call: 'pair(5)', yours: '{ n: 5, twice: 11 }', expected: '{ n: 5, twice: 10 }' });
    expect(violation.difference?.why).toBeUndefined();
    expect(violation.difference?.diff?.filter((line) => line.kind !== 'same')).toEqual([
      { kind: 'expected', text: '  "twice": 10,' },
      { kind: 'yours', text: '  "twice": 11,' },
    ]);
    expect(violation.difference?.found).toMatch(/^Found by case \d+ of seed 3, then shrunk \((1 smaller case|\d+ smaller cases) tried\)\.$/);
  });

  it("gives a judge's sentence as the reason, and the calls before a method call that differs", () => {
    const violation = caughtViolation(() =>
      checkObjectsAgainstReference({
        make: 'new Counter',
        makeArgs: fc.tuple(),
        seed: 5,
        runs: 50,
        call: fc.constantFrom({ method: 'add', args: [] }, { method: 'value', args: [] }),
        learner: () => {
          let count = 0;
          return { add: () => void (count += count >= 2 ? 2 : 1), value: () => count };
        },
        reference: () => {
          let count = 0;
          return { add: () => void count++, value: () => count };
        },
        judge: (got, expected) => (JSON.stringify(got) === JSON.stringify(expected) ? null : 'counts more than one per add.'),
      }),
    );
    expect(violation.difference?.why).toBe('counts more than one per add.');
    expect(violation.difference?.call).toBe('a.value()');
    expect(violation.difference?.before[0]).toBe('const a = new Counter();');
    expect(violation.difference?.before.filter((line) => line.startsWith('a.add()'))).toHaveLength(3);
  });
});
