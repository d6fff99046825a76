import { describe, expect, it } from 'vitest';
import { inputsOf } from '../../../src/mutation/report.ts';
import type { MutantRecord, MutationFiles, MutationReport } from '../../../src/mutation/report.ts';
import { verifyMutationReport } from '../../../src/mutation/verify.ts';

const contents = { 'solution.ts': 'export const limit = (n: number) => n > 3;\n', 'tests.ts': 'export default 1;\n' };
const survivor: MutantRecord = { line: 1, column: 37, endLine: 1, endColumn: 42, mutator: 'EqualityOperator', original: 'n > 3', replacement: 'n >= 3' };
const report = (over: Partial<MutationReport> = {}): MutationReport => ({ inputs: inputsOf(contents), mutants: 4, killed: 3, timedOut: 0, survivors: [survivor], ...over });
const equivalents = JSON.stringify([{ line: 1, column: 37, mutator: 'EqualityOperator', replacement: 'n >= 3', reason: 'n is never 3' }]);
const files = (committed: MutationReport, over: Partial<MutationFiles> = {}): MutationFiles => ({
  id: 'limit', folder: 'exercises/limit', contents, report: JSON.stringify(committed), equivalents, toKill: undefined, ...over,
});

describe('verifying a fresh mutation run against the committed report', () => {
  it('holds when the run finds the survivors the report names, each explained', () => {
    expect(verifyMutationReport(files(report()), report())).toEqual([]);
  });

  it('names a survivor the committed report does not list, which the check would also find unexplained', () => {
    const fresh = report({ survivors: [survivor, { ...survivor, column: 9, replacement: 'true', mutator: 'ConditionalExpression' }], killed: 2 });
    const breaches = verifyMutationReport(files(report()), fresh);
    expect(breaches).toContain('exercises/limit/solution.ts:1:9 ConditionalExpression (`n > 3` → `true`) survived this run, but exercises/limit/mutation.json does not list it: run `npm run mutate -- limit` and commit its report');
    expect(breaches.some((breach) => breach.includes('survives the hidden tests'))).toBe(true);
  });

  it('names a survivor the report lists that this run caught, and a changed number of mutants', () => {
    const breaches = verifyMutationReport(files(report()), report({ survivors: [], killed: 4, mutants: 5 }));
    expect(breaches).toContain('exercises/limit/solution.ts:1:37 EqualityOperator (`n > 3` → `n >= 3`) is listed as a survivor in exercises/limit/mutation.json, but this run caught it: run `npm run mutate -- limit` and commit its report');
    expect(breaches).toContain('exercises/limit/mutation.json counts 4 mutants, this run 5: run `npm run mutate -- limit` and commit its report');
  });

  it('says so when there is no committed report', () => {
    expect(verifyMutationReport(files(report(), { report: undefined }), report())[0]).toBe('exercises/limit/mutation.json is missing: run `npm run mutate -- limit` and commit its report');
  });
});
