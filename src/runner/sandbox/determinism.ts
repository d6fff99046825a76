/**
 * Deterministic stand-ins for the ambient sources of time and chance. Learner code receives time as `now`
 * and randomness as `rng`; if it reaches for the globals anyway, it gets the same answers on every run, in
 * Node and in the browser, instead of a flaky grade.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

/** What `Date.now()`, `new Date()` and `performance.now()` return while learner code runs. */
export const virtualNowMs = 0;
const ambientRandomSeed = 20_250_605;
const timersDisabled =
  'Timers are disabled in exercises: time arrives as the `now` argument, in virtual milliseconds.';

export interface DeterministicGlobals {
  /** Restarts the `Math.random`/`crypto` stream, so each test sees the same draws whatever ran before it. */
  readonly restartRandomStream: () => void;
}

function defineGlobal(global: typeof globalThis, name: string, value: unknown): void {
  Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
}

function virtualDateConstructor(RealDate: DateConstructor): DateConstructor {
  function VirtualDate(this: unknown, ...args: unknown[]): unknown {
    // Called without `new`, Date returns a string of the current time.
    if (new.target === undefined) return new RealDate(virtualNowMs).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [virtualNowMs] : args, new.target);
  }
  Object.defineProperties(VirtualDate, {
    prototype: { value: RealDate.prototype },
    now: { value: () => virtualNowMs },
    parse: { value: RealDate.parse },
    UTC: { value: RealDate.UTC },
  });
  return VirtualDate as unknown as DateConstructor;
}

export function installDeterministicGlobals(global: typeof globalThis): DeterministicGlobals {
  let generator = xoroshiro128plus(ambientRandomSeed);
  const nextFloat = (): number => uniformFloat64(generator);

  defineGlobal(global, 'Date', virtualDateConstructor(global.Date));
  Object.defineProperty(global.Math, 'random', { value: nextFloat, writable: true, configurable: true });
  if (typeof global.performance === 'object' && global.performance !== null) {
    Object.defineProperty(global.performance, 'now', { value: () => virtualNowMs, configurable: true });
  }
  defineGlobal(global, 'crypto', {
    getRandomValues<T extends ArrayBufferView | null>(array: T): T {
      if (array === null) return array;
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(nextFloat() * 256);
      return array;
    },
    randomUUID(): string {
      const hex = Array.from({ length: 32 }, () => Math.floor(nextFloat() * 16).toString(16)).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
    },
  });
  const refuseTimer = (): never => {
    throw new Error(timersDisabled);
  };
  for (const name of ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'requestAnimationFrame']) {
    defineGlobal(global, name, refuseTimer);
  }

  return {
    restartRandomStream: () => {
      generator = xoroshiro128plus(ambientRandomSeed);
    },
  };
}
