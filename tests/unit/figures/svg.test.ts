import { describe, expect, it } from 'vitest';
import { arrowPath, el, escapeXml, num } from '../../../src/figures/svg.ts';

describe('SVG helpers', () => {
  it('escapes markup characters and drops characters XML forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0000\u0007ok`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;ok');
  });

  it('escapes attribute values and skips undefined ones', () => {
    expect(el('text', { class: 'a"b', x: 1.26, y: undefined }, 'hi')).toBe('<text class="a&quot;b" x="1.3">hi</text>');
    expect(el('line', { x1: -0.01 })).toBe('<line x1="0"/>');
  });

  it('rounds coordinates to a tenth', () => {
    expect(num(10.04)).toBe('10');
    expect(num(10.05 + 1e-9)).toBe('10.1');
    expect(num(-3.333)).toBe('-3.3');
  });

  it('points an arrowhead at the end of the line, symmetric about it', () => {
    const { line, head } = arrowPath(0, 0, 100, 0, 10);
    expect(line).toBe('M0 0L90 0');
    const [tip, left, right] = [...head.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((match) => [Number(match[1]), Number(match[2])]);
    expect(tip).toEqual([100, 0]);
    expect(left![0]).toBeCloseTo(91, 0);
    expect(left![0]).toBe(right![0]);
    expect(left![1]).toBe(-right![1]!);
    // Straight down: the head opens upwards.
    const down = arrowPath(50, 0, 50, 100, 10).head;
    expect(down.startsWith('M50 100L')).toBe(true);
    expect([...down.matchAll(/L(-?[\d.]+) (-?[\d.]+)/g)].every((match) => Number(match[2]) < 100)).toBe(true);
  });
});
