/** <sdl-crash-routing>: reruns lesson 12's health-checked load balancer and redraws its plot when failAfter moves. */
import { failAfterValueText, readCrashRouting } from './crash-routing-model.ts';
import { SimPanel, type PanelReading } from './sim-panel-element.ts';

class CrashRouting extends SimPanel {
  protected read(values: Readonly<Record<string, number>>): PanelReading {
    const { rows, figure, announcement } = readCrashRouting(values['failAfter']!);
    // Only the SVG: the plot's group keeps its fixed name, and the SVG names the run itself.
    return { rows, chart: { svg: figure.svg }, summary: announcement };
  }

  protected override describe(_name: string, value: number) {
    return { spoken: failAfterValueText(value), shown: String(value) };
  }
}

customElements.define('sdl-crash-routing', CrashRouting);
