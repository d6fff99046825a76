/** <sdl-shard-mover>: recounts lesson 14's moved keys in the page when the shard count or the virtual nodes change. */
import { readMove, shardsValueText } from './shard-mover-model.ts';
import { SimPanel, type PanelReading } from './sim-panel-element.ts';

class ShardMover extends SimPanel {
  protected read(values: Readonly<Record<string, number>>): PanelReading {
    return readMove(values['shards']!, values['vnodes']!);
  }

  // Only the shard count is a slider; the virtual nodes are a select, which speaks for itself.
  protected override describe(_name: string, value: number) {
    return { spoken: shardsValueText(value), shown: `${value} → ${value + 1}` };
  }
}

customElements.define('sdl-shard-mover', ShardMover);
