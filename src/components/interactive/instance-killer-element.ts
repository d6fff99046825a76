/**
 * <sdl-instance-killer>: reruns the three callers whenever the outage length or the registry's TTL changes,
 * and refreshes the table and the spoken summary. A burst of slider steps is coalesced into one run.
 */
import { downValueText, readOutage, ttlValueText } from './instance-killer-model.ts';

class InstanceKiller extends HTMLElement {
  #pending: number | null = null;

  connectedCallback(): void {
    const down = this.#part<HTMLInputElement>('down');
    const ttl = this.#part<HTMLInputElement>('ttl');
    const changed = () => {
      down.setAttribute('aria-valuetext', downValueText(Number(down.value)));
      ttl.setAttribute('aria-valuetext', ttlValueText(Number(ttl.value)));
      this.#part('down-value').textContent = `${down.value} ms`;
      this.#part('ttl-value').textContent = `${ttl.value} ms`;
      if (this.#pending !== null) clearTimeout(this.#pending);
      // Let the browser paint the new slider position before the simulations run.
      this.#pending = window.setTimeout(() => this.#show(Number(down.value), Number(ttl.value)), 30);
    };
    down.addEventListener('input', changed);
    ttl.addEventListener('input', changed);
  }

  #show(downMs: number, ttlMs: number): void {
    this.#pending = null;
    const reading = readOutage(downMs, ttlMs);
    reading.rows.forEach((row, i) => {
      this.querySelector(`tr[data-caller="${i}"] td`)!.textContent = row.value;
    });
    this.#part('status').textContent = reading.summary;
  }

  #part<T extends HTMLElement = HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-part="${name}"]`)!;
  }
}

customElements.define('sdl-instance-killer', InstanceKiller);
