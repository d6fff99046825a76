/**
 * Serves the built site (dist/, or E2E_DIST_DIR) for the e2e suite, with the headers its `_headers` file
 * gives, as a static host would. A plain static server, not `astro preview`: Astro allows one preview server
 * per project, and `astro preview` ignores `_headers`.
 * Usage: node tests/e2e/support/static-server.ts <port>
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { distDir } from './dist-dir.ts';
import { headersFor, parseHeadersFile } from './static-headers.ts';

const port = Number(process.argv[2] ?? 4329);

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`${distDir} has no built site. Run \`npm run build\` first.`);
  process.exit(1);
}
const headersPath = join(distDir, '_headers');
const headerRules = existsSync(headersPath) ? parseHeadersFile(readFileSync(headersPath, 'utf8')) : [];

/** The file a URL path names: `/a/` is `/a/index.html`; nothing outside dist/ is reachable. */
function fileFor(urlPath: string): string | undefined {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(distDir, relative);
  if (!candidate.startsWith(distDir)) return undefined;
  if (existsSync(candidate) && statSync(candidate).isDirectory()) return join(candidate, 'index.html');
  return candidate;
}

createServer((request, response) => {
  const urlPath = new URL(request.url ?? '/', 'http://localhost').pathname;
  const file = fileFor(urlPath);
  const found = file !== undefined && existsSync(file) && statSync(file).isFile();
  const served = found ? file : join(distDir, '404.html');
  response.writeHead(found ? 200 : 404, {
    ...headersFor(headerRules, urlPath),
    'content-type': contentTypes[extname(served)] ?? 'application/octet-stream',
  });
  createReadStream(served).pipe(response);
}).listen(port, '127.0.0.1', () => console.log(`Serving ${distDir} on http://127.0.0.1:${port}/`));
