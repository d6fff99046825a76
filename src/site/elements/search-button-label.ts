/**
 * <sdl-search-label> wraps Starlight's search (src/components/overrides/Search.astro) and names its button after
 * what it shows (src/site/search/search-button-label.ts). Starlight's inline script has already put the
 * platform's key (Ctrl or ⌘) in place when this runs. The shown keys sit in a flex row, so the spaces added
 * between them change nothing on screen; they make the button's text read as words ("Ctrl K", not "CtrlK").
 */
import { searchButtonLabel } from '../search/search-button-label.ts';

class SearchButtonLabel extends HTMLElement {
  connectedCallback(): void {
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
