/**
 * Lesson 12's figures, from real runs of the health-checked-backends scenario: a load balancer checks three
 * backends every 100 ms and routes with the health-checked-rr solution; b2 crashes at 1030 ms and restarts at
 * 2530 ms.
 * - {@link healthCheckTimeline}: the moments around the crash, message by message: checks that go
 *   unanswered, a request sent to the dead backend whose user times out, and the balancer routing around
 *   b2 once enough checks have failed.
 * - {@link routingFigure}: requests per backend over time, for the interactive crash view.
 */
import type { Figure } from '../figure.ts';
import { HealthCheckedBalancer } from '../../../exercises/health-checked-rr/solution.ts';
import { linePlot } from '../plot.ts';
import { spaceTimeDiagram } from '../space-time.ts';
import {
  BACKENDS,
  BALANCER,
  routedPerWindow,
  runHealthChecked,
  type HealthCheckedOptions,
  type HealthCheckedRun,
} from '../../scenarios/health-checked-backends.ts';

const WINDOW_MS = 100;

export const CRASH_OUTAGE = { backend: 'b2', crashAtMs: 1030, restartAtMs: 2530 } as const;

export function crashScenario(failAfter: number): HealthCheckedOptions {
  return {
    makeBalancer: (backends, rules) => new HealthCheckedBalancer(backends, rules),
    rules: { failAfter, passAfter: 2 },
    intervalMs: 100,
    timeoutMs: 50,
    ratePerSec: 300,
    stopMs: 4000,
    outage: CRASH_OUTAGE,
    workMs: 10,
    userTimeoutMs: 500,
  };
}

/** The routing plot of one run: requests per backend per 100 ms, with the crash and the restart marked. */
export function routingFigure(run: HealthCheckedRun): Figure {
  const perWindow = routedPerWindow(run, WINDOW_MS);
  return linePlot({
    title: `Requests per ${WINDOW_MS} ms to each backend; b2 crashes at ${CRASH_OUTAGE.crashAtMs} ms and restarts at ${CRASH_OUTAGE.restartAtMs} ms (failAfter ${run.options.rules.failAfter}, passAfter ${run.options.rules.passAfter}, seed ${run.seed})`,
    x: { label: 'time (ms)', min: 0, max: run.options.stopMs },
    y: { label: `requests per ${WINDOW_MS} ms`, min: 0 },
    series: BACKENDS.map((id) => ({ name: id, points: perWindow.get(id)!, style: 'step' as const })),
    references: [
      { axis: 'x', value: CRASH_OUTAGE.crashAtMs, label: 'b2 crashes' },
      { axis: 'x', value: CRASH_OUTAGE.restartAtMs, label: 'b2 restarts' },
    ],
  });
}

const TIMELINE_SEED = 8;

export function healthCheckTimeline(seed = TIMELINE_SEED): Figure {
  const run = runHealthChecked({ ...crashScenario(2), ratePerSec: 12 }, seed);
  const users = [...new Set(run.history.filter((op) => op.invokedAt >= 1000 && op.invokedAt < 1400).map((op) => op.client))];
  return spaceTimeDiagram(run.sim.trace.events(), {
    title: `Health checks notice a crash: b2 fails two checks in a row and is taken out (seed ${seed})`,
    history: run.history.filter((op) => op.invokedAt >= 1000 && op.invokedAt < 1400),
    lanes: [...users, BALANCER, ...BACKENDS],
    fromMs: 1000,
    toMs: 1400,
  });
}

/** The health checks to the crashed backend the timeline's caption names: the first `failAfter` after the crash. */
export function checksAfterCrash(failAfter = 2): number[] {
  const { intervalMs } = crashScenario(failAfter);
  const first = Math.floor(CRASH_OUTAGE.crashAtMs / intervalMs) + 1;
  return Array.from({ length: failAfter }, (_, i) => (first + i) * intervalMs);
}
