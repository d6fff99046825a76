/** <sdl-continue>: the home page's "Continue: <lesson> — <exercise>" link (see src/components/ContinueLink.astro). */
import { t } from '../i18n/ui.ts';
import { nextStep, type CourseLesson } from '../site/course-position.ts';
import { onProgressChange } from '../site/progress.ts';
import { readState } from '../site/store.ts';

class ContinueLink extends HTMLElement {
  #lessons: CourseLesson[] = [];

  connectedCallback(): void {
    this.#lessons = JSON.parse(this.querySelector('[data-part="course"]')?.textContent ?? '[]') as CourseLesson[];
    this.#render();
    onProgressChange(() => this.#render());
  }

  #render(): void {
    const state = readState();
    const link = this.querySelector<HTMLAnchorElement>('[data-part="link"]')!;
    const why = this.querySelector<HTMLElement>('[data-part="why"]')!;
    const step = nextStep(this.#lessons, state);
    const started = Object.keys(state.solved).length > 0;
    if (step) {
      link.textContent = t('continue.label', { lesson: step.lesson.title, exercise: step.exercise.title });
      // The exercise's region is labelled by its title's heading, whose id is `exercise-<id>-title`.
      link.href = `${step.lesson.href}#exercise-${step.exercise.id}-title`;
      why.textContent = t(step.why === 'draft' ? 'continue.draft' : 'continue.next');
    } else if (started) {
      link.textContent = t('continue.allSolved');
      link.href = this.#lessons.at(-1)?.href ?? '/';
      why.textContent = '';
    }
    this.hidden = !step && !started;
  }
}

customElements.define('sdl-continue', ContinueLink);
