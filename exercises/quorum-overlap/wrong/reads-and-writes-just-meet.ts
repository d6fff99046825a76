// R + W = N: 3 + 2 = 5 replicas, so a read of D and E misses a write stored at A, B and C.
export function quorumSizes() {
  return { w: 3, r: 2 };
}
