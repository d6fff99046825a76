/**
 * Included in every page of the built site (src/site/build/service-worker.ts adds it). Registers the course's
 * service worker once the page has loaded, so it never competes with the page itself, and shows the update
 * notice when a new version is ready. `npm run dev` registers nothing: its pages change as you save.
 */
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const start = () => void import('./update-notice.ts').then(({ watchForUpdates }) => watchForUpdates());
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
