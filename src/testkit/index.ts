/** What hidden tests import. */
export { defineTests, test, describe } from './registry.ts';
export type { TestSuite, TestBody } from './registry.ts';
export { expect } from './expect.ts';
export { PropertyViolation } from './violation.ts';
export type { PropertyViolationDetails } from './violation.ts';
export { recordSeed } from './context.ts';
export { receivesLater } from './boundary/membrane.ts';
export * from './checkers/index.ts';
export * from './history-builder.ts';
export * from './scenario.ts';
export * from './scenario-seeds.ts';
export { SHRINK_TRIES, checkScenario, shrinkableScenario } from './scenario-shrink.ts';
export type { ScenarioJudge, ScenarioSize, ScenarioSizes, ShrinkableScenario, ShrinkableScenarioSpec } from './scenario-shrink.ts';
export * from './scenario-story.ts';
export { recordRun } from './recorded-run.ts';
export { answerOf, checkAgainstReference, checkObjectsAgainstReference, fc, sameData, show } from './generative.ts';
export type { Answer, AnswerOf, Clock, FunctionCheck, ObjectCheck, GenerativeRuns, MethodCall } from './generative.ts';
