// Safe but slow: 4 missed beats of 200 ms never mistake a pause for a crash, but 800 ms of silence must pass
// before the standby acts, so it takes over later than 700 ms after the crash.
export function heartbeatSettings() {
  return {
    intervalMs: 200,
    missedBeats: 4,
  };
}
