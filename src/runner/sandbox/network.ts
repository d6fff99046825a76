/**
 * Exercises run on their own: every way out to the network (or to another script, or to storage that
 * outlives the run) throws a plain error. In a worker the web platform puts some of these on the global's
 * prototypes, so each is replaced wherever it is defined along the chain, not just shadowed.
 */
const networkDisabled = 'Network access is disabled in exercises.';
const closeRefused = 'Your code cannot close the grading worker.';

const networkGlobals = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'importScripts',
  'Worker',
  'SharedWorker',
  'caches',
  'indexedDB',
  'FontFace',
  'fonts',
  // Reaches every other context of the origin (the page, other workers); nothing of ours listens, nor may learner code.
  'BroadcastChannel',
] as const;

function refusing(message: string): () => never {
  // A plain function (not an arrow) so `new WebSocket(…)` throws our message instead of "not a constructor".
  return function refuse(): never {
    throw new Error(message);
  };
}

/** Replaces `name` on the global and on every prototype of it that defines its own. */
function replaceEverywhere(global: typeof globalThis, name: string, value: unknown): void {
  Object.defineProperty(global, name, { value, writable: true, configurable: true });
  for (let owner = Object.getPrototypeOf(global); owner !== null; owner = Object.getPrototypeOf(owner)) {
    if (Object.hasOwn(owner, name)) Object.defineProperty(owner, name, { value, writable: false, configurable: false });
  }
}

export function blockNetwork(global: typeof globalThis): void {
  const refuseNetwork = refusing(networkDisabled);
  for (const name of networkGlobals) replaceEverywhere(global, name, refuseNetwork);
  // A closed worker never answers; the learner would wait for the time limit and read about endless loops.
  if ('close' in global) replaceEverywhere(global, 'close', refusing(closeRefused));
}
