/**
 * The story of a failure: the few trace events that matter, as lines. For each operation to blame, the
 * chain of direct causes that ended it (invoke → request → … → reply or timeout), plus the faults that
 * shaped the run up to then. Never a dump: at most {@link MAX_TRACE_LINES} lines.
 */
import { formatTraceLines } from '../sim/index.ts';
import type { Simulation, TraceEvent, TraceKind, Operation } from '../sim/index.ts';
import { MAX_TRACE_LINES } from './checkers/result.ts';

const FAULT_KINDS: ReadonlySet<TraceKind> = new Set<TraceKind>([
  'crash', 'restart', 'pause', 'resume', 'partition', 'partition-one-way', 'heal', 'loss-burst', 'latency-spike', 'clock-skew',
]);

/** The operation id an event belongs to, if it is a client request, reply or timeout (sent or dropped). */
function operationIdOf(event: TraceEvent): number | undefined {
  const data = event.data as Record<string, unknown> | undefined;
  if (typeof data !== 'object' || data === null) return undefined;
  // Shapes from the simulation: a request is a ClientRequest { id, client, f, … }, a reply { op, ok, … }.
  const isRequest = typeof data['id'] === 'number' && typeof data['client'] === 'string' && typeof data['f'] === 'string';
  const isReply = typeof data['op'] === 'number' && typeof data['ok'] === 'boolean';
  switch (event.kind) {
    case 'invoke':
    case 'request':
    case 'timeout':
      return isRequest ? (data['id'] as number) : undefined;
    case 'reply':
      return isReply ? (data['op'] as number) : undefined;
    case 'drop':
      if (isRequest) return data['id'] as number;
      return isReply ? (data['op'] as number) : undefined;
    default:
      return undefined;
  }
}

/** How many lost messages an operation's story shows: the first ones say why it went unanswered. */
const MAX_DROPS_PER_OPERATION = 2;

/**
 * The events of one operation's story: the events that carry its id (invoke, request, drops, reply,
 * timeout), the chain of direct causes that ended it, cut at its invocation — before that the chain walks
 * back through the client's earlier operations, which tell nothing about this one — and the first
 * messages it set off that were lost (why a quorum never formed).
 */
function operationStory(sim: Simulation, events: readonly TraceEvent[], own: readonly TraceEvent[]): TraceEvent[] {
  const invoke = own[0]!;
  const end = own[own.length - 1]!;
  const chain = sim.trace.causeChain(end.id).filter((event) => event.id >= invoke.id);
  const descendants = new Set([invoke.id]);
  const drops: TraceEvent[] = [];
  for (let id = invoke.id + 1; id <= end.id && drops.length < MAX_DROPS_PER_OPERATION; id++) {
    const event = events[id]!;
    if (event.cause === null || !descendants.has(event.cause)) continue;
    descendants.add(id);
    if (event.kind === 'drop') drops.push(event);
  }
  const byId = new Map([...own, ...chain, ...drops].map((event) => [event.id, event]));
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The trace events of a failure story, oldest first, at most `maxLines`. */
export function storyEvents(sim: Simulation, culprits: readonly Operation[], maxLines = MAX_TRACE_LINES): TraceEvent[] {
  const events = sim.trace.events();
  const wanted = new Set(culprits.map((op) => op.id));
  const eventsOf = new Map<number, TraceEvent[]>();
  for (const event of events) {
    const opId = operationIdOf(event);
    if (opId === undefined || !wanted.has(opId)) continue;
    const own = eventsOf.get(opId) ?? [];
    own.push(event);
    eventsOf.set(opId, own);
  }
  const horizon = culprits.reduce((latest, op) => Math.max(latest, op.completedAt ?? op.invokedAt), 0);
  const faults = events.filter((event) => FAULT_KINDS.has(event.kind) && (culprits.length === 0 || event.time <= horizon));
  // Faults get at most a third of the lines; the rest goes to the operations, latest first, so when
  // lines run out the events nearest the violation stay.
  const keptFaults = faults.slice(-Math.ceil(maxLines / 3));
  const stories = [...eventsOf.values()]
    .map((own) => operationStory(sim, events, own))
    .sort((a, b) => b[b.length - 1]!.id - a[a.length - 1]!.id);
  const kept = new Map<number, TraceEvent>();
  for (const story of stories) {
    for (const event of [...story].reverse()) {
      if (kept.size >= maxLines - keptFaults.length) break;
      kept.set(event.id, event);
    }
  }
  return [...keptFaults, ...kept.values()].sort((a, b) => a.id - b.id);
}

/**
 * The story of a failure as trace lines, ready for a `PropertyViolation`: for each culprit operation its
 * invocation, messages and reply or timeout, with the faults up to then; oldest first, at most `maxLines`.
 */
export function storyLines(sim: Simulation, culprits: readonly Operation[], maxLines = MAX_TRACE_LINES): string[] {
  return formatTraceLines(storyEvents(sim, culprits, maxLines));
}
