/**
 * Fault plans are data: `[{ at, kind, … }]`, generated from a seed or written by hand, printed, edited and
 * replayed. The simulation applies them (`sim.applyFaultPlan`); this file only makes, checks and prints them.
 */
import type { Fault, FaultKind, FaultPlan } from './types.ts';
import { Rng } from './rng.ts';
import { SimConfigError } from './errors.ts';
import { checkPositive, checkProbability, checkTime } from './validate.ts';

export interface FaultPlanOptions {
  /** The nodes faults may hit (at least one; partitions need two). */
  readonly nodes: readonly string[];
  /** When chaos begins (default 0). */
  readonly startMs?: number;
  /** How long chaos lasts; every fault has ended by startMs + durationMs. */
  readonly durationMs: number;
  /** Each fault lasts between minFaultMs and 2 × minFaultMs. */
  readonly minFaultMs: number;
  /** Between faults the system is left alone for between minStableMs and 2 × minStableMs. */
  readonly minStableMs: number;
  /** Which faults to draw from (default: crash, pause, partition, loss-burst). */
  readonly kinds?: readonly GeneratedFaultKind[];
}

/** The faults a generated plan can open; each is closed by its partner (restart, resume, heal, …). */
export type GeneratedFaultKind = 'crash' | 'pause' | 'partition' | 'partition-one-way' | 'loss-burst' | 'latency-spike' | 'clock-skew';

const GENERATED_KINDS: readonly GeneratedFaultKind[] = ['crash', 'pause', 'partition', 'partition-one-way', 'loss-burst', 'latency-spike', 'clock-skew'];
const DEFAULT_KINDS: readonly GeneratedFaultKind[] = ['crash', 'pause', 'partition', 'loss-burst'];

/**
 * Alternates stable and faulty windows: one fault at a time, each closed before the next opens, so a
 * plan is easy to read and every fault has ended when chaos ends. Deterministic for a seed.
 */
export function generateFaultPlan(seedOrRng: number | Rng, options: FaultPlanOptions): Fault[] {
  const rng = typeof seedOrRng === 'number' ? Rng.fromSeed(seedOrRng).fork('faults') : seedOrRng;
  const startMs = options.startMs ?? 0;
  const kinds = options.kinds ?? DEFAULT_KINDS;
  checkTime('generateFaultPlan: startMs', startMs);
  checkTime('generateFaultPlan: durationMs', options.durationMs);
  checkPositive('generateFaultPlan: minFaultMs', options.minFaultMs);
  checkPositive('generateFaultPlan: minStableMs', options.minStableMs);
  if (options.nodes.length === 0) throw new SimConfigError('generateFaultPlan: nodes', options.nodes, 'must name at least one node');
  if (kinds.length === 0) throw new SimConfigError('generateFaultPlan: kinds', kinds, 'must name at least one kind');
  for (const kind of kinds) {
    if (!GENERATED_KINDS.includes(kind)) {
      throw new SimConfigError('generateFaultPlan: kinds', kind, `must each be one of ${GENERATED_KINDS.join(', ')}`);
    }
    if ((kind === 'partition' || kind === 'partition-one-way') && options.nodes.length < 2) {
      throw new SimConfigError('generateFaultPlan: nodes', options.nodes, `must name at least two nodes for ${kind}`);
    }
  }

  const plan: Fault[] = [];
  const endMs = startMs + options.durationMs;
  let t = startMs + rng.int(options.minStableMs, 2 * options.minStableMs);
  for (;;) {
    const length = rng.int(options.minFaultMs, 2 * options.minFaultMs);
    if (t + length > endMs) break;
    plan.push(...openAndClose(rng, rng.pick(kinds), options.nodes, t, length));
    t += length + rng.int(options.minStableMs, 2 * options.minStableMs);
  }
  return plan;
}

