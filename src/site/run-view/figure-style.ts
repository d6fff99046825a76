/**
 * The figures' stylesheet (figures/theme.ts), in the page once for every run view's diagram. A figure embeds
 * its own copy so it themes itself wherever its markup lands; the run view's diagram leaves it out, because
 * each `<style>` put into a page is one more stylesheet for Chromium to take in and restyle for: with its own
 * copy, a learner's run of 300 events spent about 13 ms more on style and layout before its first frame
 * (measured, docs/decisions.md). The copy is taken out here rather than never written, so the figure code,
 * which interactive figures bring among a page's first scripts, stays as it is. The sheet is adopted the
 * first time a run view is drawn (the idle-time warm-up draws one), after the page's own stylesheets, as the
 * embedded copy came after them, so the cascade is unchanged.
 */
import { FIGURE_STYLE } from '../../figures/theme.ts';

/** Exactly how the figure code embeds the stylesheet (figures/svg.ts, `svgDocument`); a unit test holds it to that. */
const EMBEDDED = `<style>${FIGURE_STYLE}</style>`;

/** A figure's markup without its own copy of the stylesheet, for a page that holds it (`addFigureStyle`). */
export function withoutFigureStyle(svg: string): string {
  return svg.replace(EMBEDDED, () => '');
}

let added = false;

/** Puts the stylesheet in the page, once. */
export function addFigureStyle(): void {
  if (added) return;
  added = true;
  if ('adoptedStyleSheets' in document && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(FIGURE_STYLE);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return;
  }
  // Without constructable stylesheets: at the end of the body, after every stylesheet already in the page.
  const style = document.createElement('style');
  style.textContent = FIGURE_STYLE;
  document.body.append(style);
}
