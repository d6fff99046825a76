// Wrong on purpose: also demands R ≤ W, as if a read quorum larger than the write quorum were wasted, so it rejects strong read-heavy settings like N=5, W=3, R=4.
export function isStrongQuorum(n: number, w: number, r: number): boolean {
  return r + w > n && 2 * w > n && r <= w;
}
