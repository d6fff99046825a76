import { describe as group, expect as vitestExpect, it } from 'vitest';
import { defineTests, describe, expect, test, PropertyViolation, recordSeed } from '../../../src/testkit/index.ts';
import { collectTests, isTestSuite } from '../../../src/testkit/registry.ts';
import { runInTestContext } from '../../../src/testkit/context.ts';
import { isAssertionError } from '../../../src/testkit/expect.ts';

interface Learner {
  double(x: number): number;
}

group('defineTests, test and describe', () => {
  it('registers tests in declaration order, prefixing describe blocks, with the learner exports in reach', () => {
    const suite = defineTests<Learner>((learner) => {
      test('doubles 2', () => expect(learner.double(2)).toBe(4));
      describe('edge cases', () => {
        test('doubles 0', () => expect(learner.double(0)).toBe(0));
      });
    });
    vitestExpect(isTestSuite(suite)).toBe(true);
    const tests = collectTests(suite, { double: (x) => 2 * x });
    vitestExpect(tests.map((registered) => registered.name)).toEqual(['doubles 2', 'edge cases › doubles 0']);
    for (const registered of tests) vitestExpect(runInTestContext(registered.body).outcome).toEqual({ threw: false });
  });

  it('refuses two tests with the same name', () => {
    const suite = defineTests<Learner>(() => {
      test('doubles 2', () => {});
      test('doubles 2', () => {});
    });
    vitestExpect(() => collectTests(suite, { double: (x) => x })).toThrow('Two tests are named "doubles 2"; test names must be unique.');
  });

  it('refuses test() and describe() outside defineTests', () => {
    vitestExpect(() => test('stray', () => {})).toThrow('test() must be called inside defineTests(…).');
    vitestExpect(() => describe('stray', () => {})).toThrow('describe() must be called inside defineTests(…).');
  });

  it('does not take plain objects for suites', () => {
    vitestExpect(isTestSuite({ register: () => {} })).toBe(false);
    vitestExpect(isTestSuite(null)).toBe(false);
  });
});

group('the per-test context', () => {
  it('collects the seeds a test records, and ends with the error it threw', () => {
    const { outcome, seeds } = runInTestContext(() => {
      recordSeed(7, ['ab12', 'ab12']);
      recordSeed(8, ['cd34', 'ef56']);
      throw new PropertyViolation({ property: 'No two leaders share a term.', seed: 8, trace: ['t=3ms  A elected'] });
    });
    vitestExpect(seeds).toEqual([
      { seed: 7, fingerprints: ['ab12', 'ab12'] },
      { seed: 8, fingerprints: ['cd34', 'ef56'] },
    ]);
    vitestExpect(outcome.threw).toBe(true);
    const error = outcome.threw ? outcome.error : undefined;
    vitestExpect(error).toBeInstanceOf(PropertyViolation);
    vitestExpect(error).toMatchObject({ property: 'No two leaders share a term.', seed: 8, trace: ['t=3ms  A elected'] });
    vitestExpect((error as Error).message).toBe('No two leaders share a term. (seed 8)');
  });

  it('refuses recordSeed outside a running test', () => {
    vitestExpect(() => recordSeed(1, ['a', 'a'])).toThrow('recordSeed() was called outside a running test.');
  });
});

group('expect', () => {
  it('fails with a plain, complete message that the runner can tell from other errors', () => {
    const { outcome } = runInTestContext(() => expect({ outcomes: ['failure', 'failure', 'failure', 'rejected', 'rejected'] }).toEqual({ outcomes: ['failure', 'failure', 'failure', 'rejected', 'success'] }));
    const error = outcome.threw ? outcome.error : undefined;
    vitestExpect(isAssertionError(error)).toBe(true);
    vitestExpect(isAssertionError(new Error('not an assertion'))).toBe(false);
    const { message } = error as Error;
    vitestExpect(message).not.toMatch(/\u001b|…/);
    vitestExpect(message).toContain("'rejected', 'success'");
  });
});
