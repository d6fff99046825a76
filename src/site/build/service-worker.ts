/**
 * The offline course: after the build, Workbox writes `sw.js`, a service worker that precaches every file a
 * learner can reach — pages, styles, script chunks, Monaco and its TypeScript worker, the grading worker and
 * every exercise's hidden-tests chunk, the search index, fonts and icons — so one online visit to any page is
 * enough for the whole course to work offline (why precache all of it: docs/decisions.md, "Offline course").
 * The caching itself is Workbox's; this file only says what to precache.
 *
 * `npm run dev` never registers a worker (src/site/service-worker/register.ts), and it answers `/sw.js` with
 * a worker that retires itself, so a worker left by `npm run preview` on the same port cannot serve stale pages.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { generateSW } from 'workbox-build';
import { SERVICE_WORKER_URL as SERVICE_WORKER_PATH } from '../service-worker/service-worker-url.ts';

const REGISTER_SCRIPT = fileURLToPath(new URL('../service-worker/register.ts', import.meta.url));

/**
 * Every kind of file the course loads. Pagefind's own UI bundles and highlighter are left out: the site builds
 * Pagefind's UI into its own chunk (src/site/search/pagefind-ui-on-demand.ts) and loads only `pagefind.js`,
 * its worker, WebAssembly and index.
 */
export const PRECACHE_PATTERNS = [
  '**/*.html',
  '_astro/**/*.{js,css,ttf,woff,woff2,svg,png,webp}',
  'pagefind/{pagefind.js,pagefind-worker.js,pagefind-entry.json,*.pf_meta,*.pagefind}',
  'pagefind/{index,fragment,filter}/*',
  '*.{svg,png,webmanifest}',
] as const;

/**
 * Monaco's TypeScript worker is ~7 MB before compression, far above Workbox's 2 MB default; the course needs
 * it offline all the same. The bench reports what the precache weighs (bench/pages.ts).
 */
const LARGEST_PRECACHED_FILE_BYTES = 16 * 1024 * 1024;

export interface PrecacheSummary {
  readonly files: number;
  readonly bytes: number;
  readonly warnings: readonly string[];
}

/** Writes `sw.js` (and Workbox's runtime chunk beside it) into a built site. */
export async function writeServiceWorker(outDir: string): Promise<PrecacheSummary> {
  const { count, size, warnings } = await generateSW({
    globDirectory: outDir,
    globPatterns: [...PRECACHE_PATTERNS],
    globIgnores: ['sw.js', 'workbox-*.js'],
    swDest: `${outDir.replace(/\/$/, '')}${SERVICE_WORKER_PATH}`,
    maximumFileSizeToCacheInBytes: LARGEST_PRECACHED_FILE_BYTES,
    // Vite puts a content hash in every name under _astro/: their URL is their revision.
    dontCacheBustURLsMatching: /^_astro\//,
    // Pagefind adds `?ts=` to its entry file to dodge HTTP caches; the precached copy is the current one.
    ignoreURLParametersMatching: [/^ts$/, /^utm_/],
    // A page opened before the worker was installed is served by it from then on (its later chunk loads,
    // the grading worker, the tests), so going offline right after the first visit loses nothing.
    clientsClaim: true,
    // A new version waits until the learner agrees to reload (src/site/service-worker/update-notice.ts).
    skipWaiting: false,
    cleanupOutdatedCaches: true,
    sourcemap: false,
    mode: 'production',
  });
  return { files: count, bytes: size, warnings };
}

/** Served by `npm run dev` at `/sw.js`: a worker left by a built site on this origin removes itself. */
export const RETIRING_SERVICE_WORKER = `// The development server serves no service worker; this one removes a worker left by a built site.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await self.registration.unregister();
    await Promise.all((await caches.keys()).map((name) => caches.delete(name)));
    for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
  })());
});
`;

export function serviceWorker(): AstroIntegration {
  return {
    name: 'system-design-lab:service-worker',
    hooks: {
      'astro:config:setup': ({ injectScript }) => {
        injectScript('page', `import ${JSON.stringify(REGISTER_SCRIPT)};`);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(SERVICE_WORKER_PATH, (_request, response) => {
          response.setHeader('content-type', 'text/javascript; charset=utf-8');
          response.setHeader('cache-control', 'no-cache');
          response.end(RETIRING_SERVICE_WORKER);
        });
      },
      // Runs after the other integrations' build hooks (listed last): the pages it fingerprints are final.
      'astro:build:done': async ({ dir, logger }) => {
        const { files, bytes, warnings } = await writeServiceWorker(fileURLToPath(dir));
        for (const warning of warnings) logger.warn(warning);
        logger.info(`${SERVICE_WORKER_PATH} precaches ${files} files (${(bytes / 1024 / 1024).toFixed(1)} MB before compression).`);
      },
    },
  };
}
