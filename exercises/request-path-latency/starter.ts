/** One hop of a request's path: the link to a node, the node's own work, and the calls it makes. */
export interface Hop {
  /** The node this hop reaches, e.g. 'lb', 'app', 'db'. */
  node: string;
  /** One-way network latency from the caller to `node`, in ms. */
  networkMs: number;
  /** Network latency of the reply, from `node` back to the caller, in ms. */
  backMs: number;
  /** How long `node` works before it calls anything, in ms. */
  workMs: number;
  /** Downstream calls, made after the work (none if absent). */
  calls?: Hop[];
  /** true: all calls are sent at once; false or absent: one after another. */
  parallel?: boolean;
}

/** How long the client waits, in ms, from sending its request to receiving the reply. */
export function endToEndLatency(path: Hop): number {
  return 0;
}
