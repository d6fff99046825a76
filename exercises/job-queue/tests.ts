import { defineTests, test, expect, checkScenario, shrinkableScenario, checkAgainstReference, fc, sameData, show, type Answer, type CheckFailure, type CheckResult } from '../../src/testkit/index.ts';
import { jobQueueRun, jobStoryEvents, WORKERS as SIM_WORKERS, type JobQueueRun, type QueueSettings } from '../../src/scenarios/job-queue.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;
type Queue = InstanceType<Learner['JobQueue']>;

const job = (n: number) => ({ id: `j${n}`, payload: `receipt for order ${100 + n}` });

/** Calls made so far, so a failure shows the whole conversation with the queue. */
class Log {
  readonly lines: string[];
  constructor(settings: QueueSettings) {
    this.lines = [`new JobQueue(${JSON.stringify(settings)})`];
  }
  call<T>(what: string, result: T): T {
    this.lines.push(`${what} → ${JSON.stringify(result) ?? 'undefined'}`);
    return result;
  }
  get text(): string {
    return `${this.lines.join('\n')}\nThe last call`;
  }
}

function leased(learner: Learner, settings: QueueSettings, jobs: number) {
  const queue: Queue = new learner.JobQueue({ ...settings });
  const log = new Log(settings);
  for (let n = 1; n <= jobs; n++) {
    queue.enqueue(job(n), n);
    log.lines.push(`enqueue(${JSON.stringify(job(n))}, ${n})`);
  }
  const lease = (worker: string, now: number) => {
    const got = log.call(`lease("${worker}", ${now})`, queue.lease(worker, now));
    return got === null ? null : { id: got.id, attempt: got.attempt };
  };
  return { queue, log, lease };
}

const SIM_SEEDS = [1, 2, 3];
const SIM = { poison: [4], flaky: [6], slow: [8], crashOn: [3] } as const;
const GRADED_JOBS = 12;

/** The workers, leases and faults of a run: only the jobs and faults it has (a shrunk run has fewer). */
function setup(run: JobQueueRun): string {
  const { leaseMs, maxAttempts } = run.settings;
  const has = (n: number) => n <= run.jobs.length;
  const workers = SIM_WORKERS.filter((worker) => run.sim.nodes.includes(worker)).length;
  const faults = [
    has(3) && 'the worker that gets j3 crashes 5 ms later',
    has(8) && "j8's first worker stalls for 350 ms",
    has(6) && 'j6 fails once',
    has(4) && 'j4 always fails',
  ].filter((fault) => fault !== false);
  return `${run.jobs.length} jobs, ${['no', 'one', 'two', 'three'][workers]} workers, leases of ${leaseMs} ms, at most ${maxAttempts} attempts; ${faults.join(', ')}.`;
}

/** A failure about one job: its enqueue is the culprit, and its deliveries are the story (`jobStoryEvents`). */
function jobFailure(run: JobQueueRun, jobId: string, property: string): CheckFailure {
  return { ok: false, property: `${setup(run)} ${property}`, details: [], culprits: run.history.filter((op) => (op.input as { id?: unknown } | undefined)?.id === jobId) };
}

const jobOf = (failure: CheckFailure): string => String((failure.culprits[0]?.input as { id?: unknown } | undefined)?.id ?? 'j3');

/** Every simulated failure is told by its job's deliveries, acks and failures. */
const story = (run: JobQueueRun, failure: CheckFailure) => jobStoryEvents(run, jobOf(failure));

/** The crash the tests are about: the worker that got j3 crashed holding it. */
const crashed = (run: JobQueueRun): string | null =>
  run.sim.trace.events().some((e) => e.kind === 'crash')
    ? null
    : `${setup(run)} No worker crashed holding j3, so this test cannot judge crashes: the queue must hand j3 out (oldest first) while workers poll for work.`;

