/**
 * The learner's failing run as plain data for the results: the simulation's trace cut to the window where
 * the property broke, each event's data reduced to what a space-time diagram reads, every value copied into
 * bounded JSON. Built from the trace the simulation recorded, never from anything learner code returned.
 */
import type { RecordedRun, RunEvent, ShrinkReport } from '../runner/contract.ts';
import { recordedRunVersion } from '../runner/recorded-run-version.ts';
import { formatTraceLine, withStateSnapshots } from '../sim/index.ts';
import type { Simulation, TraceEvent, TraceKind } from '../sim/index.ts';
import type { RecordedSeed } from './context.ts';

export const recordedRunLimits = {
  /** Events in one recorded run: enough for the window around a violation, small enough to send (~60 KB). */
  events: 300,
  /** Characters of one summary, name or text value. */
  textChars: 160,
  /** Items of an array or entries of an object kept when copying a value. */
  items: 8,
  /** Nesting kept when copying a value; deeper parts read "…". */
  depth: 3,
} as const;

/** Faults shape the whole run: those before the window are kept too, so a lane that is down or cut off shows it. */
const FAULT_KINDS: ReadonlySet<TraceKind> = new Set<TraceKind>([
  'crash', 'restart', 'pause', 'resume', 'partition', 'partition-one-way', 'heal', 'loss-burst', 'latency-spike', 'clock-skew',
]);

/** At most this many of the faults before the window, the latest ones. */
const MAX_EARLIER_FAULTS = 30;

function cut(text: string): string {
  return text.length <= recordedRunLimits.textChars ? text : `${text.slice(0, recordedRunLimits.textChars - 1)}…`;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `value` as bounded JSON: long text cut, numbers JSON cannot hold spelled out, deep or long parts elided. */
export function runValue(value: unknown, depth = 0): Json {
  switch (typeof value) {
    case 'string':
      return cut(value);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return null;
    case 'object':
      break;
    default:
      return `[${typeof value}]`;
  }
  if (value === null) return null;
  if (depth >= recordedRunLimits.depth) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, recordedRunLimits.items).map((item: unknown) => runValue(item, depth + 1));
    return value.length > items.length ? [...items, `… ${value.length - items.length} more`] : items;
  }
  const copy: { [key: string]: Json } = {};
  const keys = Object.keys(value);
  for (const key of keys.slice(0, recordedRunLimits.items)) copy[cut(key)] = runValue((value as Record<string, unknown>)[key], depth + 1);
  if (keys.length > recordedRunLimits.items) copy['…'] = `${keys.length - recordedRunLimits.items} more`;
  return copy;
}

function record(data: unknown): Record<string, unknown> | undefined {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
}

/** The request or reply an event carries, in the simulation's own shapes (see scenario-story.ts). */
function carried(event: TraceEvent): Pick<RunEvent, 'request' | 'reply' | 'durationMs'> {
  const data = record(event.data);
  if (data === undefined) return {};
  if (typeof data['id'] === 'number' && typeof data['client'] === 'string' && typeof data['f'] === 'string') {
    return {
      request: {
        id: data['id'],
        client: cut(data['client']),
        f: cut(data['f']),
        ...(typeof data['key'] === 'string' ? { key: cut(data['key']) } : {}),
        ...(data['input'] === undefined ? {} : { input: runValue(data['input']) }),
      },
    };
  }
  if (typeof data['op'] === 'number' && typeof data['ok'] === 'boolean') {
    return {
      reply: {
        op: data['op'],
        ok: data['ok'],
        ...(data['output'] === undefined ? {} : { output: runValue(data['output']) }),
        ...(typeof data['error'] === 'string' ? { error: cut(data['error']) } : {}),
      },
    };
  }
  if ((event.kind === 'loss-burst' || event.kind === 'latency-spike') && typeof data['durationMs'] === 'number') {
    return { durationMs: data['durationMs'] };
  }
  return {};
}

/** How to run a graded simulation again, by the simulation it made: `runTwice` and the shrinker remember it. */
const rebuilds = new WeakMap<Simulation, () => Simulation>();

/** Remembers how `sim` was built, so a failure drawn from it can run it again to record its nodes' states. */
export function rememberRebuild(sim: Simulation, rebuild: () => Simulation): void {
  rebuilds.set(sim, rebuild);
}

/**
 * The nodes' states through `sim`'s run, by event id: grading runs record none (reading them costs time on
 * every passing run), so the failing run is built once more with states recorded. The same seed and code give
 * the same run; if this one differs (its fingerprint says so), or cannot be built, no state is shown rather
 * than a state from a different run.
 */
function statesOf(sim: Simulation): ReadonlyMap<number, Json> {
  const rebuild = rebuilds.get(sim);
  const states = new Map<number, Json>();
  if (rebuild === undefined) return states;
  let again: Simulation;
  try {
    again = withStateSnapshots((state) => runValue(state), rebuild);
  } catch {
    return states;
  }
  if (again.fingerprint() !== sim.fingerprint()) return states;
  for (const event of again.trace.events()) if ('state' in event) states.set(event.id, event.state as Json);
  return states;
}

