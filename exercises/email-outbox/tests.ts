import { checkAgainstReference, defineTests, fc, PropertyViolation, recordRun, sharedRuns, show, test, type Answer } from '../../src/testkit/index.ts';
import {
  CRASH_JOB, JOBS, KEY_TTL_MS, LATE_ENQUEUE_MS, LATE_JOB, LEASE_MS, MAX_ATTEMPTS, MAX_STEPS, RACE_JOB, STALL_MS, TWIN_JOBS,
  describeAnswer, describeEmail, describeStep, jobStory, outboxRun, plainStep,
  type JobSpec, type NextStep, type OutboxRun, type PlainAnswer, type PlainEmail,
} from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3];
const sameEmail = (email: PlainEmail, job: JobSpec) => email.to === job.to && email.body === job.body;

/** Every job whose email is `job`'s: itself, and a twin that carries the same email. */
const carriersOf = (job: JobSpec, jobs: readonly JobSpec[]) => jobs.filter((j) => sameEmail(j, job));

/**
 * The run with a job's messages up to `untilMs` highlighted, the latest 15 — its handouts, reads, writes, acks
 * and sends, and every send of `email` (a twin's or an outbox relay's): the evidence `jobStory` tells.
 */
function jobRun(run: OutboxRun, jobId: string, untilMs = Infinity, email?: PlainEmail) {
  const evidence = run.sim.trace.events().filter((event) => {
    if (event.kind !== 'deliver' || event.time > untilMs) return false;
    const m = event.data as { jobId?: unknown; job?: { id?: unknown }; type?: unknown; email?: PlainEmail } | undefined;
    if (m?.jobId === jobId || m?.job?.id === jobId) return true;
    return email !== undefined && m?.type === 'send' && m.email !== undefined && m.email.to === email.to && m.email.body === email.body;
  });
  return recordRun(run.sim, run.seed, evidence.slice(-15));
}

/**
 * Judged on the mail server's record: the emails it delivered with `jobId`'s address and text must number
 * exactly the jobs that carry that email (one each).
 */
function deliveredOnce(run: OutboxRun, jobId: string, setup: string): void {
  const job = JOBS.find((j) => j.id === jobId)!;
  const carriers = carriersOf(job, JOBS);
  const delivered = run.mail.filter((m) => m.delivered && sameEmail(m.email, job));
  if (delivered.length === carriers.length) return;
  const twin = carriers.length > 1 ? ` ${carriers.map((j) => j.id).join(' and ')} carry the same email, so it must arrive ${carriers.length} times, once per job.` : '';
  const how = delivered.map((m) => `${m.from} at ${m.atMs} ms ${describeEmail(m.email)}`).join('; ');
  throw new PropertyViolation({
    property: `${setup} The mail server delivered ${jobId}'s email (to ${job.to}) ${delivered.length === 0 ? 'never' : `${delivered.length} times (${how})`}, but every job must lead to exactly one delivered email.${twin}`,
    seed: run.seed,
    // The story up to the last email, which a duplicate's story ends with.
    trace: jobStory(run, carriers.length > 1 && delivered.length > carriers.length ? carriers[1]!.id : jobId, delivered.at(-1)?.atMs ?? Infinity),
    run: jobRun(run, jobId, delivered.at(-1)?.atMs ?? Infinity, job),
  });
}

const noWindow = (run: OutboxRun, jobId: string, property: string) =>
  new PropertyViolation({ property: `This run did not produce the window under test, so it cannot judge it: ${property}`, seed: run.seed, trace: jobStory(run, jobId), run: jobRun(run, jobId) });

const CRASH_SETUP = `The worker holding ${CRASH_JOB}'s first delivery crashed the moment its first write (to the database or the mail server) took effect, and ${CRASH_JOB} was delivered again when its ${LEASE_MS} ms lease ran out.`;
const RACE_SETUP = `The worker holding ${RACE_JOB}'s first delivery stalled for ${STALL_MS} ms after its first answer; its ${LEASE_MS} ms lease ran out, another worker handled ${RACE_JOB}, then the first carried on.`;
const LATE_SETUP = `${LATE_JOB} was enqueued again at ${LATE_ENQUEUE_MS} ms (the web server's first enqueue went unanswered), after the mail server had forgotten its keys (it keeps one for ${KEY_TTL_MS} ms).`;

