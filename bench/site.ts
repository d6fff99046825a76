/**
 * The browser sections' fixture: the built site served on 127.0.0.1 by a small static server in this process,
 * Debian's Chromium driven by Playwright (never a downloaded browser), and a probe installed in every page that
 * timestamps, with the page's own clock, what a learner waits for.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { recordScripts } from '../tests/support/page-javascript.ts';
import { ensureBuilt, outDir } from './build.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The built file a URL path names (`/a/` is `/a/index.html`), or undefined outside the built site. */
export function builtFile(urlPath: string): string | undefined {
  const candidate = join(outDir, normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, ''));
  if (!candidate.startsWith(outDir)) return undefined;
  const file = existsSync(candidate) && statSync(candidate).isDirectory() ? join(candidate, 'index.html') : candidate;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** Gzip bytes of one built file (level 9, as the JavaScript budget test counts them). */
export function gzipBytesOf(urlPath: string): number {
  const file = builtFile(urlPath);
  if (file === undefined) throw new Error(`the page loaded ${urlPath}, which is not in the built site`);
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** What the probe records; every `at` is the page's `performance.now()`. */
export interface Probe {
  /** Clicks on buttons, seen in the capture phase before any handler runs. */
  clicks: { at: number; label: string }[];
  /** comlink calls the page sent to a grading worker ("prepare", "grade"). */
  sent: { at: number; id: string; method: string }[];
  /** comlink replies; a grade reply carries the results contract's timings. */
  received: {
    at: number;
    id: string;
    status?: string;
    timings?: { transpileMs: number; testMs: number };
    tests?: { name: string; durationMs: number }[];
  }[];
  /** Grading workers created. */
  workers: { at: number }[];
  /** An editor area went busy (activation started). */
  editorBusy: { at: number }[];
  /** An editor area stopped being busy (the editor is ready), and the start of the next frame. */
  editorReady: { at: number; paintedAt: number }[];
  /** A results region stopped being busy (results rendered), the next frame, and its text. */
  results: { at: number; paintedAt: number; text: string }[];
  /** A failing run's diagram was put in an exercise's run view, and the next frame. */
  runDrawn: { at: number; paintedAt: number }[];
}

/** Installed before the page's own scripts. Runs in the page: no closures over Node values. */
function installProbe(): void {
  const probe = { clicks: [], sent: [], received: [], workers: [], editorBusy: [], editorReady: [], results: [], runDrawn: [] } as unknown as Probe;
  (window as unknown as { __benchProbe: Probe }).__benchProbe = probe;
  const now = (): number => performance.now();
  const nextFrame = (record: (paintedAt: number) => void): void => void requestAnimationFrame(() => record(now()));
  addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button) probe.clicks.push({ at: now(), label: (button.textContent ?? '').trim() });
    },
    true,
  );
  const nativePost = MessagePort.prototype.postMessage;
  const nativeListen = MessagePort.prototype.addEventListener;
  const tapped = new WeakSet<MessagePort>();
  MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: unknown[]) {
    const call = message as { type?: string; id?: string; path?: string[] } | null;
    if (call && call.type === 'APPLY') probe.sent.push({ at: now(), id: String(call.id), method: String(call.path) });
    return (nativePost as (...args: unknown[]) => void).call(this, message, ...rest);
  } as typeof MessagePort.prototype.postMessage;
  MessagePort.prototype.addEventListener = function (this: MessagePort, ...args: unknown[]) {
    if (args[0] === 'message' && !tapped.has(this)) {
      tapped.add(this);
      // Added before the page's own listener, so it sees each reply first.
      nativeListen.call(this, 'message', ((event: MessageEvent) => {
        const reply = event.data as { id?: string; value?: Partial<Probe['received'][number]> } | null;
        if (reply && reply.id !== undefined) {
          const { status, timings, tests } = reply.value ?? {};
          probe.received.push({ at: now(), id: String(reply.id), status, timings, tests: tests?.map(({ name, durationMs }) => ({ name, durationMs })) });
        }
      }) as EventListener);
    }
    return (nativeListen as (...a: unknown[]) => void).apply(this, args);
  } as typeof MessagePort.prototype.addEventListener;
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      probe.workers.push({ at: now() });
    }
  };
  new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target as HTMLElement;
      const busy = target.getAttribute('aria-busy') === 'true';
      if (target.dataset.part === 'editor') {
        if (busy) probe.editorBusy.push({ at: now() });
        else if (record.oldValue === 'true') {
          const at = now();
          nextFrame((paintedAt) => probe.editorReady.push({ at, paintedAt }));
        }
      } else if (target.getAttribute('role') === 'status' && !busy && record.oldValue === 'true') {
        const at = now();
        const text = (target.textContent ?? '').slice(0, 300);
        nextFrame((paintedAt) => probe.results.push({ at, paintedAt, text }));
      }
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['aria-busy'], attributeOldValue: true });
  new MutationObserver((records) => {
    for (const record of records) {
      const drawn = [...record.addedNodes].some((node) => node instanceof SVGSVGElement && node.closest('[data-part="run-view"]') !== null);
      if (!drawn) continue;
      const at = now();
      nextFrame((paintedAt) => probe.runDrawn.push({ at, paintedAt }));
    }
  }).observe(document, { subtree: true, childList: true });
}

export const readProbe = (page: Page): Promise<Probe> => page.evaluate(() => (window as unknown as { __benchProbe: Probe }).__benchProbe);

export const clearProbe = (page: Page): Promise<void> =>
  page.evaluate(() => {
    const probe = (window as unknown as { __benchProbe: Record<string, unknown[]> }).__benchProbe;
    for (const list of Object.values(probe)) list.length = 0;
  });

export interface Site {
  readonly origin: string;
  readonly browser: Browser;
  /** A fresh context (empty cache and storage, clipboard allowed) with the probe installed. */
  newPage(): Promise<{ context: BrowserContext; page: Page; scripts: string[] }>;
}

let opened: Promise<{ site: Site; close: () => Promise<void> }> | undefined;

async function open(): Promise<{ site: Site; close: () => Promise<void> }> {
  await ensureBuilt();
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  const server = createServer((request, response) => {
    const file = builtFile(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const served = file ?? join(outDir, '404.html');
    response.writeHead(file ? 200 : 404, { 'content-type': contentTypes[extname(served)] ?? 'application/octet-stream' });
    createReadStream(served).pipe(response);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const site: Site = {
    origin,
    browser,
    async newPage() {
      // A first visit's cost, as the page sees it: the service worker's precache would add the whole course to
      // the scripts this context records (its size is the `precache` section's figure).
      const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      context.setDefaultTimeout(20_000);
      await context.addInitScript(installProbe);
      const scripts = recordScripts(context, origin);
      return { context, page: await context.newPage(), scripts };
    },
  };
  const close = async (): Promise<void> => {
    await browser.close();
    await new Promise<void>((done) => server.close(() => done()));
  };
  return { site, close };
}

/** The shared site and browser, opened (and the site built if needed) on first use. */
export async function useSite(): Promise<Site> {
  opened ??= open();
  return (await opened).site;
}

/** Closes the browser and the server if a section opened them. */
export async function closeSite(): Promise<void> {
  if (opened) await (await opened).close();
  opened = undefined;
}
