/**
 * The run's events as a table: the diagram's text alternative, row for row the steps the cursor visits. The
 * caption and column headers are made with the view; the rows, one per event (up to 300, four or five cells
 * each), are made by `fill`, which the run view calls once the diagram has had its first frame, so a learner's
 * diagram does not wait for them (8–22 ms measured, docs/decisions.md). The table sits in a closed
 * disclosure until the learner opens it, and opening it fills the rows at once if they are not there yet.
 */
import { tRun } from '../../i18n/run-view-ui.ts';
import { captionedTable } from '../captioned-table.ts';
import { element } from '../dom.ts';
import { stateCell, type RunStep } from './run-steps.ts';

export interface StepsTable {
  readonly table: HTMLTableElement;
  /** The rows, one per step once filled (empty before). */
  readonly rows: HTMLCollectionOf<HTMLTableRowElement>;
  /** Makes the rows, once; later calls do nothing. */
  fill(): void;
}

export function stepsTable(steps: readonly RunStep[]): StepsTable {
  const withState = steps.some((step) => step.state !== undefined);
  const columns = [tRun('run.columnStep'), tRun('run.columnTime'), tRun('run.columnEvent'), ...(withState ? [tRun('run.columnState')] : [])];
  const { table, body } = captionedTable('sdl-run-view__table', tRun('run.tableCaption'), columns);
  let filled = false;
  const fill = (): void => {
    if (filled) return;
    filled = true;
    const rows = document.createDocumentFragment();
    steps.forEach((step, index) => {
      const row = element('tr', step.highlighted ? 'sdl-run-view__row--failure' : '');
      const number = element('th', '', String(index + 1));
      number.scope = 'row';
      const what = element('td', '', step.highlighted ? `${step.text} ${tRun('run.partOfFailure')}` : step.text);
      row.append(number, element('td', '', `${step.time} ms`), what);
      if (withState) row.append(element('td', 'sdl-run-view__state', stateCell(step)));
      rows.append(row);
    });
    body.append(rows);
  };
  return { table, rows: body.rows, fill };
}
