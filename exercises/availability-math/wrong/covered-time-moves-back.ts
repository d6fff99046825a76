// Wrong: after an outage nested inside a longer one, the covered time goes back to the nested outage's end,
// so a third outage that starts inside the longer one counts its overlap twice.
/** A stretch of time [from, to) in virtual milliseconds. */
export interface Outage {
  from: number;
  to: number;
}

/** One request as the client recorded it (times in virtual ms; no `completedAt` while still pending). */
export interface RequestRecord {
  outcome: 'ok' | 'fail' | 'unknown' | 'pending';
  invokedAt: number;
  completedAt?: number;
}

/** Every part is needed: the system is up only when all parts are up. */
export function composeSerial(parts: number[]): number {
  return parts.reduce((up, part) => up * part, 1);
}

/** Any one part is enough: the system is down only when all parts are down. */
export function composeParallel(parts: number[]): number {
  return 1 - parts.reduce((down, part) => down * (1 - part), 1);
}

/** Allowed downtime in whole milliseconds for an availability target over a period. */
export function downtimeBudgetMs(slo: number, periodMs: number): number {
  return Math.round((1 - slo) * periodMs);
}

/** Time-based availability: the fraction of [fromMs, toMs) covered by no outage. */
export function uptimeFraction(outages: Outage[], fromMs: number, toMs: number): number {
  const clipped = outages
    .map((o) => ({ from: Math.max(o.from, fromMs), to: Math.min(o.to, toMs) }))
    .filter((o) => o.from < o.to)
    .sort((a, b) => a.from - b.from);
  let downMs = 0;
  let coveredTo = fromMs;
  for (const o of clipped) {
    const start = Math.max(o.from, coveredTo);
    if (o.to > start) downMs += o.to - start;
    coveredTo = o.to;
  }
  return 1 - downMs / (toMs - fromMs);
}

/** Request-based availability: successful replies within the deadline / all requests. */
export function requestAvailability(requests: RequestRecord[], deadlineMs: number): number {
  if (requests.length === 0) return 1;
  const good = requests.filter((r) => r.outcome === 'ok' && r.completedAt! - r.invokedAt <= deadlineMs);
  return good.length / requests.length;
}
