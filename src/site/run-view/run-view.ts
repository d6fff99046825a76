/**
 * The learner's failing run, drawn: the space-time diagram of the run the hidden test recorded (the same
 * renderer as the lesson figures), a cursor that steps through its events — buttons, and ←/→/Home/End on
 * the diagram — with each step told in a sentence, the same events as a table, and "Replay this run".
 * Loaded only when a result carries a run. The run is validated before anything is drawn, and every text in
 * it reaches the page as text: the SVG escapes it, the rest goes through `textContent`.
 */
import { recordedRun, type RecordedRun } from '../../runner/contract.ts';
import { spaceTimeDiagram } from '../../figures/space-time.ts';
import { t } from '../../i18n/ui.ts';
import { traceEventsOf } from './recorded-run-events.ts';
import { runSteps, startingStep, stepCaption, type RunStep } from './run-steps.ts';

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

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const node = element('button', 'sdl-button sdl-button--quiet', label);
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

/** The diagram's accessible name: it says whose run it is and which window it shows. */
function diagramTitle(run: RecordedRun): string {
  return t('run.diagramTitle', { seed: run.seed, from: run.fromMs, to: run.toMs });
}

/** Narrower than this, labels would crowd; the canvas scrolls sideways instead. */
const MIN_WIDTH = 480;

/** Laid out for the width it gets, so its text stays at the size the figures use everywhere else. */
function drawRun(run: RecordedRun, width: number): string {
  return spaceTimeDiagram(traceEventsOf(run), {
    title: diagramTitle(run),
    fromMs: run.fromMs,
    highlight: run.highlight,
    eventIds: true,
    width: Math.max(MIN_WIDTH, Math.round(width)),
  }).svg;
}

/** The events as a table: the diagram's text alternative, row for row the steps the cursor visits. */
function stepsTable(steps: readonly RunStep[]): HTMLTableElement {
  const table = element('table', 'sdl-run-view__table');
  table.append(element('caption', '', t('run.tableCaption')));
  const head = element('thead', '');
  const headRow = element('tr', '');
  for (const column of [t('run.columnStep'), t('run.columnTime'), t('run.columnEvent')]) {
    const cell = element('th', '', column);
    cell.scope = 'col';
    headRow.append(cell);
  }
  head.append(headRow);
  const body = element('tbody', '');
  steps.forEach((step, index) => {
    const row = element('tr', step.highlighted ? 'sdl-run-view__row--failure' : '');
    const number = element('th', '', String(index + 1));
    number.scope = 'row';
    const what = element('td', '', step.highlighted ? `${step.text} ${t('run.partOfFailure')}` : step.text);
    row.append(number, element('td', '', `${step.time} ms`), what);
    body.append(row);
  });
  table.append(head, body);
  return table;
}

/** Moves the cursor: marks the current event's shapes, places a line at its time, updates the step text and the table. */
class RunCursor {
  readonly #canvas: HTMLElement;
  readonly #steps: readonly RunStep[];
  readonly #caption: HTMLElement;
  readonly #rows: () => HTMLCollectionOf<HTMLTableRowElement> | undefined;
  #index: number;

  constructor(canvas: HTMLElement, steps: readonly RunStep[], caption: HTMLElement, rows: () => HTMLCollectionOf<HTMLTableRowElement> | undefined, start: number) {
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
    const rows = this.#rows();
    for (const [index, row] of [...(rows ?? [])].entries()) {
      if (index === this.#index) row.setAttribute('aria-current', 'step');
      else row.removeAttribute('aria-current');
    }
    if (step === undefined) return;
    for (const shape of this.#canvas.querySelectorAll<SVGElement>('[data-events]')) {
      if (shape.dataset['events']!.split(' ').includes(String(step.eventId))) shape.classList.add('is-current');
    }
    this.#placeLine(step.time);
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
 * `testName`; `actions.replay` powers "Replay this run".
 */
export function renderRunView(container: HTMLElement, testName: string, candidate: unknown, actions: RunViewActions): void {
  const parsed = recordedRun.safeParse(candidate);
  const heading = element('h4', 'sdl-run-view__heading', t('run.heading', { test: testName }));
  if (!parsed.success) {
    container.replaceChildren(heading, element('p', 'sdl-run-view__note', t('run.unreadable')));
    container.hidden = false;
    return;
  }
  const run = parsed.data;
  const steps = runSteps(run);
  const start = startingStep(run, steps);

  const about = element('p', 'sdl-run-view__note', t('run.about', { seed: run.seed, shown: run.events.length, total: run.totalEvents }));
  const canvas = element('div', 'sdl-run-view__canvas');
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'group');
  canvas.setAttribute('aria-label', t('run.canvasLabel'));

  const caption = element('p', 'sdl-run-view__step');
  caption.setAttribute('aria-live', 'polite');
  const table = stepsTable(steps);
  const cursor = new RunCursor(canvas, steps, caption, () => table.tBodies[0]?.rows, start);

  const controls = element('div', 'sdl-run-view__controls');
  controls.setAttribute('role', 'group');
  controls.setAttribute('aria-label', t('run.controlsLabel'));
  controls.append(
    button(t('run.first'), () => cursor.moveTo(0)),
    button(t('run.previous'), () => cursor.moveTo(cursor.index - 1)),
    button(t('run.next'), () => cursor.moveTo(cursor.index + 1)),
    button(t('run.last'), () => cursor.moveTo(steps.length - 1)),
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
  const replay = button(t('run.replay'), () => {
    replay.disabled = true;
    replayStatus.textContent = t('run.replaying');
    actions
      .replay()
      .then((again) => {
        if (again.run === undefined) {
          replayStatus.textContent = t(again.passed ? 'run.replayPassed' : 'run.replayNoRun');
          return;
        }
        renderRunView(container, testName, again.run, actions);
        container.querySelector<HTMLElement>('.sdl-run-view__replay-status')!.textContent = t('run.replayed', { seed: run.seed });
      })
      .catch((error: unknown) => {
        replayStatus.textContent = t('run.replayFailed', { message: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        replay.disabled = false;
      });
  });
  replayStatus.classList.add('sdl-run-view__replay-status');

  const copy = button(t('run.copyLink'), () => {
    actions
      .copyLink(run.seed)
      .then(() => {
        replayStatus.textContent = t('run.linkCopied');
      })
      .catch((error: unknown) => {
        replayStatus.textContent = t('run.linkFailed', { message: error instanceof Error ? error.message : String(error) });
      });
  });

  const details = element('details', 'sdl-run-view__text');
  details.append(element('summary', '', t('run.showTable')), table);

  const buttons = element('div', 'sdl-run-view__actions');
  buttons.append(replay, copy);
  const shared: HTMLElement[] = [];
  if (actions.adopt !== undefined) {
    const adopt = actions.adopt;
    const note = element('p', 'sdl-run-view__shared', t('run.sharedNote'));
    const take = button(t('run.adopt'), () => adopt());
    shared.push(note, take);
  }
  container.replaceChildren(heading, ...shared, about, canvas, controls, caption, buttons, replayStatus, details);
  container.hidden = false;
  // Drawn once the canvas is in the page and has its width. The SVG is built from validated data by the
  // figure code, which escapes every text it writes.
  canvas.innerHTML = drawRun(run, canvas.clientWidth);
  cursor.moveTo(start);
}
