/** Exercises run on their own: every way out to the network (or to another script) throws a plain error. */
const networkDisabled = 'Network access is disabled in exercises.';

const networkGlobals = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebTransport',
  'EventSource',
  'importScripts',
  'Worker',
  'SharedWorker',
] as const;

export function blockNetwork(global: typeof globalThis): void {
  // A plain function (not an arrow) so `new WebSocket(…)` throws our message instead of "not a constructor".
  const refuse = function refuseNetwork(): never {
    throw new Error(networkDisabled);
  };
  for (const name of networkGlobals) {
    Object.defineProperty(global, name, { value: refuse, writable: true, configurable: true });
  }
}
