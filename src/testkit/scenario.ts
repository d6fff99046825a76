/**
 * Scenario helpers: the one place hidden tests build a simulated system, so no exercise copies scenario
 * code. A scenario is a cluster (nodes running a behaviour), a fault plan that always ends with a final
 * heal, a workload of clients issuing operations, and a settle window after both, when liveness
 * properties (convergence, availability after heal) can be judged. Everything is a function of the seed.
 */
import { Simulation, withFinalHeal } from '../sim/index.ts';
import type {
  FaultPlan,
  History,
  LinkConfig,
  NodeProgram,
  Operation,
  Rng,
} from '../sim/index.ts';

/**
 * The nodes of a simulated system: their ids, the behaviour each runs, and optionally the default link
 * configuration.
 */
export interface ClusterSpec {
  /** Node ids, in the order they are added (the order `ctx.peers` lists them). */
  readonly nodes: readonly string[];
  /** The behaviour each node runs. */
  readonly program: (node: string) => NodeProgram;
  /** Default link configuration (latency, loss, …) for every link. */
  readonly link?: Partial<LinkConfig>;
}

/** Adds the cluster's nodes to `sim`, after setting its default link configuration if one is given. */
export function buildCluster(sim: Simulation, cluster: ClusterSpec): void {
  if (cluster.link !== undefined) sim.network.setDefault(cluster.link);
  for (const node of cluster.nodes) sim.addNode(node, cluster.program(node));
}

/** One workload client and the node it sends its requests to. */
export interface WorkloadClient {
  readonly id: string;
  readonly node: string;
}

/** What a workload client knows when it picks its next operation. */
export interface NextStep {
  readonly client: WorkloadClient;
  /** This client's own random stream (`workload:<id>`), so clients do not shift each other's draws. */
  readonly rng: Rng;
  /** How many operations this client has issued so far. */
  readonly count: number;
  readonly now: number;
  readonly previous: Operation | undefined;
}

/** The operation to issue: `node` defaults to the client's own node. */
export interface NextOperation {
  readonly f: string;
  readonly input?: unknown;
  readonly key?: string;
  readonly node?: string;
}

/**
 * The clients of a scenario: closed-loop clients, each issuing its next operation (from `next`) once the
 * last one completed, from `startMs` until `stopMs` (virtual ms), plus optional scripted operations.
 */
export interface Workload {
  readonly clients: readonly WorkloadClient[];
  /** How long a client waits for a reply before recording `unknown`. */
  readonly timeoutMs: number;
  /** When clients start (default 0). */
  readonly startMs?: number;
  /** No operation is invoked at or after this time. */
  readonly stopMs: number;
  /** Pause between a completion and the next invocation (default 0). */
  readonly thinkMs?: number;
  /** The next operation, or null to stop this client. */
  readonly next: (step: NextStep) => NextOperation | null;
  /** Link configuration between each client and every node, both ways (default: the cluster's). */
  readonly clientLink?: Partial<LinkConfig>;
  /**
   * Operations issued at fixed times, for exact small stories (two writes in the same millisecond).
   * The client must have no operation in flight then: schedule them after `stopMs + timeoutMs`.
   */
  readonly script?: readonly ScriptedOperation[];
}

/** An operation a workload client issues at a fixed virtual time (`atMs`), for exact small stories. */
export interface ScriptedOperation {
  readonly atMs: number;
  /** A workload client id. */
  readonly client: string;
  readonly op: NextOperation;
}

