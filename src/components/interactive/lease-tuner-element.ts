/** <sdl-lease-tuner>: reruns lesson 10's job queue in the page when the lease slider moves. */
import { readLeaseAt, leaseValueText } from './lease-tuner-model.ts';
import { SimPanel, type PanelReading } from './sim-panel-element.ts';

class LeaseTuner extends SimPanel {
  protected read(values: Readonly<Record<string, number>>): PanelReading {
    return readLeaseAt(values['lease']!);
  }

  protected override describe(_name: string, value: number) {
    return { spoken: leaseValueText(value), shown: `${value} ms` };
  }
}

customElements.define('sdl-lease-tuner', LeaseTuner);
