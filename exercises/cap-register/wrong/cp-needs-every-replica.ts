export type Mode = 'CP' | 'AP';
export type Decision = 'quorum' | 'local' | 'reject';

/** One version of the register's value: its timestamp (ms) and the id of the client that wrote it. */
export interface Versioned {
  value: unknown;
  ts: number;
  writer: string;
}

export function decide(op: 'read' | 'write', mode: Mode, reachable: number, n: number): Decision {
  if (mode === 'AP') return 'local';
  // CP: serve only when a majority (the coordinator included) can take part; otherwise say no at once.
  // Mistake: waits for every replica instead of a majority.
  return reachable === n ? 'quorum' : 'reject';
}

export function lwwMerge(a: Versioned, b: Versioned): Versioned {
  if (a.ts !== b.ts) return a.ts > b.ts ? a : b;
  // Same millisecond: the larger writer id wins, so every replica picks the same version.
  return a.writer >= b.writer ? a : b;
}
