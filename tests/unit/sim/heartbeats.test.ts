import { describe, expect, it } from 'vitest';
import { runHeartbeats } from '../../../src/sim/examples/heartbeats.ts';

describe('example: heartbeats through a partition', () => {
  it('both nodes suspect each other during the partition and trust each other again after the heal', () => {
    const { verdicts } = runHeartbeats({ seed: 7 });
    const suspicions = verdicts.filter((v) => v.verdict === 'suspect');
    const trusts = verdicts.filter((v) => v.verdict === 'trust');
    expect(suspicions.map((v) => v.node).sort()).toEqual(['A', 'B']);
    // Suspicion comes only after the partition starts (t=1000) and within the detection window (300 ms + one check).
    for (const v of suspicions) expect(v.at > 1000 && v.at <= 1000 + 300 + 100 + 20).toBe(true);
    expect(trusts.map((v) => v.node).sort()).toEqual(['A', 'B']);
    for (const v of trusts) expect(v.at >= 2000 && v.at <= 2000 + 100 + 20).toBe(true);
  });

  it('tells the story in trace lines: the partition, the dropped heartbeats, the heal', () => {
    const { lines } = runHeartbeats({ seed: 7 });
    expect(lines).toContain('t=1000ms  partition {A} | {B}');
    expect(lines.some((line) => /^t=1\d{3}ms\s+A → B {2}heartbeat seq=\d+ {2}dropped: partition$/.test(line))).toBe(true);
    expect(lines).toContain('t=2000ms  network healed');
  });

  it('replays exactly for the same seed', () => {
    const first = runHeartbeats({ seed: 11 });
    const second = runHeartbeats({ seed: 11 });
    expect(second.verdicts).toEqual(first.verdicts);
    expect(second.sim.fingerprint()).toBe(first.sim.fingerprint());
  });
});
