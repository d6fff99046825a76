import { describe, expect, it } from 'vitest';
import { checkConvergence } from '../../../../src/testkit/checkers/convergence.ts';

describe('convergence after heal', () => {
  it('passes when every replica holds an equal state', () => {
    expect(checkConvergence({ A: { value: 2, ts: 5 }, B: { value: 2, ts: 5 }, C: { value: 2, ts: 5 } }).ok).toBe(true);
  });

  it('names the agreeing majority first and the replica that is off', () => {
    const result = checkConvergence({ C: 1, A: 2, B: 2 }, { atMs: 1500 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.property).toBe(
      'All replicas must hold the same state once the network has healed and settled (convergence), but at 1500 ms A and B hold 2 while C holds 1.',
    );
    expect(result.details).toEqual(['A, B: 2', 'C: 1']);
  });

  it('uses the caller’s notion of equality and description', () => {
    const states = { A: { value: 'x', seen: 3 }, B: { value: 'x', seen: 7 } };
    const byValue = { stateKey: (s: { value: string }) => s.value, describeState: (s: { value: string }) => `value ${s.value}` };
    expect(checkConvergence(states, byValue).ok).toBe(true);
    const result = checkConvergence({ A: { value: 'x' }, B: { value: 'y' } }, byValue);
    expect(!result.ok && result.property.endsWith('but A holds value x while B holds value y.')).toBe(true);
  });
});
