import { defineTests, test, expect, runTwice, storyLines, PropertyViolation, checkAgainstReference, fc, sameData, show, type Answer } from '../../src/testkit/index.ts';
import { formatTraceLines, type Operation } from '../../src/sim/index.ts';
import { INSTANCES, REGISTRY, leaseRegistry, serviceDiscoveryRun, type DiscoveryRun } from '../../src/scenarios/service-discovery.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

const TTL_MS = 300;
const ids = (list: readonly { id: string }[]) => JSON.stringify(list.map((instance) => instance.id));

const SIM = { ttlMs: TTL_MS, heartbeatLoss: 0.4, outage: { node: 'api-2', atMs: 600 }, stopMs: 1500 } as const;

/** When the registry handled a lookup, and the last heartbeat it had received from each instance by then. */
function registryView(run: DiscoveryRun, lookup: Operation): { at: number; lines: string[] } {
  const events = run.sim.trace.events();
  const handled = events.find((e) => e.kind === 'request' && e.node === REGISTRY && (e.data as { id?: number }).id === lookup.id);
  const at = handled?.time ?? lookup.invokedAt;
  const lastBeats = INSTANCES.map((instance) => events.filter((e) => e.kind === 'deliver' && e.from === instance && e.node === REGISTRY && e.time <= at).at(-1));
  return { at, lines: formatTraceLines(lastBeats.filter((e) => e !== undefined)) };
}

/** One call on registry a or b; `now` is left out of deregister, which takes no time. */
type RegistryCall =
  | { on: 'a' | 'b'; call: 'register'; service: string; instance: Solution.Instance; now: number }
  | { on: 'a' | 'b'; call: 'heartbeat'; service: string; id: string; now: number }
  | { on: 'a' | 'b'; call: 'deregister'; service: string; id: string }
  | { on: 'a' | 'b'; call: 'lookup'; service: string; now: number };

const callText = (c: RegistryCall): string =>
  c.call === 'register'
    ? `${c.on}.register(${show(c.service)}, ${show(c.instance)}, ${c.now})`
    : c.call === 'lookup'
      ? `${c.on}.lookup(${show(c.service)}, ${c.now})`
      : `${c.on}.${c.call}(${show(c.service)}, ${show(c.id)}${c.call === 'heartbeat' ? `, ${c.now}` : ''})`;

/** Makes the two registries, makes the calls in order, and answers what each returned (null for register and deregister). */
function replay(ServiceRegistry: Learner['ServiceRegistry']) {
  return (ttls: number[], calls: RegistryCall[]): unknown[] => {
    const made = ttls.map((ttlMs) => new ServiceRegistry(ttlMs));
    return calls.map((c) => {
      const registry = made[c.on === 'a' ? 0 : 1]!;
      if (c.call === 'register') registry.register(c.service, c.instance, c.now);
      else if (c.call === 'deregister') registry.deregister(c.service, c.id);
      else if (c.call === 'heartbeat') return registry.heartbeat(c.service, c.id, c.now);
      else return registry.lookup(c.service, c.now);
      return null;
    });
  };
}

/** The calls up to the first answer that differs, as code, and what it should have returned. */
function judgeReplay(got: Answer<unknown[]>, expected: Answer<unknown[]>, [ttls, calls]: [number[], RegistryCall[]]): string | null {
  if (!('returned' in expected)) return null;
  const made = ttls.map((ttlMs, i) => `const ${'ab'[i]} = new ServiceRegistry(${ttlMs});`).join(' ');
  if ('threw' in got) return `— that is, ${made} and the calls listed — threw: ${got.threw}`;
  const at = calls.findIndex((_, i) => !sameData(got.returned?.[i], expected.returned[i]));
  if (at === -1) return null;
  const lines = calls.slice(0, at + 1).map((c) => `${callText(c)};`);
  return `— that is, ${made} ${lines.join(' ')} — should answer ${show(expected.returned[at])} to the last call, but yours answered ${show(got.returned?.[at])}.`;
}

/** Ids whose plain string order differs from a dictionary's (a capital first) and from the numbers' (10 before 9). */
const IDS = ['api-9', 'api-10', 'API-2'];

/**
 * A generated call before it is timed: at a number of ms after the previous call, or right when the lease of
 * the instance it names runs out (−1, 0 or +1 ms; the previous call's time when that is past).
 */
