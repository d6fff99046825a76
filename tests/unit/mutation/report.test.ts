import { describe, expect, it } from 'vitest';
import { inputsOf, mutationBreaches } from '../../../src/mutation/report.ts';
import type { MutantRecord, MutationFiles, MutationReport } from '../../../src/mutation/report.ts';

const contents = { 'solution.ts': 'export const limit = (n: number) => n > 3;\n', 'tests.ts': 'export default 1;\n' };
const survivor: MutantRecord = {
  line: 1,
  column: 37,
  endLine: 1,
  endColumn: 42,
  mutator: 'EqualityOperator',
  original: 'n > 3',
  replacement: 'n >= 3',
};
const report = (over: Partial<MutationReport> = {}): MutationReport => ({
  inputs: inputsOf(contents),
  mutants: 4,
  killed: 3,
  timedOut: 0,
  survivors: [survivor],
  ...over,
});
const files = (over: Partial<MutationFiles> = {}): MutationFiles => ({
  id: 'limit',
  folder: 'exercises/limit',
  contents,
  report: JSON.stringify(report()),
  equivalents: undefined,
  toKill: undefined,
  ...over,
});
const equivalent = { line: 1, column: 37, mutator: 'EqualityOperator', replacement: 'n >= 3', reason: 'n is never 3' };

const debt = { line: 1, column: 37, mutator: 'EqualityOperator', replacement: 'n >= 3', test: 'a limit of exactly 3' };

describe('the mutation check', () => {
  it('passes a survivor listed as still to kill, and names an entry whose mutant is caught now', () => {
    expect(mutationBreaches(files({ toKill: JSON.stringify([debt]) }))).toEqual([]);
    expect(mutationBreaches(files({ report: JSON.stringify(report({ survivors: [], killed: 4 })), toKill: JSON.stringify([debt]) }))).toEqual([
      'exercises/limit/mutants-to-kill.json entry 1 (exercises/limit/solution.ts:1:37 EqualityOperator (→ `n >= 3`)) is no surviving mutant of the last run: if a test catches it now, remove it; otherwise correct its line, column, mutator and replacement',
    ]);
    expect(mutationBreaches(files({ toKill: JSON.stringify([{ ...debt, test: ' ' }]) }))[0]).toMatch(
      /^exercises\/limit\/mutants-to-kill\.json does not match its format at 0\.test: expected one line on the test that would catch the mutant/,
    );
  });

  it('passes a current report whose every survivor is listed as equivalent', () => {
    expect(mutationBreaches(files({ equivalents: JSON.stringify([equivalent]) }))).toEqual([]);
    expect(mutationBreaches(files({ report: JSON.stringify(report({ survivors: [], killed: 4 })) }))).toEqual([]);
  });

  it('names a survivor by file, line, column and mutator, with what to do', () => {
    expect(mutationBreaches(files())).toEqual([
      'exercises/limit/solution.ts:1:37 EqualityOperator (`n > 3` → `n >= 3`) survives the hidden tests: add a test that catches it, ' +
        'or, if it behaves exactly like the solution, list it in exercises/limit/equivalent-mutants.json with the reason',
    ]);
  });

  it('asks for a run when the report is missing, or older than solution.ts or tests.ts', () => {
    expect(mutationBreaches(files({ report: undefined }))).toEqual([
      'exercises/limit/mutation.json is missing: run `npm run mutate -- limit` to grade the mutants of solution.ts',
    ]);
    const changed = { ...contents, 'tests.ts': 'export default 2;\n' };
    expect(mutationBreaches(files({ contents: changed }))).toEqual([
      'exercises/limit/mutation.json is out of date: tests.ts changed since the mutants were graded; run `npm run mutate -- limit`',
    ]);
    const both = { 'solution.ts': 'x', 'tests.ts': 'y' };
    expect(mutationBreaches(files({ contents: both }))[0]).toContain('solution.ts and tests.ts changed');
  });

  it('names a folder outside exercises/ by its path', () => {
    expect(mutationBreaches(files({ folder: 'tests/fixtures/limit', report: undefined }))).toEqual([
      'tests/fixtures/limit/mutation.json is missing: run `npm run mutate -- tests/fixtures/limit` to grade the mutants of solution.ts',
    ]);
  });

  it('refuses a report or an equivalents list that does not parse, naming the field', () => {
    expect(mutationBreaches(files({ report: '{' }))[0]).toMatch(/^exercises\/limit\/mutation\.json is not valid JSON \(.+\): run `npm run mutate -- limit` to write it again$/);
    expect(mutationBreaches(files({ report: JSON.stringify({ ...report(), mutants: -1 }) }))[0]).toMatch(
      /^exercises\/limit\/mutation\.json does not match its format at mutants: .+: run `npm run mutate -- limit` to write it again$/,
    );
    const noReason = JSON.stringify([{ ...equivalent, reason: ' ' }]);
    expect(mutationBreaches(files({ equivalents: noReason }))).toContain(
      'exercises/limit/equivalent-mutants.json does not match its format at 0.reason: expected one line on why the mutant behaves exactly like the solution',
    );
  });

  it('names an equivalent that is no longer a survivor, so the list stays true', () => {
    const moved = { ...equivalent, line: 2 };
    expect(mutationBreaches(files({ equivalents: JSON.stringify([equivalent, moved]) }))).toEqual([
      'exercises/limit/equivalent-mutants.json entry 2 (exercises/limit/solution.ts:2:37 EqualityOperator (→ `n >= 3`)) is no surviving mutant ' +
        'of the last run: remove it, or correct its line, column, mutator and replacement',
    ]);
  });

  it('matches an equivalent on line, column, mutator and replacement alike', () => {
    for (const wrong of [{ column: 36 }, { mutator: 'ConditionalExpression' }, { replacement: 'true' }]) {
      const breaches = mutationBreaches(files({ equivalents: JSON.stringify([{ ...equivalent, ...wrong }]) }));
      expect(breaches).toHaveLength(2);
      expect(breaches[0]).toContain('survives the hidden tests');
    }
  });
});
