// Wrong on purpose: returns as soon as one counter differs, without checking that no other counter points the other way.
/** One counter per master: how many writes from that master a version includes. Missing entries are 0. */
export type VersionVector = Record<string, number>;

/** How version a relates to version b. */
export type Order = 'before' | 'after' | 'equal' | 'concurrent';

/** Whether a happened before b, after b, is the same version, or neither (a conflict). */
export function compareVV(a: VersionVector, b: VersionVector): Order {
  for (const master of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const x = a[master] ?? 0;
    const y = b[master] ?? 0;
    if (x < y) return 'before';
    if (x > y) return 'after';
  }
  return 'equal';
}
