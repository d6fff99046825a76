import { checkAgainstReference, defineTests, fc, sharedRuns, show, test, violationFor, type Answer } from '../../src/testkit/index.ts';
import { Disk, type Operation } from '../../src/sim/index.ts';
import { DB_CALL_MS, MAX_ADD, counterOp, describeRefusal, idTierRun, type CounterLike, type IdTierRun, type IdTierSpec, type MakeAllocator } from './scenario.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const SEEDS = [1, 2, 3];
/**
 * Throughput is measured from the completions in a window: [100, 250) ms for eight nodes, once every node has its
 * first ids; [50, 250) ms for one node, which answers few requests, so its window starts earlier. Its worker
 * finishes a request every 20 ms once ids flow: [50, 450) ms, 80% more simulated time, measured the same 50 a
 * second for the reference and for every wrong variant.
 */
const WINDOW = { fromMs: 100, toMs: 250 } as const;
const ONE_NODE_WINDOW = { fromMs: 50, toMs: 250 } as const;
const SCALED_NODES = 8;
const EFFICIENCY_FLOOR = 0.8;
/** Users wait this long for an answer in the load tests: longer than any request waits for an overloaded counter. */
const PATIENT_MS = 1000;
const ONE_NODE: IdTierSpec = { nodes: 1, durationMs: ONE_NODE_WINDOW.toMs, userTimeoutMs: PATIENT_MS };
const EIGHT_NODES: IdTierSpec = { nodes: SCALED_NODES, durationMs: WINDOW.toMs, userTimeoutMs: PATIENT_MS };
/** Two nodes; app2 crashes with part of a block in hand and restarts, and its users, timed out, send again. */
const CRASH = { node: 'app2', atMs: 150, restartMs: 170 } as const;
const CRASHING: IdTierSpec = {
  nodes: 2,
  durationMs: 400,
  userTimeoutMs: 100,
  faults: [
    { at: CRASH.atMs, kind: 'crash', node: CRASH.node },
    { at: CRASH.restartMs, kind: 'restart', node: CRASH.node },
  ],
};

const allocatorsOf = (learner: Learner): MakeAllocator => (counter, disk) => new learner.IdAllocator(counter, disk);

/** Answered requests per second, counted by completion inside the window. */
function throughputPerSec(run: IdTierRun, window: { readonly fromMs: number; readonly toMs: number }): number {
  const done = run.history.filter((op) => op.outcome === 'ok' && op.completedAt! >= window.fromMs && op.completedAt! < window.toMs).length;
  return (done * 1000) / (window.toMs - window.fromMs);
}

/** A rate as the failure states it: to one decimal. */
const perSec = (rate: number): string => String(Number(rate.toFixed(1)));

/** The test fails on the run's first misuse of the counter or of `nextId`. */
function noMisuse(run: IdTierRun): void {
  if (run.misuse !== null) throw violationFor(run, { ok: false, property: run.misuse, culprits: [], details: [] });
}

/** Two answered requests (among `ops`) that carry the same id: the first repeat to complete, and the request it repeats. */
function firstDuplicate(ops: readonly Operation[]): [Operation, Operation] | null {
  const firstWith = new Map<unknown, Operation>();
  for (const op of [...ops].sort((a, b) => a.completedAt! - b.completedAt! || a.id - b.id)) {
    const earlier = firstWith.get(op.output);
    if (earlier !== undefined) return [earlier, op];
    firstWith.set(op.output, op);
  }
  return null;
}

/** Which node handed out the id of `op`, and in which of its lives. */
function giver(run: IdTierRun, op: Operation): string {
  const handout = run.handouts.find((h) => h.op === op.id);
  if (handout === undefined) return 'an unknown node';
  // Incarnations count from 1, and each restart adds one.
  return handout.incarnation === 1 ? handout.node : `${handout.node} after its restart`;
}

function expectUnique(run: IdTierRun, ops: readonly Operation[], when: string): void {
  const pair = firstDuplicate(ops);
  if (pair === null) return;
  const [a, b] = pair;
  throw violationFor(run, {
    ok: false,
    property: `${when}, ${a.client}'s request (op ${a.id}, answered by ${giver(run, a)} at ${a.completedAt} ms) and ${b.client}'s (op ${b.id}, answered by ${giver(run, b)} at ${b.completedAt} ms) were both given id ${show(a.output)}.`,
    culprits: [a, b],
    details: [],
  });
}