function openAndClose(rng: Rng, kind: GeneratedFaultKind, nodes: readonly string[], at: number, length: number): Fault[] {
  const end = at + length;
  switch (kind) {
    case 'crash': {
      const node = rng.pick(nodes);
      return [{ at, kind: 'crash', node }, { at: end, kind: 'restart', node }];
    }
    case 'pause': {
      const node = rng.pick(nodes);
      return [{ at, kind: 'pause', node }, { at: end, kind: 'resume', node }];
    }
    case 'partition': {
      const [first, second] = splitInTwo(rng, nodes);
      return [{ at, kind: 'partition', groups: [first, second] }, { at: end, kind: 'heal' }];
    }
    case 'partition-one-way': {
      const [from, to] = splitInTwo(rng, nodes);
      return [{ at, kind: 'partition-one-way', from, to }, { at: end, kind: 'heal' }];
    }
    case 'loss-burst':
      return [{ at, kind: 'loss-burst', rate: rng.int(2, 8) / 10, durationMs: length }];
    case 'latency-spike':
      return [{ at, kind: 'latency-spike', extraMs: rng.int(1, 10) * 10, durationMs: length }];
    case 'clock-skew': {
      const node = rng.pick(nodes);
      const skewMs = rng.int(1, 10) * 10 * (rng.chance(0.5) ? 1 : -1);
      return [{ at, kind: 'clock-skew', node, skewMs }, { at: end, kind: 'clock-skew', node, skewMs: 0 }];
    }
  }
}

/** A random split into two non-empty groups, each listed in the nodes' own order. */
function splitInTwo(rng: Rng, nodes: readonly string[]): [string[], string[]] {
  const shuffled = rng.shuffle(nodes);
  const cut = rng.int(1, nodes.length - 1);
  const first = new Set(shuffled.slice(0, cut));
  return [nodes.filter((n) => first.has(n)), nodes.filter((n) => !first.has(n))];
}

/**
 * Ends a plan cleanly at `atMs`: heal the network, resume paused nodes, restart crashed ones and reset
 * clock skew, so a settle window after it can check liveness (convergence, availability).
 */
export function withFinalHeal(plan: FaultPlan, options: { readonly atMs: number; readonly nodes: readonly string[] }): Fault[] {
  const at = options.atMs;
  checkTime('withFinalHeal: atMs', at);
  const last = plan.reduce((max, fault) => Math.max(max, fault.at), 0);
  if (at < last) throw new SimConfigError('withFinalHeal: atMs', at, `must not come before the plan's last fault (t=${last}ms)`);
  const crashed = new Set<string>();
  const paused = new Set<string>();
  const skewed = new Set<string>();
  for (const fault of [...plan].sort((a, b) => a.at - b.at)) {
    switch (fault.kind) {
      case 'crash':
        crashed.add(fault.node);
        paused.delete(fault.node); // a crash ends a pause
        break;
      case 'restart':
        crashed.delete(fault.node);
        break;
      case 'pause':
        paused.add(fault.node);
        break;
      case 'resume':
        paused.delete(fault.node);
        break;
      case 'clock-skew':
        if (fault.skewMs === 0) skewed.delete(fault.node);
        else skewed.add(fault.node);
        break;
      default:
        break;
    }
  }
  const closing: Fault[] = [{ at, kind: 'heal' }];
  for (const node of options.nodes) {
    if (paused.has(node)) closing.push({ at, kind: 'resume', node });
    if (crashed.has(node)) closing.push({ at, kind: 'restart', node });
    if (skewed.has(node)) closing.push({ at, kind: 'clock-skew', node, skewMs: 0 });
  }
  return [...plan, ...closing];
}

/** One fault as words: "crash B", "partition {A, B} | {C}", "loss burst 30% for 200ms". */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'crash':
    case 'restart':
    case 'pause':
    case 'resume':
      return `${fault.kind} ${fault.node}`;
    case 'partition':
      return `partition ${fault.groups.map(group).join(' | ')}`;
    case 'partition-one-way':
      return `partition one-way ${group(fault.from)} ↛ ${group(fault.to)}`;
    case 'heal':
      return 'heal';
    case 'loss-burst':
      return `loss burst ${Math.round(fault.rate * 100)}% for ${fault.durationMs}ms`;
    case 'latency-spike':
      return `latency spike +${fault.extraMs}ms for ${fault.durationMs}ms`;
    case 'clock-skew':
      return `clock skew ${fault.node} ${signed(fault.skewMs)}ms`;
  }
}

