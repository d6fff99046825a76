/**
 * The learner's failing run, drawn: the space-time diagram of the run the hidden test recorded (the same
 * renderer as the lesson figures), a cursor that steps through its events — buttons, and ←/→/Home/End on
 * the diagram — with each step told in a sentence, the same events as a table, and "Replay this run".
 * Loaded only when a result carries a run. The run is validated before anything is drawn, and every text in
 * it reaches the page as text: the SVG escapes it, the rest goes through `textContent`. What the learner
 * waits for comes first: the diagram, the cursor and its step; the table's rows follow the diagram's first
 * frame (steps-table.ts).
 */
import type { RecordedRun } from '../../runner/contract.ts';
import { recordedRunVersion } from '../../runner/recorded-run-version.ts';
import { spaceTimeDiagram } from '../../figures/space-time.ts';
import { tRun } from '../../i18n/run-view-ui.ts';
import { traceEventsOf } from './recorded-run-events.ts';
import { runSteps, shrinkSentence, startingStep, stepCaption, type RunStep } from './run-steps.ts';
import { stepsTable } from './steps-table.ts';
import { addFigureStyle, withoutFigureStyle } from './figure-style.ts';
import { element } from '../dom.ts';

/** How a replayed test ended: passed, or failed with the run it recorded (if it recorded one). */
export interface Replayed {
  readonly passed: boolean;
  readonly run?: unknown;
}

