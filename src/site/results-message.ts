/**
 * One line in an exercise's results region ("Running the tests…", or why the runner failed). Apart from the
 * results view (results-view.ts), which loads with the first result: the page needs only this before then.
 */
export function renderMessage(container: HTMLElement, message: string): void {
  const line = document.createElement('p');
  line.className = 'sdl-results__summary';
  line.textContent = message;
  container.replaceChildren(line);
}
