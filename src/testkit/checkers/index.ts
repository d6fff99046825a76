/** Property checkers over client histories (src/sim/history.ts) and replica states. */
export type { CheckResult, CheckPass, CheckFailure } from './result.ts';
export { describeOperation, describeTiming, formatValue, sameValue, MAX_TRACE_LINES } from './result.ts';
export type { Model, StepResult, CasInput } from './model.ts';
export { registerModel } from './model.ts';
export type { LinearizabilityOptions, LinearizabilityResult, LinearizablePass } from './linearizability.ts';
export { checkLinearizable, checkKvLinearizable, DEFAULT_MAX_STEPS } from './linearizability.ts';
export type { RegisterReadOptions } from './register-reads.ts';
export type { StalenessOptions, StaleRead, StalenessReport } from './staleness.ts';
export { analyseStaleness, staleReads, checkBoundedStaleness } from './staleness.ts';
export type { ReadYourWritesViolation } from './read-your-writes.ts';
export { readYourWritesViolations, checkReadYourWrites } from './read-your-writes.ts';
export type { AvailabilityWindow, AvailabilityMeasure, AvailabilityOptions } from './availability.ts';
export { measureAvailability, checkAvailability, isAnsweredInTime } from './availability.ts';
export type { ConvergenceOptions } from './convergence.ts';
export { checkConvergence } from './convergence.ts';
export type { Effect, ExactlyOnceOptions, ExactlyOnceReport } from './exactly-once.ts';
export { analyseExactlyOnce, checkExactlyOnce } from './exactly-once.ts';
