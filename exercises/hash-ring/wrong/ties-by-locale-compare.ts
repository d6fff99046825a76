// Wrong on purpose: breaks ties with localeCompare, which sorts "a" before "B" (alphabetically, ignoring case) where plain string comparison puts "B" first.
/** A hash from text to an unsigned 32-bit integer (0 … 2^32 − 1). */
export type Hash = (text: string) => number;

/** Hash-mod-N placement: the shard at index hash(key) mod N in the array as given. */
export function modShard(key: string, shards: readonly string[], hash: Hash): string {
  return shards[hash(key) % shards.length]!;
}

interface Point {
  position: number;
  shard: string;
}

/** A consistent-hash ring with `vnodes` points per shard. */
export class HashRing {
  private readonly vnodes: number;
  private readonly hash: Hash;
  private points: Point[] = [];

  constructor(options: { vnodes: number; hash: Hash }) {
    this.vnodes = options.vnodes;
    this.hash = options.hash;
  }

  addShard(shard: string): void {
    for (let i = 0; i < this.vnodes; i++) this.points.push({ position: this.hash(`${shard}#${i}`), shard });
    // Ties on position go to the shard whose name sorts first, alphabetically.
    this.points.sort((a, b) => a.position - b.position || a.shard.localeCompare(b.shard));
  }

  removeShard(shard: string): void {
    this.points = this.points.filter((point) => point.shard !== shard);
  }

  shardFor(key: string): string | null {
    if (this.points.length === 0) return null;
    const h = this.hash(key);
    // Binary search for the first point at or after h; past the last point, wrap to the first.
    let low = 0;
    let high = this.points.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.points[mid]!.position < h) low = mid + 1;
      else high = mid;
    }
    return this.points[low === this.points.length ? 0 : low]!.shard;
  }
}
