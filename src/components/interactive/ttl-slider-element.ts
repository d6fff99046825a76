/** <sdl-ttl-slider>: reruns lesson 11's pull CDN in the page when the TTL slider moves. */
import { readTtl, ttlValueText } from './ttl-slider-model.ts';
import { SimPanel, type PanelReading } from './sim-panel-element.ts';

class TtlSlider extends SimPanel {
  protected read(values: Readonly<Record<string, number>>): PanelReading {
    const { rows, announcement } = readTtl(values['ttl']!);
    return { rows, summary: announcement };
  }

  protected override describe(_name: string, value: number) {
    return { spoken: ttlValueText(value), shown: `${value} ms` };
  }
}

customElements.define('sdl-ttl-slider', TtlSlider);
