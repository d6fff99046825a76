/**
 * Exactly-once effects: each logical request (job, payment, message) has exactly one effect, however many
 * times it was retried or redelivered. The expectation follows the request's outcome:
 * - `ok` (acknowledged): exactly one effect;
 * - `unknown`/`pending` (in doubt): at most one;
 * - `fail` (refused): none.
 * An effect whose id matches no request is reported too (a phantom).
 */
import type { History, Operation } from '../../sim/history.ts';
import { MAX_CULPRITS, PASS, type CheckResult } from './result.ts';

/**
 * One observed effect of a request (an email sent, a payment made): the logical request id it belongs to,
 * when it happened (virtual ms) and, optionally, on which node.
 */
export interface Effect {
  /** The logical id of the request this effect belongs to. */
  readonly id: string;
  /** When it happened (virtual ms). */
  readonly at: number;
  /** Where it happened, if that helps the story (a node id). */
  readonly node?: string;
}

/**
 * How to find a request's logical id (`idOf`, default: the operation id), so that retries of one request
 * are judged together.
 */
export interface ExactlyOnceOptions {
  /** The logical id of a request (default: the operation id as a string). Retries share one id. */
  readonly idOf?: (op: Operation) => string;
}

/**
 * What `analyseExactlyOnce` found: duplicated, lost and refused-but-applied requests, and effects of no
 * request. All four empty means every request had the effects its outcome allows.
 */
export interface ExactlyOnceReport {
  /** Requests with more than one effect, with those effects. */
  readonly duplicated: readonly { readonly request: Operation; readonly effects: readonly Effect[] }[];
  /** Acknowledged requests with no effect. */
  readonly lost: readonly Operation[];
  /** Refused requests that took effect anyway. */
  readonly refusedButApplied: readonly { readonly request: Operation; readonly effects: readonly Effect[] }[];
  /** Effects that belong to no request. */
  readonly phantoms: readonly Effect[];
}

/**
 * Matches effects to requests by logical id and returns an `ExactlyOnceReport` of every breach, for tests
 * that need the counts rather than a verdict. Requests sharing an id are judged by their most definite
 * outcome (`ok`, then `unknown`, `pending`, `fail`).
 */
export function analyseExactlyOnce(
  requests: History,
  effects: readonly Effect[],
  options: ExactlyOnceOptions = {},
): ExactlyOnceReport {
  const idOf = options.idOf ?? ((op: Operation) => String(op.id));
  const effectsById = new Map<string, Effect[]>();
  for (const effect of effects) {
    const list = effectsById.get(effect.id) ?? [];
    list.push(effect);
    effectsById.set(effect.id, list);
  }
  // Retries of one logical request share an id: judge the id by its most definite outcome.
  const requestById = new Map<string, Operation>();
  const rank = { ok: 0, unknown: 1, pending: 2, fail: 3 } as const;
  for (const op of requests) {
    const id = idOf(op);
    const known = requestById.get(id);
    if (known === undefined || rank[op.outcome] < rank[known.outcome]) requestById.set(id, op);
  }
  const duplicated: { request: Operation; effects: Effect[] }[] = [];
  const lost: Operation[] = [];
  const refusedButApplied: { request: Operation; effects: Effect[] }[] = [];
  for (const [id, request] of requestById) {
    const applied = effectsById.get(id) ?? [];
    if (request.outcome === 'fail' && applied.length > 0) refusedButApplied.push({ request, effects: applied });
    else if (applied.length > 1) duplicated.push({ request, effects: applied });
    else if (request.outcome === 'ok' && applied.length === 0) lost.push(request);
  }
  const phantoms = effects.filter((effect) => !requestById.has(effect.id));
  return { duplicated, lost, refusedButApplied, phantoms };
}

function describeEffects(effects: readonly Effect[]): string {
  return effects.map((e) => (e.node === undefined ? `${e.at} ms` : `${e.node} at ${e.at} ms`)).join(', ');
}

/**
 * Checks exactly-once effects: an acknowledged request took effect once, one in doubt at most once, a
 * refused one never, and no effect lacks a request. Returns a `CheckResult` naming the first breach.
 */
export function checkExactlyOnce(
  requests: History,
  effects: readonly Effect[],
  options: ExactlyOnceOptions = {},
): CheckResult {
  const idOf = options.idOf ?? ((op: Operation) => String(op.id));
  const { duplicated, lost, refusedButApplied, phantoms } = analyseExactlyOnce(requests, effects, options);
  const problems = [
    ...duplicated.map(({ request, effects: applied }) => ({
      text: `request ${idOf(request)} took effect ${applied.length} times (${describeEffects(applied)})`,
      culprit: request,
    })),
    ...lost.map((request) => ({
      text: `request ${idOf(request)} was acknowledged to ${request.client} at ${request.completedAt} ms but never took effect`,
      culprit: request,
    })),
    ...refusedButApplied.map(({ request, effects: applied }) => ({
      text: `request ${idOf(request)} was refused but took effect (${describeEffects(applied)})`,
      culprit: request,
    })),
    ...phantoms.map((effect) => ({ text: `an effect for unknown request ${effect.id} happened (${describeEffects([effect])})`, culprit: null })),
  ];
  if (problems.length === 0 && !requests.some((request) => request.outcome === 'ok')) {
    return {
      ok: false,
      property: `No request was acknowledged (${requests.length} in all), so there is nothing to judge for exactly-once: a system that acknowledges nothing never duplicates anything.`,
      details: [],
      culprits: requests.slice(0, 2),
    };
  }
  if (problems.length === 0) return PASS;
  const counts = `${duplicated.length} duplicated, ${lost.length} lost, ${refusedButApplied.length} refused but applied, ${phantoms.length} phantom`;
  return {
    ok: false,
    property: `Every acknowledged request must take effect exactly once (exactly-once effects), but ${problems[0]!.text}.`,
    details: [counts, ...problems.slice(1, MAX_CULPRITS).map((p) => p.text)],
    culprits: problems.flatMap((p) => (p.culprit ? [p.culprit] : [])).slice(0, MAX_CULPRITS),
  };
}
