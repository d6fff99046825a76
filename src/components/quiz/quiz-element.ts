/**
 * <sdl-quiz>: checks the chosen answer of each question (a form) and announces the option's feedback in
 * the question's live region. The page works without it (see Quiz.astro); this only adds the checking.
 */
import { t } from '../../i18n/ui.ts';

class Quiz extends HTMLElement {
  connectedCallback(): void {
    this.addEventListener('submit', this.#check);
    // Choosing another option clears the previous verdict, so what is shown never describes a stale choice.
    this.addEventListener('change', (event) => {
      const form = (event.target as HTMLElement).closest('form');
      if (!form) return;
      this.#clearVerdicts(form);
      form.querySelector('[data-part="feedback"]')!.replaceChildren();
    });
  }

  #check = (event: Event): void => {
    const form = event.target as HTMLFormElement;
    event.preventDefault();
    const feedback = form.querySelector<HTMLElement>('[data-part="feedback"]')!;
    const chosen = form.querySelector<HTMLInputElement>('input[type="radio"]:checked');
    this.#clearVerdicts(form);
    if (chosen === null) {
      this.#announce(feedback, [document.createTextNode(t('quiz.chooseFirst'))]);
      form.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
      return;
    }
    const explanation = form.querySelector<HTMLElement>(`[data-option="${chosen.value}"]`)!;
    const right = explanation.dataset.correct === 'true';
    chosen.closest('label')!.dataset.verdict = right ? 'right' : 'wrong';
    const verdict = document.createElement('strong');
    verdict.textContent = t(right ? 'quiz.correct' : 'quiz.incorrect');
    // The explanation is the build's own markup (escaped text plus <code>/<em>/<strong>), so cloning it is safe.
    const detail = explanation.querySelector('[data-part="explanation"]')!.cloneNode(true);
    this.#announce(feedback, [verdict, document.createTextNode(' '), detail]);
  };

  #clearVerdicts(form: HTMLFormElement): void {
    for (const label of form.querySelectorAll<HTMLElement>('label[data-verdict]')) delete label.dataset.verdict;
  }

  /** Empties the live region first, so checking the same answer twice is announced twice. */
  #announce(region: HTMLElement, content: Node[]): void {
    region.replaceChildren();
    requestAnimationFrame(() => region.replaceChildren(...content));
  }
}

customElements.define('sdl-quiz', Quiz);
