/**
 * <sdl-sidebar-progress>: marks the sidebar link of each lesson with its solved exercises — a tick when all are
 * solved, "1/2" when some are — each with words for screen readers.
 */
import { t } from '../../i18n/ui.ts';
import { lessonCount } from '../../site/course-position.ts';
import { onProgressChange } from '../../site/progress.ts';
import { readState } from '../../site/store.ts';

class SidebarProgress extends HTMLElement {
  connectedCallback(): void {
    this.#render();
    onProgressChange(() => this.#render());
  }

  #render(): void {
    const state = readState();
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[data-exercises]')) {
      const { solved, total } = lessonCount(link.dataset.exercises!.split(' '), state);
      link.querySelector('.sdl-solved-mark')?.remove();
      if (solved === 0) continue;
      const mark = document.createElement('span');
      mark.className = solved === total ? 'sdl-solved-mark' : 'sdl-solved-mark sdl-solved-mark--partial';
      const shown = document.createElement('span');
      shown.setAttribute('aria-hidden', 'true');
      shown.textContent = solved === total ? '✓' : `${solved}/${total}`;
      const label = document.createElement('span');
      label.className = 'sr-only';
      label.textContent = solved === total ? t('progress.sidebarSolved') : t('progress.sidebarPartial', { solved, total });
      mark.append(shown, label);
      link.append(mark);
    }
  }
}

customElements.define('sdl-sidebar-progress', SidebarProgress);
