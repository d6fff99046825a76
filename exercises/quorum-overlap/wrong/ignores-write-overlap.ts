// Wrong on purpose: forgets that two write quorums must overlap too.
export function isStrongQuorum(n: number, w: number, r: number): boolean {
  return r + w > n;
}