/** No job held by two workers at once, no job handed out after an accepted ack, none lost, and a job re-leased after its lease ran out. */
function noneLostNorShared(run: JobQueueRun): CheckResult {
  const { leaseMs } = run.settings;
  for (const [i, d] of run.deliveries.entries()) {
    const earlier = run.deliveries.slice(0, i).filter((e) => e.job.id === d.job.id && d.atMs < e.atMs + leaseMs);
    const stillHeld = earlier.find(
      (e) => !run.acks.some((a) => a.jobId === e.job.id && a.worker === e.worker && a.atMs >= e.atMs && a.accepted === true) &&
        !run.fails.some((f) => f.jobId === e.job.id && f.worker === e.worker && f.atMs >= e.atMs && f.atMs <= d.atMs),
    );
    if (stillHeld !== undefined) {
      return jobFailure(run, d.job.id, `At ${d.atMs} ms the queue handed ${d.job.id} to ${d.worker}, although ${stillHeld.worker} had leased it at ${stillHeld.atMs} ms and its lease ran until ${stillHeld.atMs + leaseMs} ms: two workers held the same job.`);
    }
  }
  // An accepted ack is the queue's word that the job is done: check it against what the queue did afterwards.
  for (const ack of run.acks) {
    if (ack.accepted !== true) continue;
    const again = run.deliveries.find((d) => d.job.id === ack.jobId && d.atMs > ack.atMs);
    if (again !== undefined) {
      return jobFailure(run, ack.jobId, `At ${ack.atMs} ms the queue accepted ${ack.worker}'s ack of ${ack.jobId}, so the job was done, but at ${again.atMs} ms it handed ${ack.jobId} to ${again.worker} again.`);
    }
  }
  const lost = run.jobs.find((j) => j.id !== 'j4' && !run.acks.some((a) => a.jobId === j.id && a.accepted === true));
  if (lost !== undefined) {
    const handed = run.deliveries.filter((d) => d.job.id === lost.id).map((d) => `${d.worker} at ${d.atMs} ms`);
    return jobFailure(run, lost.id, `${lost.id} was never completed: the queue handed it to ${handed.join(', ') || 'nobody'}, and by ${run.sim.now} ms no worker's ack had been accepted — the job is lost.`);
  }
  // A lease ran out (j3's worker crashed, j8's stalled) and the job went to another worker: the situation under test.
  const reissued = run.deliveries.some((d) => run.deliveries.some((e) => e.job.id === d.job.id && e.worker !== d.worker && d.atMs >= e.atMs + leaseMs));
  if (!reissued) {
    return jobFailure(run, 'j3', `No job went to a second worker after its first lease ran out, although j3's worker crashed: this test cannot judge crashes and stalls. A job whose lease has run out must be handed out again.`);
  }
  return { ok: true };
}

/** The poison job j4 was delivered exactly maxAttempts times and is the only dead letter. */
function poisonDeadLettered(run: JobQueueRun): CheckResult {
  const deliveries = run.deliveries.filter((d) => d.job.id === 'j4').length;
  const dead = Array.isArray(run.deadLetters) ? run.deadLetters.map((j: { id?: unknown }) => j?.id) : run.deadLetters;
  if (deliveries === run.settings.maxAttempts && JSON.stringify(dead) === JSON.stringify(['j4'])) return { ok: true };
  return jobFailure(run, 'j4', `The poison job j4 was delivered ${deliveries} times (expected ${run.settings.maxAttempts}), and at the end deadLetters() held ${JSON.stringify(dead)} (expected only j4).`);
}

/** One call of a generated conversation with the queue: the method and its arguments, `now` last. */
type QueueCall = [method: 'enqueue' | 'lease' | 'ack' | 'fail' | 'deadLetters', ...args: unknown[]];
type QueueConversation = [settings: QueueSettings, calls: QueueCall[]];

const WORKERS = ['W1', 'W2', 'W3'];
const MAX_JOBS = 4;

/**
 * Leases of 1–3 ms or up to 300, one to six attempts, and up to 24 calls from three workers whose times never
 * go back: the same ms again, the next one, exactly at (or one ms either side of) the end of a recent lease, or
 * later. Up to four jobs, each enqueued once; acks and fails name an enqueued job, held by that worker or not.
 */
