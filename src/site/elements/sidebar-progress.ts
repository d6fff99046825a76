/** <sdl-sidebar-progress>: marks sidebar links of lessons whose exercises are all solved. */
import { t } from '../../i18n/ui.ts';
import { isSolved, onProgressChange } from '../progress.ts';

class SidebarProgress extends HTMLElement {
  connectedCallback(): void {
    this.#render();
    onProgressChange(() => this.#render());
  }

  #render(): void {
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[data-exercises]')) {
      const solved = link.dataset.exercises!.split(' ').every(isSolved);
      let mark = link.querySelector<HTMLElement>('.sdl-solved-mark');
      if (solved && !mark) {
        mark = document.createElement('span');
        mark.className = 'sdl-solved-mark';
        const tick = document.createElement('span');
        tick.setAttribute('aria-hidden', 'true');
        tick.textContent = '✓';
        const label = document.createElement('span');
        label.className = 'sr-only';
        label.textContent = t('progress.sidebarSolved');
        mark.append(tick, label);
        link.append(mark);
      } else if (!solved && mark) {
        mark.remove();
      }
    }
  }
}

customElements.define('sdl-sidebar-progress', SidebarProgress);
