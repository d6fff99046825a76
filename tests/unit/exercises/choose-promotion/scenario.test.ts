import { describe, expect, it } from 'vitest';
import { CRASH_MS, DEADLINE_MS, DOWN_MS, R2_CUT_MS, promotionRun, type Controller } from '../../../../exercises/choose-promotion/scenario.ts';
import * as Reference from '../../../../exercises/choose-promotion/solution.ts';

const SEEDS = [1, 2, 3, 4];
const position = (run: ReturnType<typeof promotionRun>, id: string) => run.atDown.find((p) => p.id === id)!;

describe('promotion after an asynchronous primary crash', () => {
  it('opens the window on every seed: R1 received the most but applied the least, R2 reported last, R3 is down', () => {
    for (const seed of SEEDS) {
      const run = promotionRun(Reference.failover, seed);
      const [r1, r2, r3] = ['R1', 'R2', 'R3'].map((id) => position(run, id));
      expect(run.cutMs).toBeGreaterThanOrEqual(R2_CUT_MS.fromMs);
      expect(run.cutMs).toBeLessThanOrEqual(R2_CUT_MS.untilMs);
      expect(r1!.received).toBe(run.log.length);
      expect(r1!.applied).toBeLessThan(r2!.applied);
      expect(r2!.received).toBeLessThan(r1!.received);
      expect(r3!.up).toBe(false);
      const reported = Object.fromEntries(run.reports.map((r) => [r.id, r]));
      expect(reported['R2']!.received).toBeGreaterThan(reported['R1']!.received);
      expect(reported['R2']!.sentAtMs).toBeLessThan(CRASH_MS);
    }
  });

  it('the reference promotes R1 once it has applied everything, before the deadline, and c2 writes after the old log', () => {
    for (const seed of SEEDS) {
      const run = promotionRun(Reference.failover, seed);
      expect(run.promotions).toEqual([expect.objectContaining({ replica: 'R1', received: run.log.length, applied: run.log.length })]);
      expect(run.promotions[0]!.atMs).toBeLessThanOrEqual(DOWN_MS + DEADLINE_MS);
      const c2 = run.history.find((op) => op.client === 'c2')!;
      expect(c2.outcome).toBe('ok');
      expect(c2.output).toBe(run.log.length + 1);
    }
  });

  it('promoting without waiting drops the relay log, and the next write takes an old entry’s place', () => {
    const hasty = (ctl: Controller) => ctl.ask('R1', (p) => ctl.promote(p.id));
    const run = promotionRun(hasty, 1);
    const promotion = run.promotions[0]!;
    expect(promotion.applied).toBeLessThan(promotion.received);
    expect(run.history.find((op) => op.client === 'c2')!.output).toBe(promotion.applied + 1);
  });

  it('refuses a replica that does not exist, with a message that names the call', () => {
    expect(() => promotionRun((ctl) => ctl.promote('R9'), 1)).toThrow("promote(\"R9\"): the replica must be one of 'R1', 'R2', 'R3'.");
  });

  it('replays identically for a seed', () => {
    expect(promotionRun(Reference.failover, 3).sim.fingerprint()).toBe(promotionRun(Reference.failover, 3).sim.fingerprint());
  });
});
