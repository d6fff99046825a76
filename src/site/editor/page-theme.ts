/** Starlight keeps the active colour scheme in `data-theme` on <html>; editors follow it. */
export type PageTheme = 'light' | 'dark';

export function currentPageTheme(): PageTheme {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

export function onPageThemeChange(listener: (theme: PageTheme) => void): void {
  new MutationObserver(() => listener(currentPageTheme())).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
}
