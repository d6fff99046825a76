// R + W > N but W ≤ N/2: every read meets every write, yet two writes of two replicas each can ask groups that do not meet, stamp the same version number, and the earlier one outranks the later.
export function quorumSizes() {
  return { w: 2, r: 4 };
}
