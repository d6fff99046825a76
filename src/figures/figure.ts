/**
 * What every figure function returns: the SVG markup and a text alternative built from the same data, so a
 * page can offer "Describe this figure" without anyone writing the description by hand. Plain data (no
 * functions, no class instances), so it passes through Astro props and JSON unchanged.
 */
export interface Figure {
  /** The SVG element, as markup; render it with `set:html` (every text inside is escaped). */
  readonly svg: string;
  /** The figure's accessible name (also the SVG's <title>). */
  readonly title: string;
  /** A longer text alternative: what happens, as a list, or the plotted data, as a table. */
  readonly alt: FigureText;
}

export type FigureText =
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };
