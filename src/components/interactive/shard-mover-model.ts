/**
 * What the shard mover shows, shared by its build-time render (ShardMover.astro) and its custom element
 * (shard-mover-element.ts): add one shard to N, and count the sampled keys that change shard under hash
 * mod N and on a consistent-hash ring. Pure: it runs in Node at build time and in the page.
 */
import { reshard, sampleKeys, type ReshardOutcome } from '../../scenarios/sharding.ts';

export const SHARDS_MIN = 2;
export const SHARDS_MAX = 12;
export const VNODE_CHOICES = [1, 10, 100] as const;
/** Enough keys for steady percentages, few enough that one change answers at once. */
export const MOVER_KEYS = 4_000;
export const MOVER_SEED = 1;

export type MoverStat = 'mod' | 'ring' | 'ideal' | 'peak';

export interface MoverRow {
  readonly key: MoverStat;
  readonly label: string;
  readonly value: string;
}

export interface MoverReading {
  readonly outcome: ReshardOutcome;
  readonly rows: readonly MoverRow[];
  /** One sentence for screen readers, announced after each change. */
  readonly summary: string;
}

let keys: string[] | undefined;
const sample = () => (keys ??= sampleKeys(MOVER_SEED, MOVER_KEYS));

const percent = (fraction: number) => `${(100 * fraction).toFixed(1)}%`;
const count = (fraction: number) => Math.round(fraction * MOVER_KEYS);

export function isValidChoice(shards: number, vnodes: number): boolean {
  return Number.isInteger(shards) && shards >= SHARDS_MIN && shards <= SHARDS_MAX && (VNODE_CHOICES as readonly number[]).includes(vnodes);
}

export function readMove(shards: number, vnodes: number): MoverReading {
  if (!isValidChoice(shards, vnodes)) {
    throw new RangeError(`shard mover: shards must be a whole number from ${SHARDS_MIN} to ${SHARDS_MAX} and virtual nodes one of ${VNODE_CHOICES.join(', ')} (got ${shards} and ${vnodes})`);
  }
  const outcome = reshard(sample(), shards, vnodes);
  const rows: MoverRow[] = [
    { key: 'mod', label: 'Keys moved with hash mod N', value: `${percent(outcome.modMoved)} (${count(outcome.modMoved)})` },
    { key: 'ring', label: `Keys moved on the ring (${vnodes} virtual node${vnodes === 1 ? '' : 's'} per shard)`, value: `${percent(outcome.ringMoved)} (${count(outcome.ringMoved)})` },
    { key: 'ideal', label: 'The least any scheme must move (the new shard’s fair share)', value: `${percent(outcome.ideal)} (${count(outcome.ideal)})` },
    { key: 'peak', label: 'Busiest shard on the ring afterwards, vs its fair share', value: `${outcome.ringPeakToFair.toFixed(2)}×` },
  ];
  return {
    outcome,
    rows,
    summary: `From ${shards} to ${shards + 1} shards: hash mod N moves ${percent(outcome.modMoved)} of keys, the ring with ${vnodes} virtual nodes moves ${percent(outcome.ringMoved)}; the minimum is ${percent(outcome.ideal)}.`,
  };
}

/** The slider's spoken value. */
export function shardsValueText(shards: number): string {
  return `${shards} shards, then one more`;
}
