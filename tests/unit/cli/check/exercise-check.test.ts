import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkExercise } from '../../../../src/cli/check/exercise-check.ts';

const fixture = (path: string): string => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('the curriculum check', () => {
  it('finds nothing wrong with a sound exercise', async () => {
    const check = await checkExercise(fixture('exercises/sum'));
    expect(check).toMatchObject({ id: 'sum', tests: 2, wrongVariants: 2, alternatives: 1, breaches: [] });
  });

  it('names an alternative solution the tests reject, with its first failing test', async () => {
    const check = await checkExercise(fixture('demanding-exercises/halve'));
    expect(check.breaches).toHaveLength(1);
    expect(check.breaches[0]).toMatch(
      /^alternatives\/rounds-up\.ts is a correct solution written another way, but the run ended with fail: "halves 5" \(halve\(5\).*\)$/,
    );
  });

  it('names a test that no wrong variant fails, a wrong variant that passes, and a test list that differs', async () => {
    const check = await checkExercise(fixture('broken-exercises/double'));
    expect(check.breaches).toEqual([
      'wrong/squares.ts passes every test; the hidden tests must reject it',
      'exercise.json field "tests" must equal the registered test names, in order (registered but not listed: "doubles 0"; listed but not registered: "doubles zero")',
      'test "doubles 2" fails on no wrong variant: add a wrong/*.ts it catches, or drop the test',
    ]);
  });

  it('names a graded seed whose two runs differ', async () => {
    const check = await checkExercise(fixture('broken-exercises/unstable-seed'));
    expect(check.breaches).toContain('test "hands out a positive ticket" gave two fingerprints for seed 1 with solution.ts (1 ≠ 2)');
    expect(check.breaches[0]).toMatch(/^solution\.ts must pass, but the run ended with fail: "hands out a positive ticket" \(Seed 1 ran twice/);
  });

  it('names a surviving mutant of the solution that the tests let through', async () => {
    const check = await checkExercise(fixture('mutation-exercises/early-return'));
    expect(check.breaches).toEqual([
      'tests/unit/fixtures/mutation-exercises/early-return/solution.ts:3:7 ConditionalExpression (`values.length === 0` → `false`) survives ' +
        'the hidden tests: add a test that catches it, or, if it behaves exactly like the solution, list it in ' +
        'tests/unit/fixtures/mutation-exercises/early-return/equivalent-mutants.json with the reason',
    ]);
  });

  describe('a simulation the learner runs in', () => {
    it('names a simulated test when no wrong variant fails with its run drawn', async () => {
      const check = await checkExercise(fixture('run-exercises/hidden-run'));
      expect(check.breaches).toEqual([
        'test "b doubles what a sends" runs a simulation, but no wrong variant fails with its run drawn: pass the run to the ' +
          'PropertyViolation (recordRun), or, if the learner\'s code takes no part in the simulation, say why in exercise.json field "referenceRunsOnly"',
      ]);
    });

    it('finds nothing wrong when a wrong variant fails with its run drawn', async () => {
      const check = await checkExercise(fixture('run-exercises/shown-run'));
      expect(check).toMatchObject({ id: 'shown-run', tests: 1, wrongVariants: 2, breaches: [] });
    });

    it('asks for no drawn run when exercise.json says why every simulation is a reference run', async () => {
      const check = await checkExercise(fixture('run-exercises/reference-run'));
      expect(check).toMatchObject({ id: 'reference-run', tests: 1, wrongVariants: 2, breaches: [] });
    });
  });

  it('exits non-zero from the command line, with one row per exercise and every breach named', async () => {
    const cli = execFile(process.execPath, ['src/cli/check-exercises.ts', fixture('broken-exercises')], { cwd: repoRoot });
    const exitCode = new Promise<number | null>((settle) => cli.on('exit', settle));
    let stdout = '';
    let stderr = '';
    cli.stdout?.on('data', (chunk: string) => (stdout += chunk));
    cli.stderr?.on('data', (chunk: string) => (stderr += chunk));
    expect(await exitCode).toBe(1);
    expect(stdout).toMatch(/^exercise\s+tests\s+alternatives\s+wrong variants\s+result\s+seconds\s+solution ms \/ budget$/m);
    expect(stdout).toMatch(/^double\s+2\s+1\s+2\s+3 breaches\s+\d+\.\d\s+\d+ \/ 5000$/m);
    expect(stdout).toMatch(/^unstable-seed\s+1\s+1\s+2\s+2 breaches\s+\d+\.\d\s+\d+ \/ 5000$/m);
    expect(stderr).toContain('5 breaches:');
    expect(stderr).toContain('✗ double: test "doubles 2" fails on no wrong variant');
  });
});

