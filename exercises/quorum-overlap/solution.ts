/**
 * How many of the five replicas store each write (`w`) and answer each read (`r`).
 *
 * - A read must meet the latest acknowledged write: r + w > 5.
 * - A write takes its version number from the replicas it asks, so two writes one after the other must ask
 *   groups that meet, or the later one stamps the same number as the earlier and can lose to it: w > 5 / 2.
 * - With one replica cut off only four answer: w ≤ 4 and r ≤ 4.
 *
 * w = 3 or 4 with r from 6 − w to 4 all pass; w = 4, r = 2 asks the fewest replicas per read, and reads are
 * most of the traffic.
 */
export function quorumSizes() {
  return { w: 4, r: 2 };
}