/** A plan as lines, in time order: "t=1200ms  crash B". */
export function formatFaultPlan(plan: FaultPlan): string[] {
  const sorted = [...plan].sort((a, b) => a.at - b.at);
  const width = sorted.reduce((max, fault) => Math.max(max, String(fault.at).length), 0);
  return sorted.map((fault) => `${`t=${fault.at}ms`.padEnd(width + 4)}  ${describeFault(fault)}`);
}

export function signed(ms: number): string {
  return ms >= 0 ? `+${ms}` : String(ms);
}

function group(ids: readonly string[]): string {
  return `{${ids.join(', ')}}`;
}

const KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'crash', 'restart', 'pause', 'resume', 'partition', 'partition-one-way', 'heal', 'loss-burst', 'latency-spike', 'clock-skew',
]);

/**
 * Checks a plan written by hand before anything runs: every field, named by its index
 * ("faultPlan[3].node"). `knownIds` are the endpoints partitions may name; `nodeIds` the nodes.
 */
export function validateFaultPlan(plan: FaultPlan, nodeIds: readonly string[], knownIds: readonly string[] = nodeIds, nowMs = 0): void {
  if (!Array.isArray(plan)) throw new SimConfigError('faultPlan', plan, 'must be an array of faults');
  const nodes = new Set(nodeIds);
  const known = new Set(knownIds);
  plan.forEach((fault: Fault, index) => {
    const at = `faultPlan[${index}]`;
    if (typeof fault !== 'object' || fault === null) throw new SimConfigError(at, fault, 'must be an object');
    if (!KINDS.has(fault.kind)) throw new SimConfigError(`${at}.kind`, fault.kind, `must be one of ${[...KINDS].join(', ')}`);
    checkTime(`${at}.at`, fault.at);
    if (fault.at < nowMs) throw new SimConfigError(`${at}.at`, fault.at, `is in the past (now is ${nowMs}ms)`);
    switch (fault.kind) {
      case 'crash':
      case 'restart':
      case 'pause':
      case 'resume':
        if (!nodes.has(fault.node)) throw new SimConfigError(`${at}.node`, fault.node, 'is not a node of this simulation');
        break;
      case 'clock-skew':
        if (!nodes.has(fault.node)) throw new SimConfigError(`${at}.node`, fault.node, 'is not a node of this simulation');
        if (!Number.isSafeInteger(fault.skewMs)) throw new SimConfigError(`${at}.skewMs`, fault.skewMs, 'must be an integer (ms)');
        break;
      case 'partition':
        checkGroups(`${at}.groups`, fault.groups, known);
        break;
      case 'partition-one-way':
        checkGroups(`${at}.from`, [fault.from], known);
        checkGroups(`${at}.to`, [fault.to], known);
        break;
      case 'loss-burst':
        checkProbability(`${at}.rate`, fault.rate);
        checkPositive(`${at}.durationMs`, fault.durationMs);
        break;
      case 'latency-spike':
        checkTime(`${at}.extraMs`, fault.extraMs);
        checkPositive(`${at}.durationMs`, fault.durationMs);
        break;
      case 'heal':
        break;
    }
  });
}

/** Every id is known and no id is in two groups. Exported for `sim.partition`. */
export function checkGroups(field: string, groups: readonly (readonly string[])[], known: { has(id: string): boolean }): void {
  if (!Array.isArray(groups) || groups.length === 0) throw new SimConfigError(field, groups, 'must be a non-empty list of groups');
  const seen = new Set<string>();
  for (const ids of groups) {
    if (!Array.isArray(ids)) throw new SimConfigError(field, groups, 'must list groups as arrays of ids');
    for (const id of ids) {
      if (!known.has(id)) throw new SimConfigError(field, id, 'names an unknown node or client');
      if (seen.has(id)) throw new SimConfigError(field, id, 'names an id in two groups');
      seen.add(id);
    }
  }
}
