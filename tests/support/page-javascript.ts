/**
 * Measures the JavaScript a built page ships before any lazy import runs: every module script the HTML
 * references, inline module scripts, and everything they import statically (dynamic `import()` is excluded;
 * that is what loads on demand). Sizes are gzip bytes, which is what a visitor downloads.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from '@playwright/test';

const SCRIPT_SRC = /<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g;
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g;
/** `import x from "./a.js"`, `import "./a.js"`, `export … from "./a.js"` — but not `import("./a.js")`. */
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+\.js)["']/g;

const gzipBytes = (text: string) => gzipSync(text, { level: 9 }).length;

export interface PageJavaScript {
  files: string[];
  inlineScripts: number;
  gzipBytes: number;
}

/** Gzip bytes of built files named by URL path (`/_astro/x.js`), as fetched over the network. */
export function gzipBytesOfBuiltFiles(distDir: string, urlPaths: readonly string[]): number {
  return urlPaths.reduce((sum, urlPath) => sum + gzipBytes(readFileSync(posix.join(distDir, urlPath), 'utf8')), 0);
}

export function measurePageJavaScript(distDir: string, htmlPath: string): PageJavaScript {
  const html = readFileSync(posix.join(distDir, htmlPath), 'utf8');
  const files = new Set<string>();
  const visit = (urlPath: string) => {
    if (files.has(urlPath)) return;
    files.add(urlPath);
    const source = readFileSync(posix.join(distDir, urlPath), 'utf8');
    for (const match of source.matchAll(STATIC_IMPORT)) visit(posix.join(posix.dirname(urlPath), match[1]!));
  };
  for (const match of html.matchAll(SCRIPT_SRC)) visit(match[1]!);
  let total = 0;
  let inlineScripts = 0;
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const body = match[1]!.trim();
    if (!body) continue;
    inlineScripts++;
    total += gzipBytes(body);
    for (const imported of body.matchAll(STATIC_IMPORT)) visit(posix.resolve(posix.dirname(`/${htmlPath}`), imported[1]!));
  }
  for (const file of files) total += gzipBytes(readFileSync(posix.join(distDir, file), 'utf8'));
  return { files: [...files].sort(), inlineScripts, gzipBytes: total };
}

/** Every script and worker script a page or context fetches from `origin`, in order, as URL paths of the built site. */
export function recordScripts(target: BrowserContext | Page, origin: string): string[] {
  const scripts: string[] = [];
  target.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin) return;
    const type = response.request().resourceType();
    const javascript = /\.m?js$/.test(url.pathname) || (response.headers()['content-type'] ?? '').includes('javascript');
    if ((type === 'script' || type === 'worker' || type === 'other') && javascript && !scripts.includes(url.pathname)) scripts.push(url.pathname);
  });
  return scripts;
}

/** The network counts as settled after this long without a new script. */
export const SCRIPTS_QUIET_MS = 750;

/** Waits until no new script has arrived in `scripts` (from `recordScripts`) for SCRIPTS_QUIET_MS. */
export async function scriptsSettled(page: Page, scripts: readonly string[]): Promise<void> {
  for (let seen = -1; seen !== scripts.length; ) {
    seen = scripts.length;
    await page.waitForTimeout(SCRIPTS_QUIET_MS);
  }
}
