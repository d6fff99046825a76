/**
 * Serves the built site (dist/) for the e2e suite. A plain static server, not `astro preview`: Astro allows one
 * preview server per project, so a preview someone left running would otherwise stop the suite from starting.
 * Usage: node tests/e2e/support/static-server.ts <port>
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const distDir = fileURLToPath(new URL('../../../dist/', import.meta.url));
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
};

if (!existsSync(join(distDir, 'index.html'))) {
  console.error('dist/ has no built site. Run `npm run build` first.');
  process.exit(1);
}

/** The file a URL path names: `/a/` is `/a/index.html`; nothing outside dist/ is reachable. */
function fileFor(urlPath: string): string | undefined {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  const candidate = join(distDir, relative);
  if (!candidate.startsWith(distDir)) return undefined;
  if (existsSync(candidate) && statSync(candidate).isDirectory()) return join(candidate, 'index.html');
  return candidate;
}

createServer((request, response) => {
  const file = fileFor(new URL(request.url ?? '/', 'http://localhost').pathname);
  const found = file !== undefined && existsSync(file) && statSync(file).isFile();
  const served = found ? file : join(distDir, '404.html');
  response.writeHead(found ? 200 : 404, { 'content-type': contentTypes[extname(served)] ?? 'application/octet-stream' });
  createReadStream(served).pipe(response);
}).listen(port, '127.0.0.1', () => console.log(`Serving dist/ on http://127.0.0.1:${port}/`));
