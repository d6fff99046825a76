/**
 * A Stryker test runner that grades each mutant of an exercise's `solution.ts` with that exercise's hidden
 * tests, through the same grading core as a learner's code, in one warm grading process per Stryker worker
 * (`warm-grader.ts`). Stryker finds and describes the mutants; the runner grades the original file with the
 * one mutant applied (`splice.ts`) rather than Stryker's instrumented file, whose switch between mutants
 * keeps its state on the global object, which the sealed realm does not allow. Configured by `mutate.ts`
 * through the `exerciseMutation.exerciseDir` option.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonTokens, declareClassPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import type { StrykerOptions } from '@stryker-mutator/api/core';
import { DryRunStatus, MutantRunStatus, TestStatus } from '@stryker-mutator/api/test-runner';
import type { DryRunResult, MutantRunOptions, MutantRunResult, TestRunner, TestRunnerCapabilities } from '@stryker-mutator/api/test-runner';
import type { RunResult } from '../runner/contract.ts';
import { WarmGrader } from './warm-grader.ts';
import { applyMutant } from './splice.ts';

export const testRunnerName = 'exercise-grader';

export interface ExerciseMutationOptions {
  readonly exerciseMutation: { readonly exerciseDir: string };
}

/** The dry run grades the reference solution, which must pass: it is also the warm-up's measure of time. */
const dryRunLimitMs = 60_000;

function failureOf(result: RunResult): { killedBy: string[]; failureMessage: string } {
  const failing = result.tests.filter((test) => test.status !== 'pass');
  if (failing.length === 0) return { killedBy: [], failureMessage: `${result.status}: ${result.message}` };
  return { killedBy: failing.map((test) => test.name), failureMessage: `${failing[0]!.name}: ${failing[0]!.message}` };
}

export class ExerciseGraderRunner implements TestRunner {
  static readonly inject = tokens(commonTokens.options);
  readonly #solutionPath: string;
  readonly #solution: string;
  readonly #grader: WarmGrader;

  constructor(options: StrykerOptions) {
    const { exerciseDir } = (options as StrykerOptions & ExerciseMutationOptions).exerciseMutation;
    this.#solutionPath = join(exerciseDir, 'solution.ts');
    this.#solution = readFileSync(this.#solutionPath, 'utf8');
    this.#grader = new WarmGrader(exerciseDir);
  }

  capabilities(): TestRunnerCapabilities {
    // Every mutant is a module loaded afresh, so a mutant in module-level code needs no reload.
    return { reloadEnvironment: true };
  }

  async init(): Promise<void> {
    await this.#grader.prepare();
  }

  async dryRun(): Promise<DryRunResult> {
    const result = await this.#grader.grade(this.#solution, dryRunLimitMs);
    if (result.status !== 'pass') {
      return { status: DryRunStatus.Error, errorMessage: `${this.#solutionPath} must pass its hidden tests: ${failureOf(result).failureMessage}` };
    }
    return {
      status: DryRunStatus.Complete,
      tests: result.tests.map((test) => ({ id: test.name, name: test.name, timeSpentMs: test.durationMs, status: TestStatus.Success })),
    };
  }

  async mutantRun({ activeMutant, timeout, disableBail }: MutantRunOptions): Promise<MutantRunResult> {
    const source = applyMutant(this.#solution, activeMutant.location, activeMutant.replacement);
    const result = await this.#grader.grade(source, timeout, { stopAtFirstFailure: !disableBail });
    const nrOfTests = result.tests.length;
    const duration = result.timings.testMs;
    if (result.status === 'timeout') return { status: MutantRunStatus.Timeout, reason: result.message, duration };
    if (result.status === 'pass') return { status: MutantRunStatus.Survived, nrOfTests, duration };
    return { status: MutantRunStatus.Killed, ...failureOf(result), nrOfTests, duration };
  }

  async dispose(): Promise<void> {
    this.#grader.dispose();
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, testRunnerName, ExerciseGraderRunner)];

/** Lets Stryker's option validation accept the runner's one option. */
export const strykerValidationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema',
  type: 'object',
  properties: {
    exerciseMutation: {
      type: 'object',
      properties: { exerciseDir: { type: 'string', description: 'The exercise folder whose solution.ts is mutated.' } },
      required: ['exerciseDir'],
    },
  },
};
