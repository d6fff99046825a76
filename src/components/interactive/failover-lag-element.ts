/** <sdl-failover-lag>: reruns lesson 08's asynchronous fail-over in the page when the poll interval moves. */
import { readLagAt, pollValueText } from './failover-lag-model.ts';
import { SimPanel, type PanelReading } from './sim-panel-element.ts';

class FailoverLag extends SimPanel {
  protected read(values: Readonly<Record<string, number>>): PanelReading {
    return readLagAt(values['poll']!);
  }

  protected override describe(_name: string, value: number) {
    return { spoken: pollValueText(value), shown: `${value} ms` };
  }
}

customElements.define('sdl-failover-lag', FailoverLag);