const registryStep = fc.record({
  /** The registry and service of the call before, or its instance too: so that calls on one service, and one instance, follow each other. */
  again: fc.constantFrom<false | 'service' | 'instance'>(false, 'service', 'instance'),
  on: fc.constantFrom<'a' | 'b'>('a', 'b'),
  call: fc.constantFrom<RegistryCall['call']>('register', 'register', 'register', 'heartbeat', 'heartbeat', 'deregister', 'lookup', 'lookup', 'lookup'),
  service: fc.constantFrom('api', 'db'),
  id: fc.constantFrom(...IDS),
  when: fc.oneof(
    { arbitrary: fc.oneof(fc.constantFrom(0, 1), fc.nat(20), fc.nat(400)).map((afterMs) => ({ afterMs })), weight: 3 },
    { arbitrary: fc.integer({ min: -1, max: 1 }).map((pastLeaseMs) => ({ pastLeaseMs })), weight: 1 },
  ),
});

/**
 * Two registries side by side (TTLs from 1 ms to 2^40), then up to 32 calls on either, for two services and ids
 * that sort differently as plain strings, at times that never go backwards: often twice at one ms, often
 * exactly when a lease runs out or 1 ms either side, registrations of an instance already listed with a new
 * address, heartbeats and deregistrations of unknown and lapsed instances, many calls in a row on one instance.
 */
const registryInputs = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom(1, 300, 2 ** 40), fc.integer({ min: 1, max: 1000 })), { minLength: 2, maxLength: 2 }), fc.nat(1000), fc.array(registryStep, { maxLength: 32, size: 'max' }))
  .map(([ttls, startMs, steps]): [number[], RegistryCall[]] => {
    // When each instance's lease runs out as far as the generator can tell (what the reference does, simply).
    const leases = new Map<string, number>();
    let now = startMs;
    let previous: { on: 'a' | 'b'; service: string; id: string } | undefined;
    const calls = steps.map((step, i): RegistryCall => {
      const { call, when } = step;
      const { on, service } = step.again && previous !== undefined ? previous : step;
      const id = step.again === 'instance' && previous !== undefined ? previous.id : step.id;
      previous = { on, service, id };
      const key = `${on} ${service} ${id}`;
      const ttlMs = ttls[on === 'a' ? 0 : 1]!;
      const lease = leases.get(key);
      if (call === 'deregister') {
        leases.delete(key);
        return { on, call, service, id };
      }
      now = 'afterMs' in when ? now + when.afterMs : Math.max(now, (lease ?? now) + when.pastLeaseMs);
      if (call === 'register' || (call === 'heartbeat' && lease !== undefined && now < lease)) leases.set(key, now + ttlMs);
      // Every registration from a new address, as after a move to another machine.
      if (call === 'register') return { on, call, service, instance: { id, address: `10.0.0.${i}:80` }, now };
      return call === 'heartbeat' ? { on, call, service, id, now } : { on, call, service, now };
    });
    return [ttls, calls];
  });

