// Wrong: a master that only b lists is taken as a write a has not seen, whatever its counter — but an explicit
// 0 is the same as no entry, so {A: 1} and {A: 1, B: 0} are equal, not 'before'.
export type VersionVector = Record<string, number>;

export type Order = 'before' | 'after' | 'equal' | 'concurrent';

export function compareVV(a: VersionVector, b: VersionVector): Order {
  let aBehind = false;
  let aAhead = false;
  for (const master of Object.keys(a)) {
    const x = a[master]!;
    const y = b[master] ?? 0;
    if (x < y) aBehind = true;
    if (x > y) aAhead = true;
  }
  for (const master of Object.keys(b)) {
    if (!(master in a)) aBehind = true;
  }
  if (aBehind && aAhead) return 'concurrent';
  if (aBehind) return 'before';
  if (aAhead) return 'after';
  return 'equal';
}