function crashWindow(run: OutboxRun): void {
  if (run.crash !== null) return;
  throw noWindow(run, CRASH_JOB, `the worker holding ${CRASH_JOB}'s first delivery is crashed at its first write — a write to the database or an email — but that delivery made none. A delivery must write something: an email, or a row that leads to one.`);
}

function raceWindow(run: OutboxRun): void {
  const { stall } = run;
  const during = stall !== null && run.steps.some((s) => s.jobId === RACE_JOB && s.attempt > 1 && s.atMs > stall.fromMs && s.atMs < stall.untilMs);
  const after = stall !== null && run.steps.some((s) => s.jobId === RACE_JOB && s.attempt === 1 && s.worker === stall.worker && s.atMs >= stall.untilMs);
  if (during && after) return;
  throw noWindow(run, RACE_JOB, `${RACE_JOB}'s first delivery must take a step, stall with its answer for ${STALL_MS} ms while another worker takes ${RACE_JOB}'s next delivery, and carry on afterwards; ${stall === null ? 'its first step got no answer' : !during ? 'no other delivery took a step during the stall' : 'the stalled delivery took no step after it'}.`);
}

function lateWindow(run: OutboxRun): void {
  const job = JOBS.find((j) => j.id === LATE_JOB)!;
  const first = run.mail.find((m) => m.delivered && sameEmail(m.email, job));
  const again = run.deliveries.find((d) => d.jobId === LATE_JOB && d.atMs >= LATE_ENQUEUE_MS);
  if (first !== undefined && again !== undefined && again.atMs - first.atMs >= KEY_TTL_MS) return;
  throw noWindow(run, LATE_JOB, `${LATE_JOB}'s email must be delivered soon after its first enqueue, and the job handed out again at least ${KEY_TTL_MS} ms later; ${again === undefined ? `the queue did not hand ${LATE_JOB} out after ${LATE_ENQUEUE_MS} ms` : `its email was first delivered at ${first?.atMs} ms`}.`);
}

// ---------------------------------------------------------------------------------------------------------
// Generated schedules, run on a model of the same system without a clock: every step is applied at once.

/** Two jobs, each delivered up to three times, interleaved step by step. */
type Op =
  | readonly ['step', job: number, delivery: number]
  | readonly ['crash', job: number, delivery: number]
  | readonly ['relay']
  | readonly ['relay-crash']
  | readonly ['forget'];
type Schedule = [jobs: JobSpec[], ops: Op[]];

const DELIVERIES = 3;
const schedules = fc
  .tuple(
    fc.constantFrom(['j1', 'j2'], ['j2', 'j10'], ['order-7', 'order-70']),
    fc.boolean(),
    fc.array(
      fc.oneof(
        { arbitrary: fc.tuple(fc.constant('step' as const), fc.nat(1), fc.nat(DELIVERIES - 1)), weight: 8 },
        { arbitrary: fc.tuple(fc.constant('crash' as const), fc.nat(1), fc.nat(DELIVERIES - 1)), weight: 2 },
        { arbitrary: fc.constantFrom<Op>(['relay'], ['relay-crash'], ['forget']), weight: 3 },
      ),
      { maxLength: 30, size: 'max' },
    ),
  )
  .map(([ids, twins, ops]): Schedule => [
    ids.map((id, i) => (twins ? { id, to: 'ana@example.com', body: 'Your receipt for order 7' } : { id, to: `c${i}@example.com`, body: `Your receipt for ${id}` })),
    ops as Op[],
  ]);

interface ModelDelivery {
  answers: PlainAnswer[];
  state: 'waiting' | 'running' | 'acked' | 'stopped';
}

/**
 * Runs a schedule against `nextStep` on a model of the database (rows and an outbox), the relay and the mail
 * server (keys it remembers until it forgets them all). A step of a delivery not yet started starts it, in
 * order; a crashed delivery takes no more steps. The mail server forgets its keys only when no delivery is
 * running, every job handed out was acknowledged and the outbox is empty: a key is never forgotten while it
 * still guards a window. At the end every running delivery finishes, a job nobody acknowledged is delivered
 * again (up to 5 deliveries in all), and the relay empties the outbox. Answers how many emails each job got
 * and which deliveries were reported failed; `say` is told each event, as a line made only when asked for.
 */