const answered = (run: IdTierRun) => run.history.filter((op) => op.outcome === 'ok');

/**
 * A step of a generated schedule: `count` requests on allocator 0 or 1, the database answering its oldest call,
 * a crash of an allocator, or another program taking `count` ids from the counter.
 */
type Step = ['requests', number, number] | ['answer'] | ['crash', number] | ['other', number];

interface RequestRecord {
  readonly allocator: number;
  /** False once its allocator crashed while the request waited: it is lost, like a request on a crashed node. */
  live: boolean;
  id: unknown;
}

interface ScheduleResult {
  readonly requests: RequestRecord[];
  /** Per allocator slot, the ids its add calls reserved and were told about, as [first, last] ranges. */
  readonly reserved: [number, number][][];
  readonly misuse: string | null;
}

/** Why the database refuses this call, or null. */
function refusal(op: 'add' | 'write', arg: unknown): string | null {
  const checked = counterOp(op, arg);
  return typeof checked === 'string' ? `an allocator called ${describeRefusal(op, arg, checked)}` : null;
}

/** Enough answers to serve any sensible allocator after the schedule ends; more would be a loop of calls. */
const DRAIN_LIMIT = 500;

/**
 * Plays a schedule on two allocators that share one counter, each with its own disk, the way an app node uses
 * one: after each request and each counter answer, the allocator is asked for ids for the waiting requests,
 * oldest first, until it answers null. When the schedule ends the database answers every call still waiting. A
 * crash loses the allocator's waiting requests and replaces it with a new one on the same disk; answers to the
 * crashed one's calls are lost, though the database still carries the calls out.
 */
function scheduleWith(make: MakeAllocator) {
  /** What one schedule's database holds and owes: the counter, the calls waiting and who may still hear back. */
  interface Database {
    value: number;
    misuse: string | null;
    readonly queue: { allocator: number; life: number; count: number | null; run: () => number | null; then: (value?: number) => void }[];
    readonly lives: number[];
  }
  let db: Database = { value: 0, misuse: null, queue: [], lives: [0, 0] };
  // One counter and one disk per allocator slot, made once and handed to every allocator started there (only the
  // latest calls them); each schedule starts with an empty database and empty disks.
  const counterFor = (allocator: number): CounterLike => {
    const call = (count: number | null, run: () => number | null, then: unknown, refused: string | null) => {
      if (refused !== null) db.misuse ??= refused;
      else if (typeof then !== 'function') db.misuse ??= 'a counter call came without a function to receive the answer';
      else db.queue.push({ allocator, life: db.lives[allocator]!, count, run, then: then as (value?: number) => void });
    };
    return {
      add: (count, then) => call(count, () => (db.value += count), then, refusal('add', count)),
      read: (then) => call(null, () => db.value, then, null),
      write: (next, then) => call(null, () => ((db.value = next), null), then, refusal('write', next)),
    };
  };
  const counters = [counterFor(0), counterFor(1)];
  const disks = [new Disk('app1'), new Disk('app2')];
  return (steps: Step[]): ScheduleResult => {
    db = { value: 0, misuse: null, queue: [], lives: [0, 0] };
    for (const disk of disks) for (const key of disk.keys()) disk.delete(key);
    const { queue, lives } = db;
    const reserved: [number, number][][] = [[], []];
    const allocators = [make(counters[0]!, disks[0]!), make(counters[1]!, disks[1]!)];
    const requests: RequestRecord[] = [];
    const waiting: number[][] = [[], []];
    const serve = (allocator: number) => {
      while (waiting[allocator]!.length > 0 && db.misuse === null) {
        const id = allocators[allocator]!.nextId();
        if (id === null) return;
        requests[waiting[allocator]!.shift()!]!.id = id;
      }
    };
    const answer = () => {
      const call = queue.shift()!;
      const result = call.run();
      // The database carries out a crashed allocator's call, but its answer finds no one.
      if (call.life !== lives[call.allocator]) return;
      if (call.count !== null) reserved[call.allocator]!.push([result! - call.count + 1, result!]);
      if (result === null) call.then();
      else call.then(result);
      serve(call.allocator);
    };
    for (const step of steps) {
      if (step[0] === 'requests') {
        for (let i = 0; i < step[2]; i++) {
          waiting[step[1]]!.push(requests.length);
          requests.push({ allocator: step[1], live: true, id: null });
        }
        serve(step[1]);
      } else if (step[0] === 'other') {
        db.value += step[1];
      } else if (step[0] === 'answer') {
        if (queue.length > 0) answer();
      } else {
        lives[step[1]]! += 1;
        for (const i of waiting[step[1]]!) requests[i]!.live = false;
        waiting[step[1]] = [];
        allocators[step[1]] = make(counters[step[1]]!, disks[step[1]]!);
      }
    }
    for (let i = 0; i < DRAIN_LIMIT && queue.length > 0; i++) answer();
    if (queue.length > 0) db.misuse ??= `the allocators were still calling the counter after ${DRAIN_LIMIT} answers`;
    return { requests, reserved, misuse: db.misuse };
  };
}

