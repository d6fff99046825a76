/**
 * Prepares the realm for learner code. Call once per fresh worker, after the harness and the hidden tests
 * have loaded and before the learner's module is evaluated; keep the returned clock for timings.
 */
import { blockNetwork } from './network.ts';
import { captureConsole } from './console.ts';
import { installDeterministicGlobals } from './determinism.ts';
import { guardDynamicCode } from './dynamic-code.ts';
import { expectRegistrySymbols, freezeExpectRegistries } from './expect-registries.ts';
import { freezeRealm } from './freeze.ts';
import { formatStacksForLearners } from './stack-formatting.ts';

export interface Sandbox {
  /** The real monotonic clock, captured before `performance.now` was replaced. */
  readonly realNow: () => number;
  readonly restartRandomStream: () => void;
  readonly consoleLines: () => string[];
  readonly clearConsole: () => void;
}

export function installSandbox(global: typeof globalThis = globalThis): Sandbox {
  const performanceNow = global.performance.now.bind(global.performance);
  const { restartRandomStream } = installDeterministicGlobals(global);
  blockNetwork(global);
  guardDynamicCode(global);
  const { lines, clear } = captureConsole(global);
  formatStacksForLearners(global);
  const frozen = new Set<unknown>();
  freezeExpectRegistries(global, frozen);
  freezeRealm(global, expectRegistrySymbols, frozen);
  return { realNow: performanceNow, restartRandomStream, consoleLines: lines, clearConsole: clear };
}
