/**
 * <sdl-partition-toggle>: each press of the toggle partitions or heals the network, runs the CP and AP
 * registers in the page for the new phase, and refreshes the caption, the table, the chart and the
 * spoken summary. The button is a native toggle (aria-pressed), so Enter and Space work.
 */
import { INITIAL_STATE, isPartitioned, readState, toggle, type ToggleState } from './partition-toggle-model.ts';

class PartitionToggle extends HTMLElement {
  #state: ToggleState = INITIAL_STATE;
  #pending: number | null = null;

  connectedCallback(): void {
    const button = this.#part('toggle');
    button.addEventListener('click', () => {
      this.#state = toggle(this.#state);
      button.setAttribute('aria-pressed', String(isPartitioned(this.#state)));
      this.#part('table').setAttribute('aria-busy', 'true');
      if (this.#pending !== null) clearTimeout(this.#pending);
      // Let the browser paint the pressed button before the simulations occupy the main thread.
      this.#pending = window.setTimeout(() => this.#show(), 30);
    });
  }

  #show(): void {
    this.#pending = null;
    const reading = readState(this.#state);
    this.#part('heading').textContent = reading.heading;
    for (const row of reading.rows) {
      this.querySelectorAll(`tr[data-stat="${row.key}"] td`).forEach((cell, i) => (cell.textContent = row.cells[i]!));
    }
    const chart = this.#part('chart');
    // The SVG comes from our own figure code, which escapes every text it draws.
    chart.innerHTML = reading.chart.svg;
    chart.setAttribute('aria-label', reading.chart.title);
    this.#part('table').setAttribute('aria-busy', 'false');
    this.#part('status').textContent = reading.summary;
  }

  #part(name: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
  }
}

customElements.define('sdl-partition-toggle', PartitionToggle);
