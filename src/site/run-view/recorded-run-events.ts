/**
 * A recorded run (the results contract's plain data) back as the trace events the figures read, so the
 * learner's run is drawn and described by the same code as every lesson figure.
 */
import type { RecordedRun, RunEvent } from '../../runner/contract.ts';
import type { TraceEvent } from '../../sim/index.ts';

function dataOf(event: RunEvent): unknown {
  if (event.request !== undefined) return event.request;
  if (event.reply !== undefined) return event.reply;
  if (event.durationMs !== undefined) return { durationMs: event.durationMs };
  return undefined;
}

export function traceEventOf(event: RunEvent): TraceEvent {
  const data = dataOf(event);
  return {
    id: event.id,
    time: event.time,
    kind: event.kind,
    ...(event.node === undefined ? {} : { node: event.node }),
    ...(event.from === undefined ? {} : { from: event.from }),
    ...(event.to === undefined ? {} : { to: event.to }),
    ...(event.sentAt === undefined ? {} : { sentAt: event.sentAt }),
    ...(data === undefined ? {} : { data }),
    summary: event.summary,
    ...(event.reason === undefined ? {} : { reason: event.reason }),
    cause: event.cause,
  };
}

export function traceEventsOf(run: RecordedRun): TraceEvent[] {
  return run.events.map(traceEventOf);
}
