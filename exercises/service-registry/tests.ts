import { defineTests, test, expect, runTwice, storyLines, PropertyViolation } from '../../src/testkit/index.ts';
import { formatTraceLines, type Operation } from '../../src/sim/index.ts';
import { INSTANCES, REGISTRY, serviceDiscoveryRun, type DiscoveryRun, type RegistryModel } from '../../src/scenarios/service-discovery.ts';
import type * as Solution from './solution.ts';

type Learner = typeof Solution;

const TTL_MS = 300;
const ids = (list: readonly { id: string }[]) => JSON.stringify(list.map((instance) => instance.id));

/** The simulated registry node, keeping its catalog in the learner's registry. Instances re-register when a heartbeat is refused. */
function learnerModel(learner: Learner): RegistryModel {
  const registry = new learner.ServiceRegistry(TTL_MS);
  return {
    heartbeat(instance, now) {
      if (!registry.heartbeat('api', instance, now)) registry.register('api', { id: instance, address: instance }, now);
    },
    lookup: (now) => registry.lookup('api', now).map((instance) => instance.address),
  };
}

const SIM = { ttlMs: TTL_MS, heartbeatLoss: 0.4, outage: { node: 'api-2', atMs: 600 }, stopMs: 1500 } as const;

/** When the registry handled a lookup, and the last heartbeat it had received from each instance by then. */
function registryView(run: DiscoveryRun, lookup: Operation): { at: number; lines: string[] } {
  const events = run.sim.trace.events();
  const handled = events.find((e) => e.kind === 'request' && e.node === REGISTRY && (e.data as { id?: number }).id === lookup.id);
  const at = handled?.time ?? lookup.invokedAt;
  const lastBeats = INSTANCES.map((instance) => events.filter((e) => e.kind === 'deliver' && e.from === instance && e.node === REGISTRY && e.time <= at).at(-1));
  return { at, lines: formatTraceLines(lastBeats.filter((e) => e !== undefined)) };
}

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
      const run = runTwice(seed, (s) => serviceDiscoveryRun({ ...SIM, registry: () => learnerModel(learner) }, s));
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
});
