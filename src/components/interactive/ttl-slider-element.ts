/**
 * <sdl-ttl-slider>: reruns the pull-CDN simulation in the page whenever the TTL slider moves, and refreshes
 * the table and the spoken summary. A burst of slider steps is coalesced into one run for the latest value.
 */
import { readTtl, ttlValueText } from './ttl-slider-model.ts';

class TtlSlider extends HTMLElement {
  #pending: number | null = null;

  connectedCallback(): void {
    const input = this.#part<HTMLInputElement>('input');
    input.addEventListener('input', () => {
      const ttlMs = Number(input.value);
      input.setAttribute('aria-valuetext', ttlValueText(ttlMs));
      this.#part('value').textContent = `${ttlMs} ms`;
      this.#part('table').setAttribute('aria-busy', 'true');
      if (this.#pending !== null) clearTimeout(this.#pending);
      // Let the browser paint the new slider position before the simulation occupies the main thread.
      this.#pending = window.setTimeout(() => this.#show(ttlMs), 30);
    });
  }

  #show(ttlMs: number): void {
    this.#pending = null;
    const reading = readTtl(ttlMs);
    for (const row of reading.rows) this.querySelector(`tr[data-stat="${row.key}"] td`)!.textContent = row.value;
    this.#part('table').setAttribute('aria-busy', 'false');
    this.#part('status').textContent = reading.announcement;
  }

  #part<T extends HTMLElement = HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-part="${name}"]`)!;
  }
}

customElements.define('sdl-ttl-slider', TtlSlider);
