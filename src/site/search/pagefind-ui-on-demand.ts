/**
 * Stands in for `@pagefind/default-ui` (aliased in astro.config.mjs). Starlight's search builds Pagefind's UI
 * as soon as the browser is idle, so every lesson fetched 26 KB (gzip) of search code whether or not anyone
 * searched: half the page's JavaScript budget. Here the real UI is built the first time the learner reaches
 * for search instead: pointing at or focusing the search button (so it is usually there by the time they
 * click), clicking it, or opening the dialog with Ctrl/⌘ K.
 *
 * Waiting for Starlight to construct this class left a race: Starlight does that in an idle callback, which a
 * busy machine can put off for many seconds, and a dialog opened with Ctrl/⌘ K before then stayed empty. So
 * the search override (src/components/overrides/Search.astro) starts watching at once, with the options
 * Starlight would pass (`starlightSearchOptions`); Starlight's later construction finds it already done.
 */
import { pagefindUserConfig } from 'virtual:starlight/pagefind-config';
import { t } from '../../i18n/ui.ts';

/** What Starlight passes to Pagefind's UI; only `element` matters here, the rest goes through. */
interface PagefindUIOptions {
  /** CSS selector of the element the UI mounts into. */
  readonly element: string;
  readonly [option: string]: unknown;
}

const realUi = () => import('@pagefind/default-ui/npm_dist/mjs/ui-core.mjs');
const MOUNT_SELECTOR = '#starlight__search';

/**
 * The options Starlight's Search component gives Pagefind's UI, from the same configuration and markup
 * (`data-translations`, `data-strip-trailing-slash` on <site-search>).
 */
export function starlightSearchOptions(search: HTMLElement, baseUrl: string = import.meta.env.BASE_URL): PagefindUIOptions {
  let translations = {};
  try {
    translations = JSON.parse(search.dataset.translations || '{}') as object;
  } catch {
    // Starlight ignores unreadable translations the same way.
  }
  const formatUrl = search.dataset.stripTrailingSlash !== undefined ? (path: string) => path.replace(/(.)\/(#.*)?$/, '$1$2') : (path: string) => path;
  return {
    ...pagefindUserConfig,
    element: MOUNT_SELECTOR,
    baseUrl,
    bundlePath: `${baseUrl.replace(/\/$/, '')}/pagefind/`,
    showImages: false,
    translations,
    showSubResults: true,
    processResult: (result: { url: string; sub_results: { url: string }[] }) => {
      result.url = formatUrl(result.url);
      for (const sub of result.sub_results) sub.url = formatUrl(sub.url);
    },
  };
}

let watching = false;

/** Builds the real UI when the learner first reaches for search. Once per page, whoever calls first. */
export function watchSearch(options: PagefindUIOptions): void {
  if (watching) return;
  watching = true;
  const mountPoint = document.querySelector(options.element);
  const search = mountPoint?.closest('site-search');
  const button = search?.querySelector('button[data-open-modal]');
  const dialog = search?.querySelector('dialog');
  let built: Promise<void> | undefined;
  const build = (): Promise<void> =>
    (built ??= realUi().then(
      ({ PagefindUI: RealUI }) => {
        mountPoint?.querySelector('[data-search-unavailable]')?.remove();
        // Pagefind's UI deletes the options it reads from the object it is given.
        new RealUI({ ...options });
        // Starlight focuses the search field as the dialog opens; on first use the field arrives a moment later.
        if (dialog?.open) mountPoint?.querySelector('input')?.focus();
      },
      () => {
        // Offline before the course was saved on this device (or the network failed): say so, try again next time.
        built = undefined;
        if (!mountPoint || mountPoint.querySelector('[data-search-unavailable]')) return;
        const notice = document.createElement('p');
        notice.dataset.searchUnavailable = '';
        notice.setAttribute('role', 'status');
        notice.textContent = t(navigator.onLine ? 'search.unavailable' : 'search.offline');
        mountPoint.append(notice);
      },
    ));

  // Markup we do not recognise (a Starlight upgrade): build now, as Starlight would.
  if (!mountPoint || !button || !dialog) {
    void build();
    return;
  }
  for (const reach of ['pointerenter', 'focus', 'click']) button.addEventListener(reach, () => void build());
  new MutationObserver(() => {
    if (dialog.open) void build();
  }).observe(dialog, { attributes: true, attributeFilter: ['open'] });
  if (dialog.open) void build();
}

/** What Starlight constructs on idle; by then the search override is usually watching already. */
export class PagefindUI {
  constructor(options: PagefindUIOptions) {
    watchSearch(options);
  }
}
