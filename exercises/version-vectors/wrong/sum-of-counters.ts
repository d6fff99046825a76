// Wrong on purpose: compares the total number of writes, so concurrent versions look ordered.
/** One counter per master: how many writes from that master a version includes. Missing entries are 0. */
export type VersionVector = Record<string, number>;

/** How version a relates to version b. */
export type Order = 'before' | 'after' | 'equal' | 'concurrent';

/** Whether a happened before b, after b, is the same version, or neither (a conflict). */
export function compareVV(a: VersionVector, b: VersionVector): Order {
  const total = (v: VersionVector) => Object.values(v).reduce((sum, n) => sum + n, 0);
  if (total(a) < total(b)) return 'before';
  if (total(a) > total(b)) return 'after';
  return 'equal';
}
