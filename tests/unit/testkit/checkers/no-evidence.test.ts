import { describe, expect, it } from 'vitest';
import { buildHistory } from '../../../../src/testkit/history-builder.ts';
import {
  checkBoundedStaleness,
  checkConvergence,
  checkExactlyOnce,
  checkKvLinearizable,
  checkLinearizable,
  checkReadYourWrites,
  registerModel,
  type CheckResult,
} from '../../../../src/testkit/checkers/index.ts';

/** A run in which the system refused everything: every operation failed. */
const refusedEverything = buildHistory([
  { client: 'c1', f: 'write', input: 'c1:1', at: [0, 1], outcome: 'fail' },
  { client: 'c2', f: 'read', at: [2, 3], outcome: 'fail' },
]);

function expectNothingToJudge(result: CheckResult): void {
  expect(result.ok).toBe(false);
  expect(!result.ok && result.property).toMatch(/nothing to judge/);
}

describe('a checker never passes a run that gave it nothing to judge', () => {
  it('linearizability: no operation succeeded', () => {
    expectNothingToJudge(checkLinearizable(refusedEverything, registerModel()));
    expectNothingToJudge(checkKvLinearizable([], registerModel()));
  });

  it('bounded staleness: no successful read', () => {
    expectNothingToJudge(checkBoundedStaleness(refusedEverything));
    expectNothingToJudge(checkBoundedStaleness(buildHistory([{ client: 'c1', f: 'write', input: 'c1:1', at: [0, 1] }])));
  });

  it("read-your-writes: no client read after its own acknowledged write", () => {
    expectNothingToJudge(checkReadYourWrites(refusedEverything));
  });

  it('convergence: fewer than two replicas', () => {
    expectNothingToJudge(checkConvergence({}));
    expectNothingToJudge(checkConvergence({ A: 1 }));
    expect(checkConvergence({ A: 1, B: 1 }).ok).toBe(true);
  });

  it('exactly-once: no request acknowledged', () => {
    expectNothingToJudge(checkExactlyOnce(refusedEverything, []));
    expectNothingToJudge(checkExactlyOnce([], []));
  });
});
