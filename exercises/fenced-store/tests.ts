import { defineTests, test, expect, runTwice, violationFor, checkObjectsAgainstReference, fc } from '../../src/testkit/index.ts';
import { firstSplitBrainWrite, splitBrainRun, type SplitBrainRun } from '../../src/scenarios/active-passive.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;
type Call = { write: [epoch: number, key: string, value: string]; expect: boolean } | { read: string; expect: string | undefined };

/** Replays calls on a fresh store; a wrong answer lists every call so far. */
function expectCalls(learner: Learner, calls: readonly Call[]): void {
  const store = new learner.FencedStore();
  const done = ['new FencedStore()'];
  for (const call of calls) {
    if ('write' in call) {
      const got = store.write(...call.write);
      done.push(`write(${call.write.map((a) => JSON.stringify(a)).join(', ')}) → ${JSON.stringify(got)}`);
      expect(got, `${done.join('\n')}\nThe last write`).toBe(call.expect);
    } else {
      const got = store.read(call.read);
      done.push(`read(${JSON.stringify(call.read)}) → ${JSON.stringify(got)}`);
      expect(got, `${done.join('\n')}\nThe last read`).toBe(call.expect);
    }
  }
}

const SEEDS = [1, 2, 3];
const story = (run: SplitBrainRun) =>
  `A was paused from ${run.pause.atMs} to ${run.pause.resumeAtMs} ms (a long GC pause: alive but silent); S took over at ${run.takeoverAtMs} ms with epoch 2.`;
const opsOf = (run: SplitBrainRun, ...ids: number[]) => run.history.filter((op) => ids.includes(op.id));

/**
 * Writes with epochs 1–4 (the current one again, an older one, a jump ahead) or a very large one, to a few keys,
 * the empty one among them, with values that may be empty; and reads of keys written or not.
 */
const epoch = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 4 }), weight: 6 }, { arbitrary: fc.constantFrom(2 ** 31, Number.MAX_SAFE_INTEGER), weight: 1 });
const key = fc.constantFrom('x', 'y', '');
const storeCall = fc.oneof(
  { arbitrary: fc.tuple(epoch, key, fc.constantFrom('a', 'b', '')).map(([e, k, value]) => ({ method: 'write', args: [e, k, value] })), weight: 3 },
  { arbitrary: key.map((k) => ({ method: 'read', args: [k] })), weight: 2 },
);

export default defineTests<Learner>((learner) => {
  test('accepts writes from the newest epoch, again and again', () => {
    expectCalls(learner, [
      { write: [1, 'x', 'a'], expect: true },
      { write: [1, 'x', 'b'], expect: true },
      { write: [1, 'y', 'c'], expect: true },
      { write: [3, 'x', 'd'], expect: true },
      { write: [3, 'x', 'e'], expect: true },
      { read: 'x', expect: 'e' },
    ]);
  });

  test('refuses a write from an older epoch, whatever key it writes', () => {
    expectCalls(learner, [
      { write: [1, 'x', 'a'], expect: true },
      { write: [2, 'x', 'b'], expect: true },
      { write: [1, 'x', 'stale'], expect: false },
      { write: [1, 'y', 'stale'], expect: false },
    ]);
  });

  test('a refused write changes nothing', () => {
    expectCalls(learner, [
      { write: [2, 'x', 'a'], expect: true },
      { write: [1, 'x', 'stale'], expect: false },
      { read: 'x', expect: 'a' },
      { write: [1, 'z', 'stale'], expect: false },
      { read: 'z', expect: undefined },
    ]);
  });

  test('two stores side by side agree with the reference, call by call', () => {
    // Two stores: each fences with the epochs it was shown, and keeps only its own values.
    checkObjectsAgainstReference({
      make: 'new FencedStore', makeArgs: fc.constant([] as []), instances: 2, maxCalls: 10, call: storeCall,
      learner: () => new learner.FencedStore(), reference: () => new Reference.FencedStore(),
      seed: 2711, runs: 60,
    });
  });

  test('no split-brain write when a paused active wakes up', () => {
    for (const seed of SEEDS) {
      const run = runTwice(seed, (s) => splitBrainRun({ store: () => new learner.FencedStore() }, s));
      const split = firstSplitBrainWrite(run.accepted);
      if (split === null) {
        // The situation under test: after D accepted a write with epoch 2, A's epoch-1 write reached it.
        const firstNewer = run.accepted.find((w) => w.epoch > 1);
        const stale = firstNewer === undefined ? undefined : [...run.accepted, ...run.refused].find((w) => w.epoch < firstNewer.epoch && w.atMs > firstNewer.atMs);
        if (stale !== undefined) continue;
        throw violationFor(run, {
          ok: false,
          property: `${story(run)} ${firstNewer === undefined ? 'D accepted no write with epoch 2, so the new active never wrote' : `No write from A reached D after it accepted ${firstNewer.writer}'s epoch-${firstNewer.epoch} write at ${firstNewer.atMs} ms`}: this test cannot judge split brain. Accept every write whose epoch is at least the newest seen.`,
          details: [],
          culprits: [],
        });
      }
      const { stale, newer } = split;
      throw violationFor(run, {
        ok: false,
        property: `${story(run)} D accepted ${newer.writer}'s write ${newer.key}=${newer.value} with epoch ${newer.epoch} at ${newer.atMs} ms. When A woke up it still believed it was active, and at ${stale.atMs} ms D accepted A's write ${stale.key}=${stale.value} with the older epoch ${stale.epoch}: two actives wrote — split brain.`,
        details: [],
        culprits: opsOf(run, newer.op, stale.op),
      });
    }
  });

  test('the new active can always write after a fail-over', () => {
    for (const seed of SEEDS) {
      const run = runTwice(seed, (s) => splitBrainRun({ store: () => new learner.FencedStore() }, s));
      const newest = Math.max(...run.accepted.map((w) => w.epoch), ...run.refused.map((w) => w.epoch));
      const blocked = run.refused.find((w) => w.epoch === newest);
      if (blocked === undefined && newest < 2) {
        throw violationFor(run, {
          ok: false,
          property: `${story(run)} But no write with epoch 2 ever reached D, so this test cannot judge whether the new active can write.`,
          details: [],
          culprits: [],
        });
      }
      if (blocked === undefined) continue;
      throw violationFor(run, {
        ok: false,
        property: `${story(run)} At ${blocked.atMs} ms D refused ${blocked.writer}'s write ${blocked.key}=${blocked.value} with epoch ${blocked.epoch}, though no newer epoch existed: the current active cannot write, and the service is down.`,
        details: [],
        culprits: opsOf(run, blocked.op),
      });
    }
  });
});
