import { checkAgainstReference, defineTests, expect, fc, PropertyViolation, recordRun, sharedRuns, show, storyEvents, test } from '../../src/testkit/index.ts';
import { HICCUP_MS, KNEE_SERVERS, MAX_STEPS, MAX_USERS, SLO_MS, kneeOf, stepRun, type KneeServer, type StepResult, type StepRun } from '../../src/scenarios/knee-load-test.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

/** The tail server draws its work at random, so its knee moves with the seed. */
const TAIL_SEEDS = [1, 2, 3];
/** The other servers do constant work: every seed gives the same runs, so one seed grades them. */
const CONSTANT_SEEDS = [1];
/** How far below the knee a reported capacity may be. */
const TOLERANCE = 1;
/** The most slow requests a failure's story shows. */
const STORY_REQUESTS = 5;

/**
 * Each step's run, simulated once per (server, level, hiccup, seed) and shared: the learner's code only chooses
 * the level, so the run is the same whoever asks for it, and the warm-up's grading leaves it measured. Untraced,
 * for speed: a failure's story comes from a traced run of the same seed, which replays it exactly.
 */
const stepRuns = new Map<string, (seed: number) => StepRun>();
function measure(server: KneeServer, users: number, hiccup: boolean, seed: number): StepResult {
  const key = `${server} ${users} ${hiccup}`;
  let runs = stepRuns.get(key);
  if (runs === undefined) {
    runs = sharedRuns((runSeed) => stepRun(KNEE_SERVERS[server], users, hiccup, runSeed, false));
    stepRuns.set(key, runs);
  }
  return runs(seed).result;
}

/**
 * The true knee, measured by the grader on clean steps: its ground truth. Asked of the shared runs every time
 * (never kept), so a warmed-up grading records the same runs as a cold one.
 */
function trueKnee(server: KneeServer, seed: number): number {
  return kneeOf((users) => measure(server, users, false, seed));
}

/** What one load test allows, and whether hiccups hit it. */
interface Limits {
  readonly maxUsers: number;
  readonly maxSteps: number;
  readonly hiccups: boolean;
}

const LIMITS: Limits = { maxUsers: MAX_USERS, maxSteps: MAX_STEPS, hiccups: false };

interface Step {
  readonly users: number;
  readonly hiccup: boolean;
  readonly result: StepResult;
}

interface LoadTest {
  /** What findCapacity returned, or the message of what it threw. */
  readonly answer: { returned: unknown } | { threw: string };
  /** Every step it ran, in order, as the grader recorded them. */
  readonly steps: readonly Step[];
}

function usersText(users: number): string {
  return users === 1 ? '1 user' : `${users} users`;
}

function describeStep({ users, hiccup, result }: Step, i: number): string {
  const verdict = result.p99Ms <= SLO_MS ? 'meets' : 'misses';
  return `step ${i + 1}: ${usersText(users)} → ${result.requests} requests, mean ${result.meanMs} ms, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (${verdict})${hiccup ? `, hit by a ${HICCUP_MS} ms hiccup` : ''}`;
}

/**
 * Runs the learner's load test against `server`. With `hiccups`, the first step at a level the server meets
 * is hit by a hiccup — always a level at or below the knee — and every other step is clean.
 */
function runLoadTest(learner: Learner, server: KneeServer, seed: number, { maxUsers, maxSteps, hiccups }: Limits): LoadTest {
  const steps: Step[] = [];
  let cleanMeets = 0;
  const runStep = (users: number): StepResult => {
    if (typeof users !== 'number' || !Number.isInteger(users) || users < 1 || users > maxUsers) {
      throw new RangeError(`runStep(${show(users)}): a step's load is a whole number of users from 1 to ${maxUsers}`);
    }
    if (steps.length >= maxSteps) throw new RangeError(`runStep(${users}): the budget of ${maxSteps} steps is spent`);
    let hiccup = false;
    if (hiccups && measure(server, users, false, seed).p99Ms <= SLO_MS) {
      cleanMeets += 1;
      hiccup = cleanMeets === 1;
    }
    const step = { users, hiccup, result: measure(server, users, hiccup, seed) };
    steps.push(step);
    return { ...step.result };
  };
  try {
    return { answer: { returned: learner.findCapacity(runStep, SLO_MS, maxUsers, maxSteps) }, steps };
  } catch (error) {
    return { answer: { threw: error instanceof Error ? error.message : show(error) }, steps };
  }
}

