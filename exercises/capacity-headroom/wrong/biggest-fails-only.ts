// Wrong on purpose: only imagines the busiest server failing, but a quieter server's failure can overload a busy survivor.
/**
 * Whether `n` active-active servers, each able to handle `capacity` requests per second, still cope when any
 * one of them fails and the load balancer spreads its traffic evenly over the others. `loads[i]` is server
 * i's traffic in requests per second.
 */
export function survivesOneFailure(loads: number[], capacity: number): boolean {
  if (loads.length < 2) return false;
  const failed = loads.indexOf(Math.max(...loads));
  const share = loads[failed]! / (loads.length - 1);
  return loads.every((load, server) => server === failed || load + share <= capacity);
}