function play(nextStep: NextStep, jobs: JobSpec[], ops: Op[], say: (line: () => string) => void) {
  {
    const deliveries = jobs.map(() => [] as ModelDelivery[]);
    const rows = new Map<string, string>();
    const outbox: PlainEmail[] = [];
    const keys = new Set<string>();
    const delivered: PlainEmail[] = [];
    const failures: string[] = [];
    const mail = (email: PlainEmail, from: string) => {
      const repeat = email.idempotencyKey !== undefined && keys.has(email.idempotencyKey);
      if (email.idempotencyKey !== undefined) keys.add(email.idempotencyKey);
      if (!repeat) delivered.push(email);
      say(() => `${from} sends ${describeEmail(email)}: ${repeat ? 'dropped as a repeat' : 'delivered'}`);
    };
    const step = (j: number, d: number) => {
      const delivery = deliveries[j]![d]!;
      const job = { ...jobs[j]!, attempt: d + 1 };
      const s = delivery.answers.length >= MAX_STEPS ? { kind: 'invalid' as const, why: `gave up after ${MAX_STEPS} steps without an ack` } : (() => {
        try {
          return plainStep(nextStep({ ...job }, delivery.answers.map((a) => ({ ...a }))));
        } catch (error) {
          return { kind: 'invalid' as const, why: `nextStep threw: ${error instanceof Error ? error.message : show(error)}` };
        }
      })();
      const who = `${job.id}#${job.attempt}`;
      let answer: PlainAnswer | null = null;
      if (s.kind === 'read') answer = { found: rows.has(s.key), value: rows.get(s.key) ?? null };
      else if (s.kind === 'write') {
        const written = !(s.ifAbsent && rows.has(s.key));
        if (written) rows.set(s.key, s.value);
        if (written && s.outbox !== undefined) outbox.push(s.outbox);
        answer = { written };
      } else if (s.kind === 'send') {
        mail(s.email, who);
        answer = { sent: true };
      }
      if (s.kind !== 'send') say(() => `${who}: ${describeStep(s)}${answer === null ? '' : ` → ${describeAnswer(answer)}`}`);
      if (s.kind === 'invalid') failures.push(`${who} was reported failed: ${s.why}`);
      if (answer !== null) delivery.answers.push(answer);
      else delivery.state = s.kind === 'ack' ? 'acked' : 'stopped';
    };
    const relay = (crash: boolean) => {
      const email = outbox[0];
      if (email === undefined) return;
      mail(email, 'relay');
      if (crash) say(() => 'the relay crashes before deleting the row; it will send it again');
      else outbox.shift();
    };
    const start = (j: number, d: number): boolean => {
      const list = deliveries[j]!;
      if (d > list.length) return false;
      if (d === list.length) {
        list.push({ answers: [], state: 'running' });
        say(() => `the queue hands out ${jobs[j]!.id} (delivery ${d + 1})`);
      }
      return list[d]!.state === 'running';
    };
    const calm = () => deliveries.every((list) => list.every((x) => x.state !== 'running') && (list.length === 0 || list.some((x) => x.state === 'acked')));
    for (const op of ops) {
      if (op[0] === 'step') {
        if (start(op[1], op[2])) step(op[1], op[2]);
      } else if (op[0] === 'crash') {
        const delivery = deliveries[op[1]]![op[2]];
        if (delivery?.state === 'running') {
          delivery.state = 'stopped';
          say(() => `${jobs[op[1]]!.id}#${op[2] + 1}'s worker crashes`);
        }
      } else if (op[0] === 'forget') {
        if (calm() && outbox.length === 0 && keys.size > 0) {
          keys.clear();
          say(() => 'the mail server forgets every key');
        }
      } else relay(op[0] === 'relay-crash');
    }
    // The run settles: running deliveries finish, unacknowledged jobs are delivered again, the relay catches up.
    deliveries.forEach((list, j) => {
      for (const [d, delivery] of list.entries()) while (delivery.state === 'running') step(j, d);
      while (!list.some((x) => x.state === 'acked') && list.length < MAX_ATTEMPTS) {
        start(j, list.length);
        while (list[list.length - 1]!.state === 'running') step(j, list.length - 1);
      }
    });
    while (outbox.length > 0) relay(false);
    return { emails: jobs.map((job) => delivered.filter((e) => sameEmail(e, job)).length), failures };
  }
}

/** What a schedule did to the emails, for the comparison: the story is told only for a failure (`storyOf`). */
const playWith = (nextStep: NextStep) => (jobs: JobSpec[], ops: Op[]) => play(nextStep, jobs, ops, () => {});

