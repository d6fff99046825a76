/**
 * The page side of grading. Every run gets a fresh worker (the next one is spawned ahead, so nobody waits),
 * and a wall-time budget: comlink cannot cancel a call, so the call races a timer and, when the timer wins,
 * the real Worker is terminated.
 */
import { wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { RunResult } from '../contract.ts';
import { abortedResult, crashedResult, timeoutResult } from '../results.ts';
import { describeThrown } from '../plain-message.ts';
import { connectMessage } from './protocol.ts';
import type { GraderApi, Preparation } from './protocol.ts';

export interface BrowserRunner {
  run(exerciseId: string, source: string, options?: { timeLimitMs?: number }): Promise<RunResult>;
  /** Loads an exercise's hidden tests into the spare worker now, so the next run of it starts graded. */
  warm(exerciseId: string): void;
  dispose(): void;
}

/** Loading a test chunk is ours, not the learner's: generous, but never endless. */
const prepareLimitMs = 30_000;

interface Grader {
  readonly worker: Worker;
  readonly remote: Remote<GraderApi>;
  /** Settles with a plain reason if the worker dies (uncaught error, failed chunk load, out of memory). */
  readonly crashed: Promise<string>;
  /** The exercise whose tests this worker is loading or has loaded, started before anyone pressed Run. */
  warmed?: { readonly exerciseId: string; readonly preparation: Promise<Raced<Preparation>> };
}

function spawnGrader(): Grader {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'exercise grader' });
  const channel = new MessageChannel();
  worker.postMessage(connectMessage, [channel.port2]);
  const crashed = new Promise<string>((settle) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      settle(event.message || 'the grading worker crashed (it may have run out of memory).');
    });
    worker.addEventListener('messageerror', () => settle('the grading worker sent a message that could not be read.'));
  });
  return { worker, remote: wrap<GraderApi>(channel.port1), crashed };
}

type Raced<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'late' } | { readonly kind: 'crashed'; readonly reason: string };

function race<T>(call: Promise<T>, grader: Grader, limitMs: number): Promise<Raced<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Raced<T>>((settle) => {
    timer = setTimeout(() => settle({ kind: 'late' }), limitMs);
  });
  return Promise.race([
    call.then((value): Raced<T> => ({ kind: 'done', value })),
    grader.crashed.then((reason): Raced<T> => ({ kind: 'crashed', reason })),
    late,
  ]).finally(() => clearTimeout(timer));
}

function prepareIn(grader: Grader, exerciseId: string): Promise<Raced<Preparation>> {
  // comlink's Remote type spreads over the union; the value is a Preparation as sent.
  return race<Preparation>(grader.remote.prepare(exerciseId), grader, prepareLimitMs);
}

/** Starts loading the tests ahead of the click; a failure surfaces when the run awaits it, not before. */
function warmUp(grader: Grader, exerciseId: string): void {
  if (grader.warmed?.exerciseId === exerciseId) return;
  const preparation = prepareIn(grader, exerciseId);
  preparation.catch(() => undefined);
  grader.warmed = { exerciseId, preparation };
}

async function runIn(grader: Grader, exerciseId: string, source: string, timeLimitMs: number | undefined): Promise<RunResult> {
  // A worker warmed for another exercise simply loads this one's tests instead.
  const preparation = await (grader.warmed?.exerciseId === exerciseId ? grader.warmed.preparation : prepareIn(grader, exerciseId));
  if (preparation.kind === 'late') return crashedResult(exerciseId, 'the tests took too long to load.');
  if (preparation.kind === 'crashed') return crashedResult(exerciseId, preparation.reason);
  if (!preparation.value.ok) return abortedResult(exerciseId, 'error', preparation.value.problem);

  const limitMs = timeLimitMs ?? preparation.value.timeLimitMs;
  const graded = await race(grader.remote.grade(source), grader, limitMs);
  if (graded.kind === 'late') return timeoutResult(exerciseId, limitMs);
  if (graded.kind === 'crashed') return crashedResult(exerciseId, graded.reason);
  return graded.value;
}

export function createBrowserRunner(): BrowserRunner {
  let spare: Grader | null = spawnGrader();
  const running = new Set<Grader>();

  return {
    async run(exerciseId, source, options = {}) {
      if (spare === null) throw new Error('This runner was disposed; create a new one.');
      const grader = spare;
      spare = spawnGrader();
      // Learners run the same exercise again and again: have the next worker ready for it.
      warmUp(spare, exerciseId);
      running.add(grader);
      try {
        return await runIn(grader, exerciseId, source, options.timeLimitMs);
      } catch (error) {
        return crashedResult(exerciseId, describeThrown(error));
      } finally {
        // One run per worker: whatever learner code left behind dies with it.
        grader.worker.terminate();
        running.delete(grader);
      }
    },
    warm(exerciseId) {
      if (spare !== null) warmUp(spare, exerciseId);
    },
    dispose() {
      spare?.worker.terminate();
      spare = null;
      for (const grader of running) grader.worker.terminate();
      running.clear();
    },
  };
}