export interface RunViewActions {
  /** Runs this test again on the same code. */
  replay(): Promise<Replayed>;
  /** Puts a link to the run of `seed` on the clipboard; rejects with the reason when it cannot. */
  copyLink(seed: number): Promise<void>;
  /** For a run opened from a link: puts its code in the editor (asking first if that replaces a draft). */
  adopt?: () => void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function button(label: string, onClick: () => void): HTMLButtonElement {
  const node = element('button', 'sdl-button sdl-button--quiet', label);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

/**
 * A run this page can draw: the version it reads, and the fields it walks. The grading core builds runs
 * from the simulation's own trace, Node's host validates whole results with the zod contract, and here a
 * shape check is enough to refuse a run of another version without loading zod onto the page.
 */
function isRecordedRun(candidate: unknown): candidate is RecordedRun {
  if (typeof candidate !== 'object' || candidate === null) return false;
  const run = candidate as Partial<RecordedRun>;
  return (
    run.version === recordedRunVersion &&
    Array.isArray(run.events) &&
    Array.isArray(run.highlight) &&
    [run.seed, run.fromMs, run.toMs, run.totalEvents].every((value) => typeof value === 'number') &&
    run.events.every((event) => typeof event === 'object' && event !== null && typeof event.id === 'number' && typeof event.time === 'number' && typeof event.summary === 'string')
  );
}

/** The diagram's accessible name: it says whose run it is and which window it shows. */
function diagramTitle(run: RecordedRun): string {
  return tRun('run.diagramTitle', { seed: run.seed, from: run.fromMs, to: run.toMs });
}

/** Narrower than this, labels would crowd; the canvas scrolls sideways instead. */
const MIN_WIDTH = 480;

/** Laid out for the width it gets, so its text stays at the size the figures use everywhere else. */
function drawRun(run: RecordedRun, width: number): string {
  const { svg } = spaceTimeDiagram(traceEventsOf(run), {
    title: diagramTitle(run),
    fromMs: run.fromMs,
    highlight: run.highlight,
    eventIds: true,
    width: Math.max(MIN_WIDTH, Math.round(width)),
  });
  // The page holds the figures' stylesheet once (figure-style.ts).
  return withoutFigureStyle(svg);
}

/** After the next frame: a frame callback runs just before it is drawn, and a task posted from there runs after. */
function afterNextFrame(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}

/** Moves the cursor: marks the current event's shapes, places a line at its time, updates the step text and the table. */
class RunCursor {
  readonly #canvas: HTMLElement;
  readonly #steps: readonly RunStep[];
  readonly #caption: HTMLElement;
  readonly #rows: HTMLCollectionOf<HTMLTableRowElement>;
  #index: number;

  constructor(canvas: HTMLElement, steps: readonly RunStep[], caption: HTMLElement, rows: HTMLCollectionOf<HTMLTableRowElement>, start: number) {
    this.#canvas = canvas;
    this.#steps = steps;
    this.#caption = caption;
    this.#rows = rows;
    this.#index = start;
  }

  get index(): number {
    return this.#index;
  }

  moveTo(index: number): void {
    this.#index = Math.min(Math.max(0, index), Math.max(0, this.#steps.length - 1));
    this.#show();
  }

  #show(): void {
    const step = this.#steps[this.#index];
    this.#caption.textContent = stepCaption(this.#steps, this.#index);
    for (const shape of this.#canvas.querySelectorAll('.is-current')) shape.classList.remove('is-current');
    this.markRow();
    if (step === undefined) return;
    for (const shape of this.#canvas.querySelectorAll<SVGElement>('[data-events]')) {
      if (shape.dataset['events']!.split(' ').includes(String(step.eventId))) shape.classList.add('is-current');
    }
    this.#placeLine(step.time);
  }

  /** Marks the current step's row in the table (its rows may be made after the cursor first moved). */
  markRow(): void {
    for (const [index, row] of [...this.#rows].entries()) {
      if (index === this.#index) row.setAttribute('aria-current', 'step');
      else row.removeAttribute('aria-current');
    }
  }

  #placeLine(time: number): void {
    const svg = this.#canvas.querySelector('svg');
    const axis = svg?.dataset['timeAxis']?.split(' ').map(Number);
    if (svg === null || svg === undefined || axis === undefined || axis.length !== 4) return;
    const [fromMs, toMs, left, right] = axis as [number, number, number, number];
    const x = left + ((Math.min(Math.max(time, fromMs), toMs) - fromMs) / Math.max(1, toMs - fromMs)) * (right - left);
    let line = svg.querySelector<SVGLineElement>('line.run-cursor');
    if (line === null) {
      line = document.createElementNS(SVG_NS, 'line');
      line.classList.add('run-cursor');
      line.setAttribute('aria-hidden', 'true');
      line.setAttribute('y1', '0');
      line.setAttribute('y2', svg.viewBox.baseVal.height.toString());
      svg.append(line);
    }
    line.setAttribute('x1', x.toFixed(1));
    line.setAttribute('x2', x.toFixed(1));
  }
}

/**
 * Draws `candidate` (a recorded run from a result, not yet trusted) into `container`, for the test named
 * `testName`; `actions.replay` powers "Replay this run". The steps table's rows are made once the diagram has
 * had its first frame; the function returned makes them at once instead (the warm-up, never painted, calls it
 * in the same task so that code has run before a learner's first failure too).
 */
export function renderRunView(container: HTMLElement, testName: string, candidate: unknown, actions: RunViewActions): () => void {
  const heading = element('h4', 'sdl-run-view__heading', tRun('run.heading', { test: testName }));
  if (!isRecordedRun(candidate)) {
    container.replaceChildren(heading, element('p', 'sdl-run-view__note', tRun('run.unreadable')));
    container.hidden = false;
    return () => undefined;
  }
  const run = candidate;
  const steps = runSteps(run);
  const start = startingStep(run, steps);

  const about = element('p', 'sdl-run-view__note', tRun('run.about', { shown: run.events.length, total: run.totalEvents }));
  const shrunk = shrinkSentence(run);
  if (shrunk !== null) about.append(` ${shrunk}`);
  const canvas = element('div', 'sdl-run-view__canvas');
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'group');
  canvas.setAttribute('aria-label', tRun('run.canvasLabel'));

  const caption = element('p', 'sdl-run-view__step');
  caption.setAttribute('aria-live', 'polite');
  const table = stepsTable(steps);
  const cursor = new RunCursor(canvas, steps, caption, table.rows, start);
  const completeTable = (): void => {
    table.fill();
    cursor.markRow();
  };

  const controls = element('div', 'sdl-run-view__controls');
  controls.setAttribute('role', 'group');
  controls.setAttribute('aria-label', tRun('run.controlsLabel'));
  controls.append(
    button(tRun('run.first'), () => cursor.moveTo(0)),
    button(tRun('run.previous'), () => cursor.moveTo(cursor.index - 1)),
    button(tRun('run.next'), () => cursor.moveTo(cursor.index + 1)),
    button(tRun('run.last'), () => cursor.moveTo(steps.length - 1)),
  );
  canvas.addEventListener('keydown', (event) => {
    const moves: Record<string, number> = { ArrowLeft: cursor.index - 1, ArrowRight: cursor.index + 1, Home: 0, End: steps.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    cursor.moveTo(target);
  });

  const replayStatus = element('p', 'sdl-run-view__note');
  replayStatus.setAttribute('aria-live', 'polite');
  const replay = button(tRun('run.replay'), () => {
    replay.disabled = true;
    replayStatus.textContent = tRun('run.replaying');
    actions
      .replay()
      .then((again) => {
        if (again.run === undefined) {
          replayStatus.textContent = tRun(again.passed ? 'run.replayPassed' : 'run.replayNoRun');
          return;
        }
        renderRunView(container, testName, again.run, actions);
        container.querySelector<HTMLElement>('.sdl-run-view__replay-status')!.textContent = tRun('run.replayed', { seed: run.seed });
      })
      .catch((error: unknown) => {
        replayStatus.textContent = tRun('run.replayFailed', { message: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        replay.disabled = false;
      });
  });
  replayStatus.classList.add('sdl-run-view__replay-status');

  const copy = button(tRun('run.copyLink'), () => {
    actions
      .copyLink(run.seed)
      .then(() => {
        replayStatus.textContent = tRun('run.linkCopied');
      })
      .catch((error: unknown) => {
        replayStatus.textContent = tRun('run.linkFailed', { message: error instanceof Error ? error.message : String(error) });
      });
  });

  const details = element('details', 'sdl-run-view__text');
  details.append(element('summary', '', tRun('run.showTable')), table.table);
  // Opened before the rows were made (they follow the diagram's first frame): they are made now.
  details.addEventListener('toggle', completeTable);

  const buttons = element('div', 'sdl-run-view__actions');
  buttons.append(replay, copy);
  const shared: HTMLElement[] = [];
  if (actions.adopt !== undefined) {
    const adopt = actions.adopt;
    const note = element('p', 'sdl-run-view__shared', tRun('run.sharedNote'));
    const take = button(tRun('run.adopt'), () => adopt());
    shared.push(note, take);
  }
  container.replaceChildren(heading, ...shared, about, canvas, controls, caption, buttons, replayStatus, details);
  container.hidden = false;
  addFigureStyle();
  // Drawn once the canvas is in the page and has its width. The SVG is built from validated data by the
  // figure code, which escapes every text it writes.
  canvas.innerHTML = drawRun(run, canvas.clientWidth);
  cursor.moveTo(start);
  // The table's rows wait for the diagram's first frame; a view replaced before then (a replay) makes none.
  afterNextFrame(() => {
    if (table.table.isConnected) completeTable();
  });
  return completeTable;
}
