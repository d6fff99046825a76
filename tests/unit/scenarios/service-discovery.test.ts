import { describe, expect, it } from 'vitest';
import { DiscoveryClient } from '../../../exercises/discovery-client/solution.ts';
import { ServiceRegistry } from '../../../exercises/service-registry/solution.ts';
import { fixedListCaller, leaseRegistry, serviceDiscoveryRun, summarizeCalls, withoutEviction } from '../../../src/scenarios/service-discovery.ts';

describe('service discovery scenario', () => {
  it('keeps the registry node in a ServiceRegistry: a first or refused heartbeat registers, and lookup answers addresses sorted by id', () => {
    const registry = leaseRegistry(new ServiceRegistry(300));
    registry.heartbeat('api-2', 100);
    registry.heartbeat('api-1', 150);
    expect(registry.lookup(399)).toEqual(['api-1', 'api-2']);
    expect(registry.lookup(400)).toEqual(['api-1']);
    registry.heartbeat('api-2', 420);
    expect(registry.lookup(449)).toEqual(['api-1', 'api-2']);
    expect(registry.lookup(720)).toEqual([]);
  });

  it('without eviction or discovery, callers keep calling a dead instance', () => {
    const fixed = fixedListCaller(['a', 'b']);
    fixed.reportError('b', 0);
    expect([fixed.pick(1), fixed.pick(2), fixed.pick(3)]).toEqual(['a', 'b', 'a']);
    const noEviction = withoutEviction(new DiscoveryClient({ refreshMs: 500 }));
    expect(noEviction.needsRefresh(0)).toBe(true);
    noEviction.update(['a', 'b'], 0);
    expect(noEviction.needsRefresh(499)).toBe(false);
    noEviction.reportError('a', 1);
    expect([noEviction.pick(2), noEviction.pick(3)]).toEqual(['a', 'b']);
  });

  it('runs the same for the same seed, and only the crashed instance fails calls', () => {
    const first = serviceDiscoveryRun({}, 4);
    const second = serviceDiscoveryRun({}, 4);
    expect(first.sim.fingerprint()).toBe(second.sim.fingerprint());
    const failed = first.history.filter((op) => op.f === 'call' && op.outcome !== 'ok');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((op) => op.input === 'api-2' && op.invokedAt >= 400 && op.invokedAt < 1500)).toBe(true);
  });

  it('fails fewer calls with discovery, and fewer still with local eviction, when an instance dies for good', () => {
    const outage = { node: 'api-2', atMs: 400 };
    const failed = (caller: Parameters<typeof serviceDiscoveryRun>[0]['caller']) => summarizeCalls(serviceDiscoveryRun({ caller, outage }, 2).history).failed;
    const fixed = failed(() => fixedListCaller());
    const refreshing = failed(() => withoutEviction(new DiscoveryClient({ refreshMs: 500 })));
    const evicting = failed(() => new DiscoveryClient({ refreshMs: 500 }));
    expect(fixed).toBeGreaterThan(refreshing);
    expect(refreshing).toBeGreaterThan(evicting);
    expect(evicting).toBeGreaterThan(0);
  });

  it('hands the registry heartbeats from every instance and answers lookups from it', () => {
    const seen: string[] = [];
    const run = serviceDiscoveryRun({
      outage: null,
      stopMs: 300,
      registry: () => ({ heartbeat: (instance) => void seen.push(instance), lookup: () => ['api-3'] }),
    }, 1);
    expect(new Set(seen)).toEqual(new Set(['api-1', 'api-2', 'api-3']));
    const calls = run.history.filter((op) => op.f === 'call');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((op) => op.input === 'api-3' && op.outcome === 'ok')).toBe(true);
  });
});
