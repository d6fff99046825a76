// Wrong on purpose: asks for a majority on both sides, so it rejects W = 4, R = 2 of 5, which is strong.
export function isStrongQuorum(n: number, w: number, r: number): boolean {
  return 2 * r > n && 2 * w > n;
}
