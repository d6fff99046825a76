/**
 * Turns values and trace events into the short lines a learner reads when a hidden test fails:
 *   t=120ms  A → B  put x=1
 *   t=300ms  B crashed
 *   t=310ms  C → B  put x=2  dropped: partition
 */
import type { TraceEvent, TraceKind } from './types.ts';

const MAX_SUMMARY = 72;

/**
 * The default message description: `{ type: 'put', key: 'x', value: 1 }` → `put key=x value=1`; other
 * objects as `k=v` pairs; arrays in brackets; long text cut with an ellipsis.
 */
export function describeValue(value: unknown): string {
  const text = describe(value, 0);
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

/** Words, numbers and ids read best bare; anything else is quoted so its boundaries stay visible. */
const BARE_TEXT = /^[\w.:@/-]+$/;

function describe(value: unknown, depth: number): string {
  if (typeof value === 'string') return depth === 0 || BARE_TEXT.test(value) ? value : JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return String(value);
  if (depth >= 2) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) return `[${value.map((item) => describe(item, depth + 1)).join(', ')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  const type = record['type'];
  if (typeof type === 'string' && depth === 0) parts.push(type);
  for (const key of Object.keys(record)) {
    if (key === 'type' && depth === 0 && typeof type === 'string') continue;
    parts.push(`${key}=${describe(record[key], depth + 1)}`);
  }
  return depth === 0 ? parts.join(' ') : `{${parts.join(' ')}}`;
}

/** Kinds whose line reads "subject verb", e.g. "B crashed". */
const VERB_KINDS: ReadonlySet<TraceKind> = new Set<TraceKind>([
  'start',
  'crash',
  'restart',
  'pause',
  'resume',
  'clock-skew',
]);
const MESSAGE_KINDS: ReadonlySet<TraceKind> = new Set<TraceKind>(['deliver', 'request', 'reply', 'drop']);

/** One event as one line. `timeWidth` pads the time so a column of lines aligns. */
export function formatTraceLine(event: TraceEvent, timeWidth = 0): string {
  const time = `t=${event.time}ms`.padEnd(timeWidth + 4);
  let body: string;
  if (MESSAGE_KINDS.has(event.kind)) {
    body = `${event.from} → ${event.to}  ${event.summary}`;
    if (event.kind === 'drop') body += `  dropped: ${event.reason}`;
  } else if (event.node === undefined) {
    body = event.summary;
  } else if (VERB_KINDS.has(event.kind)) {
    body = `${event.node} ${event.summary}`;
  } else {
    body = `${event.node}  ${event.summary}`;
  }
  return `${time}  ${body}`;
}

/** Several events as aligned lines. */
export function formatTraceLines(events: readonly TraceEvent[]): string[] {
  let width = 0;
  for (const event of events) width = Math.max(width, String(event.time).length);
  return events.map((event) => formatTraceLine(event, width));
}
