// Wrong on purpose: compares only the masters both vectors list, so an entry missing from one is ignored instead of read as 0.
/** One counter per master: how many writes from that master a version includes. Missing entries are 0. */
export type VersionVector = Record<string, number>;

/** How version a relates to version b. */
export type Order = 'before' | 'after' | 'equal' | 'concurrent';

/** Whether a happened before b, after b, is the same version, or neither (a conflict). */
export function compareVV(a: VersionVector, b: VersionVector): Order {
  let aBehind = false;
  let aAhead = false;
  for (const master of Object.keys(a)) {
    if (!(master in b)) continue;
    if (a[master]! < b[master]!) aBehind = true;
    if (a[master]! > b[master]!) aAhead = true;
  }
  if (aBehind && aAhead) return 'concurrent';
  if (aBehind) return 'before';
  if (aAhead) return 'after';
  return 'equal';
}
