/**
 * How many active-active servers to run for a peak of `peakPerSec` requests per second, so that when any one of
 * them fails, the survivors still answer 99% of requests within 250 ms. Each server completes 100 requests per
 * second at full utilisation (one worker, about 10 ms per request); a request spends 2 ms on the wire.
 */
export function serversFor(peakPerSec: number): number {
  // An idle server answers 99% of requests within ln(100) × 10 ms; at utilisation ρ that stretches by 1 / (1 − ρ).
  // The busiest a server may run and still keep its p99, wire included, within 250 ms:
  const ceiling = 1 - (Math.log(100) * 10) / (250 - 2);
  // After a failure the survivors carry the whole peak, so there must be enough of them at that ceiling…
  const survivors = Math.ceil(peakPerSec / (100 * ceiling));
  // …plus the one that failed.
  return survivors + 1;
}
