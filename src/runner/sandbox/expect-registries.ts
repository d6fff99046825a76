/**
 * `expect` keeps its matchers, custom equality testers and asymmetric matchers in registries it reaches
 * through well-known symbols on globalThis. Locking the global bindings is not enough: learner code could
 * still push a tester that calls everything equal, or `expect.extend` a `toEqual` that always passes. So the
 * registries themselves are frozen, and the map of per-expect state is replaced by a view that can only look
 * state up.
 */
import { ASYMMETRIC_MATCHERS_OBJECT, GLOBAL_EXPECT, JEST_MATCHERS_OBJECT, MATCHERS_OBJECT, chai } from '@vitest/expect';
import { deepFreeze } from './deep-freeze.ts';

interface MatchersRegistry {
  readonly matchers?: unknown;
  readonly customEqualityTesters?: unknown;
}

/** The symbols under which `expect` keeps its registries: the only symbol-keyed globals the sealed realm keeps. */
export const expectRegistrySymbols: ReadonlySet<symbol> = new Set([GLOBAL_EXPECT, JEST_MATCHERS_OBJECT, ASYMMETRIC_MATCHERS_OBJECT, MATCHERS_OBJECT]);

export function freezeExpectRegistries(global: typeof globalThis, frozen: Set<unknown>): void {
  const registries = global as unknown as Record<symbol, unknown>;
  const { matchers, customEqualityTesters } = (registries[JEST_MATCHERS_OBJECT] ?? {}) as MatchersRegistry;
  // `expect` keeps each expect's state in a WeakMap under this symbol; learner code could `set` its own state
  // there. The sealed realm keeps a view that can only look state up.
  const states = registries[MATCHERS_OBJECT] as WeakMap<object, unknown> | undefined;
  if (states !== undefined) {
    const lookUpOnly = Object.freeze({ get: (key: object) => states.get(key), has: (key: object) => states.has(key) });
    Object.defineProperty(global, MATCHERS_OBJECT, { value: lookUpOnly, writable: false, configurable: false });
  }
  for (const registry of [registries[GLOBAL_EXPECT], registries[ASYMMETRIC_MATCHERS_OBJECT], matchers, customEqualityTesters, chai.Assertion.prototype]) {
    deepFreeze(registry, frozen);
  }
}
