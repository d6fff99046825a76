// Sizes the silence for a 300 ms pause and 40 ms of jitter (340 ms) and takes 3 beats of 125 ms (375 ms), but
// forgets that the pause can begin just before a heartbeat was due: the gap is the pause plus nearly a whole
// interval, up to 465 ms, and the standby takes over from an active that is only frozen.
export function heartbeatSettings() {
  return {
    intervalMs: 125,
    missedBeats: 3,
  };
}
