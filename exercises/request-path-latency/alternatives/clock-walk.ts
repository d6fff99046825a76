// Walks the path with a clock, returning when each reply arrives back given when its request left, instead of adding up durations.
export interface Hop {
  node: string;
  networkMs: number;
  backMs: number;
  workMs: number;
  calls?: Hop[];
  parallel?: boolean;
}

/** The time the reply to `hop` reaches its caller, when the request leaves the caller at `sentAt`. */
function replyArrives(hop: Hop, sentAt: number): number {
  let now = sentAt + hop.networkMs + hop.workMs;
  const callsSentAt = now;
  for (const call of hop.calls ?? []) {
    const answered = replyArrives(call, hop.parallel === true ? callsSentAt : now);
    now = Math.max(now, answered);
  }
  return now + hop.backMs;
}

export function endToEndLatency(path: Hop): number {
  return replyArrives(path, 0);
}
