/**
 * The page side of grading. Every run gets a fresh worker, and each exercise keeps one spare worker that has
 * already loaded its hidden tests and locked its realm, so a click goes straight to grading. Every run has a
 * wall-time budget: comlink cannot cancel a call, so the call races a timer and, when the timer wins, the real
 * Worker is terminated.
 */
import { wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { RunResult } from '../contract.ts';
import { abortedResult, crashedResult, timeoutResult } from '../results.ts';
import { describeThrown } from '../plain-message.ts';
import { connectMessage, offlineReason } from './protocol.ts';
import type { GraderApi, Preparation } from './protocol.ts';

export interface RunOptions {
  /** The exercise's own limit unless given. */
  readonly timeLimitMs?: number;
  /** Run only the hidden test of this name (the results' "Replay this run"). */
  readonly onlyTest?: string;
}

export interface BrowserRunner {
  run(exerciseId: string, source: string, options?: RunOptions): Promise<RunResult>;
  /** Readies a worker with this exercise's hidden tests now, so its next run starts grading at once. */
  warm(exerciseId: string): void;
  /**
   * The learner's code as it now stands: the exercise's spare transpiles it ahead, so a run of exactly this code
   * starts at the tests. The code each run grades counts too, for the spare that follows it.
   */
  prepareSource(exerciseId: string, source: string): void;
  dispose(): void;
}

/** Loading a test chunk is ours, not the learner's: generous, but never endless. */
const prepareLimitMs = 30_000;

/** How long a spare waits for a frame that a hidden page never paints. */
const hiddenPageDelayMs = 200;

type Raced<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'late' } | { readonly kind: 'crashed'; readonly reason: string };

/** A worker bound to one exercise from birth: a prepared realm is locked and cannot load another's tests. */
interface Grader {
  readonly worker: Worker;
  readonly remote: Remote<GraderApi>;
  /** Settles with a plain reason if the worker dies (uncaught error, failed chunk load, out of memory). */
  readonly crashed: Promise<string>;
  /** Loading the tests and locking the realm, started at spawn; a failure surfaces when a run awaits it. */
  readonly preparation: Promise<Raced<Preparation>>;
  /** The source last handed over to transpile ahead, and whether that call is still going on. */
  sourceSent?: string;
  sending: boolean;
}

function race<T>(call: Promise<T>, crashed: Promise<string>, limitMs: number): Promise<Raced<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Raced<T>>((settle) => {
    timer = setTimeout(() => settle({ kind: 'late' }), limitMs);
  });
  return Promise.race([
    call.then((value): Raced<T> => ({ kind: 'done', value })),
    crashed.then((reason): Raced<T> => ({ kind: 'crashed', reason })),
    late,
  ]).finally(() => clearTimeout(timer));
}

function spawnGrader(exerciseId: string): Grader {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'exercise grader' });
  const channel = new MessageChannel();
  worker.postMessage(connectMessage, [channel.port2]);
  const crashed = new Promise<string>((settle) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      settle(event.message || (navigator.onLine ? 'the grading worker crashed (it may have run out of memory).' : offlineReason));
    });
    worker.addEventListener('messageerror', () => settle('the grading worker sent a message that could not be read.'));
  });
  const remote = wrap<GraderApi>(channel.port1);
  // comlink's Remote type spreads over the union; the value is a Preparation as sent.
  const preparation = race<Preparation>(remote.prepare(exerciseId), crashed, prepareLimitMs);
  preparation.catch(() => undefined);
  return { worker, remote, crashed, preparation, sending: false };
}

async function runIn(grader: Grader, exerciseId: string, source: string, { timeLimitMs, onlyTest }: RunOptions): Promise<RunResult> {
  const preparation = await grader.preparation;
  if (preparation.kind === 'late') return crashedResult(exerciseId, 'the tests took too long to load.');
  if (preparation.kind === 'crashed') return crashedResult(exerciseId, preparation.reason);
  if (!preparation.value.ok) return abortedResult(exerciseId, 'error', preparation.value.problem);

  const limitMs = timeLimitMs ?? preparation.value.timeLimitMs;
  const graded = await race(grader.remote.grade(source, onlyTest), grader.crashed, limitMs);
  if (graded.kind === 'late') return timeoutResult(exerciseId, limitMs);
  if (graded.kind === 'crashed') return crashedResult(exerciseId, graded.reason);
  return graded.value;
}

/**
 * Calls `then` once the next frame has been painted: the frame callback runs before that frame's paint, the
 * timeout after it. A hidden page paints no frames, so a timeout covers it too.
 */
function afterNextPaint(then: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    then();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, hiddenPageDelayMs);
}

export function createBrowserRunner(): BrowserRunner {
  // At most one spare per exercise on the page (a lesson has a handful), so switching editors costs nothing.
  const spares = new Map<string, Grader>();
  const running = new Set<Grader>();
  /** Each exercise's latest code, for its spare to transpile ahead. */
  const latestSource = new Map<string, string>();
  let disposed = false;

  // One call at a time per worker, each with the newest code: a learner typing fast leaves no queue behind.
  const sendSource = (grader: Grader, exerciseId: string): void => {
    const source = latestSource.get(exerciseId);
    if (grader.sending || source === undefined || source === grader.sourceSent) return;
    grader.sending = true;
    void grader.preparation
      .then(async (prepared) => {
        if (prepared.kind !== 'done' || !prepared.value.ok) return;
        await grader.remote.prepareSource(source);
        grader.sourceSent = source;
        grader.sending = false;
        if (spares.get(exerciseId) === grader) sendSource(grader, exerciseId);
      })
      // A worker that died or was spent meanwhile transpiles nothing more; its run reports its own problems.
      .catch(() => undefined);
  };

  const spareFor = (exerciseId: string): Grader => {
    let spare = spares.get(exerciseId);
    if (spare === undefined) {
      spare = spawnGrader(exerciseId);
      spares.set(exerciseId, spare);
      sendSource(spare, exerciseId);
    }
    return spare;
  };

  return {
    async run(exerciseId, source, options = {}) {
      if (disposed) throw new Error('This runner was disposed; create a new one.');
      // An ordinary run's code is what the learner will most likely run next (a replay's is the code it replays).
      if (options.onlyTest === undefined) latestSource.set(exerciseId, source);
      const grader = spareFor(exerciseId);
      spares.delete(exerciseId);
      running.add(grader);
      try {
        return await runIn(grader, exerciseId, source, options);
      } catch (error) {
        return crashedResult(exerciseId, describeThrown(error));
      } finally {
        // One run per worker: whatever learner code left behind dies with it.
        grader.worker.terminate();
        running.delete(grader);
        // Learners run the same exercise again and again: have the next worker ready for it. It is spawned
        // once this run's results are on screen, not at the click nor when the reply arrives, so its warm-up
        // (a grading of the reference solution) never takes a core from the learner's run or from the page
        // drawing its results. A click before then spawns it at once (`spareFor` above).
        afterNextPaint(() => {
          if (!disposed) spareFor(exerciseId);
        });
      }
    },
    warm(exerciseId) {
      if (!disposed) spareFor(exerciseId);
    },
    prepareSource(exerciseId, source) {
      latestSource.set(exerciseId, source);
      const spare = spares.get(exerciseId);
      if (spare !== undefined) sendSource(spare, exerciseId);
    },
    dispose() {
      disposed = true;
      for (const grader of [...spares.values(), ...running]) grader.worker.terminate();
      spares.clear();
      running.clear();
    },
  };
}
