import { defineTests, test, expect, runTwice, checkExactlyOnce, analyseExactlyOnce, PropertyViolation, checkAgainstReference, fc, show, type Answer } from '../../src/testkit/index.ts';
import { jobQueueRun, jobStory, type Handler as SimHandler, type SeenStore as SimSeen } from '../../src/scenarios/job-queue.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';
import { JobQueue } from '../job-queue/solution.ts';

type Learner = typeof Solution;
type Job = Solution.Job;

/** A recording harness: a fresh seen-store, a handler that logs (and may throw), and the wrapped handler. */
function harness(learner: Learner, failFirst: readonly string[] = []) {
  const ids = new Set<string>();
  const seen = { has: (id: string) => ids.has(id), add: (id: string) => void ids.add(id) };
  const effects: string[] = [];
  const calls = new Map<string, number>();
  const log: string[] = ['const wrapped = makeIdempotent(sendEmail, seen)'];
  const handler = (job: Job) => {
    const n = (calls.get(job.id) ?? 0) + 1;
    calls.set(job.id, n);
    if (failFirst.includes(job.id) && n === 1) throw new Error(`the mail server timed out on ${job.id}`);
    effects.push(job.id);
  };
  const wrapped = learner.makeIdempotent(handler, seen);
  const deliver = (job: Job) => {
    try {
      wrapped({ ...job });
      log.push(`wrapped(${JSON.stringify(job)}) returned; emails sent so far: [${effects.join(', ')}]`);
      return 'returned';
    } catch {
      log.push(`wrapped(${JSON.stringify(job)}) threw; emails sent so far: [${effects.join(', ')}]`);
      return 'threw';
    }
  };
  return { effects, log, deliver, ids };
}

const job = (id: string, payload: string, attempt = 1): Job => ({ id, payload, attempt });
const SEEDS = [1, 2, 3];
const SIM = { flaky: [6], slow: [8], crashOn: [3], samePayload: [[2, 9]] as const };

/** One delivery of a generated run: which worker gets the job, and whether the mail server fails this time. */
interface Delivery {
  worker: number;
  job: Job;
  mailServer: 'works' | 'fails';
}
type Deliveries = [recordedBefore: string[], deliveries: Delivery[]];
/** What each delivery did (how often it tried to send, and whether the wrapper returned or threw), and the ids recorded at the end. */
interface Outcome {
  deliveries: string[];
  recorded: string[];
}

/**
 * Up to 12 deliveries of jobs j1–j3 to three workers (each with its own wrapped handler) sharing one seen store,
 * in which earlier workers may already have recorded some ids. A job keeps its payload, two jobs may share
 * one, a redelivery comes as a new object with the next attempt number, and the mail server fails a third of
 * the time.
 */
const JOB_IDS = ['j1', 'j2', 'j3'];
const deliveryRuns = fc
  .tuple(
    fc.subarray(JOB_IDS),
    fc.array(fc.constantFrom('receipt 101', 'receipt 102'), { minLength: JOB_IDS.length, maxLength: JOB_IDS.length }),
    fc.array(fc.tuple(fc.nat(2), fc.constantFrom(...JOB_IDS), fc.oneof({ arbitrary: fc.constant('works' as const), weight: 2 }, { arbitrary: fc.constant('fails' as const), weight: 1 })), { maxLength: 12, size: 'max' }),
  )
  .map(([recordedBefore, payloads, steps]): Deliveries => {
    const attempts = new Map<string, number>();
    const deliveries = steps.map(([worker, id, mailServer]) => {
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      return { worker, job: { id, payload: payloads[JOB_IDS.indexOf(id)]!, attempt }, mailServer };
    });
    return [recordedBefore, deliveries];
  });

/** Runs the deliveries through `makeIdempotent` with fresh collaborators: a seen store, and a mail server that fails when told. */
function deliverAll(makeIdempotent: Learner['makeIdempotent']) {
  return (recordedBefore: string[], deliveries: Delivery[]): Outcome => {
    const ids = new Set(recordedBefore);
    const seen = { has: (id: string) => ids.has(id), add: (id: string) => void ids.add(id) };
    let mailServer: Delivery['mailServer'] = 'works';
    let sendCalls = 0;
    const sendEmail = () => {
      sendCalls += 1;
      if (mailServer === 'fails') throw new Error('the mail server timed out');
    };
    const workers = [0, 1, 2].map(() => makeIdempotent(sendEmail, seen));
    const outcomes = deliveries.map((delivery) => {
      mailServer = delivery.mailServer;
      sendCalls = 0;
      let ended = 'returned';
      try {
        workers[delivery.worker]!({ ...delivery.job });
      } catch {
        ended = 'threw';
      }
      const sent = sendCalls === 0 ? 'no send' : sendCalls > 1 ? `${sendCalls} sends` : delivery.mailServer === 'fails' ? 'send failed' : 'email sent';
      return `${sent}, ${ended}`;
    });
    return { deliveries: outcomes, recorded: [...ids].sort() };
  };
}

