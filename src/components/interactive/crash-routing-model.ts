/**
 * What the crash-routing view shows, shared by its build-time render (CrashRouting.astro) and its custom
 * element (crash-routing-element.ts): one run of a health-checked load balancer while backend b2 crashes
 * and restarts, at a chosen number of failed checks before a backend is taken out. Pure: it runs in Node at
 * build time and in the page.
 */
import type { Figure } from '../../figures/figure.ts';
import { CRASH_OUTAGE, crashScenario, routingFigure } from '../../figures/lessons/12-load-balancers-and-reverse-proxies.ts';
import { detectionDeadline, lostToOutage, runHealthChecked, type HealthCheckedRun } from '../../scenarios/health-checked-backends.ts';

export const FAIL_AFTER_MIN = 1;
export const FAIL_AFTER_MAX = 6;
export const CRASH_SEED = 1;
export type CrashStatKey = 'lost' | 'lastToDead' | 'backAfter' | 'detection';

export interface CrashStatRow {
  readonly key: CrashStatKey;
  readonly label: string;
  readonly value: string;
}

export interface CrashReading {
  readonly failAfter: number;
  readonly run: HealthCheckedRun;
  readonly figure: Figure;
  readonly rows: readonly CrashStatRow[];
  /** One sentence for screen readers, announced after each change. */
  readonly announcement: string;
  readonly note: string;
}

export function isFailAfterOnSlider(failAfter: number): boolean {
  return Number.isInteger(failAfter) && failAfter >= FAIL_AFTER_MIN && failAfter <= FAIL_AFTER_MAX;
}

export function readCrashRouting(failAfter: number): CrashReading {
  if (!isFailAfterOnSlider(failAfter)) throw new RangeError(`crash routing: failAfter must be a whole number from ${FAIL_AFTER_MIN} to ${FAIL_AFTER_MAX}, got ${failAfter}`);
  const options = crashScenario(failAfter);
  const run = runHealthChecked(options, CRASH_SEED);
  const toB2 = run.routed.filter(({ backend }) => backend === CRASH_OUTAGE.backend);
  const lastToDead = toB2.filter(({ at }) => at >= CRASH_OUTAGE.crashAtMs && at < CRASH_OUTAGE.restartAtMs).at(-1);
  const firstBack = toB2.find(({ at }) => at >= CRASH_OUTAGE.restartAtMs);
  const lost = lostToOutage(run);
  const lastText = lastToDead === undefined ? 'none' : `${lastToDead.at - CRASH_OUTAGE.crashAtMs} ms after the crash`;
  const backText = firstBack === undefined ? 'never' : `${firstBack.at - CRASH_OUTAGE.restartAtMs} ms after the restart`;
  const rows: CrashStatRow[] = [
    { key: 'lost', label: 'Requests sent to b2 while it was down (lost)', value: String(lost) },
    { key: 'lastToDead', label: 'Last request sent to the dead b2', value: lastText },
    { key: 'detection', label: 'Worst case to take it out (failAfter × interval + timeout)', value: `${detectionDeadline(options, 0)} ms` },
    { key: 'backAfter', label: 'First request to b2 after its restart', value: backText },
  ];
  return {
    failAfter,
    run,
    figure: routingFigure(run),
    rows,
    announcement: `Out after ${failAfter} failed check${failAfter === 1 ? '' : 's'}: ${lost} requests lost to the dead backend; the last was sent ${lastText}.`,
    note: `Three backends behind one load balancer that checks each of them every ${options.intervalMs} ms (a check fails after ${options.timeoutMs} ms without an answer) and brings a backend back after ${options.rules.passAfter} passed checks in a row; ${options.ratePerSec} random requests per second (seed ${CRASH_SEED}). A request sent to b2 while it is down goes unanswered, and its user gives up after ${options.userTimeoutMs} ms.`,
  };
}

/** The slider's spoken value. */
export function failAfterValueText(failAfter: number): string {
  return `${failAfter} failed check${failAfter === 1 ? '' : 's'} in a row`;
}
