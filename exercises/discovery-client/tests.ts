import { defineTests, test, expect, runTwice, describeOperation, PropertyViolation, checkObjectsAgainstReference, fc, recordRun, storyEvents } from '../../src/testkit/index.ts';
import { DEFAULT_OUTAGE, serviceDiscoveryRun, summarizeCalls } from '../../src/scenarios/service-discovery.ts';
import type { Operation } from '../../src/sim/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const REFRESH_MS = 500;
const picks = (client: { pick(now: number): string | null }, count: number, now: number) => Array.from({ length: count }, () => client.pick(now));
const step = (op: Operation) => `${op.f} ${JSON.stringify(op.input)}`;

/** Few addresses, so two clients' lists overlap and a list may name one twice. */
const ADDRESSES = ['a', 'b', 'c'];
const now = fc.oneof({ arbitrary: fc.nat(12), weight: 4 }, { arbitrary: fc.constant(2 ** 40), weight: 1 });

/**
 * Two clients side by side, refreshMs 0–6 or very long, and every call at times 0–12 ms in any order or very
 * late, so needsRefresh often lands exactly refreshMs after an update: updates with lists of zero to five
 * addresses, picks, and errors for listed addresses, evicted ones and ones no longer listed. (Runs are at most
 * ten calls long, as fast-check draws arrays of its default size; many runs make up for it.)
 */
const clientRuns = {
  make: 'new DiscoveryClient',
  makeArgs: fc.oneof(fc.nat(6), fc.constant(2 ** 40)).map((refreshMs): [{ refreshMs: number }] => [{ refreshMs }]),
  instances: 2,
  call: fc.oneof(
    { arbitrary: now.map((at) => ({ method: 'needsRefresh', args: [at] })), weight: 2 },
    { arbitrary: fc.tuple(fc.array(fc.constantFrom(...ADDRESSES), { maxLength: 5 }), now).map(([addresses, at]) => ({ method: 'update', args: [addresses, at] })), weight: 2 },
    { arbitrary: now.map((at) => ({ method: 'pick', args: [at] })), weight: 4 },
    { arbitrary: fc.tuple(fc.constantFrom(...ADDRESSES), now).map(([address, at]) => ({ method: 'reportError', args: [address, at] })), weight: 2 },
  ),
  maxCalls: 10,
  seed: 1631,
  runs: 150,
};

export default defineTests<Learner>((learner) => {
  test('needsRefresh is true before the first update and again exactly refreshMs after the last one', () => {
    const client = new learner.DiscoveryClient({ refreshMs: REFRESH_MS });
    expect(client.needsRefresh(0), 'needsRefresh(0) before any update').toBe(true);
    client.update(['a', 'b'], 100);
    expect(client.needsRefresh(100), 'needsRefresh(100) right after update at t=100ms').toBe(false);
    expect(client.needsRefresh(599), `needsRefresh(599) after update at t=100ms with refreshMs ${REFRESH_MS}`).toBe(false);
    expect(client.needsRefresh(600), `needsRefresh(600) after update at t=100ms with refreshMs ${REFRESH_MS}: the list is exactly ${REFRESH_MS} ms old`).toBe(true);
    client.update([], 650);
    expect(client.needsRefresh(700), 'needsRefresh(700) after an update with an empty list at t=650ms (an empty answer is still an answer)').toBe(false);
  });

  test('pick goes round robin through the cached list, in its order', () => {
    const client = new learner.DiscoveryClient({ refreshMs: REFRESH_MS });
    expect(client.pick(0), 'pick() before any update').toBe(null);
    client.update(['api-3', 'api-1', 'api-2'], 0);
    expect(picks(client, 7, 10), 'seven picks after update(["api-3", "api-1", "api-2"])').toEqual(['api-3', 'api-1', 'api-2', 'api-3', 'api-1', 'api-2', 'api-3']);
  });

  test('an address that failed is skipped until the next update; null when all have failed', () => {
    const client = new learner.DiscoveryClient({ refreshMs: REFRESH_MS });
    client.update(['a', 'b', 'c'], 0);
    expect(client.pick(1), 'first pick after update(["a", "b", "c"])').toBe('a');
    client.reportError('b', 2);
    expect(picks(client, 4, 3), 'four picks after reportError("b")').toEqual(['c', 'a', 'c', 'a']);
    client.reportError('a', 4);
    client.reportError('c', 4);
    expect(client.pick(5), 'pick() after every address has failed').toBe(null);
  });

  test('update replaces the list, forgets evictions and starts again from the first address', () => {
    const client = new learner.DiscoveryClient({ refreshMs: REFRESH_MS });
    client.update(['a', 'b', 'c'], 0);
    client.pick(1);
    client.reportError('b', 2);
    client.update(['b', 'c', 'd'], 500);
    expect(picks(client, 4, 501), 'four picks after b failed, then update(["b", "c", "d"]) — b is back, and picking starts at the first address').toEqual(['b', 'c', 'd', 'b']);
  });

  test('agrees with the reference on generated calls to two clients', () => {
    checkObjectsAgainstReference({ ...clientRuns, learner: (options) => new learner.DiscoveryClient(options), reference: (options) => new Reference.DiscoveryClient(options) });
  });

  test('in the simulation, calls go where the reference client sends them while an instance crashes and returns', () => {
    for (const seed of [1, 2, 3]) {
      const expected = serviceDiscoveryRun({ caller: () => new Reference.DiscoveryClient({ refreshMs: REFRESH_MS }) }, seed).history;
      const run = runTwice(seed, (s) => serviceDiscoveryRun({ caller: () => new learner.DiscoveryClient({ refreshMs: REFRESH_MS }) }, s));
      const index = run.history.findIndex((op, i) => expected[i] === undefined || step(op) !== step(expected[i]!));
      if (index === -1 && run.history.length === expected.length) continue;
      const at = index === -1 ? run.history.length : index;
      const ours = run.history[at];
      const theirs = expected[at];
      const mine = summarizeCalls(run.history);
      const reference = summarizeCalls(expected);
      // The operations up to the first step that differs: the story, and the events highlighted in the run.
      const told = run.history.slice(Math.max(0, at - 6), at + 1);
      throw new PropertyViolation({
        property:
          `The caller refreshes every ${REFRESH_MS} ms, calls round robin and skips addresses that failed; ${DEFAULT_OUTAGE.node} is down from t=${DEFAULT_OUTAGE.atMs}ms to t=${DEFAULT_OUTAGE.restartAtMs}ms. ` +
          `After the operations below, your client's next step was ${ours === undefined ? 'nothing' : `${step(ours)} at t=${ours.invokedAt}ms`}, but it should have been ${theirs === undefined ? 'nothing' : step(theirs)}. ` +
          `Over the run: your client made ${mine.calls} calls, ${mine.failed} failed; the reference made ${reference.calls}, ${reference.failed} failed.`,
        seed,
        trace: told.map((op) => `#${op.id} ${describeOperation(op)}`),
        run: recordRun(run.sim, seed, storyEvents(run.sim, told)),
      });
    }
  });
});
