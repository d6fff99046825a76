// Wrong on purpose: R + W = N is not enough for the quorums to overlap.
export function isStrongQuorum(n: number, w: number, r: number): boolean {
  return r + w >= n && 2 * w > n;
}
