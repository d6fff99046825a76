/**
 * Stands in for `@pagefind/default-ui` (aliased in astro.config.mjs). Starlight's search builds Pagefind's UI
 * as soon as the browser is idle, so every lesson fetched 26 KB (gzip) of search code whether or not anyone
 * searched: half the page's JavaScript budget. This stand-in takes the same options and builds the real UI
 * the first time the learner reaches for search instead: pointing at or focusing the search button (so it is
 * usually there by the time they click), clicking it, or opening the dialog with Ctrl/⌘ K.
 */

/** What Starlight passes to Pagefind's UI; only `element` matters here, the rest goes through. */
interface PagefindUIOptions {
  /** CSS selector of the element the UI mounts into. */
  readonly element: string;
  readonly [option: string]: unknown;
}

const realUi = () => import('@pagefind/default-ui/npm_dist/mjs/ui-core.mjs');

export class PagefindUI {
  constructor(options: PagefindUIOptions) {
    const mountPoint = document.querySelector(options.element);
    const search = mountPoint?.closest('site-search');
    const button = search?.querySelector('button[data-open-modal]');
    const dialog = search?.querySelector('dialog');
    let built: Promise<void> | undefined;
    const build = (): Promise<void> =>
      (built ??= realUi().then(({ PagefindUI: RealUI }) => {
        new RealUI(options);
        // Starlight focuses the search field as the dialog opens; on first use the field arrives a moment later.
        if (dialog?.open) mountPoint?.querySelector('input')?.focus();
      }));

    // Markup we do not recognise (a Starlight upgrade): build now, as Starlight would.
    if (!mountPoint || !button || !dialog) {
      void build();
      return;
    }
    for (const reach of ['pointerenter', 'focus', 'click']) button.addEventListener(reach, () => void build(), { once: true });
    new MutationObserver(() => {
      if (dialog.open) void build();
    }).observe(dialog, { attributes: true, attributeFilter: ['open'] });
    // Starlight creates this on idle: a learner quick with Ctrl/⌘ K may have opened the dialog already.
    if (dialog.open) void build();
  }
}