/** A failure that shows the learner's steps and, drawn, the run of the level that proves it. */
function loadTestViolation(property: string, server: KneeServer, seed: number, steps: readonly Step[], shownUsers: number): PropertyViolation {
  const run = stepRun(KNEE_SERVERS[server], shownUsers, false, seed);
  const culprits = run.slowest.slice(0, STORY_REQUESTS);
  return new PropertyViolation({
    property,
    seed,
    trace: steps.length === 0 ? ['findCapacity ran no step'] : steps.map(describeStep),
    run: recordRun(run.sim, seed, storyEvents(run.sim, culprits)),
  });
}

/**
 * Grades one load test on the simulation's ground truth: the capacity must be a whole number of users, a level
 * the learner's own steps measured meeting the SLO (or 0 after a step at 1 user that missed), never above the
 * true knee and at most {@link TOLERANCE} below it; the steps within the budget.
 */
function expectCapacity(learner: Learner, server: KneeServer, seeds: readonly number[], limits: Limits = LIMITS): void {
  const { maxUsers } = limits;
  for (const seed of seeds) {
    // Within a narrower range, the capacity is the top of the range when the knee lies above it.
    const knee = Math.min(trueKnee(server, seed), maxUsers);
    const { answer, steps } = runLoadTest(learner, server, seed, limits);
    const shown = Math.max(1, Math.min(maxUsers, knee + 1));
    if ('threw' in answer) throw loadTestViolation(`findCapacity threw: ${answer.threw}`, server, seed, steps, shown);
    const capacity = answer.returned;
    const slo = `the SLO (p99 ≤ ${SLO_MS} ms)`;
    const knew =
      knee === 0
        ? `the server misses ${slo} even with 1 user`
        : knee === maxUsers
          ? `the server meets ${slo} at every level up to the range's top, ${usersText(maxUsers)}`
          : `the server meets ${slo} up to ${usersText(knee)} and misses it at ${knee + 1}`;
    if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0 || capacity > maxUsers) {
      throw loadTestViolation(`findCapacity returned ${show(capacity)}, not a whole number of users from 0 to ${maxUsers}.`, server, seed, steps, shown);
    }
    if (capacity > knee) {
      throw loadTestViolation(`findCapacity reported a capacity of ${usersText(capacity)}, above the knee: ${knew}.`, server, seed, steps, shown);
    }
    if (capacity > 0 && !steps.some((step) => step.users === capacity && step.result.p99Ms <= SLO_MS)) {
      throw loadTestViolation(`findCapacity reported ${usersText(capacity)}, but none of its steps at ${usersText(capacity)} met the SLO: a capacity must be measured, not guessed.`, server, seed, steps, capacity);
    }
    if (capacity === 0 && !steps.some((step) => step.users === 1 && step.result.p99Ms > SLO_MS)) {
      throw loadTestViolation(`findCapacity reported 0 users without a step at 1 user that missed the SLO: a capacity must be measured, not guessed.`, server, seed, steps, 1);
    }
    if (capacity < knee - TOLERANCE) {
      throw loadTestViolation(`findCapacity reported ${usersText(capacity)}, more than ${usersText(TOLERANCE)} below the knee: ${knew}.`, server, seed, steps, knee);
    }
  }
}

/**
 * Up to {@link MAX_STEPS} steps, mostly at levels 1–8 (so levels repeat) and sometimes anywhere up to
 * {@link MAX_USERS}, with p99s around an SLO of 0–120 ms, often exactly on it.
 */
const generatedSteps = fc
  .tuple(
    fc.array(fc.tuple(fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: MAX_USERS })), fc.integer({ min: -3, max: 3 }), fc.nat(MAX_USERS)), { maxLength: MAX_STEPS }),
    fc.oneof(fc.nat(120), fc.constant(SLO_MS)),
  )
  .map(([raw, sloMs]): [StepResult[], number] => [
    raw.map(([users, offset, spread]) => {
      const p99Ms = Math.max(0, sloMs + offset * spread);
      return { users, requests: 100, throughputPerSec: 111, meanMs: Math.floor(p99Ms / 2), p50Ms: Math.floor(p99Ms / 2), p99Ms, maxMs: p99Ms + 1 };
    }),
    sloMs,
  ]);

