/** <sdl-heartbeat-tuner>: reruns lesson 09's heartbeat runs in the page when either slider moves. */
import { readTunerAt, intervalValueText, missedValueText } from './heartbeat-tuner-model.ts';
import { SimPanel, type PanelReading } from './sim-panel-element.ts';

class HeartbeatTuner extends SimPanel {
  protected read(values: Readonly<Record<string, number>>): PanelReading {
    return readTunerAt(values['interval']!, values['missed']!);
  }

  protected override describe(name: string, value: number) {
    return name === 'interval' ? { spoken: intervalValueText(value), shown: `${value} ms` } : { spoken: missedValueText(value), shown: String(value) };
  }
}

customElements.define('sdl-heartbeat-tuner', HeartbeatTuner);
