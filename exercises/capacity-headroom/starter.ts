/**
 * Whether `n` active-active servers, each able to handle `capacity` requests per second, still cope when any
 * one of them fails and the load balancer spreads its traffic evenly over the others. `loads[i]` is server
 * i's traffic in requests per second.
 */
export function survivesOneFailure(loads: number[], capacity: number): boolean {
  // Each server is below its capacity today… but what happens to the traffic of a server that fails?
  return loads.every((load) => load <= capacity);
}
