// Returns the newest version a majority reported without writing it back first: a later read that asks other replicas can return something older.
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

export function newest(replies: readonly Version[]): Version {
  let latest = replies[0]!;
  for (const reply of replies) {
    if (reply.ts > latest.ts || (reply.ts === latest.ts && reply.writer > latest.writer)) latest = reply;
  }
  return latest;
}


export function read(quorum: ReadQuorum): void {
  quorum.query((replies) => {
    quorum.reply(newest(replies).value);
  });
}
