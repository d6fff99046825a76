/**
 * The behaviour shared by the lesson 08–10 interactive figures: one or more range inputs (each with an
 * `<output>` and a spoken value), a readings table, a chart and a polite status line. When an input moves,
 * the panel shows the new value at once, then reruns the simulation for the latest values — a burst of
 * steps is coalesced into one run — and refreshes the table, the chart and the status.
 *
 * Markup contract (rendered by the .astro component): inputs `[data-input="<name>"]`, outputs
 * `[data-output="<name>"]`, rows `tr[data-stat="<key>"] td`, `[data-part="table" | "chart" | "status"]`.
 */
import type { Figure } from '../../figures/figure.ts';

export interface PanelReading {
  readonly rows: readonly { readonly key: string; readonly value: string }[];
  readonly chart: Figure;
  /** Announced to screen readers after each change. */
  readonly summary: string;
}

export abstract class SimPanel extends HTMLElement {
  #pending: number | null = null;

  /** The reading for the current input values, by input name. */
  protected abstract read(values: Readonly<Record<string, number>>): PanelReading;
  /** What an input's value means, spoken and shown next to it. */
  protected abstract describe(name: string, value: number): { readonly spoken: string; readonly shown: string };

  connectedCallback(): void {
    for (const input of this.#inputs()) {
      input.addEventListener('input', () => {
        const name = input.dataset['input']!;
        const { spoken, shown } = this.describe(name, Number(input.value));
        input.setAttribute('aria-valuetext', spoken);
        this.querySelector(`[data-output="${name}"]`)!.textContent = shown;
        this.#part('table').setAttribute('aria-busy', 'true');
        if (this.#pending !== null) clearTimeout(this.#pending);
        // Let the browser paint the new slider position before the simulation occupies the main thread.
        this.#pending = window.setTimeout(() => this.#show(), 30);
      });
    }
  }

  #show(): void {
    this.#pending = null;
    const values = Object.fromEntries(this.#inputs().map((input) => [input.dataset['input']!, Number(input.value)]));
    const reading = this.read(values);
    for (const row of reading.rows) this.querySelector(`tr[data-stat="${row.key}"] td`)!.textContent = row.value;
    const chart = this.#part('chart');
    // The SVG comes from our own figure code, which escapes every text it draws.
    chart.innerHTML = reading.chart.svg;
    chart.setAttribute('aria-label', reading.chart.title);
    this.#part('table').setAttribute('aria-busy', 'false');
    this.#part('status').textContent = reading.summary;
  }

  #inputs(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[data-input]')];
  }

  #part(name: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
  }
}
