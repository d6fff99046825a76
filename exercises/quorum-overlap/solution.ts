export function isStrongQuorum(n: number, w: number, r: number): boolean {
  // Every read quorum meets every write quorum, and any two write quorums meet.
  return r + w > n && 2 * w > n;
}
