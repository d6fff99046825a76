/** One counter per master: how many writes from that master a version includes. Missing entries are 0. */
export type VersionVector = Record<string, number>;

/** How version a relates to version b. */
export type Order = 'before' | 'after' | 'equal' | 'concurrent';

/** Whether a happened before b, after b, is the same version, or neither (a conflict). */
export function compareVV(a: VersionVector, b: VersionVector): Order {
  let aBehind = false;
  let aAhead = false;
  // A master listed in only one vector has counter 0 in the other.
  for (const master of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[master] ?? 0;
    const y = b[master] ?? 0;
    if (x < y) aBehind = true;
    if (x > y) aAhead = true;
  }
  if (aBehind && aAhead) return 'concurrent';
  if (aBehind) return 'before';
  if (aAhead) return 'after';
  return 'equal';
}
