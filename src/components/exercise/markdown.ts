/**
 * Build-time rendering of an exercise's prompt.md and hints.md. Their headings are pushed below the island's
 * own heading (h3) so the page outline stays sound, and code uses the same themes as the lesson's code blocks.
 */
import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import type { Element, Root, RootContent } from 'hast';
import { codeThemes } from '../../site/editor/code-themes.ts';

/** `##` → h4, `###` → h5, …: the island's title is an h3 and prompts start their sections at `##`. */
const HEADING_SHIFT = 2;

function shiftHeadings(node: Root | RootContent): void {
  if (node.type === 'element') {
    const level = /^h([1-6])$/.exec(node.tagName)?.[1];
    if (level) (node as Element).tagName = `h${Math.min(6, Number(level) + HEADING_SHIFT)}`;
  }
  if ('children' in node) node.children.forEach(shiftHeadings);
}

let renderer: Promise<MarkdownRenderer> | undefined;

export async function renderMarkdown(markdown: string): Promise<string> {
  renderer ??= createMarkdownProcessor({
    shikiConfig: { themes: { light: codeThemes.light, dark: codeThemes.dark }, defaultColor: false },
    rehypePlugins: [() => shiftHeadings],
  });
  return (await (await renderer).render(markdown)).code;
}
