// Wrong on purpose: compares writer ids by their number, so c10 beats c9 — but the prompt orders them as strings, where c9 is larger.
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
  return reachable > n / 2 ? 'quorum' : 'reject';
}

export function lwwMerge(a: Versioned, b: Versioned): Versioned {
  if (a.ts !== b.ts) return a.ts > b.ts ? a : b;
  const number = (writer: string) => Number(writer.slice(1));
  return number(a.writer) >= number(b.writer) ? a : b;
}
