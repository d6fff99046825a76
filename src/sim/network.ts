/**
 * Links: each direction between two endpoints is its own link with its own settings and random stream,
 * so traffic on one link never shifts the draws of another. `sim.network` is this object.
 */
import type { Latency, LinkConfig } from './types.ts';
import type { Rng } from './rng.ts';
import { SimConfigError } from './errors.ts';
import { checkProbability } from './validate.ts';

export const DEFAULT_LINK: LinkConfig = Object.freeze({
  latency: Object.freeze({ kind: 'constant', ms: 1 }),
  loss: 0,
  duplicate: 0,
  order: 'fifo',
});

/** Per-direction state: config, random streams and the FIFO horizon. */
export class LinkState {
  config: LinkConfig;
  readonly rng: Rng;
  /** Latencies of duplicate copies come from their own stream, so duplication never shifts `rng`. */
  readonly duplicateRng: Rng;
  /** The latest arrival scheduled so far; FIFO links never deliver before it. */
  lastArrival = 0;

  constructor(config: LinkConfig, rng: Rng, duplicateRng: Rng) {
    this.config = config;
    this.rng = rng;
    this.duplicateRng = duplicateRng;
  }
}

/** Whole milliseconds a message spends on the link. Draws once (uniform, exponential) or never (constant). */
export function sampleLatency(latency: Latency, rng: Rng): number {
  switch (latency.kind) {
    case 'constant':
      return latency.ms;
    case 'uniform':
      return latency.minMs + Math.floor(rng.next() * (latency.maxMs - latency.minMs + 1));
    case 'exponential':
      // 1 - u lies in (0, 1], so the logarithm is finite.
      return (latency.minMs ?? 0) + Math.round(-latency.meanMs * Math.log(1 - rng.next()));
  }
}

/**
 * The true mean of an exponential draw of mean `meanMs` rounded to whole milliseconds, as {@link sampleLatency}
 * and the testkit's service times draw it: the sum over k ≥ 1 of P(X ≥ k − ½) = e^(1/2m) / (e^(1/m) − 1),
 * slightly below `meanMs` (about meanMs − 1/(24 · meanMs)).
 */
export function roundedExponentialMeanMs(meanMs: number): number {
  return Math.exp(0.5 / meanMs) / (Math.exp(1 / meanMs) - 1);
}

export interface LinkScope {
  /** Also configure the reverse direction. */
  readonly bothWays?: boolean;
}

/** The network as the scenario sees it: `sim.network`. Endpoint ids are node and client ids. */
export class Network {
  private defaults: LinkConfig = DEFAULT_LINK;
  private readonly overrides = new Map<string, Partial<LinkConfig>>();
  /** links[from][to], created on first use. */
  private readonly links: (LinkState | undefined)[][] = [];
  private readonly indexOf: (id: string, field: string) => number;
  private readonly forkLinkRng: (name: string) => Rng;
  private readonly names: readonly string[];

  constructor(names: readonly string[], indexOf: (id: string, field: string) => number, forkLinkRng: (name: string) => Rng) {
    this.names = names;
    this.indexOf = indexOf;
    this.forkLinkRng = forkLinkRng;
  }

  /** Changes the default for every link without its own override. */
  setDefault(config: Partial<LinkConfig>): void {
    this.defaults = mergeLink(this.defaults, config, 'network.setDefault');
    this.refreshConfigs();
  }

  /** Overrides some fields for the link from → to (and back, with `bothWays`). */
  setLink(from: string, to: string, config: Partial<LinkConfig>, scope: LinkScope = {}): void {
    const field = `network.setLink(${from}, ${to})`;
    this.indexOf(from, `${field}: from`);
    this.indexOf(to, `${field}: to`);
    mergeLink(this.defaults, config, field);
    const directions: [string, string][] = scope.bothWays === true ? [[from, to], [to, from]] : [[from, to]];
    for (const [a, b] of directions) {
      const key = linkKey(a, b);
      this.overrides.set(key, { ...this.overrides.get(key), ...config });
    }
    this.refreshConfigs();
  }