const queueConversations = fc
  .tuple(
    fc.record({ leaseMs: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 300 })), maxAttempts: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 6 })) }),
    fc.array(
      fc.tuple(
        fc.constantFrom('enqueue', 'lease', 'lease', 'lease', 'ack', 'ack', 'fail', 'deadLetters'),
        fc.constantFrom(...WORKERS),
        fc.nat(MAX_JOBS - 1),
        fc.oneof(fc.constantFrom('same', 'next'), fc.tuple(fc.nat(2), fc.integer({ min: -1, max: 1 })), fc.nat(400)),
      ),
      { maxLength: 24, size: 'max' },
    ),
  )
  .map(([settings, steps]): QueueConversation => {
    const leasedAt: number[] = [];
    let enqueued = 0;
    let now = 0;
    const calls: QueueCall[] = [];
    for (const [method, worker, job, when] of steps) {
      if (when === 'next') now += 1;
      else if (typeof when === 'number') now += when;
      else if (Array.isArray(when)) {
        // The end of a lease, counted back from the most recent one, moved by -1, 0 or +1 ms.
        const leased = leasedAt[leasedAt.length - 1 - when[0]];
        if (leased !== undefined) now = Math.max(now, leased + settings.leaseMs + when[1]);
      }
      if (method === 'enqueue' && enqueued < MAX_JOBS) {
        enqueued += 1;
        calls.push([method, { id: `j${enqueued}`, payload: `receipt for order ${100 + enqueued}` }, now]);
      } else if (method === 'lease') {
        leasedAt.push(now);
        calls.push([method, worker, now]);
      } else if (method === 'deadLetters') {
        calls.push([method, now]);
      } else if ((method === 'ack' || method === 'fail') && enqueued > 0) {
        calls.push([method, `j${(job % enqueued) + 1}`, worker, now]);
      }
    }
    return [settings, calls];
  });

const describeCall = ([method, ...args]: QueueCall): string => `${method}(${args.map((arg) => show(arg)).join(', ')})`;

/**
 * Holds the conversation with a fresh queue; what each call answered, or that it threw (`enqueue` and `fail`
 * answer nothing).
 */
function converseWith(make: (settings: QueueSettings) => Queue | Solution.JobQueue) {
  return (settings: QueueSettings, calls: QueueCall[]): unknown[] => {
    const queue = make({ ...settings }) as unknown as Record<QueueCall[0], (...args: unknown[]) => unknown>;
    return calls.map(([method, ...args]) => {
      try {
        const answer = queue[method](...args.map((arg) => (typeof arg === 'object' ? { ...arg } : arg)));
        return method === 'enqueue' || method === 'fail' ? undefined : answer;
      } catch (error) {
        return { threw: error instanceof Error ? error.message : String(error) };
      }
    });
  };
}

const describeAnswer = (value: unknown): string =>
  value !== null && typeof value === 'object' && 'threw' in value ? `threw (${String(value.threw)})` : value === undefined ? 'returned nothing' : `returned ${show(value)}`;

/** Shows the conversation up to the first call whose answer differs, with the answers expected before it. */
function judgeQueue(got: Answer<unknown[]>, expected: Answer<unknown[]>, [settings, calls]: QueueConversation): string | null {
  if (!('returned' in expected)) return null;
  const lines = [`new JobQueue(${show(settings)})`];
  for (const [i, call] of calls.entries()) {
    const want = expected.returned[i];
    const mine = 'returned' in got ? got.returned[i] : undefined;
    if ('threw' in got || !sameData(mine, want)) {
      const yours = 'threw' in got ? `your queue threw: ${got.threw}` : `yours ${describeAnswer(mine)}`;
      return `— ${[...lines, describeCall(call)].join('; ')} — the last call should have ${describeAnswer(want)}, but ${yours}.`;
    }
    lines.push(want === undefined ? describeCall(call) : `${describeCall(call)} → ${show(want)}`);
  }
  return null;
}

