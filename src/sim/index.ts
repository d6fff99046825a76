/** The public API of the simulation core. Import from here, not from the files behind it. */
export { Simulation } from './simulation.ts';
export type { Client, ClosedLoopOptions, NextInvocation } from './client.ts';
export type { Network, LinkScope } from './network.ts';
export type { RunOptions, NodeInspection } from './simulation.ts';
export { Rng } from './rng.ts';
export { Disk } from './disk.ts';
export { Trace } from './trace.ts';
export { withStateSnapshots } from './state-snapshots.ts';
export { untraced } from './untraced.ts';
export { formatTraceLine, formatTraceLines, describeValue } from './format.ts';
export {
  generateFaultPlan,
  withFinalHeal,
  formatFaultPlan,
  describeFault,
  validateFaultPlan,
} from './faults.ts';
export type { FaultPlanOptions, GeneratedFaultKind } from './faults.ts';
export { LatencyHistogram, nearestRank, throughput, availability, messagesPerOperation } from './metrics.ts';
export type { ThroughputWindow, Availability } from './metrics.ts';
export { SimConfigError, SimBudgetError } from './errors.ts';
export type * from './types.ts';
export type { Operation, Outcome, History } from './history.ts';
