// Plain loops instead of reduce, and uptime by sweeping start/end events over the window instead of merging sorted intervals.
export interface Outage {
  from: number;
  to: number;
}

export interface RequestRecord {
  outcome: 'ok' | 'fail' | 'unknown' | 'pending';
  invokedAt: number;
  completedAt?: number;
}

export function composeSerial(parts: number[]): number {
  let up = 1;
  for (const part of parts) up *= part;
  return up;
}

export function composeParallel(parts: number[]): number {
  let allDown = 1;
  for (const part of parts) allDown *= 1 - part;
  return 1 - allDown;
}

export function downtimeBudgetMs(slo: number, periodMs: number): number {
  const allowed = (1 - slo) * periodMs;
  return Math.round(allowed);
}

export function uptimeFraction(outages: Outage[], fromMs: number, toMs: number): number {
  // +1 where an outage starts, -1 where it ends; time with a count above zero is down.
  const events: [number, number][] = [];
  for (const { from, to } of outages) {
    const start = Math.max(from, fromMs);
    const end = Math.min(to, toMs);
    if (start < end) events.push([start, 1], [end, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let down = 0;
  let open = 0;
  let last = fromMs;
  for (const [at, delta] of events) {
    if (open > 0) down += at - last;
    open += delta;
    last = at;
  }
  return 1 - down / (toMs - fromMs);
}

export function requestAvailability(requests: RequestRecord[], deadlineMs: number): number {
  let good = 0;
  for (const { outcome, invokedAt, completedAt } of requests) {
    if (outcome === 'ok' && completedAt !== undefined && completedAt <= invokedAt + deadlineMs) good++;
  }
  return requests.length === 0 ? 1 : good / requests.length;
}
