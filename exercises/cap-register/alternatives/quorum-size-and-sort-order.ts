// Computes the majority size explicitly (floor(n/2) + 1) and merges by ordering the two versions with a comparator.
export type Mode = 'CP' | 'AP';
export type Decision = 'quorum' | 'local' | 'reject';

export interface Versioned {
  value: unknown;
  ts: number;
  writer: string;
}

export function decide(op: 'read' | 'write', mode: Mode, reachable: number, n: number): Decision {
  switch (mode) {
    case 'AP':
      return 'local';
    case 'CP': {
      const majority = Math.floor(n / 2) + 1;
      return reachable >= majority ? 'quorum' : 'reject';
    }
  }
}

/** Negative when a is older than b. */
function age(a: Versioned, b: Versioned): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  return a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : 0;
}

export function lwwMerge(a: Versioned, b: Versioned): Versioned {
  return age(a, b) < 0 ? b : a;
}