export default defineTests<Learner>((learner) => {
  test('reports 0 users for a server too slow for one user', () => {
    for (const seed of CONSTANT_SEEDS) expect(trueKnee('slow', seed), `the slow server's knee on seed ${seed}`).toBe(0);
    expectCapacity(learner, 'slow', CONSTANT_SEEDS);
  });

  test('finds the knee of a server whose requests queue for one lock', () => {
    for (const seed of CONSTANT_SEEDS) {
      // The lock's queue grows from the second user on: the knee is well inside the range, not at its ends.
      expect(measure('locked', 2, false, seed).p99Ms, 'the locked server: p99 at 2 users above 1 user').toBeGreaterThan(measure('locked', 1, false, seed).p99Ms);
      expect(trueKnee('locked', seed), `the locked server's knee on seed ${seed}`).toBeGreaterThan(8);
      expect(trueKnee('locked', seed), `the locked server's knee on seed ${seed}`).toBeLessThan(16);
    }
    expectCapacity(learner, 'locked', CONSTANT_SEEDS);
  });

  test('finds the knee of a server that is flat until its worker pool is busy', () => {
    for (const seed of CONSTANT_SEEDS) {
      // Flat at light load: nothing in the first steps predicts where the queue starts.
      expect(measure('pool', 2, false, seed).p99Ms, 'the pool server: p99 at 2 users equals 1 user').toBe(measure('pool', 1, false, seed).p99Ms);
      expect(trueKnee('pool', seed), `the pool server's knee on seed ${seed}`).toBeGreaterThan(16);
      expect(trueKnee('pool', seed), `the pool server's knee on seed ${seed}`).toBeLessThan(MAX_USERS);
      // A p99 exactly on the SLO at the knee: it meets.
      expect(measure('pool', trueKnee('pool', seed), false, seed).p99Ms, 'the pool server: p99 at its knee').toBe(SLO_MS);
    }
    expectCapacity(learner, 'pool', CONSTANT_SEEDS);
  });

  test('judges each step by its p99 on a server whose mean hides its tail', () => {
    for (const seed of TAIL_SEEDS) {
      const knee = trueKnee('tail', seed);
      expect(knee, `the tail server's knee on seed ${seed}`).toBeGreaterThan(4);
      // Where the p99 has left the SLO, the mean is still far inside it.
      expect(measure('tail', knee + 2, false, seed).meanMs, `the tail server's mean at ${knee + 2} users on seed ${seed}`).toBeLessThanOrEqual(SLO_MS * 0.8);
    }
    expectCapacity(learner, 'tail', TAIL_SEEDS);
  });

  test('tells a hiccup from the knee', () => {
    for (const seed of TAIL_SEEDS) {
      // A hiccup makes a step miss at any load, even one user.
      expect(measure('tail', 1, true, seed).p99Ms, `the tail server hit by a hiccup at 1 user on seed ${seed}`).toBeGreaterThan(SLO_MS);
    }
    expectCapacity(learner, 'tail', TAIL_SEEDS, { ...LIMITS, hiccups: true });
  });

  test('keeps to a narrower range and a tighter budget', () => {
    // The pool server meets the SLO at every level up to 12: the capacity is the top of the range.
    expect(trueKnee('pool', 1), 'the pool server: its knee above 12 users').toBeGreaterThan(12);
    expectCapacity(learner, 'pool', CONSTANT_SEEDS, { maxUsers: 12, maxSteps: 5, hiccups: false });
    // Nine steps for the slow server: every level misses, and the last miss cannot be run again.
    expectCapacity(learner, 'slow', CONSTANT_SEEDS, { ...LIMITS, maxSteps: 9 });
  });

  test('capacityFrom agrees with the reference on generated steps', () => {
    checkAgainstReference({ name: 'capacityFrom', seed: 1591, runs: 150, inputs: generatedSteps, learner: learner.capacityFrom, reference: Reference.capacityFrom });
  });
});
