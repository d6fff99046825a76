// Sorts the replies to find the newest, and skips the write-back when every reply of the majority already holds it.
/** One version of the register: the value, the coordinator's clock (ms) when the write arrived, and its client's id. */
export interface Version {
  readonly value: unknown;
  readonly ts: number;
  readonly writer: string;
}

/** What the coordinator of one read can do: the messaging is the scaffold's. */
export interface ReadQuorum {
  /** Asks every replica for its version; calls `then` once, with the first majority's replies (this replica's first). */
  query(then: (replies: Version[]) => void): void;
  /** Sends `version` to every replica, which keeps the newer of it and its own; calls `then` once a majority has it. */
  store(version: Version, then: () => void): void;
  /** Answers the client with `value`. Call it once. */
  reply(value: unknown): void;
}


function order(a: Version, b: Version): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  return a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : 0;
}

export function newest(replies: readonly Version[]): Version {
  return [...replies].sort(order)[replies.length - 1]!;
}

export function read(quorum: ReadQuorum): void {
  quorum.query((replies) => {
    const latest = newest(replies);
    if (replies.every((reply) => order(reply, latest) === 0)) {
      quorum.reply(latest.value);
      return;
    }
    quorum.store(latest, () => quorum.reply(latest.value));
  });
}
