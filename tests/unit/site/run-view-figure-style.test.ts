import { describe, expect, it } from 'vitest';
import { spaceTimeDiagram } from '../../../src/figures/space-time.ts';
import { FIGURE_STYLE } from '../../../src/figures/theme.ts';
import { traceEventsOf } from '../../../src/site/run-view/recorded-run-events.ts';
import { withoutFigureStyle } from '../../../src/site/run-view/figure-style.ts';
import { warmUpRun } from '../../../src/site/run-view/warm-up.ts';

describe('the run view’s diagram without its own copy of the figures’ stylesheet', () => {
  const { svg } = spaceTimeDiagram(traceEventsOf(warmUpRun), { title: 'A run', fromMs: warmUpRun.fromMs, highlight: warmUpRun.highlight, eventIds: true, width: 480 });

  // If the figure code ever embedded its stylesheet differently, the run view would silently keep the copy
  // (and its cost): this holds the two to the same markup.
  it('takes out exactly the stylesheet the figure code embeds, and nothing else', () => {
    expect(svg).toContain(FIGURE_STYLE);
    const stripped = withoutFigureStyle(svg);
    expect(stripped).not.toContain('<style');
    expect(stripped).not.toContain(FIGURE_STYLE);
    expect(stripped.length).toBe(svg.length - `<style>${FIGURE_STYLE}</style>`.length);
  });

  it('keeps the figure’s name, description and every shape the cursor steps over', () => {
    const stripped = withoutFigureStyle(svg);
    expect(stripped.startsWith('<svg ')).toBe(true);
    expect(stripped).toContain('<title>A run</title><desc>');
    expect(stripped.match(/data-events="/g)?.length).toBe(svg.match(/data-events="/g)?.length);
  });

  it('leaves markup without the stylesheet as it is', () => {
    expect(withoutFigureStyle('<svg><title>x</title></svg>')).toBe('<svg><title>x</title></svg>');
  });
});
