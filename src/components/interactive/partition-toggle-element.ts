/**
 * <sdl-partition-toggle>: each press of the toggle partitions or heals the network and runs the CP and AP
 * registers in the page for the new phase. The button is a native toggle (aria-pressed), so Enter and Space work.
 */
import { INITIAL_STATE, isPartitioned, readState, toggle, type ToggleState } from './partition-toggle-model.ts';
import { SimPanel, type PanelReading } from './sim-panel-element.ts';

class PartitionToggle extends SimPanel {
  #state: ToggleState = INITIAL_STATE;

  override connectedCallback(): void {
    const button = this.querySelector<HTMLButtonElement>('[data-part="toggle"]')!;
    button.addEventListener('click', () => {
      this.#state = toggle(this.#state);
      button.setAttribute('aria-pressed', String(isPartitioned(this.#state)));
      this.refresh();
    });
  }

  // The panel has no sliders: what it shows depends on the toggle's state alone.
  protected read(): PanelReading {
    const { rows, chart, heading, summary } = readState(this.#state);
    return { rows: rows.map(({ key, cells }) => ({ key, value: cells })), chart, texts: { heading }, summary };
  }
}

customElements.define('sdl-partition-toggle', PartitionToggle);
