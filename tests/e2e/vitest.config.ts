import { defineConfig } from 'vitest/config';

/**
 * The end-to-end tier (`npm run test:e2e`): the demo stack, the Agents Playground and headless
 * Chromium. Kept out of `npm test`, which excludes tests/e2e.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: '.vitest-report-e2e.json' }]],
  },
});
