/**
 * The page's data tables: a caption and a row of column headers, so a screen reader names the table and each
 * cell's column. Its own module because only the views loaded with a result use it (results-view.ts and
 * run-view/run-view.ts), so it never weighs on the scripts a page loads before an editor opens.
 */
import { element } from './dom.ts';

export function captionedTable(className: string, caption: string, columns: readonly string[]): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const headRow = element('tr', '');
  for (const column of columns) {
    const cell = element('th', '', column);
    cell.scope = 'col';
    headRow.append(cell);
  }
  const head = element('thead', '');
  head.append(headRow);
  const body = element('tbody', '');
  const table = element('table', className);
  table.append(element('caption', '', caption), head, body);
  return { table, body };
}
