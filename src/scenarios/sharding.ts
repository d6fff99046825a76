/**
 * Sharding, for the databases lesson: a key hash, seeded key samples, and the measures the lesson cares
 * about — how many keys change shard when a shard is added, and how evenly keys spread. Both placements are
 * the hash-ring exercise's solution (`modShard` and `HashRing`), so the lesson's figure and interactive table
 * show the rules its hidden tests grade.
 */
import { Rng } from '../sim/index.ts';
import { fnv1aString, FNV_OFFSET } from '../sim/hash.ts';
import { HashRing, modShard, type Hash } from '../../exercises/hash-ring/solution.ts';

/** A hash from text to an unsigned 32-bit position. */
export type KeyHash = Hash;

/**
 * FNV-1a followed by MurmurHash3's 32-bit finaliser. FNV-1a alone barely moves the high bits when only the
 * last character changes ("s1#0", "s1#1"), and a ring orders positions by their high bits first; the
 * finaliser mixes every input bit into every output bit.
 */
export const shardHash: KeyHash = (text) => {
  let h = fnv1aString(FNV_OFFSET, text);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

/** `count` distinct keys such as "user:3141592653", drawn from the seed. */
export function sampleKeys(seed: number, count: number): string[] {
  const rng = Rng.fromSeed(seed).fork('keys');
  const keys = new Set<string>();
  while (keys.size < count) keys.add(`user:${rng.nextUint32()}`);
  return [...keys];
}

/** `count` shard names: s1, s2, … */
export function shardNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `s${i + 1}`);
}

/**
 * Where each key lives on a consistent-hash ring of `shards` with `vnodes` points each: the solution's
 * `HashRing` asked key by key.
 */
export function ringPlacement(shards: readonly string[], vnodes: number, hash: KeyHash = shardHash): (key: string) => string {
  if (shards.length === 0) throw new RangeError('a ring placement needs at least one shard');
  const ring = new HashRing({ vnodes, hash });
  for (const shard of shards) ring.addShard(shard);
  // A ring with a shard on it places every key.
  return (key) => ring.shardFor(key)!;
}

/** The fraction of keys whose owner differs between two placements. */
export function movedFraction(keys: readonly string[], before: (key: string) => string, after: (key: string) => string): number {
  let moved = 0;
  for (const key of keys) if (before(key) !== after(key)) moved += 1;
  return moved / keys.length;
}

/** How many keys each shard holds. */
export function loadByShard(keys: readonly string[], shards: readonly string[], owner: (key: string) => string): Map<string, number> {
  const load = new Map(shards.map((shard) => [shard, 0]));
  for (const key of keys) {
    const shard = owner(key);
    load.set(shard, (load.get(shard) ?? 0) + 1);
  }
  return load;
}

/** The busiest shard's load divided by the fair share (keys / shards): 1 is perfectly even. */
export function peakToFair(keys: readonly string[], shards: readonly string[], owner: (key: string) => string): number {
  const load = loadByShard(keys, shards, owner);
  return Math.max(...load.values()) / (keys.length / shards.length);
}

export interface ReshardOutcome {
  readonly from: number;
  readonly to: number;
  /** Fraction of keys that change shard, for hash mod N and for the ring. */
  readonly modMoved: number;
  readonly ringMoved: number;
  /** The minimum any scheme must move: the new shard's fair share, 1 / to. */
  readonly ideal: number;
  /** Peak-to-fair load on the ring after the change. */
  readonly ringPeakToFair: number;
}

/** Going from `from` shards to `from + 1`: how many keys move under each scheme. */
export function reshard(keys: readonly string[], from: number, vnodes: number): ReshardOutcome {
  const before = shardNames(from);
  const after = shardNames(from + 1);
  const ringAfter = ringPlacement(after, vnodes);
  return {
    from,
    to: from + 1,
    modMoved: movedFraction(keys, (key) => modShard(key, before, shardHash), (key) => modShard(key, after, shardHash)),
    ringMoved: movedFraction(keys, ringPlacement(before, vnodes), ringAfter),
    ideal: 1 / (from + 1),
    ringPeakToFair: peakToFair(keys, after, ringAfter),
  };
}
