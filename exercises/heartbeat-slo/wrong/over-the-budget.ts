// Fast and safe, but too expensive: a heartbeat every 100 ms with 5 missed beats (500 ms) never fails over
// falsely and detects a crash in time, yet sends 10 heartbeats a second where the budget allows 8.
export function heartbeatSettings() {
  return {
    intervalMs: 100,
    missedBeats: 5,
  };
}
