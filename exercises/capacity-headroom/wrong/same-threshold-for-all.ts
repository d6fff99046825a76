// Wrong on purpose: applies the even-load rule "each server at most (n - 1)/n of capacity" to uneven loads.
/**
 * Whether `n` active-active servers, each able to handle `capacity` requests per second, still cope when any
 * one of them fails and the load balancer spreads its traffic evenly over the others. `loads[i]` is server
 * i's traffic in requests per second.
 */
export function survivesOneFailure(loads: number[], capacity: number): boolean {
  if (loads.length < 2) return false;
  return loads.every((load) => load <= (capacity * (loads.length - 1)) / loads.length);
}
