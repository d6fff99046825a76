/**
 * `precache`: what the offline course costs. Everything the service worker precaches on the first visit
 * (the URLs listed in the built `sw.js`), in gzip bytes (level 9, what a host that compresses sends) per kind
 * of file and in total, plus the code that registers the worker, which every page loads after it has loaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuilt, outDir } from './build.ts';

/** Kinds of precached file, first match wins (fonts before Monaco: its icon font is a font). */
const KINDS: readonly (readonly [kind: string, test: RegExp])[] = [
  ['pages', /\.html$/],
  ['styles', /\.css$/],
  ['fonts', /\.(ttf|woff2?)$/],
  ['icons', /\.(png|svg|webmanifest)$/],
  ['search', /^pagefind\/|_astro\/(ui-core|pagefind-ui-on-demand)[.-]/],
  ['monaco', /_astro\/(editor\.api|editor\.worker|monaco-editor|ts\.worker|tsMode|typescript|github-(dark|light)-default)[.-]/],
  ['grader', /^_astro\/grader\//],
  ['exerciseTests', /_astro\/(tests|solution)[.-]/],
  ['otherScripts', /\.js$/],
];

export interface PrecacheRow {
  readonly files: number;
  readonly gzipBytes: number;
  readonly rawBytes: number;
  /** `gzip_<kind>`: gzip bytes of each kind of file. */
  readonly [gzipByKind: `gzip_${string}`]: number;
  /** The chunk that registers the worker and shows the update notice (Workbox's window library inside). */
  readonly registrationChunk: string;
  readonly registrationGzipBytes: number;
  /** The service worker itself and Workbox's runtime beside it: fetched by the browser, not by the page. */
  readonly serviceWorkerGzipBytes: number;
}

const gzipBytes = (file: string): number => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;

/** The URLs `sw.js` precaches, as paths in the built site. */
export function precachedFiles(serviceWorkerSource: string): string[] {
  return [...serviceWorkerSource.matchAll(/\burl:"([^"]+)"/g)].map((match) => match[1] as string);
}

export function kindOf(file: string): string {
  return KINDS.find(([, test]) => test.test(file))?.[0] ?? 'other';
}

export async function benchPrecache(): Promise<PrecacheRow> {
  await ensureBuilt();
  const files = precachedFiles(readFileSync(join(outDir, 'sw.js'), 'utf8'));
  if (files.length === 0) throw new Error('sw.js lists no precached files: was the site built with its service worker?');
  const byKind: Record<string, number> = Object.fromEntries(KINDS.map(([kind]) => [`gzip_${kind}`, 0]));
  let gzipTotal = 0;
  let rawTotal = 0;
  for (const file of files) {
    const gzip = gzipBytes(file);
    const key = `gzip_${kindOf(file)}`;
    byKind[key] = (byKind[key] ?? 0) + gzip;
    gzipTotal += gzip;
    rawTotal += readFileSync(join(outDir, file)).length;
  }
  const registrationChunk = readdirSync(join(outDir, '_astro')).find((file) => /^update-notice[.-].*\.js$/.test(file));
  if (registrationChunk === undefined) throw new Error('no update-notice chunk in the build: is the service worker registered?');
  const runtime = readdirSync(outDir).filter((file) => /^workbox-.*\.js$/.test(file));
  return {
    files: files.length,
    gzipBytes: gzipTotal,
    rawBytes: rawTotal,
    ...byKind,
    registrationChunk: `_astro/${registrationChunk}`,
    registrationGzipBytes: gzipBytes(`_astro/${registrationChunk}`),
    serviceWorkerGzipBytes: ['sw.js', ...runtime].reduce((sum, file) => sum + gzipBytes(file), 0),
  };
}