function storyOf(nextStep: NextStep, jobs: JobSpec[], ops: Op[]): string[] {
  const story: string[] = [];
  play(nextStep, jobs, ops, (line) => story.push(line()));
  return story;
}

type Played = ReturnType<ReturnType<typeof playWith>>;

const judgeWith = (nextStep: NextStep) => (got: Answer<Played>, expected: Answer<Played>, [jobs, ops]: Schedule): string | null => {
  if (!('returned' in expected)) return null;
  if ('threw' in got) return `threw: ${got.threw}`;
  const told = () => {
    const story = storyOf(nextStep, jobs, ops);
    return `What happened${story.length > 24 ? ' (the end)' : ''}: ${story.slice(-24).join('; ')}.`;
  };
  const setup = `— jobs ${jobs.map((j) => `${j.id} (to ${j.to})`).join(' and ')}${carriersOf(jobs[0]!, jobs).length > 1 ? ', carrying the same email' : ''} —`;
  const wrong = jobs.findIndex((_, i) => got.returned.emails[i] !== expected.returned.emails[i]);
  if (wrong >= 0) {
    const job = jobs[wrong]!;
    const carriers = carriersOf(job, jobs).length;
    return `${setup} the mail server delivered ${got.returned.emails[wrong]} email(s) with ${job.id}'s address and text, but ${carriers === 1 ? 'exactly one' : `one per job, ${carriers}`} should arrive. ${told()}`;
  }
  const failure = got.returned.failures[0];
  if (failure === undefined || expected.returned.failures.length > 0) return null;
  return `${setup} ${failure}; every delivery that is not cut short must end with an ack. ${told()}`;
};

export default defineTests<Learner>((learner) => {
  // Every simulation test judges the same runs of the learner's code: each seed runs (twice) once per grading.
  const runs = sharedRuns((seed) => outboxRun(learner.nextStep as NextStep, seed));
  const ordinary = JOBS.filter((j) => ![CRASH_JOB, RACE_JOB, LATE_JOB].includes(j.id)).map((j) => j.id);

  test('every delivery ends with an ack, and every job leads to one delivered email, also two jobs that carry the same email', () => {
    for (const seed of SEEDS) {
      const run = runs(seed);
      const setup = `${ordinary.join(', ')} were each handed out once (${TWIN_JOBS.join(' and ')} carry the same email).`;
      for (const id of ordinary) deliveredOnce(run, id, setup);
      const gaveUp = run.steps.find((s) => s.step.kind === 'invalid');
      if (gaveUp !== undefined && gaveUp.step.kind === 'invalid') {
        throw new PropertyViolation({
          property: `${gaveUp.worker}'s delivery ${gaveUp.attempt} of ${gaveUp.jobId} was reported failed at ${gaveUp.atMs} ms: ${gaveUp.step.why}. Every delivery that is not cut short must end with an ack, or the queue hands the job out again and again.`,
          seed, trace: jobStory(run, gaveUp.jobId), run: jobRun(run, gaveUp.jobId),
        });
      }
      const stray = run.mail.find((m) => m.delivered && !JOBS.some((j) => sameEmail(m.email, j)));
      if (stray !== undefined) {
        throw new PropertyViolation({ property: `The mail server delivered an email no job asks for: ${show(stray.email)} from ${stray.from} at ${stray.atMs} ms. Send each job's own to and body.`, seed, trace: [] });
      }
    }
  });

  /** One email for the job whose window the scenario opens, judged first; then that the window did open. */
  const windowTest = (jobId: string, setup: string, opened: (run: OutboxRun) => void) => () => {
    for (const seed of SEEDS) {
      const run = runs(seed);
      deliveredOnce(run, jobId, setup);
      opened(run);
    }
  };

  test('a worker that crashes right after its first write: the job still leads to one email', windowTest(CRASH_JOB, CRASH_SETUP, crashWindow));
  test('a worker stalled past its lease, and the worker its job went to: one email between them', windowTest(RACE_JOB, RACE_SETUP, raceWindow));
  test('a job enqueued again after the mail server forgot its key: no second email', windowTest(LATE_JOB, LATE_SETUP, lateWindow));

  test('agrees with the reference on generated interleavings, crashes and relay crashes', () => {
    checkAgainstReference({
      name: 'play', seed: 1019, runs: 100, inputs: schedules, judge: judgeWith(learner.nextStep as NextStep),
      learner: playWith(learner.nextStep as NextStep), reference: playWith(Reference.nextStep as NextStep),
    });
  });
});
