/** Linear scales and "nice" axis ticks (1, 2 or 5 times a power of ten), shared by every chart. */

export interface LinearScale {
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  (value: number): number;
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 === 0 ? 1 : d1 - d0;
  const scale = (value: number) => r0 + ((value - d0) / span) * (r1 - r0);
  return Object.assign(scale, { domain, range });
}

/** The step between ticks: the 1-2-5 number closest to `span / target`. */
export function niceStep(span: number, target: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
  return nice * power;
}

/** Ticks covering [min, max], about `target` of them, at multiples of a nice step no finer than `minStep`. */
export function niceTicks(min: number, max: number, target = 6, minStep = 0): number[] {
  const step = Math.max(minStep, niceStep(max - min, target));
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let value = first; value <= max + step * 1e-9; value += step) {
    // Snap away floating-point dust (0.30000000000000004 → 0.3).
    ticks.push(Number(value.toPrecision(12)));
  }
  return ticks;
}

/** Widens [min, max] outward to whole steps so the axis starts and ends on a tick. */
export function niceDomain(min: number, max: number, target = 6): [number, number] {
  if (min === max) return min === 0 ? [0, 1] : [Math.min(0, min), Math.max(0, max) * 1.1 || 1];
  const step = niceStep(max - min, target);
  return [Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step];
}

/** Tick labels without floating-point noise and with thousands grouped ("12 000"). */
export function formatTick(value: number): string {
  const rounded = Number(value.toPrecision(10));
  const [whole, fraction] = String(Math.abs(rounded)).split('.') as [string, string | undefined];
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009') : whole;
  return `${rounded < 0 ? '−' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
