import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/unit/**/*.test.ts'],
    // Property tests and runner tests spawn workers; keep the 2-core machines responsive.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