/** Starts one closed-loop client per workload client, and schedules the scripted operations. */
export function startWorkload(sim: Simulation, workload: Workload): void {
  const ids = new Set(workload.clients.map((client) => client.id));
  const stranger = workload.script?.find((scripted) => !ids.has(scripted.client));
  if (stranger !== undefined) {
    throw new Error(`Workload script: client "${stranger.client}" at ${stranger.atMs} ms is not one of the workload's clients (${[...ids].join(', ')}).`);
  }
  for (const spec of workload.clients) {
    const client = sim.addClient(spec.id, { timeoutMs: workload.timeoutMs });
    if (workload.clientLink !== undefined) {
      for (const node of sim.nodes) sim.network.setLink(spec.id, node, workload.clientLink, { bothWays: true });
    }
    for (const { atMs, op } of workload.script?.filter((scripted) => scripted.client === spec.id) ?? []) {
      client.invokeAt(atMs, { node: spec.node, ...op });
    }
    const rng = sim.rng.fork(`workload:${spec.id}`);
    let count = 0;
    client.closedLoop(
      (previous) => {
        if (sim.now >= workload.stopMs) return null;
        const next = workload.next({ client: spec, rng, count, now: sim.now, previous });
        if (next === null) return null;
        count += 1;
        return { node: spec.node, ...next };
      },
      { startMs: workload.startMs ?? 0, thinkMs: workload.thinkMs ?? 0 },
    );
  }
}

/**
 * What `runScenario` builds and runs for a seed: the cluster, an optional fault plan closed by a final heal,
 * the workload, and the quiet settle window (ms) before the system is judged.
 */
export interface ScenarioSpec {
  readonly cluster: ClusterSpec;
  /**
   * Hand-written, or drawn from the seed (e.g. `(seed) => generateFaultPlan(seed, {…})` from src/sim).
   * A final heal (which also restarts, resumes and unskews) is added at `healAtMs` either way.
   */
  readonly faults?: FaultPlan | ((seed: number) => FaultPlan);
  /** When every fault ends (default: when the workload stops, or after the plan's last fault). */
  readonly healAtMs?: number;
  readonly workload: Workload;
  /** How long the system runs undisturbed after the heal and the workload's end before it is judged. */
  readonly settleMs: number;
  /** How messages read in the trace ("store v=3 ts=120"). */
  readonly describeMessage?: (message: unknown) => string;
  /** Event budget of one run (the simulation's default otherwise). */
  readonly maxEvents?: number;
}

/**
 * One finished scenario run: its seed, the simulation (for the trace and fingerprint), the client history,
 * the fault plan that ran, and when it healed and stopped (virtual ms).
 */
export interface ScenarioRun {
  readonly seed: number;
  readonly sim: Simulation;
  readonly history: History;
  /** The plan that ran, final heal included. */
  readonly faults: FaultPlan;
  /** When the final heal happened. */
  readonly healedAt: number;
  /** When the run stopped: the settle window after the heal, the workload and its script. */
  readonly endMs: number;
}

function lastFaultAt(plan: FaultPlan): number {
  return plan.reduce((latest, fault) => Math.max(latest, fault.at), 0);
}

/** Builds and runs one scenario for one seed, with tracing on (failures need the story). */
export function runScenario(spec: ScenarioSpec, seed: number): ScenarioRun {
  const sim = new Simulation({
    seed,
    trace: true,
    ...(spec.describeMessage === undefined ? {} : { describeMessage: spec.describeMessage }),
    ...(spec.maxEvents === undefined ? {} : { maxEvents: spec.maxEvents }),
  });
  buildCluster(sim, spec.cluster);
  const plan = typeof spec.faults === 'function' ? spec.faults(seed) : (spec.faults ?? []);
  const healedAt = spec.healAtMs ?? Math.max(spec.workload.stopMs, lastFaultAt(plan));
  const faults = withFinalHeal(plan, { atMs: healedAt, nodes: spec.cluster.nodes });
  sim.applyFaultPlan(faults);
  startWorkload(sim, spec.workload);
  const lastScriptedAt = (spec.workload.script ?? []).reduce((latest, scripted) => Math.max(latest, scripted.atMs), 0);
  const endMs = Math.max(healedAt, spec.workload.stopMs, lastScriptedAt) + spec.settleMs;
  sim.run({ untilMs: endMs });
  return { seed, sim, history: sim.history(), faults, healedAt, endMs };
}
