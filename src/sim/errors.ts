/** Errors the simulator throws on purpose. Both say, in plain words, what was wrong and where. */

/** Bad configuration or a bad call: names the field (or argument) and the value it got. */
export class SimConfigError extends Error {
  readonly field: string;
  readonly value: unknown;

  constructor(field: string, value: unknown, rule: string) {
    super(`${field} ${rule}, got ${showValue(value)}`);
    this.name = 'SimConfigError';
    this.field = field;
    this.value = value;
  }
}

export type BudgetName = 'maxEvents' | 'maxTimeMs';

/** A run went past one of its budgets; usually a message storm, a timer loop or a run without `untilMs`. */
export class SimBudgetError extends Error {
  readonly budget: BudgetName;
  readonly limit: number;
  readonly time: number;
  readonly eventsProcessed: number;
  /** The event being processed when the budget ran out, as one trace line. */
  readonly event: string;

  constructor(budget: BudgetName, limit: number, time: number, eventsProcessed: number, event: string) {
    const what = budget === 'maxEvents' ? `more than ${limit} events` : `virtual time past ${limit}ms`;
    super(
      `Simulation stopped: ${what} (budget ${budget}) at t=${time}ms after ${eventsProcessed} events, ` +
        `while processing: ${event}`,
    );
    this.name = 'SimBudgetError';
    this.budget = budget;
    this.limit = limit;
    this.time = time;
    this.eventsProcessed = eventsProcessed;
    this.event = event;
  }
}

/** How much of a bad value a message shows: enough to recognise it, and never megabytes of it. */
const shownChars = 200;

function cut(text: string): string {
  return text.length <= shownChars ? text : `${text.slice(0, shownChars)}…`;
}

function showValue(value: unknown): string {
  if (typeof value === 'string') return cut(JSON.stringify(value.slice(0, shownChars + 1)));
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  try {
    return cut(JSON.stringify(value) ?? String(value));
  } catch {
    return cut(String(value));
  }
}
