/**
 * <sdl-search-label> wraps Starlight's search (src/components/overrides/Search.astro). It runs as the page
 * loads, before Starlight's idle-time set-up, and:
 * - names the search button after what it shows (src/site/search/search-button-label.ts). Starlight's inline
 *   script has already put the platform's key (Ctrl or ⌘) in place. The keys sit in a flex row, so the spaces
 *   added between them change nothing on screen; they make the text read as words ("Ctrl K", not "CtrlK");
 * - starts watching for the learner reaching for search, so Ctrl/⌘ K right after load gets a search field
 *   (src/site/search/pagefind-ui-on-demand.ts).
 */
import { searchButtonLabel } from '../../site/search/search-button-label.ts';
import { starlightSearchOptions, watchSearch } from '../../site/search/pagefind-ui-on-demand.ts';

class SearchButtonLabel extends HTMLElement {
  connectedCallback(): void {
    const search = this.querySelector<HTMLElement>('site-search');
    // Starlight builds no search UI in development (there is no index); neither does this.
    if (search && import.meta.env.PROD) watchSearch(starlightSearchOptions(search));
    const button = this.querySelector('button[data-open-modal]');
    const label = button?.getAttribute('aria-label');
    const shortcut = button?.querySelector(':scope > kbd');
    if (!button || !label || !shortcut) return;
    const keys = [...shortcut.querySelectorAll('kbd')];
    for (const key of keys) key.before(' ');
    shortcut.before(' ');
    button.setAttribute('aria-label', searchButtonLabel(label, keys.map((key) => key.textContent ?? '')));
  }
}

customElements.define('sdl-search-label', SearchButtonLabel);
