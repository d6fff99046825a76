// Adds servers one at a time until the survivors' predicted p99 fits, instead of solving for the utilisation ceiling.
/**
 * How many active-active servers to run for a peak of `peakPerSec` requests per second, so that when any one of
 * them fails, the survivors still answer 99% of requests within 250 ms.
 */
export function serversFor(peakPerSec: number): number {
  const p99AfterFailure = (servers: number): number => {
    const rho = peakPerSec / ((servers - 1) * 100);
    return rho >= 1 ? Infinity : 2 + (10 * Math.log(100)) / (1 - rho);
  };
  let servers = 2;
  while (p99AfterFailure(servers) > 250) servers++;
  return servers;
}
