/**
 * With `n` replicas, a write acknowledged once `w` replicas stored it, and a read that asks `r` replicas:
 * does every read see the latest acknowledged write, and can no two writes be acknowledged by disjoint groups?
 */
export function isStrongQuorum(n: number, w: number, r: number): boolean {
  throw new Error('isStrongQuorum is not written yet');
}
