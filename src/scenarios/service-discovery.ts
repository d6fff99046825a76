/**
 * Service discovery, for lesson 13: three instances of a service (`api-1` … `api-3`) send heartbeats to a
 * registry; a caller `c1` asks the registry which instances are alive, caches the answer, and calls them in
 * turn. One instance crashes (and may come back). Two parts are pluggable, so the same run can grade a
 * learner's registry or caller and draw the lesson's figures:
 *
 * - the registry's bookkeeping (`RegistryModel`): what it does with a heartbeat, and what `lookup` answers —
 *   by default the service-registry solution's `ServiceRegistry`;
 * - the caller's policy (`CallerPolicy`): when to ask the registry again, which address to call next, and
 *   what to do when a call fails — by default the discovery-client solution's `DiscoveryClient`.
 *
 * Operations in the history: `lookup` (to the registry; output: the addresses) and `call` (input: the
 * address called; `unknown` when the instance did not answer within the timeout).
 */
import type { History, NodeBehaviour } from '../sim/index.ts';
import { runScenario, type NextOperation, type ScenarioRun } from '../testkit/scenario.ts';
import { ServiceRegistry } from '../../exercises/service-registry/solution.ts';
import { DiscoveryClient } from '../../exercises/discovery-client/solution.ts';

export const REGISTRY = 'registry';
export const INSTANCES = ['api-1', 'api-2', 'api-3'] as const;
export const CALLER = 'c1';

/** What the registry node does with its state. */
export interface RegistryModel {
  /** A heartbeat from `instance` arrived at `now`. */
  heartbeat(instance: string, now: number): void;
  /** The instances to hand out at `now`. */
  lookup(now: number): readonly string[];
}

/**
 * The registry node's bookkeeping kept in a `ServiceRegistry` (the service-registry exercise's class, a
 * learner's or the solution), for the service `api`: a heartbeat renews the instance's lease, and one the
 * registry refuses (the lease has lapsed, or never began) registers the instance again, its address its id.
 */
export function leaseRegistry(registry: Pick<ServiceRegistry, 'register' | 'heartbeat' | 'lookup'>): RegistryModel {
  return {
    heartbeat(instance, now) {
      if (!registry.heartbeat('api', instance, now)) registry.register('api', { id: instance, address: instance }, now);
    },
    lookup: (now) => registry.lookup('api', now).map((instance) => instance.address),
  };
}

/** How a caller picks where to send its next call. */
export interface CallerPolicy {
  needsRefresh(now: number): boolean;
  update(addresses: readonly string[], now: number): void;
  /** The address to call, or null when there is none (the caller then asks the registry). */
  pick(now: number): string | null;
  reportError(address: string, now: number): void;
}

/** No discovery: a list written into the configuration, called in turn, whatever happens. */
export function fixedListCaller(addresses: readonly string[] = INSTANCES): CallerPolicy {
  let next = 0;
  return {
    needsRefresh: () => false,
    update: () => undefined,
    pick: () => addresses[next++ % addresses.length]!,
    reportError: () => undefined,
  };
}

/** A caller that asks `client` where to call but never tells it of a failed call: no local eviction. */
export function withoutEviction(client: CallerPolicy): CallerPolicy {
  return {
    needsRefresh: (now) => client.needsRefresh(now),
    update: (addresses, now) => client.update(addresses, now),
    pick: (now) => client.pick(now),
    reportError: () => undefined,
  };
}

export interface InstanceOutage {
  readonly node: string;
  readonly atMs: number;
  /** When it comes back (and starts sending heartbeats again); never, if absent. */
  readonly restartAtMs?: number;
}

export interface DiscoveryOptions {
  readonly registry?: () => RegistryModel;
  readonly caller?: () => CallerPolicy;
  /** Default 300 ms. */
  readonly ttlMs?: number;
  /** Default 100 ms. */
  readonly heartbeatMs?: number;
  /** Used by the default caller; default 500 ms. */
  readonly refreshMs?: number;
  /** Default: api-2 down from 400 ms to 1500 ms. */
  readonly outage?: InstanceOutage | null;
  /** Loss on the instances' links to the registry (default 0). */
  readonly heartbeatLoss?: number;
  /** The caller works until then (default 2500 ms). */
  readonly stopMs?: number;
}

export const DEFAULT_OUTAGE: InstanceOutage = { node: 'api-2', atMs: 400, restartAtMs: 1500 };
export const CALL_TIMEOUT_MS = 50;
/** When the caller stops calling, unless a run says otherwise. */
export const DEFAULT_STOP_MS = 2500;
export const THINK_MS = 20;

