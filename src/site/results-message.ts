/**
 * One line in an exercise's results region ("Running the tests…", or why the runner failed). Apart from the
 * results view (results-view.ts), which loads with the first result: the page needs only this before then.
 */
import { element } from './dom.ts';

export function renderMessage(container: HTMLElement, message: string): void {
  container.replaceChildren(element('p', 'sdl-results__summary', message));
}
