export type Mode = 'CP' | 'AP';
export type Decision = 'quorum' | 'local' | 'reject';

/** One version of the register's value: its timestamp (ms) and the id of the client that wrote it. */
export interface Versioned {
  value: unknown;
  ts: number;
  writer: string;
}

/**
 * How should the replica that received this request serve it?
 * `reachable` counts the replicas it can talk to right now, itself included; `n` is the number of replicas.
 */
export function decide(op: 'read' | 'write', mode: Mode, reachable: number, n: number): Decision {
  // Serving everything from the local copy answers fast — but is it consistent?
  return 'local';
}

/** Which of two versions survives? Every replica must pick the same one. */
export function lwwMerge(a: Versioned, b: Versioned): Versioned {
  throw new Error('lwwMerge is not written yet');
}

/** Does every read see the latest acknowledged write with N replicas, W write acks and R read replies? */
