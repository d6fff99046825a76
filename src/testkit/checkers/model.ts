/**
 * Sequential specifications ("models") as data, for the linearizability checker. A model says what one
 * operation does to the state when it runs alone, and whether the output the client saw is possible.
 */
import type { Operation } from '../../sim/history.ts';
import { formatValue, sameValue } from './result.ts';

/**
 * A model's verdict on one operation: whether it could have produced the output the client saw (`ok`),
 * and the state after it (`next`).
 */
export interface StepResult<State> {
  /** False when the operation could not have produced the output the client saw from `state`. */
  readonly ok: boolean;
  readonly next: State;
}

/**
 * A sequential specification for the linearizability checkers, as data: the initial state and what one
 * operation does to it when it runs alone. `registerModel` is one; write your own for other objects.
 */
export interface Model<State> {
  /** What the model describes, in the property sentence: "register", "key-value store". */
  readonly name: string;
  readonly init: State;
  /**
   * Apply `op` to `state`. For an `ok` operation the output is known and must match; for an `unknown` or
   * `pending` one (output absent) the step must accept whatever the operation would have returned.
   */
  step(state: State, op: Operation): StepResult<State>;
  /**
   * Operations that never change the state (reads). An in-doubt one constrains nothing — it may have
   * returned anything or never run — so the search drops it instead of trying it everywhere.
   */
  isReadOnly(op: Operation): boolean;
  /** Equal states must give equal keys: the search memoises on them. */
  stateKey(state: State): string;
  /** The state as a learner reads it: "2", "nothing written yet". */
  describeState(state: State): string;
}

/** Input of a compare-and-set on the register: set `to` if the current value is `from`. */
export interface CasInput<Value = unknown> {
  readonly from: Value;
  readonly to: Value;
}

/**
 * A read/write/compare-and-set register.
 * - `read`: output is the current value.
 * - `write`: input is the new value; output ignored.
 * - `cas`: input `{ from, to }`; output `true` if it swapped, `false` if the current value was not `from`.
 * Reads with an unknown outcome constrain nothing. The register starts at `initial` (default `null`,
 * "nothing written yet").
 */
export function registerModel<Value = unknown>(initial: Value | null = null): Model<Value | null> {
  return {
    name: 'register',
    init: initial,
    step(state, op) {
      const known = op.outcome === 'ok';
      switch (op.f) {
        case 'read':
          return { ok: !known || sameValue(op.output ?? null, state), next: state };
        case 'write':
          return { ok: true, next: op.input as Value };
        case 'cas': {
          const { from, to } = op.input as CasInput<Value>;
          const matches = sameValue(from, state);
          // An in-doubt cas that did not match changed nothing: the same as never taking effect.
          if (!known) return { ok: matches, next: matches ? to : state };
          const swapped = op.output === true;
          return { ok: swapped === matches, next: swapped ? to : state };
        }
        default:
          throw new Error(`The register model does not know the operation "${op.f}" (expected read, write or cas).`);
      }
    },
    isReadOnly: (op) => op.f === 'read',
    stateKey: (state) => JSON.stringify(state) ?? 'undefined',
    describeState: (state) => (state === initial ? `${formatValue(state)} (the initial value)` : formatValue(state)),
  };
}