export default defineTests<Learner>((learner) => {
  // Both simulated tests check the same runs (seed 1 of the standard settings is shared), and a failing run is
  // shrunk to fewer jobs and workers: at least four jobs (j3's worker crashes, j4 is the poison job) and two
  // workers (a job whose lease runs out can go to another).
  const queueRuns = (settings: QueueSettings) =>
    shrinkableScenario({
      sizes: {
        jobs: { graded: GRADED_JOBS, smallest: 4, label: 'jobs' },
        workers: { graded: SIM_WORKERS.length, smallest: 2, label: 'workers' },
      },
      build: (seed, size) => jobQueueRun({ queue: (q) => new learner.JobQueue({ ...q }), settings, ...SIM, jobs: size.jobs, workers: size.workers }, seed),
    });
  const standard = queueRuns({ leaseMs: 200, maxAttempts: 3 });
  const short = queueRuns({ leaseMs: 150, maxAttempts: 2 });

  test('hands out jobs oldest first, each to one worker at a time', () => {
    const { log, lease } = leased(learner, { leaseMs: 100, maxAttempts: 3 }, 2);
    expect(lease('W1', 10), log.text).toEqual({ id: 'j1', attempt: 1 });
    expect(lease('W2', 11), log.text).toEqual({ id: 'j2', attempt: 1 });
    expect(lease('W3', 12), `${log.text} (both jobs are leased, so there is nothing to hand out)`).toBe(null);
  });

  test('a job whose lease runs out goes to the next worker, and the late ack is refused', () => {
    const { queue, log, lease } = leased(learner, { leaseMs: 100, maxAttempts: 3 }, 1);
    expect(lease('W1', 0), log.text).toEqual({ id: 'j1', attempt: 1 });
    expect(lease('W2', 99), `${log.text} (W1's lease runs until 100 ms)`).toBe(null);
    expect(lease('W2', 100), `${log.text} (W1's lease ran out at 100 ms: W1 may have crashed)`).toEqual({ id: 'j1', attempt: 2 });
    expect(log.call('ack("j1", "W1", 120)', queue.ack('j1', 'W1', 120)), `${log.text} (W1 lost its lease; W2 is working on j1 now)`).toBe(false);
    expect(log.call('ack("j1", "W2", 130)', queue.ack('j1', 'W2', 130)), `${log.text} (W2 holds the lease)`).toBe(true);
    expect(lease('W3', 400), `${log.text} (j1 is done)`).toBe(null);
  });

  test('a job that fails maxAttempts times goes to the dead-letter queue', () => {
    const { queue, log, lease } = leased(learner, { leaseMs: 100, maxAttempts: 2 }, 1);
    expect(lease('W1', 0), log.text).toEqual({ id: 'j1', attempt: 1 });
    queue.fail('j1', 'W1', 5);
    log.lines.push('fail("j1", "W1", 5)');
    expect(lease('W2', 6), `${log.text} (a failed job is retried at once)`).toEqual({ id: 'j1', attempt: 2 });
    queue.fail('j1', 'W2', 9);
    log.lines.push('fail("j1", "W2", 9)');
    expect(lease('W3', 10), `${log.text} (j1 failed on both of its 2 attempts)`).toBe(null);
    expect(log.call('deadLetters(11)', queue.deadLetters(11)), log.text).toEqual([job(1)]);
  });

  test('agrees with the reference on generated conversations with three workers', () => {
    checkAgainstReference({
      name: 'converse', seed: 2771, runs: 60, inputs: queueConversations, judge: judgeQueue,
      learner: converseWith((settings) => new learner.JobQueue(settings)), reference: converseWith((settings) => new Reference.JobQueue(settings)),
    });
  });

  test('no job is lost and none is held by two workers at once, through crashes and stalls', () => {
    checkScenario(SIM_SEEDS, standard, { happened: crashed, check: noneLostNorShared, story });
  });

  test('a poison job is delivered exactly maxAttempts times, then dead-lettered', () => {
    for (const runs of [standard, short]) {
      checkScenario([1], runs, {
        happened: (run) => (run.deliveries.some((d) => d.job.id === 'j4') ? null : `${setup(run)} The queue never handed out the poison job j4, so this test cannot judge dead-lettering: hand out every job, oldest first.`),
        check: poisonDeadLettered,
        judgedAtEnd: true,
        story,
      });
    }
  });
});