export function toRunEvent(event: TraceEvent, state?: Json): RunEvent {
  return {
    id: event.id,
    time: event.time,
    kind: event.kind,
    ...(event.node === undefined ? {} : { node: cut(event.node) }),
    ...(event.from === undefined ? {} : { from: cut(event.from) }),
    ...(event.to === undefined ? {} : { to: cut(event.to) }),
    ...(event.sentAt === undefined ? {} : { sentAt: event.sentAt }),
    summary: cut(event.summary),
    ...(event.reason === undefined ? {} : { reason: cut(event.reason) }),
    cause: event.cause,
    ...carried(event),
    ...(state === undefined ? {} : { state }),
  };
}

export interface RecordRunOptions {
  /** How the failing scenario was shrunk before this run (scenario-shrink.ts). */
  readonly shrunk?: ShrinkReport;
  /**
   * The property was judged on the run's final state (convergence, totals): the window runs from the story's
   * first event on, and when it holds more than fits, the earliest events stay — what followed the story.
   */
  readonly judgedAtEnd?: boolean;
}

/**
 * The run of `sim` (graded with `seed`) around the events of a failure's story: from the first story event to
 * the last (to the run's end when the story is only faults, or when judged at the end), with the faults before it, at most
 * `recordedRunLimits.events` events — the story's own first, then the ones nearest the violation. Without a
 * story (a property of the whole run), the run's last events.
 */
export function recordRun(sim: Simulation, seed: number, story: readonly TraceEvent[], options: RecordRunOptions = {}): RecordedRun {
  const events = sim.trace.events();
  const runEndMs = events[events.length - 1]?.time ?? 0;
  const judgedAtEnd = options.judgedAtEnd === true && story.length > 0;
  // A story of faults alone (a property of the whole run, such as convergence) is told up to the run's end.
  const endMs = !judgedAtEnd && story.some((event) => !FAULT_KINDS.has(event.kind)) ? story[story.length - 1]!.time : runEndMs;
  // The window opens at the story's first operation event; faults before it are kept (aroundStory) and drawn.
  const fromMs = (story.find((event) => !FAULT_KINDS.has(event.kind)) ?? story[0])?.time;
  const kept = fromMs === undefined ? events.slice(-recordedRunLimits.events) : aroundStory(events, story, fromMs, endMs, judgedAtEnd ? 'earliest' : 'latest');
  const toMs = story.length === 0 || judgedAtEnd ? (kept[kept.length - 1]?.time ?? 0) : endMs;
  const windowFrom = fromMs ?? kept[0]?.time ?? 0;
  const states = statesOf(sim);
  return {
    version: recordedRunVersion,
    seed,
    fromMs: windowFrom,
    toMs: Math.max(toMs, windowFrom + 1),
    events: kept.map((event) => toRunEvent(event, states.get(event.id))),
    highlight: story.map((event) => event.id),
    totalEvents: events.length,
    ...(options.shrunk === undefined ? {} : { shrunk: options.shrunk }),
  };
}

function aroundStory(events: readonly TraceEvent[], story: readonly TraceEvent[], fromMs: number, toMs: number, keep: 'earliest' | 'latest'): TraceEvent[] {
  const storyIds = new Set(story.map((event) => event.id));
  const inWindow = events.filter((event) => event.time >= fromMs && event.time <= toMs && !storyIds.has(event.id));
  const earlierFaults = events.filter((event) => event.time < fromMs && FAULT_KINDS.has(event.kind) && !storyIds.has(event.id)).slice(-MAX_EARLIER_FAULTS);
  const room = Math.max(0, recordedRunLimits.events - story.length - earlierFaults.length);
  // When the window holds more than fits, the events nearest the violation stay (or, judged at the end, the
  // events that followed the story).
  const shown = keep === 'latest' ? inWindow.slice(Math.max(0, inWindow.length - room)) : inWindow.slice(0, room);
  return [...earlierFaults, ...story, ...shown].sort((a, b) => a.id - b.id);
}

const spacing = (line: string) => line.replace(/\s+/g, ' ').trim();

/**
 * For a violation a hidden test built itself, without its run: the simulation the test ran on that seed whose
 * events its trace lines tell (the lines were formatted from those events), drawn around them. None when no
 * line matches an event of a run of that seed: a story about something else is not drawn as this run.
 */
export function recordedRunFor(recorded: readonly RecordedSeed[], seed: number, trace: readonly string[]): RecordedRun | undefined {
  const told = new Set(trace.map(spacing));
  if (told.size === 0) return undefined;
  // Every formatted event starts with its time (`t=140ms`, sim/format.ts): only events at a told time are
  // formatted to be compared, not every event of a long run. Lines without a time match no event.
  const toldTimes = new Set<number>();
  for (const line of told) {
    const time = /^t=(\d+)ms/.exec(line)?.[1];
    if (time !== undefined) toldTimes.add(Number(time));
  }
  let best: { sim: Simulation; story: TraceEvent[] } | undefined;
  const seen = new Set<Simulation>();
  for (const { seed: ran, sim } of recorded) {
    if (ran !== seed || sim === undefined || seen.has(sim)) continue;
    seen.add(sim);
    const story = sim.trace.events().filter((event) => toldTimes.has(event.time) && told.has(spacing(formatTraceLine(event))));
    if (story.length > (best?.story.length ?? 0)) best = { sim, story };
  }
  return best === undefined ? undefined : recordRun(best.sim, seed, best.story);
}
