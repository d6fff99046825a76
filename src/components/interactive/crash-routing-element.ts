/**
 * <sdl-crash-routing>: reruns the health-checked load balancer whenever the failAfter slider moves, and
 * redraws the routing plot, the table and the spoken summary. A burst of slider steps is coalesced into one
 * run for the latest value.
 */
import { readCrashRouting } from './crash-routing-model.ts';

class CrashRouting extends HTMLElement {
  #pending: number | null = null;

  connectedCallback(): void {
    const input = this.#part<HTMLInputElement>('input');
    input.addEventListener('input', () => {
      const failAfter = Number(input.value);
      input.setAttribute('aria-valuetext', `${failAfter} failed check${failAfter === 1 ? '' : 's'} in a row`);
      this.#part('value').textContent = String(failAfter);
      this.#part('table').setAttribute('aria-busy', 'true');
      if (this.#pending !== null) clearTimeout(this.#pending);
      // Let the browser paint the new slider position before the simulation occupies the main thread.
      this.#pending = window.setTimeout(() => this.#show(failAfter), 30);
    });
  }

  #show(failAfter: number): void {
    this.#pending = null;
    const reading = readCrashRouting(failAfter);
    // The figure library escapes every piece of text it puts into the SVG.
    this.#part('figure').innerHTML = reading.figure.svg;
    for (const row of reading.rows) this.querySelector(`tr[data-stat="${row.key}"] td`)!.textContent = row.value;
    this.#part('table').setAttribute('aria-busy', 'false');
    this.#part('status').textContent = reading.announcement;
  }

  #part<T extends HTMLElement = HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-part="${name}"]`)!;
  }
}

customElements.define('sdl-crash-routing', CrashRouting);