/** Names the first delivery whose outcome differs, in the learner's terms. */
function judgeDeliveries(got: Answer<Outcome>, expected: Answer<Outcome>, [recordedBefore, deliveries]: Deliveries): string | null {
  if (!('returned' in expected)) return null;
  const before = recordedBefore.length === 0 ? 'with no id recorded yet' : `with ${recordedBefore.join(', ')} already recorded as done`;
  if ('threw' in got) return `— ${before} — should give ${show(expected.returned)}, but it threw: ${got.threw}`;
  const i = deliveries.findIndex((_, n) => got.returned.deliveries[n] !== expected.returned.deliveries[n]);
  if (i >= 0) {
    const { worker, job, mailServer } = deliveries[i]!;
    return `— ${before} — delivery ${i + 1} (${job.id}, attempt ${job.attempt}, to worker ${worker}, the mail server ${mailServer === 'fails' ? 'failing' : 'working'}) should end "${expected.returned.deliveries[i]}", but yours ended "${got.returned.deliveries[i]}".`;
  }
  if (show(got.returned.recorded) !== show(expected.returned.recorded)) {
    return `— ${before} — should leave ${show(expected.returned.recorded)} recorded in the seen store, but yours left ${show(got.returned.recorded)}.`;
  }
  return null;
}

export default defineTests<Learner>((learner) => {
  test('a job delivered again does not run the handler again', () => {
    const h = harness(learner);
    h.deliver(job('j1', 'receipt 101'));
    h.deliver(job('j1', 'receipt 101', 2));
    h.deliver(job('j2', 'receipt 102'));
    h.deliver(job('j1', 'receipt 101', 3));
    expect(h.effects, `${h.log.join('\n')}\nEmails sent`).toEqual(['j1', 'j2']);
  });

  test('a job whose handler throws is not recorded, and the error reaches the queue', () => {
    const h = harness(learner, ['j1']);
    const first = h.deliver(job('j1', 'receipt 101'));
    expect(first, `${h.log.join('\n')}\nThe first delivery must throw, so the worker reports a failure and the queue retries`).toBe('threw');
    h.deliver(job('j1', 'receipt 101', 2));
    expect(h.effects, `${h.log.join('\n')}\nThe retry must send the email the first try could not; emails sent`).toEqual(['j1']);
  });

  test('two different jobs with the same payload both run', () => {
    const h = harness(learner);
    h.deliver(job('j1', 'receipt for order 101'));
    h.deliver(job('j2', 'receipt for order 101'));
    expect(h.effects, `${h.log.join('\n')}\n(two customers can get the same text; they are still two jobs) Emails sent`).toEqual(['j1', 'j2']);
  });

  test('agrees with the reference on generated deliveries to three workers', () => {
    checkAgainstReference({
      name: 'deliver', seed: 2751, runs: 60, inputs: deliveryRuns, judge: judgeDeliveries,
      learner: deliverAll(learner.makeIdempotent), reference: deliverAll(Reference.makeIdempotent),
    });
  });

  test('exactly one email per job under at-least-once delivery', () => {
    for (const seed of SEEDS) {
      const wrap = (handler: SimHandler, seen: SimSeen) => learner.makeIdempotent(handler as Solution.Handler, seen);
      const run = runTwice(seed, (s) => jobQueueRun({ queue: (settings) => new JobQueue(settings), wrap, ...SIM }, s));
      const idOf = (op: { input?: unknown }) => (op.input as { id: string }).id;
      const result = checkExactlyOnce(run.history, run.effects, { idOf });
      // At-least-once delivery must have delivered some job again, or exactly-once was not put to the test.
      const redelivered = run.deliveries.some((d, i) => run.deliveries.findIndex((e) => e.job.id === d.job.id) !== i);
      if (result.ok && !redelivered) {
        throw new PropertyViolation({
          property: `The queue delivered each of the ${run.jobs.length} jobs only once in this run, so this test cannot judge whether a job delivered again sends a second email: a handler that fails must throw, so the queue retries.`,
          seed: run.seed,
          trace: run.deliveries.slice(0, 6).map((d) => `${d.job.id} to ${d.worker} at ${d.atMs} ms (attempt ${d.job.attempt})`),
        });
      }
      if (result.ok) continue;
      const report = analyseExactlyOnce(run.history, run.effects, { idOf });
      const culprit = report.duplicated[0]?.request ?? report.lost[0];
      const jobId = culprit === undefined ? 'j1' : idOf(culprit);
      const delivered = run.deliveries.filter((d) => d.job.id === jobId).map((d) => `${d.worker} at ${d.atMs} ms (attempt ${d.job.attempt})`);
      throw new PropertyViolation({
        property: `Three workers, leases of 200 ms; the worker that gets j3 crashes, j8's first worker stalls past its lease, j6's first email attempt throws, and j2 and j9 carry the same text. The queue delivered ${jobId} to ${delivered.join(', ')}. ${result.property}`,
        seed: run.seed,
        trace: jobStory(run, jobId),
      });
    }
  });
});
