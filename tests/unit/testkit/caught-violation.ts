/** The `PropertyViolation` a check throws; anything else thrown is rethrown, and a check that passes fails the test. */
import { isPropertyViolation, type PropertyViolation } from '../../../src/testkit/violation.ts';

export function caughtViolation(check: () => void): PropertyViolation {
  try {
    check();
  } catch (error) {
    if (isPropertyViolation(error)) return error;
    throw error;
  }
  throw new Error('the check passed');
}
