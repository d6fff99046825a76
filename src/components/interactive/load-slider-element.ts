/** <sdl-load-slider>: reruns lesson 03's loaded server in the page when the utilisation slider moves. */
import { readAt, valueText } from './load-slider-model.ts';
import { SimPanel, type PanelReading } from './sim-panel-element.ts';

class LoadSlider extends SimPanel {
  protected read(values: Readonly<Record<string, number>>): PanelReading {
    const { rows, note, summary } = readAt(values['percent']!);
    return { rows, texts: { note }, summary };
  }

  protected override describe(_name: string, value: number) {
    return { spoken: valueText(value), shown: `${value}%` };
  }
}

customElements.define('sdl-load-slider', LoadSlider);