export interface DiscoveryRun extends ScenarioRun {
  readonly outage: InstanceOutage | null;
}

type Heartbeat = { readonly type: 'heartbeat' };

function instance(heartbeatMs: number): NodeBehaviour<Heartbeat> {
  return {
    onStart(ctx) {
      ctx.send(REGISTRY, { type: 'heartbeat' });
      ctx.setTimer(heartbeatMs, 'beat');
    },
    onTimer(ctx) {
      ctx.send(REGISTRY, { type: 'heartbeat' });
      ctx.setTimer(heartbeatMs, 'beat');
    },
    onRequest: (ctx, request) => ctx.reply(request, `served by ${ctx.id}`),
  };
}

function registryNode(model: () => RegistryModel): () => NodeBehaviour<Heartbeat> {
  return () => {
    const state = model();
    return {
      onMessage: (ctx, from) => state.heartbeat(from, ctx.now),
      onRequest: (ctx, request) => (request.f === 'lookup' ? ctx.reply(request, [...state.lookup(ctx.now)]) : ctx.fail(request, 'the registry only answers lookups')),
    };
  };
}

/** The caller's loop: feed the policy what the last operation taught, then ask it what to do next. */
function callerStep(policy: CallerPolicy, previous: History[number] | undefined, now: number): NextOperation {
  if (previous?.f === 'lookup' && previous.outcome === 'ok') policy.update(previous.output as string[], now);
  if (previous?.f === 'call' && previous.outcome !== 'ok') policy.reportError(previous.input as string, now);
  if (policy.needsRefresh(now)) return { f: 'lookup', input: 'api', node: REGISTRY };
  const address = policy.pick(now);
  return address === null ? { f: 'lookup', input: 'api', node: REGISTRY } : { f: 'call', input: address, node: address };
}

/** The registry's lease, the instances' heartbeat period and the caller's refresh period, unless a run says otherwise. */
export const DISCOVERY_DEFAULTS = Object.freeze({ ttlMs: 300, heartbeatMs: 100, refreshMs: 500 });

export function serviceDiscoveryRun(options: DiscoveryOptions, seed: number): DiscoveryRun {
  const ttlMs = options.ttlMs ?? DISCOVERY_DEFAULTS.ttlMs;
  const heartbeatMs = options.heartbeatMs ?? DISCOVERY_DEFAULTS.heartbeatMs;
  const refreshMs = options.refreshMs ?? DISCOVERY_DEFAULTS.refreshMs;
  const outage = options.outage === undefined ? DEFAULT_OUTAGE : options.outage;
  const stopMs = options.stopMs ?? DEFAULT_STOP_MS;
  const policy = (options.caller ?? (() => new DiscoveryClient({ refreshMs })))();
  const faults = outage === null ? [] : [
    { at: outage.atMs, kind: 'crash' as const, node: outage.node },
    ...(outage.restartAtMs === undefined ? [] : [{ at: outage.restartAtMs, kind: 'restart' as const, node: outage.node }]),
  ];
  const run = runScenario(
    {
      cluster: {
        nodes: [REGISTRY, ...INSTANCES],
        program: (node) => (node === REGISTRY ? registryNode(options.registry ?? (() => leaseRegistry(new ServiceRegistry(ttlMs)))) : instance(heartbeatMs)),
        link: { latency: { kind: 'uniform', minMs: 1, maxMs: 5 }, loss: options.heartbeatLoss ?? 0 },
      },
      faults,
      // An instance that never comes back stays down: the final heal comes after the run.
      healAtMs: outage?.restartAtMs ?? stopMs + CALL_TIMEOUT_MS,
      workload: {
        clients: [{ id: CALLER, node: REGISTRY }],
        timeoutMs: CALL_TIMEOUT_MS,
        // The instances' first heartbeats reach the registry before the caller's first lookup.
        startMs: 10,
        stopMs,
        thinkMs: THINK_MS,
        clientLink: { latency: { kind: 'constant', ms: 2 }, loss: 0, order: 'fifo' },
        next: ({ previous, now }) => callerStep(policy, previous, now),
      },
      settleMs: 0,
      describeMessage: () => 'heartbeat',
    },
    seed,
  );
  return { ...run, outage };
}

export interface CallSummary {
  readonly calls: number;
  readonly failed: number;
  readonly lookups: number;
}

export function summarizeCalls(history: History): CallSummary {
  const calls = history.filter((op) => op.f === 'call');
  return {
    calls: calls.length,
    failed: calls.filter((op) => op.outcome !== 'ok').length,
    lookups: history.filter((op) => op.f === 'lookup').length,
  };
}
