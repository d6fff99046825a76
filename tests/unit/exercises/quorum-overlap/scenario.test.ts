import { describe, expect, it } from 'vitest';
import { checkAvailability, checkBoundedStaleness } from '../../../../src/testkit/index.ts';
import {
  CLIENT_TIMEOUT_MS,
  CUT_OFF,
  N,
  TURNS,
  oneWriterRun,
  outranks,
  twoWritersRun,
  type QuorumSizes,
} from '../../../../exercises/quorum-overlap/scenario.ts';
import * as Reference from '../../../../exercises/quorum-overlap/solution.ts';

const SEEDS = [1, 2, 3];
const EVERY_CHOICE: QuorumSizes[] = Array.from({ length: N * N }, (_, i) => ({ w: Math.floor(i / N) + 1, r: (i % N) + 1 }));

const staleWithOneWriter = (sizes: QuorumSizes) => SEEDS.some((seed) => !checkBoundedStaleness(oneWriterRun(sizes, seed).history).ok);
const staleWithTwoWriters = (sizes: QuorumSizes) => SEEDS.some((seed) => !checkBoundedStaleness(twoWritersRun(sizes, seed).history).ok);
const unansweredWhileCutOff = (sizes: QuorumSizes) =>
  SEEDS.some((seed) => !checkAvailability(oneWriterRun(sizes, seed).history, { deadlineMs: CLIENT_TIMEOUT_MS, atLeast: 1, fromMs: CUT_OFF.fromMs, toMs: CUT_OFF.toMs }).ok);

describe('quorum-overlap scenario', () => {
  it('ranks versions by number, then by the larger writer id', () => {
    expect(outranks({ n: 2, writer: 'c1', value: 'a' }, { n: 1, writer: 'c4', value: 'b' })).toBe(true);
    expect(outranks({ n: 1, writer: 'c4', value: 'b' }, { n: 1, writer: 'c1', value: 'a' })).toBe(true);
    expect(outranks({ n: 1, writer: 'c1', value: 'a' }, { n: 1, writer: 'c1', value: 'a' })).toBe(false);
  });

  it('with one writer, serves no stale read whenever R + W > N, and one on every seed with W = 3, R = 2 (R + W = N)', () => {
    for (const sizes of EVERY_CHOICE.filter(({ w, r }) => r + w > N)) {
      expect(staleWithOneWriter(sizes), `W = ${sizes.w}, R = ${sizes.r}`).toBe(false);
    }
    for (const seed of SEEDS) expect(checkBoundedStaleness(oneWriterRun({ w: 3, r: 2 }, seed).history).ok, `seed ${seed}`).toBe(false);
  });

  it('with two writers in turn, serves a stale read exactly when R + W ≤ N or W ≤ N/2, for all 25 choices', () => {
    for (const sizes of EVERY_CHOICE) {
      expect(staleWithTwoWriters(sizes), `W = ${sizes.w}, R = ${sizes.r}`).toBe(sizes.r + sizes.w <= N || 2 * sizes.w <= N);
    }
  });

  it('while C is cut off, leaves an operation unanswered exactly when W or R is 5, for all 25 choices', () => {
    for (const sizes of EVERY_CHOICE) {
      expect(unansweredWhileCutOff(sizes), `W = ${sizes.w}, R = ${sizes.r}`).toBe(sizes.w === N || sizes.r === N);
    }
  });

  it('with W ≤ N/2 and R + W > N, the later write of each turn stamps the same number as the earlier one', () => {
    const run = twoWritersRun({ w: 2, r: 4 }, 1);
    for (let i = 1; i < TURNS.length; i += 2) {
      const earlier = run.stamps.find((s) => s.value === TURNS[i - 1]!.op.input)!;
      const later = run.stamps.find((s) => s.value === TURNS[i]!.op.input)!;
      expect(later.version.n, `${later.value} after ${earlier.value}`).toBe(earlier.version.n);
      expect(outranks(earlier.version, later.version)).toBe(true);
    }
  });

  it('the reference choice passes all three stories, and the one-writer story really cuts C off', () => {
    const sizes = Reference.quorumSizes();
    expect(staleWithOneWriter(sizes) || staleWithTwoWriters(sizes) || unansweredWhileCutOff(sizes)).toBe(false);
    const run = oneWriterRun(sizes, 1);
    const during = run.history.filter((op) => op.invokedAt >= CUT_OFF.fromMs && op.invokedAt < CUT_OFF.toMs);
    expect(during.filter((op) => op.f === 'write').length).toBeGreaterThan(3);
    expect(during.filter((op) => op.f === 'read').length).toBeGreaterThan(20);
    expect(run.faults.some((f) => f.kind === 'partition' && f.at === CUT_OFF.fromMs)).toBe(true);
  });
});
