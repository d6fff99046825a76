// Wrong on purpose: lets a single server pass, although when it fails nobody is left to take over.
/**
 * Whether `n` active-active servers, each able to handle `capacity` requests per second, still cope when any
 * one of them fails and the load balancer spreads its traffic evenly over the others. `loads[i]` is server
 * i's traffic in requests per second.
 */
export function survivesOneFailure(loads: number[], capacity: number): boolean {
  if (loads.length < 2) return loads.every((load) => load <= capacity);
  return loads.every((dead, failed) => {
    const share = dead / (loads.length - 1);
    return loads.every((load, server) => server === failed || load + share <= capacity);
  });
}
