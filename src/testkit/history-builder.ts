/**
 * Hand-written histories for tests and worked examples: say who did what when, get a well-formed
 * `History` (ids in invocation order, `completedAt` absent while pending).
 */
import type { History, Operation, Outcome } from '../sim/history.ts';

/**
 * One hand-written operation for `buildHistory`: who (`client`), what (`f`, `input`, `output`, `key`),
 * when (`at`, virtual ms) and how it ended (`outcome`, default `ok`).
 */
export interface OperationSpec {
  readonly client: string;
  readonly f: string;
  readonly input?: unknown;
  readonly output?: unknown;
  readonly key?: string;
  /** `[invokedAt, completedAt]` in virtual ms; `completedAt` is ignored for pending operations. */
  readonly at: readonly [number, number];
  /** Default `ok`. */
  readonly outcome?: Outcome;
  readonly error?: string;
}

/**
 * Builds a well-formed `History` from hand-written operations, numbered in invocation order (ties keep the
 * given order); `output` is kept only for `ok` operations, `completedAt` left out for pending ones.
 */
export function buildHistory(specs: readonly OperationSpec[]): History {
  const ordered = specs
    .map((spec, index) => ({ spec, index }))
    .sort((a, b) => a.spec.at[0] - b.spec.at[0] || a.index - b.index);
  return ordered.map(({ spec }, id): Operation => {
    const outcome = spec.outcome ?? 'ok';
    return {
      id,
      client: spec.client,
      f: spec.f,
      ...(spec.key === undefined ? {} : { key: spec.key }),
      input: spec.input,
      invokedAt: spec.at[0],
      outcome,
      ...(outcome === 'ok' ? { output: spec.output } : {}),
      ...(outcome === 'pending' ? {} : { completedAt: spec.at[1] }),
      ...(spec.error === undefined ? {} : { error: spec.error }),
    };
  });
}
