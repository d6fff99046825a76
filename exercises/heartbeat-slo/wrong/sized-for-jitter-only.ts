// Sizes the silence for the network alone: one interval plus 40 ms of jitter fits in 2 beats of 150 ms. A GC
// pause of the active is not a network delay, but the standby hears the same silence, and takes over.
export function heartbeatSettings() {
  return {
    intervalMs: 150,
    missedBeats: 2,
  };
}