export default defineTests<Learner>((learner) => {
  test('an instance is listed until exactly its TTL lapses', () => {
    const registry = new learner.ServiceRegistry(TTL_MS);
    registry.register('api', { id: 'api-1', address: '10.0.0.1:8080' }, 100);
    expect(registry.lookup('api', 100), 'lookup("api") at t=100ms, right after api-1 registered').toEqual([{ id: 'api-1', address: '10.0.0.1:8080' }]);
    expect(registry.lookup('api', 399), 'lookup("api") at t=399ms: api-1 registered at t=100ms with a 300 ms TTL, so its lease runs until t=400ms').toEqual([{ id: 'api-1', address: '10.0.0.1:8080' }]);
    expect(registry.lookup('api', 400), 'lookup("api") at t=400ms: the lease from t=100ms has lapsed at exactly t=400ms').toEqual([]);
  });

  test('each heartbeat renews the lease for a full TTL from its arrival', () => {
    const registry = new learner.ServiceRegistry(TTL_MS);
    registry.register('api', { id: 'api-1', address: '10.0.0.1:8080' }, 0);
    expect(registry.heartbeat('api', 'api-1', 250), 'heartbeat("api", "api-1") at t=250ms (the lease from t=0 runs until t=300ms)').toBe(true);
    expect(ids(registry.lookup('api', 549)), 'lookup("api") at t=549ms after a heartbeat at t=250ms (the lease now runs until t=550ms)').toBe('["api-1"]');
    expect(ids(registry.lookup('api', 550)), 'lookup("api") at t=550ms after a heartbeat at t=250ms').toBe('[]');
  });

  test('a heartbeat from an expired or unknown instance returns false and does not bring it back', () => {
    const registry = new learner.ServiceRegistry(TTL_MS);
    registry.register('api', { id: 'api-1', address: '10.0.0.1:8080' }, 0);
    expect(registry.heartbeat('api', 'api-1', 300), 'heartbeat from api-1 at t=300ms, when its lease (from t=0) has just lapsed').toBe(false);
    expect(ids(registry.lookup('api', 301)), 'lookup("api") at t=301ms, after the refused heartbeat').toBe('[]');
    expect(registry.heartbeat('api', 'api-9', 310), 'heartbeat from api-9, which never registered').toBe(false);
    expect(ids(registry.lookup('api', 311)), 'lookup("api") at t=311ms, after a heartbeat from the unknown api-9').toBe('[]');
    registry.register('api', { id: 'api-1', address: '10.0.0.7:8080' }, 320);
    expect(registry.lookup('api', 330), 'lookup("api") after api-1 registered again with a new address').toEqual([{ id: 'api-1', address: '10.0.0.7:8080' }]);
  });

  test('deregister removes at once; lookup sorts by id and keeps services apart', () => {
    const registry = new learner.ServiceRegistry(TTL_MS);
    registry.register('api', { id: 'api-3', address: '10.0.0.3:8080' }, 0);
    registry.register('api', { id: 'api-1', address: '10.0.0.1:8080' }, 0);
    registry.register('db', { id: 'db-1', address: '10.0.1.1:5432' }, 0);
    registry.register('api', { id: 'api-2', address: '10.0.0.2:8080' }, 0);
    expect(ids(registry.lookup('api', 10)), 'lookup("api") after registering api-3, api-1, (db-1 for "db"), api-2 — sorted by id').toBe('["api-1","api-2","api-3"]');
    registry.deregister('api', 'api-2');
    expect(ids(registry.lookup('api', 11)), 'lookup("api") right after deregister("api", "api-2")').toBe('["api-1","api-3"]');
    expect(ids(registry.lookup('db', 12)), 'lookup("db")').toBe('["db-1"]');
    registry.deregister('cache', 'cache-1');
    expect(ids(registry.lookup('cache', 12)), 'lookup("cache"), a service nobody registered (and deregister("cache", "cache-1") changed nothing)').toBe('[]');
    registry.register('web', { id: 'web-2', address: '10.0.2.2:80' }, 12);
    registry.register('web', { id: 'web-1', address: '10.0.2.1:80' }, 12);
    expect(ids(registry.lookup('web', 13)), 'lookup("web") after registering web-2, then web-1').toBe('["web-1","web-2"]');
    for (const id of ['queue-4', 'queue-3', 'queue-2', 'queue-1']) registry.register('queue', { id, address: `10.0.3.${id.slice(-1)}:5672` }, 13);
    expect(ids(registry.lookup('queue', 14)), 'lookup("queue") after registering queue-4, queue-3, queue-2, queue-1').toBe('["queue-1","queue-2","queue-3","queue-4"]');
  });

  test('on simulated instances with lost heartbeats and a crash, lookup agrees with the TTL rule', () => {
    for (const seed of [1, 2, 3]) {
      const expected = serviceDiscoveryRun(SIM, seed).history.filter((op) => op.f === 'lookup');
      const run = runTwice(seed, (s) => serviceDiscoveryRun({ ...SIM, registry: () => leaseRegistry(new learner.ServiceRegistry(TTL_MS)) }, s));
      const got = run.history.filter((op) => op.f === 'lookup');
      const index = got.findIndex((op, i) => JSON.stringify(op.output) !== JSON.stringify(expected[i]?.output));
      if (index === -1) continue;
      const culprit = got[index]!;
      const view = registryView(run, culprit);
      throw new PropertyViolation({
        property: `Instances heartbeat every 100 ms over a link that loses 40% of messages, and api-2 crashes at t=600ms. When the registry answered the lookup at t=${view.at}ms, the instances with a heartbeat less than ${TTL_MS} ms old were ${JSON.stringify(expected[index]?.output ?? [])}, but your registry listed ${JSON.stringify(culprit.output)}. (A refused heartbeat makes the instance register again.)`,
        seed,
        trace: [...storyLines(run.sim, [culprit], 6), 'the last heartbeat from each instance before that lookup:', ...view.lines],
      });
    }
  });

  test('two registries side by side agree with the reference, call by call', () => {
    checkAgainstReference({ name: 'replay', seed: 3361, runs: 40, inputs: registryInputs, learner: replay(learner.ServiceRegistry), reference: replay(Reference.ServiceRegistry), judge: judgeReplay });
  });
});
