/**
 * <sdl-course-progress>: the home page's lesson list with the learner's progress. The server renders every
 * exercise as "not solved yet"; this element fills in what this browser remembers.
 */
import { t } from '../i18n/ui.ts';
import { lessonCount } from '../site/course-position.ts';
import { isSolved, onProgressChange } from '../site/progress.ts';
import { onSetAside, readState } from '../site/store.ts';
import { setAsideWarning, WarningList } from '../site/storage-warnings.ts';

class CourseProgress extends HTMLElement {
  connectedCallback(): void {
    const warnings = new WarningList(this.querySelector<HTMLElement>('[data-part="storage-warning"]')!);
    onSetAside((setAside) => warnings.show(`set-aside ${setAside.key}`, setAsideWarning(setAside)));
    this.#render();
    onProgressChange(() => this.#render());
  }

  #render(): void {
    const exercises = [...this.querySelectorAll<HTMLElement>('[data-exercise-status]')];
    let solvedCount = 0;
    for (const status of exercises) {
      const solved = isSolved(status.dataset.exerciseStatus!);
      if (solved) solvedCount++;
      status.textContent = t(solved ? 'progress.solved' : 'progress.notSolved');
      status.classList.toggle('sdl-status--solved', solved);
    }
    const state = readState();
    for (const count of this.querySelectorAll<HTMLElement>('[data-lesson-count]')) {
      const { solved, total } = lessonCount(count.dataset.lessonCount!.split(' '), state);
      count.textContent = t('progress.lessonCount', { solved, total });
    }
    const summary = this.querySelector<HTMLElement>('[data-part="summary"]')!;
    summary.textContent = t('progress.summary', { solved: solvedCount, total: exercises.length });
    const meter = this.querySelector<HTMLProgressElement>('progress');
    if (meter) meter.value = solvedCount;
  }
}

customElements.define('sdl-course-progress', CourseProgress);
