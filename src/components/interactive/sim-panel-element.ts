/**
 * The behaviour shared by the interactive lesson figures: controls (range inputs, each with an `<output>` and a
 * spoken value, or selects), a readings table, an optional chart and a polite status line. When a control
 * changes, the panel shows the new value at once, then reruns the simulation for the latest values — a burst
 * of steps is coalesced into one run — and refreshes the table, the chart, any other text that depends on the
 * values, and the status.
 *
 * Markup contract (rendered by SimPanel.astro, PanelSlider.astro and PanelReadings.astro): controls
 * `[data-input="<name>"]`, outputs `[data-output="<name>"]`, rows `tr[data-stat="<key>"]` (a `th` label, then
 * `td` values), `[data-part="table" | "status"]`, and where a figure has them `[data-part="chart"]` and
 * `[data-part="<name>"]` for each of `PanelReading.texts`.
 */

export interface PanelRow {
  readonly key: string;
  /** When given, replaces the row's heading (some headings name a value). */
  readonly label?: string;
  /** One text for each value cell of the row, in order. */
  readonly value: string | readonly string[];
}

export interface PanelReading {
  readonly rows: readonly PanelRow[];
  /**
   * Redrawn into `[data-part="chart"]`. With a title, the chart's group is renamed after it; without one, the
   * group keeps the name its markup gives it and the SVG names itself.
   */
  readonly chart?: { readonly svg: string; readonly title?: string };
  /** Other texts that depend on the values, by the `data-part` they go into. */
  readonly texts?: Readonly<Record<string, string>>;
  /** Announced to screen readers after each change. */
  readonly summary: string;
}

export interface ValueText {
  readonly spoken: string;
  readonly shown: string;
}

type Control = HTMLInputElement | HTMLSelectElement;

export abstract class SimPanel extends HTMLElement {
  #pending: number | null = null;

  /** The reading for the current control values, by control name. */
  protected abstract read(values: Readonly<Record<string, number>>): PanelReading;

  /** What a slider's value means, spoken and shown next to it; a bare number says enough by default. */
  protected describe(_name: string, value: number): ValueText {
    return { spoken: String(value), shown: String(value) };
  }

  connectedCallback(): void {
    for (const control of this.#controls()) {
      control.addEventListener('input', () => {
        // A select speaks and shows its chosen option itself; a slider's value needs words and an <output>.
        if (control instanceof HTMLInputElement) {
          const name = control.dataset['input']!;
          const { spoken, shown } = this.describe(name, Number(control.value));
          control.setAttribute('aria-valuetext', spoken);
          this.querySelector(`[data-output="${name}"]`)!.textContent = shown;
        }
        this.refresh();
      });
    }
  }

  /** Marks the readings as stale at once and reruns the simulation shortly, once for a burst of calls. */
  protected refresh(): void {
    this.#part('table').setAttribute('aria-busy', 'true');
    if (this.#pending !== null) clearTimeout(this.#pending);
    // Let the browser paint the changed control before the simulation occupies the main thread.
    this.#pending = window.setTimeout(() => this.#show(), 30);
  }

  #show(): void {
    this.#pending = null;
    const values = Object.fromEntries(this.#controls().map((control) => [control.dataset['input']!, Number(control.value)]));
    const reading = this.read(values);
    for (const { key, label, value } of reading.rows) {
      const row = this.querySelector(`tr[data-stat="${key}"]`)!;
      if (label !== undefined) row.querySelector('th')!.textContent = label;
      const cells = row.querySelectorAll('td');
      (typeof value === 'string' ? [value] : value).forEach((text, i) => (cells[i]!.textContent = text));
    }
    if (reading.chart) {
      const chart = this.#part('chart');
      // The SVG comes from our own figure code, which escapes every text it draws.
      chart.innerHTML = reading.chart.svg;
      if (reading.chart.title !== undefined) chart.setAttribute('aria-label', reading.chart.title);
    }
    for (const [part, text] of Object.entries(reading.texts ?? {})) this.#part(part).textContent = text;
    this.#part('table').setAttribute('aria-busy', 'false');
    this.#part('status').textContent = reading.summary;
  }

  #controls(): Control[] {
    return [...this.querySelectorAll<Control>('[data-input]')];
  }

  #part(name: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
  }
}
