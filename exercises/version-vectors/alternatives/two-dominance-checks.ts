// Asks twice whether one vector has seen everything the other has (a dominance helper over each vector's own keys), instead of one pass over the union of masters.
export type VersionVector = Record<string, number>;

export type Order = 'before' | 'after' | 'equal' | 'concurrent';

/** Whether every counter of `small` is at most the matching counter of `big` (missing counters are 0). */
function seenAllOf(big: VersionVector, small: VersionVector): boolean {
  return Object.keys(small).every((master) => (small[master] ?? 0) <= (big[master] ?? 0));
}

export function compareVV(a: VersionVector, b: VersionVector): Order {
  const bSawA = seenAllOf(b, a);
  const aSawB = seenAllOf(a, b);
  if (bSawA && aSawB) return 'equal';
  if (bSawA) return 'before';
  if (aSawB) return 'after';
  return 'concurrent';
}
