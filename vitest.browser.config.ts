import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the tests that drive headless Chromium (test/browser/*.browser.ts), one
// file at a time (each starts a browser); `npm test` does not run them.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 1,
    fileParallelism: false,
    reporters: ['default'],
  },
});
