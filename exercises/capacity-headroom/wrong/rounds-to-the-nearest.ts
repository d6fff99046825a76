// Rounds the number of survivors to the nearest whole server: just above a whole number, the survivors run past the ceiling.
/**
 * How many active-active servers to run for a peak of `peakPerSec` requests per second, so that when any one of
 * them fails, the survivors still answer 99% of requests within 250 ms.
 */
export function serversFor(peakPerSec: number): number {
  const ceiling = 1 - (Math.log(100) * 10) / (250 - 2);
  const survivors = Math.max(1, Math.round(peakPerSec / (100 * ceiling)));
  return survivors + 1;
}
