/**
 * The few SVG-writing helpers every figure shares. Figures are strings, not DOM nodes, so the same code
 * draws at build time, in the page and in Node tests; every piece of text goes through `escapeXml`
 * because message summaries and labels can carry anything a learner or a scenario put in them.
 */

/** Characters XML forbids outright (C0 controls except tab, newline, carriage return). */
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text or attribute value, safe inside an SVG/HTML document. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN_IN_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Coordinates are rounded to a tenth of a unit: enough for any screen, and byte-identical across engines. */
export function num(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

export type Attributes = Readonly<Record<string, string | number | undefined>>;

function attributes(attrs: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    out += ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  return out;
}

/** One element. `children` are already-built markup (use `text()` for plain text). */
export function el(tag: string, attrs: Attributes = {}, ...children: readonly string[]): string {
  const body = children.join('');
  return body === '' ? `<${tag}${attributes(attrs)}/>` : `<${tag}${attributes(attrs)}>${body}</${tag}>`;
}

/** A text node. */
export function text(content: string): string {
  return escapeXml(content);
}

/** A hover tooltip for the enclosing shape (SVG's `<title>` child). */
export function tooltip(content: string): string {
  return el('title', {}, text(content));
}

/** Joins class names, skipping empty ones. */
export function classes(...names: readonly (string | false | undefined)[]): string {
  return names.filter((name): name is string => typeof name === 'string' && name !== '').join(' ');
}

/** cos and sin of the arrowhead's half-angle (π/7), as literals: trigonometry may differ by an ulp between engines. */
const HEAD_COS = 0.9009688679024191;
const HEAD_SIN = 0.4338837391175581;

/**
 * A line from (x1, y1) to (x2, y2) ending in a filled arrowhead; drawn without <marker> so no ids are
 * needed. Only +, ×, ÷ and √ (all exactly rounded in IEEE 754), so every engine draws the same bytes.
 */
export function arrowPath(x1: number, y1: number, x2: number, y2: number, headLength = 7): { line: string; head: string } {
  const dx = x1 - x2;
  const dy = y1 - y2;
  const length = Math.sqrt(dx * dx + dy * dy) || 1;
  // The unit vector pointing back from the tip along the shaft.
  const ux = dx / length;
  const uy = dy / length;
  const left = [x2 + headLength * (ux * HEAD_COS - uy * HEAD_SIN), y2 + headLength * (uy * HEAD_COS + ux * HEAD_SIN)] as const;
  const right = [x2 + headLength * (ux * HEAD_COS + uy * HEAD_SIN), y2 + headLength * (uy * HEAD_COS - ux * HEAD_SIN)] as const;
  return {
    // The shaft stops at the head's base so a thick stroke does not poke through the point.
    line: `M${num(x1)} ${num(y1)}L${num(x2 + headLength * ux)} ${num(y2 + headLength * uy)}`,
    head: `M${num(x2)} ${num(y2)}L${num(left[0])} ${num(left[1])}L${num(right[0])} ${num(right[1])}Z`,
  };
}

/** An ✕ centred on (x, y). */
export function crossPath(x: number, y: number, size = 5): string {
  return `M${num(x - size)} ${num(y - size)}L${num(x + size)} ${num(y + size)}M${num(x - size)} ${num(y + size)}L${num(x + size)} ${num(y - size)}`;
}

/** The root element of a figure: scalable, titled and described for assistive technology. */
export function svgDocument(options: {
  readonly width: number;
  readonly height: number;
  readonly kind: string;
  readonly title: string;
  readonly description: string;
  readonly style: string;
  readonly body: string;
  /** Further attributes of the root, e.g. `data-*` for a page script. */
  readonly data?: Attributes;
}): string {
  const { width, height, kind, title, description, style, body, data = {} } = options;
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${num(width)} ${num(height)}`,
      width,
      height,
      class: `sdl-fig sdl-fig--${kind}`,
      role: 'img',
      ...data,
    },
    // <title> and <desc> as the first children give the image its accessible name and description.
    el('title', {}, text(title)),
    el('desc', {}, text(description)),
    el('style', {}, style),
    body,
  );
}
