// Wrong on purpose: compares the total traffic with the survivors' total capacity, as if the load balancer could fill every server exactly.
/**
 * Whether `n` active-active servers, each able to handle `capacity` requests per second, still cope when any
 * one of them fails and the load balancer spreads its traffic evenly over the others. `loads[i]` is server
 * i's traffic in requests per second.
 */
export function survivesOneFailure(loads: number[], capacity: number): boolean {
  if (loads.length < 2) return false;
  const total = loads.reduce((sum, load) => sum + load, 0);
  return total <= (loads.length - 1) * capacity;
}
