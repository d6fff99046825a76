// Keeps each shard's positions in a Map and answers shardFor with one linear scan for the smallest (position, shard) at or after the key, instead of a sorted array and binary search.
export type Hash = (text: string) => number;

export function modShard(key: string, shards: readonly string[], hash: Hash): string {
  const index = hash(key) % shards.length;
  return shards[index]!;
}

/** True when point a comes before point b on the ring (position, then shard name). */
const before = (a: [number, string], b: [number, string]): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

export class HashRing {
  private readonly vnodes: number;
  private readonly hash: Hash;
  private readonly positions = new Map<string, number[]>();

  constructor({ vnodes, hash }: { vnodes: number; hash: Hash }) {
    this.vnodes = vnodes;
    this.hash = hash;
  }

  addShard(shard: string): void {
    const points: number[] = [];
    for (let i = 0; i < this.vnodes; i++) points.push(this.hash(`${shard}#${i}`));
    this.positions.set(shard, points);
  }

  removeShard(shard: string): void {
    this.positions.delete(shard);
  }

  shardFor(key: string): string | null {
    const h = this.hash(key);
    let atOrAfter: [number, string] | null = null;
    let lowest: [number, string] | null = null;
    for (const [shard, points] of this.positions) {
      for (const position of points) {
        const point: [number, string] = [position, shard];
        if (lowest === null || before(point, lowest)) lowest = point;
        if (position >= h && (atOrAfter === null || before(point, atOrAfter))) atOrAfter = point;
      }
    }
    return (atOrAfter ?? lowest)?.[1] ?? null;
  }
}
