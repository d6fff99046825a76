/**
 * What the instance killer shows, shared by its build-time render (InstanceKiller.astro) and its custom
 * element (instance-killer-element.ts): api-2 goes down for a while, and three callers — a fixed list, a
 * registry refresh, a refresh plus local eviction — run the same simulated workload. Pure: it runs in Node
 * at build time and in the page.
 */
import { CALLERS } from '../../figures/lessons/13-service-discovery-and-service-mesh.ts';
import { serviceDiscoveryRun, summarizeCalls } from '../../scenarios/service-discovery.ts';

export const DOWN_MIN_MS = 0;
export const DOWN_MAX_MS = 2000;
export const TTL_MIN_MS = 100;
export const TTL_MAX_MS = 1000;
export const CONTROL_STEP_MS = 100;
export const CRASH_AT_MS = 400;
export const KILLER_SEED = 1;
export const KILLER_STOP_MS = 3000;

export interface CallerRow {
  /** The caller's place in CALLERS. */
  readonly key: string;
  /** The caller, in words. */
  readonly label: string;
  readonly calls: number;
  readonly failed: number;
  readonly value: string;
}

export interface KillerReading {
  readonly rows: readonly CallerRow[];
  /** One sentence for screen readers, announced after each change. */
  readonly summary: string;
}

const inRange = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max && value % CONTROL_STEP_MS === 0;

export function isValidSetting(downMs: number, ttlMs: number): boolean {
  return inRange(downMs, DOWN_MIN_MS, DOWN_MAX_MS) && inRange(ttlMs, TTL_MIN_MS, TTL_MAX_MS);
}

export function readOutage(downMs: number, ttlMs: number): KillerReading {
  if (!isValidSetting(downMs, ttlMs)) {
    throw new RangeError(`instance killer: the outage must be ${DOWN_MIN_MS}–${DOWN_MAX_MS} ms and the TTL ${TTL_MIN_MS}–${TTL_MAX_MS} ms, in steps of ${CONTROL_STEP_MS} (got ${downMs} and ${ttlMs})`);
  }
  const outage = downMs === 0 ? null : { node: 'api-2', atMs: CRASH_AT_MS, restartAtMs: CRASH_AT_MS + downMs };
  const rows = CALLERS.map(({ name, caller }, i) => {
    const { calls, failed } = summarizeCalls(serviceDiscoveryRun({ caller, outage, ttlMs, stopMs: KILLER_STOP_MS }, KILLER_SEED).history);
    return { key: String(i), label: name, calls, failed, value: `${failed} of ${calls} calls failed` };
  });
  return {
    rows,
    summary: `api-2 down for ${downMs} ms, registry TTL ${ttlMs} ms: ${rows.map((row) => `${row.label}, ${row.failed} failed`).join('; ')}.`,
  };
}

export const downValueText = (downMs: number) => (downMs === 0 ? 'no outage' : `api-2 down from ${CRASH_AT_MS} to ${CRASH_AT_MS + downMs} ms`);
export const ttlValueText = (ttlMs: number) => `${ttlMs} milliseconds`;
