/**
 * The little Markdown a quiz's questions, options and feedback may use: `code`, **bold** and *emphasis*.
 * Everything else is text: the input is escaped first, so an author's `<` or `&` shows as written.
 */
import { escapeXml } from '../../figures/svg.ts';

export function inlineMarkdown(source: string): string {
  // Code spans first, so their content is shown literally and not read as emphasis.
  return source
    .split(/(`[^`]+`)/)
    .map((part) => {
      if (part.length > 2 && part.startsWith('`') && part.endsWith('`')) return `<code>${escapeXml(part.slice(1, -1))}</code>`;
      return escapeXml(part)
        .replace(/\*\*(?=\S)([^*]+?)\*\*/g, '<strong>$1</strong>')
        .replace(/\*(?=\S)([^*]+?)\*/g, '<em>$1</em>');
    })
    .join('');
}
