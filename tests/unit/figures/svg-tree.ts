/**
 * A strict little parser for the SVG our figure functions write, so tests can assert on structure (which
 * elements, with which classes) instead of matching strings. It rejects anything that is not well-formed:
 * unbalanced tags, unescaped `<` or `&` in text, unquoted attributes.
 */
export interface SvgNode {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: SvgNode[];
  /** Decoded text directly inside this element. */
  text: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (raw: string) => raw.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] as string);

export function parseSvg(markup: string): SvgNode {
  const root: SvgNode = { tag: '#root', attrs: {}, children: [], text: '' };
  const stack: SvgNode[] = [root];
  const token = /<\/([\w-]+)>|<([\w-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let at = 0;
  while (at < markup.length) {
    token.lastIndex = at;
    const match = token.exec(markup);
    if (match === null) throw new Error(`not well-formed at ${at}: ${markup.slice(at, at + 40)}`);
    at = token.lastIndex;
    const [, closing, opening, rawAttrs, selfClosing, textContent] = match;
    const current = stack[stack.length - 1] as SvgNode;
    if (closing !== undefined) {
      if (current.tag !== closing) throw new Error(`</${closing}> closes <${current.tag}>`);
      stack.pop();
    } else if (opening !== undefined) {
      const attrs: Record<string, string> = {};
      for (const [, name, value] of (rawAttrs ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[name as string] = decode(value as string);
      const node: SvgNode = { tag: opening, attrs, children: [], text: '' };
      current.children.push(node);
      if (selfClosing !== '/') stack.push(node);
    } else if (textContent !== undefined) {
      if (/&(?!(amp|lt|gt|quot|#39);)/.test(textContent)) throw new Error(`unescaped & in text: ${textContent.slice(0, 40)}`);
      current.text += decode(textContent);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${(stack[stack.length - 1] as SvgNode).tag}>`);
  const [svg] = root.children;
  if (svg === undefined || root.children.length !== 1) throw new Error('expected exactly one root element');
  return svg;
}

/** Every element below `node` (depth first, document order). */
export function descendants(node: SvgNode): SvgNode[] {
  return node.children.flatMap((child) => [child, ...descendants(child)]);
}

export function hasClass(node: SvgNode, name: string): boolean {
  return (node.attrs['class'] ?? '').split(/\s+/).includes(name);
}

export function byClass(node: SvgNode, name: string): SvgNode[] {
  return descendants(node).filter((child) => hasClass(child, name));
}

/** All text inside `node`, its own and its descendants'. */
export function allText(node: SvgNode): string {
  return [node.text, ...node.children.map(allText)].join(' ');
}
