/**
 * `expect` keeps its matchers, custom equality testers and asymmetric matchers in registries it reaches
 * through well-known symbols on globalThis. Locking the global bindings is not enough: learner code could
 * still push a tester that calls everything equal, or `expect.extend` a `toEqual` that always passes. So the
 * registries themselves are frozen. The per-assertion state stays writable: `expect` counts its calls there.
 */
import { ASYMMETRIC_MATCHERS_OBJECT, GLOBAL_EXPECT, JEST_MATCHERS_OBJECT, chai } from '@vitest/expect';
import { deepFreeze } from './deep-freeze.ts';

interface MatchersRegistry {
  readonly matchers?: unknown;
  readonly customEqualityTesters?: unknown;
}

export function freezeExpectRegistries(global: typeof globalThis, skip: ReadonlySet<unknown>): void {
  const registries = global as unknown as Record<symbol, unknown>;
  const { matchers, customEqualityTesters } = (registries[JEST_MATCHERS_OBJECT] ?? {}) as MatchersRegistry;
  for (const registry of [registries[GLOBAL_EXPECT], registries[ASYMMETRIC_MATCHERS_OBJECT], matchers, customEqualityTesters, chai.Assertion.prototype]) {
    deepFreeze(registry, skip);
  }
}
