/** <sdl-instance-killer>: reruns lesson 13's three callers in the page when the outage or the registry's TTL changes. */
import { downValueText, readOutage, ttlValueText } from './instance-killer-model.ts';
import { SimPanel, type PanelReading } from './sim-panel-element.ts';

class InstanceKiller extends SimPanel {
  protected read(values: Readonly<Record<string, number>>): PanelReading {
    return readOutage(values['down']!, values['ttl']!);
  }

  protected override describe(name: string, value: number) {
    return { spoken: name === 'down' ? downValueText(value) : ttlValueText(value), shown: `${value} ms` };
  }
}

customElements.define('sdl-instance-killer', InstanceKiller);
