/** What the page-side client and the grading worker say to each other (through comlink). */
import type { RunResult } from '../contract.ts';

export type Preparation =
  | { readonly ok: true; readonly timeLimitMs: number }
  | { readonly ok: false; readonly problem: string };

export interface GraderApi {
  /**
   * Loads one exercise's hidden tests and metadata, then locks the realm for learner code; not learner code,
   * so not on the learner's clock. Once per worker: a worker grades one exercise.
   */
  prepare(exerciseId: string): Promise<Preparation>;
  /**
   * Transpiles the learner's latest code ahead of the click, while they pause: a grading of exactly this source
   * then starts at the tests. Only compiles; nothing of the code runs. Ignored before `prepare`.
   */
  prepareSource(source: string): void;
  /**
   * Grades learner code against the prepared exercise, every test or only the one named. Call once: the
   * worker is spent afterwards.
   */
  grade(source: string, onlyTest?: string): RunResult;
}

/** The first message a fresh worker receives: it carries the private port comlink talks over. */
export const connectMessage = 'system-design-lab/connect';

/**
 * Why the worker or its tests could not load while the browser is offline: a network failure, not a crash.
 * Once the course's service worker has precached everything this does not happen (docs/decisions.md, "Offline course").
 */
export const offlineReason =
  'you are offline, and this part of the course is not saved on this device yet. Connect once and run the tests again: after that the whole course works offline.';
