/**
 * The steps of a recorded run: one per event, oldest first, each told in one plain sentence — who did what
 * to whom, when, and whether it is part of the failure. Pure, so the words are tested in Node; the run view
 * (run-view.ts) moves a cursor over them.
 */
import type { RecordedRun, RunEvent } from '../../runner/contract.ts';

export interface RunStep {
  readonly eventId: number;
  readonly time: number;
  /** Which lane the step happens on (the receiver of a message), for the cursor. */
  readonly lane?: string;
  /** What happened, in one sentence. */
  readonly text: string;
  /** Part of the failure's story (drawn highlighted). */
  readonly highlighted: boolean;
  /** The state of the step's node right after it, as the scenario shows it, in one line of JSON. */
  readonly state?: string;
}

/** Characters of a state shown in a step; the rest reads "…". */
const STATE_CHARS = 200;

function stateText(state: unknown): string {
  const text = JSON.stringify(state) ?? 'undefined';
  return text.length <= STATE_CHARS ? text : `${text.slice(0, STATE_CHARS - 1)}…`;
}

const quoted = (summary: string) => `“${summary}”`;

/** One event as a sentence, e.g. "A receives “ack 3” from B (sent at 130 ms)." Summaries are the trace's own words. */
export function describeStep(event: RunEvent): string {
  const { from = '?', to = '?', node = '', summary } = event;
  const sent = `sent at ${event.sentAt ?? event.time} ms`;
  switch (event.kind) {
    case 'invoke':
      return `${node} starts an operation: ${summary.replace(/^invoke /, '')}.`;
    case 'request':
      return `${to} receives the request ${quoted(summary)} from ${from} (${sent}).`;
    case 'reply':
      return `${to} receives the reply ${quoted(summary)} from ${from} (${sent}).`;
    case 'deliver':
      return `${to} receives ${quoted(summary)} from ${from} (${sent}).`;
    case 'drop':
      return `${quoted(summary)} from ${from} to ${to} is dropped: ${event.reason ?? 'lost'} (${sent}).`;
    case 'timeout':
      return `${node} stops waiting: ${summary.replace(/\s+/g, ' ')}.`;
    case 'timer':
      return `${node}: ${summary} fires.`;
    case 'start':
      return `${node} starts.`;
    default:
      // Actions and faults: the summary says what happened ("crashed", "partition {A, B} | {C}", "clock +200 ms").
      return node === '' ? `${summary}.` : `${node}: ${summary}.`;
  }
}

function laneOf(event: RunEvent): string | undefined {
  return event.to ?? event.node;
}

export function runSteps(run: RecordedRun): RunStep[] {
  const highlighted = new Set(run.highlight);
  return run.events.map((event) => {
    const lane = laneOf(event);
    return {
      eventId: event.id,
      time: event.time,
      ...(lane === undefined ? {} : { lane }),
      text: describeStep(event),
      highlighted: highlighted.has(event.id),
      ...(event.state === undefined ? {} : { state: stateText(event.state) }),
    };
  });
}

/** The step the cursor starts on: the last event of the failure's story, where the property broke. */
export function startingStep(run: RecordedRun, steps: readonly RunStep[]): number {
  const last = run.highlight.length === 0 ? undefined : Math.max(...run.highlight);
  const index = last === undefined ? -1 : steps.findIndex((step) => step.eventId === last);
  return index >= 0 ? index : Math.max(0, steps.length - 1);
}

/** "Step 4 of 23, at 140 ms: …" with "part of the failure" where it is. */
export function stepCaption(steps: readonly RunStep[], index: number): string {
  const step = steps[index];
  if (step === undefined) return 'This run has no events to step through.';
  const state = step.state === undefined ? '' : ` ${step.lane ?? 'The node'} now holds ${step.state}.`;
  return `Step ${index + 1} of ${steps.length}, at ${step.time} ms${step.highlighted ? ' (part of the failure)' : ''}: ${step.text}${state}`;
}

/** The table's "State after" cell: the node, then what it holds; empty for a step that shows no state. */
export function stateCell(step: RunStep): string {
  if (step.state === undefined) return '';
  return step.lane === undefined ? step.state : `${step.lane} ${step.state}`;
}

/**
 * How the run was shrunk, in one sentence, or null when it was not: "The test failed on a run of 1103 events;
 * shrunk while it still failed (clients 3 → 1, increments per client 100 → 2), this run has 87."
 */
export function shrinkSentence(run: RecordedRun): string | null {
  const shrunk = run.shrunk;
  if (shrunk === undefined) return null;
  if (shrunk.steps.length === 0) {
    return `None of the ${shrunk.tries} smaller runs tried failed this test, so this is the run as graded (${run.totalEvents} events).`;
  }
  const steps = shrunk.steps.map((step) => `${step.name} ${step.from} → ${step.to}`).join(', ');
  return `Shrunk before it was drawn: the test failed on a run of ${shrunk.fromEvents} events; the smallest run found that still fails it has ${run.totalEvents} (${steps}).`;
}
