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
  throw new Error('composeSerial is not written yet');
}

/** Any one part is enough: the system is down only when all parts are down. */
export function composeParallel(parts: number[]): number {
  throw new Error('composeParallel is not written yet');
}

/** Allowed downtime in whole milliseconds for an availability target over a period. */
export function downtimeBudgetMs(slo: number, periodMs: number): number {
  throw new Error('downtimeBudgetMs is not written yet');
}

/** Time-based availability: the fraction of [fromMs, toMs) covered by no outage. */
export function uptimeFraction(outages: Outage[], fromMs: number, toMs: number): number {
  // Adding up outage lengths is a start — but what if two outages overlap?
  throw new Error('uptimeFraction is not written yet');
}

/** Request-based availability: successful replies within the deadline / all requests. */
export function requestAvailability(requests: RequestRecord[], deadlineMs: number): number {
  throw new Error('requestAvailability is not written yet');
}
