/**
 * <sdl-shard-mover>: recounts the keys that move whenever the shard count or the number of virtual nodes
 * changes, and refreshes the table and the spoken summary.
 */
import { readMove, shardsValueText } from './shard-mover-model.ts';

class ShardMover extends HTMLElement {
  connectedCallback(): void {
    const shards = this.#part<HTMLInputElement>('shards');
    const vnodes = this.#part<HTMLSelectElement>('vnodes');
    const update = () => this.#show(Number(shards.value), Number(vnodes.value));
    shards.addEventListener('input', () => {
      shards.setAttribute('aria-valuetext', shardsValueText(Number(shards.value)));
      this.#part('count').textContent = `${shards.value} → ${Number(shards.value) + 1}`;
      update();
    });
    vnodes.addEventListener('change', update);
  }

  #show(shards: number, vnodes: number): void {
    const reading = readMove(shards, vnodes);
    for (const row of reading.rows) {
      this.querySelector(`tr[data-stat="${row.key}"] th`)!.textContent = row.label;
      this.querySelector(`tr[data-stat="${row.key}"] td`)!.textContent = row.value;
    }
    this.#part('status').textContent = reading.summary;
  }

  #part<T extends HTMLElement = HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-part="${name}"]`)!;
  }
}

customElements.define('sdl-shard-mover', ShardMover);
