import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exerciseMutations, renderMutationPage } from '../../../src/mutation/markdown.ts';
import { readMutationFiles } from '../../../src/mutation/report-files.ts';
import { listExerciseDirs } from '../../../src/course/exercise-folder.ts';
import type { MutationReport } from '../../../src/mutation/report.ts';

const page = fileURLToPath(new URL('../../../docs/mutation.md', import.meta.url));

const report: MutationReport = {
  inputs: { 'solution.ts': 'a', 'tests.ts': 'b' },
  mutants: 10,
  killed: 7,
  timedOut: 1,
  survivors: [
    { line: 3, column: 5, endLine: 3, endColumn: 10, mutator: 'EqualityOperator', original: 'a > b', replacement: 'a >= b' },
    { line: 7, column: 1, endLine: 9, endColumn: 2, mutator: 'BlockStatement', original: '{\n  x |= 1;\n}', replacement: '{}' },
  ],
};

describe('the mutation page', () => {
  it('counts every exercise, and lists each survivor with its place, mutator and verdict', () => {
    const text = renderMutationPage([
      { id: 'limit', report, equivalents: [{ line: 3, column: 5, mutator: 'EqualityOperator', replacement: 'a >= b', reason: 'a never equals b' }], toKill: [] },
      { id: 'fresh', report: undefined, equivalents: [], toKill: [] },
    ]);
    expect(text).toContain('Course-wide: **10 mutants, 8 killed (80.0 %)**, 1 equivalent, none still to kill, 1 unexplained survivors. Killed among mutants that are not equivalent: 88.9 %.');
    expect(text).toContain('| limit | 10 | 7 | 1 | 2 | 1 | 80.0 % |');
    expect(text).toContain('| fresh | – | – | – | – | – | no report |');
    expect(text).toContain('| [solution.ts:3:5](../exercises/limit/solution.ts#L3) | EqualityOperator | `a > b` → `a >= b` | equivalent: a never equals b |');
    expect(text).toContain('| [solution.ts:7:1](../exercises/limit/solution.ts#L7) | BlockStatement | `{ x \\|= 1; }` → `{}` | **not caught** |');
  });

  // After editing an equivalent-mutants.json: UPDATE_MUTATION_DOCS=1 npx vitest run --config tests/vitest.config.ts tests/unit/mutation/markdown.test.ts
  it('docs/mutation.md shows every exercise as its last report says', () => {
    const current = renderMutationPage(listExerciseDirs().map((dir) => exerciseMutations(readMutationFiles(dir))));
    if (process.env['UPDATE_MUTATION_DOCS'] === '1') writeFileSync(page, current);
    expect(readFileSync(page, 'utf8'), 'docs/mutation.md is out of date: run `npm run mutate`, or UPDATE_MUTATION_DOCS=1 with this test').toBe(current);
  });
});