  /** The effective config of the link from → to. */
  link(from: string, to: string): LinkConfig {
    this.indexOf(from, 'network.link: from');
    this.indexOf(to, 'network.link: to');
    return this.configFor(from, to);
  }

  /** Called by the simulation for every send: a two-load fast path, creation kept out of line. */
  linkState(from: number, to: number): LinkState {
    const row = this.links[from];
    if (row !== undefined) {
      const state = row[to];
      if (state !== undefined) return state;
    }
    return this.createLink(from, to);
  }

  private createLink(from: number, to: number): LinkState {
    let row = this.links[from];
    if (row === undefined) {
      row = [];
      this.links[from] = row;
    }
    const a = this.names[from] as string;
    const b = this.names[to] as string;
    const state = new LinkState(this.configFor(a, b), this.forkLinkRng(`link:${a}->${b}`), this.forkLinkRng(`link:${a}->${b}/dup`));
    row[to] = state;
    return state;
  }

  private configFor(from: string, to: string): LinkConfig {
    const override = this.overrides.get(linkKey(from, to));
    return override === undefined ? this.defaults : mergeLink(this.defaults, override, `network.setLink(${from}, ${to})`);
  }

  private refreshConfigs(): void {
    this.links.forEach((row, from) => {
      row.forEach((state, to) => {
        if (state !== undefined) state.config = this.configFor(this.names[from] as string, this.names[to] as string);
      });
    });
  }
}

function linkKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** Merges and validates, naming the exact field that is wrong. */
function mergeLink(base: LinkConfig, patch: Partial<LinkConfig>, field: string): LinkConfig {
  if (typeof patch !== 'object' || patch === null) throw new SimConfigError(field, patch, 'must be an object');
  for (const key of Object.keys(patch)) {
    if (!(key in DEFAULT_LINK)) throw new SimConfigError(`${field}: ${key}`, (patch as Record<string, unknown>)[key], 'is not a link setting (latency, loss, duplicate, order)');
  }
  const merged: LinkConfig = { ...base, ...patch };
  checkLatency(`${field}: latency`, merged.latency);
  checkProbability(`${field}: loss`, merged.loss);
  checkProbability(`${field}: duplicate`, merged.duplicate);
  if (merged.order !== 'fifo' && merged.order !== 'reorder') {
    throw new SimConfigError(`${field}: order`, merged.order, "must be 'fifo' or 'reorder'");
  }
  return Object.freeze(merged);
}

function checkLatency(field: string, latency: Latency): void {
  const wholeMs = (name: string, value: unknown): void => {
    if (!Number.isSafeInteger(value) || (value as number) < 0) {
      throw new SimConfigError(`${field}.${name}`, value, 'must be a non-negative integer (ms)');
    }
  };
  if (typeof latency !== 'object' || latency === null) throw new SimConfigError(field, latency, 'must be an object like { kind: "constant", ms: 5 }');
  switch (latency.kind) {
    case 'constant':
      wholeMs('ms', latency.ms);
      return;
    case 'uniform':
      wholeMs('minMs', latency.minMs);
      wholeMs('maxMs', latency.maxMs);
      if (latency.maxMs < latency.minMs) throw new SimConfigError(`${field}.maxMs`, latency.maxMs, `must be ≥ minMs (${latency.minMs})`);
      return;
    case 'exponential':
      if (typeof latency.meanMs !== 'number' || !(latency.meanMs >= 0) || !Number.isFinite(latency.meanMs)) {
        throw new SimConfigError(`${field}.meanMs`, latency.meanMs, 'must be a non-negative number (ms)');
      }
      if (latency.minMs !== undefined) wholeMs('minMs', latency.minMs);
      return;
    default:
      throw new SimConfigError(`${field}.kind`, (latency as { kind: unknown }).kind, "must be 'constant', 'uniform' or 'exponential'");
  }
}
