/**
 * <sdl-load-slider>: reruns the load simulation in the page whenever the utilisation slider moves, and
 * refreshes the table and the spoken summary. The run is synchronous and takes a moment, so a burst of
 * slider steps is coalesced into one run for the latest value.
 */
import { readAt, valueText } from './load-slider-model.ts';

class LoadSlider extends HTMLElement {
  #pending: number | null = null;

  connectedCallback(): void {
    const input = this.#part<HTMLInputElement>('input');
    input.addEventListener('input', () => {
      const percent = Number(input.value);
      input.setAttribute('aria-valuetext', valueText(percent));
      this.#part('percent').textContent = `${percent}%`;
      this.#part('table').setAttribute('aria-busy', 'true');
      if (this.#pending !== null) clearTimeout(this.#pending);
      // Let the browser paint the new slider position before the simulation occupies the main thread.
      this.#pending = window.setTimeout(() => this.#show(percent), 30);
    });
  }

  #show(percent: number): void {
    this.#pending = null;
    const reading = readAt(percent);
    for (const row of reading.rows) {
      this.querySelector(`tr[data-stat="${row.key}"] td`)!.textContent = row.value;
    }
    this.#part('note').textContent = reading.note;
    this.#part('table').setAttribute('aria-busy', 'false');
    this.#part('status').textContent = reading.summary;
  }

  #part<T extends HTMLElement = HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-part="${name}"]`)!;
  }
}

customElements.define('sdl-load-slider', LoadSlider);
