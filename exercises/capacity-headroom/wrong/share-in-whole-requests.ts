// Wrong: counts the dead server's share in whole requests per second, rounding it down, so a survivor can look
// fine at a fraction of a request over its capacity.
/**
 * Whether `n` active-active servers, each able to handle `capacity` requests per second, still cope when any
 * one of them fails and the load balancer spreads its traffic evenly over the others. `loads[i]` is server
 * i's traffic in requests per second.
 */
export function survivesOneFailure(loads: number[], capacity: number): boolean {
  // With one server (or none) there is no survivor to take over.
  if (loads.length < 2) return false;
  // Any server may be the one that fails, and any survivor may end up over capacity.
  return loads.every((dead, failed) => {
    const share = Math.floor(dead / (loads.length - 1));
    return loads.every((load, server) => server === failed || load + share <= capacity);
  });
}
