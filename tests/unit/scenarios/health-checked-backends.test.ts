import { describe, expect, it } from 'vitest';
import { HealthCheckedBalancer } from '../../../exercises/health-checked-rr/solution.ts';
import {
  BACKENDS,
  detectionDeadline,
  lostToOutage,
  routedPerWindow,
  runHealthChecked,
  type HealthCheckedOptions,
} from '../../../src/scenarios/health-checked-backends.ts';

const OUTAGE = { backend: 'b2', crashAtMs: 1030, restartAtMs: 2530 };
const OPTIONS: HealthCheckedOptions = {
  makeBalancer: (backends, rules) => new HealthCheckedBalancer(backends, rules),
  rules: { failAfter: 3, passAfter: 2 },
  intervalMs: 100,
  timeoutMs: 50,
  ratePerSec: 200,
  stopMs: 4000,
  outage: OUTAGE,
  workMs: 10,
  userTimeoutMs: 500,
};

describe('runHealthChecked', () => {
  const run = runHealthChecked(OPTIONS, 1);

  it('checks every backend every interval and reports failures only while the backend is down', () => {
    const b2 = run.checks.filter((check) => check.backend === 'b2');
    expect(b2.length).toBeGreaterThanOrEqual(40);
    expect(b2.filter((check) => !check.ok).every((check) => check.at > OUTAGE.crashAtMs && check.at <= OUTAGE.restartAtMs + OPTIONS.intervalMs)).toBe(true);
    expect(run.checks.filter((check) => check.backend !== 'b2').every((check) => check.ok)).toBe(true);
  });

  it('stops routing to the crashed backend within the detection window, and loses only what it sent there', () => {
    const deadline = detectionDeadline(OPTIONS, OUTAGE.crashAtMs);
    expect(deadline).toBe(1030 + 300 + 50);
    expect(run.routed.some(({ at, backend }) => backend === 'b2' && at > deadline && at < OUTAGE.restartAtMs)).toBe(false);
    const lost = lostToOutage(run);
    expect(lost).toBeGreaterThan(0);
    const unanswered = run.history.filter((op) => op.outcome !== 'ok').length;
    // Requests in flight at the moment of the crash are lost too.
    expect(unanswered).toBeGreaterThanOrEqual(lost);
    expect(unanswered).toBeLessThanOrEqual(lost + 5);
  });

  it('routes to the backend again after it restarts and passes its checks', () => {
    const perWindow = routedPerWindow(run, 100);
    expect([...perWindow.keys()]).toEqual([...BACKENDS]);
    const b2 = perWindow.get('b2')!;
    expect(b2[20]![1]).toBe(0);
    expect(b2[30]![1]).toBeGreaterThan(0);
    expect(perWindow.get('b1')!.reduce((sum, [, count]) => sum + count, 0) + perWindow.get('b3')!.reduce((sum, [, count]) => sum + count, 0) + b2.reduce((sum, [, count]) => sum + count, 0)).toBe(run.routed.length);
  });

  it('hands each policy its own copy of the backend list', () => {
    const emptied = runHealthChecked({
      ...OPTIONS,
      makeBalancer: (backends, rules) => {
        const policy = new HealthCheckedBalancer([...backends], rules);
        backends.length = 0;
        return policy;
      },
      stopMs: 500,
    }, 1);
    expect(BACKENDS).toEqual(['b1', 'b2', 'b3']);
    expect(new Set(emptied.checks.map((check) => check.backend))).toEqual(new Set(BACKENDS));
  });

  it('refuses requests when no backend is healthy', () => {
    const allDown = runHealthChecked({ ...OPTIONS, makeBalancer: () => ({ pick: () => null, report: () => {} }), stopMs: 500 }, 1);
    expect(allDown.history.length).toBeGreaterThan(0);
    expect(allDown.history.every((op) => op.outcome === 'fail')).toBe(true);
  });

  it('depends only on the seed', () => {
    expect(runHealthChecked(OPTIONS, 2).sim.fingerprint()).toBe(runHealthChecked(OPTIONS, 2).sim.fingerprint());
  });
});
