/**
 * Starlight's search button shows "Search" and the shortcut keys ("Ctrl K", "⌘ K" on a Mac), but is named
 * "Search" alone, so someone using speech input who says what they see ("click Search Ctrl K") misses it
 * (WCAG 2.5.3 Label in Name; axe's label-content-name-mismatch). Its name becomes what it shows.
 */

/** The button's name: its label, then the keys it shows, in order, one word each. */
export function searchButtonLabel(label: string, shownKeys: readonly string[]): string {
  return [label, ...shownKeys].map((word) => word.trim()).filter((word) => word !== '').join(' ');
}
