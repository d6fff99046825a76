import { defineTests, test, expect, checkObjectsAgainstReference, fc } from '../../src/testkit/index.ts';
import { loadByShard, peakToFair, sampleKeys, shardHash, shardNames, type KeyHash } from '../../src/scenarios/sharding.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

/** A hash that knows only the texts of a small story, so every position is stated in the failure message. */
function tableHash(positions: Record<string, number>): KeyHash {
  return (text) => {
    const position = positions[text];
    if (position === undefined) {
      throw new Error(`the hash was asked for ${JSON.stringify(text)}, which this test does not know: hash keys as they are, and put a shard's points at hash(\`\${shard}#\${i}\`) for i = 0 … vnodes − 1`);
    }
    return position;
  };
}

const KEY_COUNT = 5_000;
const VNODES = 100;

/** The tests' key samples, drawn once per worker: the reference's warm-up grading draws them, and every later grading reads them. */
const keySamples = new Map<number, readonly string[]>();
function keysOf(seed: number): readonly string[] {
  let keys = keySamples.get(seed);
  if (keys === undefined) {
    keys = sampleKeys(seed, KEY_COUNT);
    keySamples.set(seed, keys);
  }
  return keys;
}

function ringOf(learner: Learner, shards: readonly string[], hash: KeyHash, vnodes: number): InstanceType<Learner['HashRing']> {
  const ring = new learner.HashRing({ vnodes, hash });
  for (const shard of shards) ring.addShard(shard);
  return ring;
}

/** Shard names whose plain string order ("B" < "a" < "b") differs from alphabetical order that ignores case. */
const RING_SHARDS = ['a', 'b', 'B'];
const RING_KEYS = ['k1', 'k2', 'k3'];
const MAX_VNODES = 3;
type RingArgs = [vnodes: number, positions: Record<string, number>];

/**
 * One to three points per shard, and a hash that knows every point and key: positions 0–3, so that points tie
 * with each other and with keys often, or the largest hash, 2³² − 1 (a key past every point wraps around).
 */
const position = fc.oneof({ arbitrary: fc.nat(3), weight: 4 }, { arbitrary: fc.constant(2 ** 32 - 1), weight: 1 });
const ringTexts = [...RING_SHARDS.flatMap((shard) => Array.from({ length: MAX_VNODES }, (_, i) => `${shard}#${i}`)), ...RING_KEYS];
const ringArgs = fc
  .tuple(fc.integer({ min: 1, max: MAX_VNODES }), fc.array(position, { minLength: ringTexts.length, maxLength: ringTexts.length }))
  .map(([vnodes, positions]): RingArgs => [vnodes, Object.fromEntries(ringTexts.map((text, i) => [text, positions[i]!]))]);

/** The hash as code the learner can paste: only the texts this ring hashes. */
function showRing([vnodes, positions]: RingArgs): string {
  const known = Object.entries(positions).filter(([text]) => RING_KEYS.includes(text) || Number(text.split('#')[1]) < vnodes);
  return `new HashRing({ vnodes: ${vnodes}, hash: (text) => ({ ${known.map(([text, at]) => `${JSON.stringify(text)}: ${at}`).join(', ')} })[text] })`;
}

const ringCall = fc.oneof(
  { arbitrary: fc.constantFrom(...RING_SHARDS).map((shard) => ({ method: 'addShard', args: [shard] })), weight: 3 },
  { arbitrary: fc.constantFrom(...RING_SHARDS).map((shard) => ({ method: 'removeShard', args: [shard] })), weight: 1 },
  { arbitrary: fc.constantFrom(...RING_KEYS).map((key) => ({ method: 'shardFor', args: [key] })), weight: 3 },
);

/** The prompt's calls: a shard is added while it is off the ring, and removed while it is on it. */
function isPromisedRingCall(call: { method: string; args: readonly unknown[] }, reference: object): boolean {
  if (call.method === 'shardFor') return true;
  const onRing = (reference as unknown as { points: readonly { shard: string }[] }).points.some((point) => point.shard === call.args[0]);
  return call.method === 'addShard' ? !onRing : onRing;
}

