/**
 * Lesson 13's figures, from real runs of the service-discovery scenario:
 * - {@link crashedInstanceTimeline}: api-2 crashes; its heartbeats stop, the caller's cached list still
 *   names it, one call times out and the caller evicts it locally; the registry drops it when its TTL lapses.
 * - {@link callersCompared}: over many seeds, failed calls for a caller with a fixed list, one that refreshes
 *   from the registry, and one that also evicts failed addresses — for an instance that never comes back.
 */
import type { Figure } from '../figure.ts';
import { barChart } from '../bar-chart.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import { DiscoveryClient } from '../../../exercises/discovery-client/solution.ts';
import { CALLER, DEFAULT_OUTAGE, fixedListCaller, INSTANCES, REGISTRY, serviceDiscoveryRun, summarizeCalls, withoutEviction, type CallerPolicy } from '../../scenarios/service-discovery.ts';

export function crashedInstanceTimeline(seed = 1): Figure {
  const run = serviceDiscoveryRun({}, seed);
  const failed = run.history.filter((op) => op.f === 'call' && op.outcome !== 'ok' && op.invokedAt < 800).length;
  return spaceTimeDiagram(run.sim.trace.events(), {
    title: `An instance crashes behind a registry: ${failed} call${failed === 1 ? '' : 's'} to it time out before the caller stops using it (seed ${seed})`,
    history: run.history,
    lanes: [CALLER, REGISTRY, ...INSTANCES],
    fromMs: 380,
    toMs: 760,
  });
}

/** What the timeline's caption quotes, from the same run: the caller's refreshes and failed calls after the crash. */
export function crashedInstanceFacts(seed = 1): { readonly refreshesAfterCrashMs: readonly number[]; readonly failedCallsAfterCrash: readonly number[] } {
  const run = serviceDiscoveryRun({}, seed);
  const after = run.history.filter((op) => op.invokedAt >= DEFAULT_OUTAGE.atMs && op.invokedAt < 800);
  return {
    refreshesAfterCrashMs: after.filter((op) => op.f === 'lookup').map((op) => op.invokedAt),
    failedCallsAfterCrash: after.filter((op) => op.f === 'call' && op.input === DEFAULT_OUTAGE.node && op.outcome !== 'ok').map((op) => op.invokedAt),
  };
}

export const CALLERS: readonly { readonly name: string; readonly caller: () => CallerPolicy }[] = [
  { name: 'fixed list, no discovery', caller: () => fixedListCaller() },
  { name: 'registry refresh every 500 ms', caller: () => withoutEviction(new DiscoveryClient({ refreshMs: 500 })) },
  { name: 'refresh + local eviction', caller: () => new DiscoveryClient({ refreshMs: 500 }) },
];
export const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);
/** The instance that dies for good in the compared runs, and when. */
export const COMPARED_OUTAGE = { node: 'api-2', atMs: 400 } as const;

export interface CallerOutcome {
  readonly name: string;
  /** Mean failed calls per run. */
  readonly failedPerRun: number;
  /** Failed calls as a percentage of all calls. */
  readonly failedPercent: number;
}

/** api-2 crashes at 400 ms and stays down; the caller works until 2500 ms. */
export function callerOutcomes(): CallerOutcome[] {
  return CALLERS.map(({ name, caller }) => {
    let calls = 0;
    let failed = 0;
    for (const seed of SEEDS) {
      const summary = summarizeCalls(serviceDiscoveryRun({ caller, outage: COMPARED_OUTAGE }, seed).history);
      calls += summary.calls;
      failed += summary.failed;
    }
    return { name, failedPerRun: Math.round((10 * failed) / SEEDS.length) / 10, failedPercent: Math.round((1000 * failed) / calls) / 10 };
  });
}

export function callersCompared(outcomes: readonly CallerOutcome[] = callerOutcomes()): Figure {
  return barChart({
    title: `Failed calls when one of three instances dies for good (${SEEDS.length} seeded runs)`,
    x: { label: 'how the caller finds instances', categories: outcomes.map((o) => o.name) },
    y: { label: 'failed calls per run', min: 0 },
    series: [{ name: 'failed calls per run (mean)', values: outcomes.map((o) => o.failedPerRun) }],
  });
}
