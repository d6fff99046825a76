/**
 * Convergence after heal: once the last fault is healed and the settle window has passed, every replica
 * holds the same state. The caller samples the states at the end of the settle window; this checker only
 * compares them, so it works for registers, sets, counters — anything with a stable key.
 */
import { formatValue, PASS, type CheckResult } from './result.ts';

/**
 * How `checkConvergence` compares and describes replica states: `stateKey` (equal states give equal
 * keys; default JSON), `describeState` for the message, and `atMs`, when the states were sampled.
 */
export interface ConvergenceOptions<State> {
  /** Equal states must give equal keys (default: JSON). */
  readonly stateKey?: (state: State) => string;
  /** How a state reads in the message (default: JSON). */
  readonly describeState?: (state: State) => string;
  /** When the states were sampled, for the message ("at 1500 ms"). */
  readonly atMs?: number;
}

/**
 * Checks that all replicas hold the same state; `states` maps replica id → its state, sampled by the caller
 * after the settle window. Returns a `CheckResult` whose failure says which replicas hold what.
 */
export function checkConvergence<State>(
  states: Readonly<Record<string, State>>,
  options: ConvergenceOptions<State> = {},
): CheckResult {
  const replicas = Object.keys(states).length;
  if (replicas < 2) {
    return {
      ok: false,
      property: `Convergence is about replicas agreeing, but the states of ${replicas === 0 ? 'no replica' : 'one replica'} were given, so there is nothing to judge.`,
      details: [],
      culprits: [],
    };
  }
  const stateKey = options.stateKey ?? ((state: State) => JSON.stringify(state) ?? 'undefined');
  const describe = options.describeState ?? formatValue;
  const groups = new Map<string, { state: State; replicas: string[] }>();
  for (const replica of Object.keys(states).sort()) {
    const state = states[replica] as State;
    const key = stateKey(state);
    const group = groups.get(key) ?? { state, replicas: [] };
    group.replicas.push(replica);
    groups.set(key, group);
  }
  if (groups.size <= 1) return PASS;
  // Largest agreeing group first: the odd one out is usually the replica that missed an update.
  const ordered = [...groups.values()].sort((a, b) => b.replicas.length - a.replicas.length);
  const holds = ordered.map(
    ({ state, replicas }) => `${replicas.join(' and ')} ${replicas.length === 1 ? 'holds' : 'hold'} ${describe(state)}`,
  );
  const when = options.atMs === undefined ? '' : ` at ${options.atMs} ms`;
  return {
    ok: false,
    property: `All replicas must hold the same state once the network has healed and settled (convergence), but${when} ${holds.join(' while ')}.`,
    details: ordered.map(({ state, replicas }) => `${replicas.join(', ')}: ${describe(state)}`),
    culprits: [],
  };
}