/**
 * Up to 24 steps on two allocators: one request or a few, sometimes a burst of 101–130 that outlasts any block;
 * answers from the database in the order the calls reached it; crashes; and other programs taking ids from the
 * counter. So calls of both allocators wait together, requests arrive while a call is out, blocks run out, and
 * allocators restart with part of a block in hand or with a lease out.
 */
const schedules = fc
  .array(
    fc.oneof(
      { arbitrary: fc.tuple(fc.constant('requests' as const), fc.nat(1), fc.oneof({ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 5 }, { arbitrary: fc.integer({ min: MAX_ADD + 1, max: MAX_ADD + 30 }), weight: 1 })), weight: 5 },
      { arbitrary: fc.tuple(fc.constant('answer' as const)), weight: 4 },
      { arbitrary: fc.tuple(fc.constant('crash' as const), fc.nat(1)), weight: 1 },
      { arbitrary: fc.tuple(fc.constant('other' as const), fc.integer({ min: 1, max: MAX_ADD })), weight: 1 },
    ),
    { maxLength: 24, size: 'max' },
  )
  .map((steps): [Step[]] => [steps as Step[]]);

/**
 * Every id a whole number that one of its allocator's add calls reserved, no id twice, every request not lost in a
 * crash given one, and the counter used as the prompt says.
 */
function judgeSchedule(got: Answer<ScheduleResult>): string | null {
  if ('threw' in got) return `threw: ${got.threw}`;
  const { requests, reserved, misuse } = got.returned;
  if (misuse !== null) return `went wrong: ${misuse}.`;
  const owner = new Map<unknown, number>();
  for (const [i, request] of requests.entries()) {
    if (request.id === null) {
      if (request.live) return `never gave request #${i} (on allocator ${request.allocator}) an id, though the database answered every call.`;
      continue;
    }
    if (!Number.isSafeInteger(request.id)) return `gave request #${i} the id ${show(request.id)}: an id must be a whole number, or null for "not yet".`;
    const id = request.id as number;
    if (!reserved[request.allocator]!.some(([first, last]) => first <= id && id <= last)) {
      return `gave request #${i} (on allocator ${request.allocator}) the id ${id}, which no add call of that allocator reserved.`;
    }
    const first = owner.get(request.id);
    if (first !== undefined) return `gave id ${show(request.id)} to request #${first} (on allocator ${requests[first]!.allocator}) and to request #${i} (on allocator ${request.allocator}).`;
    owner.set(request.id, i);
  }
  return null;
}

