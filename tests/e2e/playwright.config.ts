import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

/** The e2e suite drives Debian's Chromium; Playwright must never download a browser of its own. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  throw new Error(
    `Chromium not found at ${chromiumPath}. Install it with: apt-get install -y chromium ` +
      '(or set CHROMIUM_PATH to a Chromium binary).',
  );
}

const rootDir = fileURLToPath(new URL('../../', import.meta.url));
/** Override with E2E_PORT when two suites run side by side on one machine. */
const port = Number(process.env.E2E_PORT ?? 4329);

export default defineConfig({
  testDir: '.',
  // The 2-core machines run two pages at a time against one static server.
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    // Each test's fresh context would install the service worker and precache the whole course (~15 MB):
    // only the specs about offline use and updates (offline.spec.ts) let it register.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // Serves the built site (dist/); `npm test` builds before it runs this suite.
    command: `node tests/e2e/support/static-server.ts ${port}`,
    cwd: rootDir,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
