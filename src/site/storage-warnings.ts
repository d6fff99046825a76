/**
 * The sentences that tell the learner their work is not being saved, or that old data was set aside.
 * Shown in a `role="alert"` element, one paragraph per problem, so each is announced once when it appears.
 */
import { t } from '../i18n/ui.ts';
import type { SetAside, WriteOutcome } from './store.ts';

export function setAsideWarning(setAside: SetAside): string {
  const what = setAside.kind === 'newer' ? t('storage.setAside.newer') : t('storage.setAside.unreadable', { reason: setAside.reason });
  const where = setAside.key === null ? t('storage.setAside.stuck') : t('storage.setAside.movedTo', { key: setAside.key });
  return `${what} ${where}`;
}

export function saveWarning(outcome: Exclude<WriteOutcome, 'saved'>): string {
  return outcome === 'full' ? t('storage.full') : t('storage.unavailable');
}

/** Keeps one paragraph per topic in `container` and hides it when there is none. */
export class WarningList {
  readonly #container: HTMLElement;
  readonly #paragraphs = new Map<string, HTMLParagraphElement>();

  constructor(container: HTMLElement) {
    this.#container = container;
  }

  show(topic: string, text: string): void {
    let paragraph = this.#paragraphs.get(topic);
    if (paragraph?.textContent === text) return;
    paragraph ??= document.createElement('p');
    paragraph.textContent = text;
    this.#paragraphs.set(topic, paragraph);
    this.#container.append(paragraph);
    this.#container.hidden = false;
  }

  clear(topic: string): boolean {
    const paragraph = this.#paragraphs.get(topic);
    if (!paragraph) return false;
    paragraph.remove();
    this.#paragraphs.delete(topic);
    this.#container.hidden = this.#paragraphs.size === 0;
    return true;
  }
}