export default defineTests<Learner>((learner) => {
  const make = allocatorsOf(learner);
  const oneNode = sharedRuns((seed) => idTierRun(make, ONE_NODE, seed));
  const eightNodes = sharedRuns((seed) => idTierRun(make, EIGHT_NODES, seed));
  const crashing = sharedRuns((seed) => idTierRun(make, CRASHING, seed));

  test(`${SCALED_NODES} app nodes answer at least ${EFFICIENCY_FLOOR * 100}% of ${SCALED_NODES} times what one node answers`, () => {
    for (const seed of SEEDS) {
      const one = oneNode(seed);
      const eight = eightNodes(seed);
      noMisuse(one);
      noMisuse(eight);
      const base = throughputPerSec(one, ONE_NODE_WINDOW);
      const scaled = throughputPerSec(eight, WINDOW);
      if (base === 0) {
        throw violationFor(one, { ok: false, property: `From ${ONE_NODE_WINDOW.fromMs} to ${ONE_NODE_WINDOW.toMs} ms, one node answered no requests at all: every request must be given an id.`, culprits: one.history.slice(0, 1), details: [] });
      }
      const efficiency = scaled / (SCALED_NODES * base);
      if (efficiency >= EFFICIENCY_FLOOR) continue;
      const callsInWindow = eight.calls.filter((call) => call.atMs >= WINDOW.fromMs && call.atMs < WINDOW.toMs).length;
      const busy = (callsInWindow * DB_CALL_MS) / (WINDOW.toMs - WINDOW.fromMs);
      const slowest = answered(eight)
        .filter((op) => op.completedAt! >= WINDOW.fromMs && op.completedAt! < WINDOW.toMs)
        .reduce<Operation | undefined>((worst, op) => (worst === undefined || op.completedAt! - op.invokedAt > worst.completedAt! - worst.invokedAt ? op : worst), undefined);
      throw violationFor(eight, {
        ok: false,
        property: `One node answered ${perSec(base)} requests a second; from ${WINDOW.fromMs} to ${WINDOW.toMs} ms, ${SCALED_NODES} nodes answered ${perSec(scaled)}: a scaling efficiency of ${perSec(scaled)} / (${SCALED_NODES} × ${perSec(base)}) = ${efficiency.toFixed(2)}, below ${EFFICIENCY_FLOOR}. The database served ${callsInWindow} counter calls in that time, each holding its lock ${DB_CALL_MS} ms: busy ${Math.round(busy * 100)}% of the time.`,
        culprits: slowest === undefined ? [] : [slowest],
        details: [],
      });
    }
  });

  test(`no two requests get the same id while ${SCALED_NODES} nodes start and run`, () => {
    for (const seed of SEEDS) {
      const run = eightNodes(seed);
      noMisuse(run);
      expectUnique(run, answered(run), `With ${SCALED_NODES} nodes`);
      // The window under test: calls of two nodes waiting at the database together, as every node starts.
      if (run.crowd === null) {
        throw violationFor(run, { ok: false, property: 'No two nodes had a counter call waiting at the database at the same time, so this run cannot show what concurrent calls do to ids: each node must get its ids from the counter.', culprits: [], details: [] });
      }
    }
  });

  test('no id is given twice, even by a node that crashes and restarts with part of a block in hand', () => {
    for (const seed of SEEDS) {
      const run = crashing(seed);
      noMisuse(run);
      expectUnique(run, answered(run), `With ${CRASH.node} crashing at ${CRASH.atMs} ms and restarting at ${CRASH.restartMs} ms`);
      // The window under test: the crashed node handed out ids before its crash and again after its restart.
      const before = run.handouts.filter((h) => h.node === CRASH.node && h.atMs < CRASH.atMs).length;
      const after = run.handouts.filter((h) => h.node === CRASH.node && h.atMs >= CRASH.restartMs).length;
      if (before > 0 && after > 0) continue;
      throw violationFor(run, {
        ok: false,
        property: `${CRASH.node} crashed at ${CRASH.atMs} ms and restarted at ${CRASH.restartMs} ms; it handed out ${before} ids before the crash and ${after} after the restart. A restarted node must go on handing out ids, or this run cannot show whether it repeats one.`,
        culprits: run.history.filter((op) => op.invokedAt >= CRASH.restartMs && op.outcome !== 'ok').slice(0, 1),
        details: [],
      });
    }
  });

  test('two allocators sharing one counter give every request one unique id on generated schedules', () => {
    checkAgainstReference({
      name: 'schedule', seed: 1902, runs: 40, inputs: schedules,
      learner: scheduleWith(make), reference: scheduleWith(allocatorsOf(Reference)), judge: judgeSchedule,
    });
  });
});
