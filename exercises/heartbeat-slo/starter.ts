/**
 * How often the active sends a heartbeat, and how many beats in a row the standby lets go missing before it
 * takes over: it takes over once the silence is longer than `missedBeats × intervalMs`.
 */
export function heartbeatSettings() {
  return {
    // The tuner's starting setting. Does it fit this network, this active and this budget?
    intervalMs: 100,
    missedBeats: 3,
  };
}
