// Sorts a copy of the answers instead of one pass, and polls the chosen replica until its relay log is empty instead of waiting with waitApplied.
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
  const ranked = [...positions].sort((a, b) => b.received - a.received || (a.id < b.id ? -1 : 1));
  return ranked.length > 0 ? ranked[0]!.id : null;
}

const ANSWER_WAIT_MS = 100;
const POLL_MS = 10;

export function failover(ctl: Controller): void {
  const answers = new Map<string, Position>();
  for (const replica of ctl.replicas) ctl.ask(replica, (position) => answers.set(position.id, position));
  ctl.after(ANSWER_WAIT_MS, () => {
    const chosen = chooseCandidate([...answers.values()]);
    if (chosen === null) return;
    const drainThenPromote = (position: Position) => {
      if (position.applied >= position.received) ctl.promote(chosen);
      else ctl.after(POLL_MS, () => ctl.ask(chosen, drainThenPromote));
    };
    drainThenPromote(answers.get(chosen)!);
  });
}