export default defineTests<Learner>((learner) => {
  test('modShard picks the shard at index hash(key) mod N', () => {
    const hash = tableHash({ apple: 7, pear: 12, plum: 4_294_967_295 });
    const three = ['s1', 's2', 's3'];
    const four = ['s1', 's2', 's3', 's4'];
    expect(learner.modShard('apple', [...three], hash), 'modShard("apple") with hash 7 over [s1, s2, s3] (7 mod 3 = 1)').toBe('s2');
    expect(learner.modShard('apple', [...four], hash), 'modShard("apple") with hash 7 over [s1, s2, s3, s4] (7 mod 4 = 3)').toBe('s4');
    expect(learner.modShard('pear', [...four], hash), 'modShard("pear") with hash 12 over [s1, s2, s3, s4] (12 mod 4 = 0)').toBe('s1');
    expect(learner.modShard('plum', [...three], hash), 'modShard("plum") with hash 4294967295 over [s1, s2, s3] (the largest hash; mod 3 = 0)').toBe('s1');
    expect(learner.modShard('pear', ['s3', 's1', 's2'], hash), 'modShard("pear") with hash 12 over [s3, s1, s2] (index 0 of the array as given)').toBe('s3');
  });

  test("shardFor takes the first point at or after the key's hash, wrapping around", () => {
    const hash = tableHash({ 'a#0': 100, 'a#1': 600, 'b#0': 300, 'b#1': 900, k50: 50, k100: 100, k101: 101, k650: 650, k900: 900, k950: 950 });
    const ring = ringOf(learner, ['a', 'b'], hash, 2);
    const points = 'points a@100, b@300, a@600, b@900';
    const cases: [string, number, string, string][] = [
      ['k50', 50, 'a', 'the first point after 50 is a@100'],
      ['k100', 100, 'a', 'a@100 sits exactly at the key: "at or after" includes it'],
      ['k101', 101, 'b', 'the first point after 101 is b@300'],
      ['k650', 650, 'b', 'the first point after 650 is b@900'],
      ['k900', 900, 'b', 'b@900 sits exactly at the key'],
      ['k950', 950, 'a', 'no point lies after 950, so the search wraps around to the lowest point, a@100'],
    ];
    for (const [key, h, owner, why] of cases) {
      expect(ring.shardFor(key), `shardFor("${key}") with ${points} and hash(${key}) = ${h}: ${why}`).toBe(owner);
    }
  });

  test('points at the same position go to the shard whose name sorts first; removed shards own nothing', () => {
    const hash = tableHash({ 'b#0': 500, 'a#0': 500, 'c#0': 700, k400: 400, k500: 500, k800: 800 });
    const ring = new learner.HashRing({ vnodes: 1, hash });
    expect(ring.shardFor('k400'), 'shardFor on an empty ring').toBe(null);
    ring.addShard('b');
    ring.addShard('a');
    expect(ring.shardFor('k400'), 'shardFor("k400") (hash 400) after adding b@500, then a@500: the tie goes to "a", whatever the order they were added').toBe('a');
    expect(ring.shardFor('k500'), 'shardFor("k500") (hash 500) with a@500 and b@500').toBe('a');
    ring.addShard('c');
    ring.removeShard('a');
    expect(ring.shardFor('k400'), 'shardFor("k400") after removing a (left: b@500, c@700)').toBe('b');
    expect(ring.shardFor('k800'), 'shardFor("k800") after removing a (left: b@500, c@700): wraps around to b@500').toBe('b');
    ring.removeShard('b');
    ring.removeShard('c');
    expect(ring.shardFor('k500'), 'shardFor after removing every shard').toBe(null);
  });

  test('agrees with the reference on generated ties and wrap-arounds', () => {
    // One ring per run, so that its calls crowd onto it: shards added in either order, with tied points, come up often.
    checkObjectsAgainstReference({
      make: showRing, makeArgs: ringArgs, maxCalls: 10, call: ringCall, valid: isPromisedRingCall,
      learner: (vnodes, positions) => new learner.HashRing({ vnodes, hash: tableHash(positions) }),
      reference: (vnodes, positions) => new Reference.HashRing({ vnodes, hash: tableHash(positions) }),
      seed: 2731, runs: 80,
    });
  });

  test('adding a 5th shard moves about 1/5 of the keys on the ring and more than 70% with hash mod N', () => {
    const four = shardNames(4);
    const five = shardNames(5);
    for (const seed of [1, 2]) {
      const keys = keysOf(seed);
      const ring = ringOf(learner, four, shardHash, VNODES);
      // Read once: thousands of calls need not each look the method up through the boundary.
      const { modShard } = learner;
      const shardFor = ring.shardFor;
      const before = keys.map((key) => shardFor(key));
      ring.addShard('s5');
      let ringMoved = 0;
      let modMoved = 0;
      keys.forEach((key, i) => {
        const after = shardFor(key);
        if (after !== before[i]) {
          ringMoved += 1;
          if (after !== 's5') expect(after, `seed ${seed}: key "${key}" moved from ${before[i]} to ${after} when s5 joined the ring — on a ring, a key only ever moves to the new shard`).toBe('s5');
        }
        if (modShard(key, four, shardHash) !== modShard(key, five, shardHash)) modMoved += 1;
      });
      const percent = (n: number) => `${((100 * n) / KEY_COUNT).toFixed(1)}%`;
      const ringFraction = ringMoved / KEY_COUNT;
      expect(
        ringFraction >= 0.12 && ringFraction <= 0.28,
        `seed ${seed}: going from shards s1–s4 to s1–s5 (${VNODES} virtual nodes each), ${percent(ringMoved)} of ${KEY_COUNT} keys changed shard on your ring; the new shard's fair share is 20%, so expect 12%–28%`,
      ).toBe(true);
      expect(modMoved / KEY_COUNT > 0.7, `seed ${seed}: going from 4 to 5 shards, hash mod N moved only ${percent(modMoved)} of ${KEY_COUNT} keys; a key stays put only when hash mod 4 = hash mod 5, so about 80% should move`).toBe(true);
    }
  });

  test('virtual nodes spread keys evenly: no shard holds more than 1.3 times its fair share', () => {
    for (const [seed, count] of [[1, 4], [2, 6], [3, 8]] as const) {
      const shards = shardNames(count);
      const keys = keysOf(seed);
      const ring = ringOf(learner, shards, shardHash, VNODES);
      const shardFor = ring.shardFor;
      const owner = (key: string) => shardFor(key) ?? 'nobody';
      const peak = peakToFair(keys, shards, owner);
      if (peak <= 1.3) continue;
      const loads = [...loadByShard(keys, shards, owner)].map(([shard, load]) => `${shard}: ${load}`).join(', ');
      expect(peak <= 1.3, `seed ${seed}: ${KEY_COUNT} keys on ${count} shards with ${VNODES} virtual nodes each landed as ${loads} — the busiest holds ${peak.toFixed(2)}× its fair share (${Math.round(KEY_COUNT / count)})`).toBe(true);
    }
  });
});
