// Write everywhere, read anywhere: safe and the cheapest reads, but a write needs all five replicas, so none is acknowledged while C is cut off.
export function quorumSizes() {
  return { w: 5, r: 1 };
}
