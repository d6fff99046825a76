/** A hash from text to an unsigned 32-bit integer (0 … 2^32 − 1). */
export type Hash = (text: string) => number;

/** Hash-mod-N placement: the shard at index hash(key) mod N in the array as given. */
export function modShard(key: string, shards: readonly string[], hash: Hash): string {
  throw new Error('modShard is not written yet');
}

/** A consistent-hash ring with `vnodes` points per shard. */
export class HashRing {
  private readonly vnodes: number;
  private readonly hash: Hash;
  // Each point: where it sits on the ring (0 … 2^32 − 1) and which shard it belongs to.
  private points: { position: number; shard: string }[] = [];

  constructor(options: { vnodes: number; hash: Hash }) {
    this.vnodes = options.vnodes;
    this.hash = options.hash;
  }

  /** Puts the shard's `vnodes` points on the ring, at hash(`${shard}#${i}`) for i = 0 … vnodes − 1. */
  addShard(shard: string): void {
    throw new Error('addShard is not written yet');
  }

  /** Takes the shard's points off the ring. */
  removeShard(shard: string): void {
    throw new Error('removeShard is not written yet');
  }

  /** The shard that owns `key`, or null when the ring is empty. */
  shardFor(key: string): string | null {
    throw new Error('shardFor is not written yet');
  }
}
