/**
 * How often the active sends a heartbeat, and how many beats in a row the standby lets go missing before it
 * takes over: it takes over once the silence is longer than `missedBeats × intervalMs`.
 *
 * - Budget: 8 heartbeats a second allow an interval of 125 ms, the shortest there is.
 * - No false fail-over: the longest silence while the active is alive comes from a GC pause that starts just
 *   before a heartbeat was due (up to 125 + 300 ms between two heartbeats sent), the heartbeat before it
 *   arriving after 5 ms and the one after it after 45 ms: at most 465 ms. 3 beats (375 ms) are too few;
 *   4 beats (500 ms) are enough.
 * - Deadline: after a crash just after a heartbeat went out, that heartbeat arrives up to 45 ms later, and the
 *   standby notices the silence within a 10 ms check of its passing 500 ms: at most 555 ms, within 700 ms.
 */
export function heartbeatSettings() {
  return {
    intervalMs: 125,
    missedBeats: 4,
  };
}
