// Compares with the smallest sizes that overlap (floor(n/2) + 1 for writes, n − w + 1 for reads), instead of the two inequalities as written.
export function isStrongQuorum(n: number, w: number, r: number): boolean {
  const majority = Math.floor(n / 2) + 1;
  const readsMeetWrites = n - w + 1;
  return w >= majority && r >= readsMeetWrites;
}
