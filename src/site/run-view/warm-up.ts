/**
 * Why this exists: a learner's first failing run on a page was drawn 100–150 ms later than the second (bench
 * `failure-runs`), because then the run view's code — the diagram renderer among it — ran for the first time:
 * fetched, compiled, building and laying out a first SVG. Once an editor is open and the page is idle, this
 * draws a small made-up run with the real `renderRunView` into a container nobody can see, reach or hear, lays
 * it out once and removes it, all in one task, so the learner's first failure is drawn by code that has run
 * before. Once per page, in idle time only: a real run drawn first makes it pointless, and work the page marks
 * busy (a run being graded) puts it off, so it never delays a result. A failure here is swallowed: the real run
 * loads its code and reports any problem on its own.
 */
import type { RecordedRun, RunEvent } from '../../runner/contract.ts';
import { recordedRunVersion } from '../../runner/recorded-run-version.ts';
import type { RunViewActions } from './run-view.ts';
import { runViewCode } from './run-view-code.ts';

/** The User Timing mark set once the made-up run has been drawn and removed: the bench waits for it (bench/failure-runs.ts). */
export const RUN_VIEW_WARMED_UP = 'sdl-run-view-warmed-up';

const write = { id: 1, client: 'c1', f: 'write', key: 'x', input: 1 };
const read = { id: 2, client: 'c1', f: 'read', key: 'x' };
const events: RunEvent[] = [
  { id: 0, time: 0, kind: 'invoke', node: 'c1', to: 'A', summary: 'invoke op 1 write x 1 on A', cause: null, request: write },
  { id: 1, time: 4, kind: 'request', node: 'A', from: 'c1', to: 'A', sentAt: 0, summary: 'op 1 write x 1', cause: 0, request: write, state: { x: 1 } },
  { id: 2, time: 9, kind: 'deliver', node: 'B', from: 'A', to: 'B', sentAt: 4, summary: 'store x=1', cause: 1, state: { x: 1 } },
  { id: 3, time: 11, kind: 'drop', node: 'C', from: 'A', to: 'C', sentAt: 4, summary: 'store x=1', reason: 'loss', cause: 1 },
  { id: 4, time: 14, kind: 'reply', node: 'c1', from: 'A', to: 'c1', sentAt: 9, summary: 'op 1 ok', cause: 2, reply: { op: 1, ok: true } },
  { id: 5, time: 18, kind: 'partition', summary: 'partition {A, B} | {C}', cause: null },
  { id: 6, time: 21, kind: 'crash', node: 'A', summary: 'crashed', cause: null },
  { id: 7, time: 25, kind: 'timer', node: 'C', summary: 'timer sync', cause: null, state: {} },
  { id: 8, time: 28, kind: 'invoke', node: 'c1', to: 'C', summary: 'invoke op 2 read x on C', cause: null, request: read },
  { id: 9, time: 32, kind: 'request', node: 'C', from: 'c1', to: 'C', sentAt: 28, summary: 'op 2 read x', cause: 8, request: read },
  { id: 10, time: 37, kind: 'reply', node: 'c1', from: 'C', to: 'c1', sentAt: 32, summary: 'op 2 ok: null', cause: 9, reply: { op: 2, ok: true, output: null } },
  { id: 11, time: 41, kind: 'heal', summary: 'network healed', cause: null },
  { id: 12, time: 44, kind: 'restart', node: 'A', summary: 'restarted (incarnation 2)', cause: null },
];

/**
 * A small run with one of each thing a run view draws — client operations, requests and replies, a message
 * between nodes and a lost one, a partition, a crash and a restart, highlighted steps, node states, a shrink
 * report — so the warm-up goes through the code a real run takes. Valid under the contract (a unit test checks).
 */
export const warmUpRun: RecordedRun = {
  version: recordedRunVersion,
  seed: 1,
  fromMs: 0,
  toMs: 50,
  events,
  highlight: [0, 1, 4, 8, 9, 10],
  totalEvents: 40,
  shrunk: { fromEvents: 120, steps: [{ name: 'clients', from: 2, to: 1 }], tries: 3 },
};

/** How long an idle callback may wait for an idle moment; the same as the run view's preload. */
const IDLE_TIMEOUT_MS = 2000;
/** While the page is busy, look again this much later... */
const BUSY_RETRY_MS = 500;
/** ...at most this many times (a minute in all); then the first real failure warms the code itself, as before. */
const BUSY_TRIES = 120;

let scheduled = false;
let realRunFirst = false;

/** A real run is about to be drawn: it runs the code itself, so the warm-up is not needed any more. */
export function skipWarmUp(): void {
  realRunFirst = true;
}

const idle = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, BUSY_RETRY_MS);
  });

const later = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Something on the page says it is working (a run being graded, an editor loading, a panel simulating). */
const pageBusy = (): boolean => document.querySelector('[aria-busy="true"]') !== null;

/**
 * Resolves true in an idle moment when nothing on the page is busy (the caller goes on in that same task), or
 * false when a real run came first or the page stayed busy.
 */
async function quietMoment(): Promise<boolean> {
  for (let tries = 0; tries < BUSY_TRIES; tries++) {
    await idle();
    if (realRunFirst) return false;
    if (!pageBusy()) return true;
    await later(BUSY_RETRY_MS);
  }
  return false;
}

/** The made-up run's buttons are never reachable; these only satisfy the view's signature. */
const noActions: RunViewActions = {
  replay: () => Promise.resolve({ passed: true }),
  copyLink: () => Promise.resolve(),
};

/**
 * Draws the made-up run in the page (it must be there to be laid out) but off-screen, invisible, inert and
 * hidden from assistive technology; lays it out once and removes it in the same task, so it is never painted,
 * focused or announced.
 */
function drawAndDiscard(renderRunView: typeof import('./run-view.ts').renderRunView): void {
  const host = document.createElement('div');
  host.className = 'sdl-run-view';
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  host.style.cssText = 'position:fixed;top:0;left:-10000px;width:44rem;visibility:hidden;pointer-events:none';
  document.body.append(host);
  try {
    // The steps table's rows, which a real view makes after the diagram's first frame, are made here too.
    const completeTable = renderRunView(host, '', warmUpRun, noActions);
    completeTable();
    void host.getBoundingClientRect();
  } finally {
    host.remove();
  }
}

async function warmUp(): Promise<void> {
  if (!(await quietMoment())) return;
  const { renderRunView } = await runViewCode.load();
  // Fetching it took a while: the page may have moved on since.
  if (!(await quietMoment())) return;
  drawAndDiscard(renderRunView);
  performance.mark(RUN_VIEW_WARMED_UP);
}

/** Once an editor is open (after the run view's preload): warms the run view up in idle time, once per page. */
export function warmUpRunView(): void {
  if (scheduled) return;
  scheduled = true;
  warmUp().catch(() => undefined);
}
