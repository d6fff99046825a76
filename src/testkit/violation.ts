import type { AnswerDifference, RecordedRun } from '../runner/contract.ts';

/**
 * A simulation property that broke. Scenario helpers throw it; the runner turns it into a failure the
 * learner can replay: the property in one sentence, the seed, and the few trace lines that matter.
 */
/**
 * What a `PropertyViolation` carries: the property in one sentence, the seed that replays the run, and the
 * trace lines of its story.
 */
export interface PropertyViolationDetails {
  /** What should always hold and did not, in one plain sentence. */
  readonly property: string;
  /** The seed that replays the failing run. */
  readonly seed: number;
  /** The causal trace that leads to the violation, one short line per event. */
  readonly trace: readonly string[];
  /** The run itself, cut to the window of the failure, for the results to draw (see recorded-run.ts). */
  readonly run?: RecordedRun;
  /** For a generated case: the call and both answers, for the results to show as a table (see generative.ts). */
  readonly difference?: AnswerDifference;
}

/**
 * The error a simulation test throws when a property broke. The runner shows the learner its property
 * sentence, the seed that replays the run and its trace; its message is the property and the seed.
 */
const violations = new WeakSet<object>();

export class PropertyViolation extends Error {
  override readonly name = 'PropertyViolation';
  readonly property: string;
  readonly seed: number;
  readonly trace: readonly string[];
  readonly run: RecordedRun | undefined;
  readonly difference: AnswerDifference | undefined;

  constructor(details: PropertyViolationDetails) {
    super(`${details.property} (seed ${details.seed})`);
    this.property = details.property;
    this.seed = details.seed;
    this.trace = [...details.trace];
    this.run = details.run;
    this.difference = details.difference;
    violations.add(this);
  }
}

/** For the runner: a brand only this module can set, so no value learner code makes can pass for one. */
export function isPropertyViolation(value: unknown): value is PropertyViolation {
  return typeof value === 'object' && value !== null && violations.has(value);
}
