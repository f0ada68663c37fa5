import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:soak`: the reliability suite at RELIABILITY_SCALE (the script sets 5: 50,000 generated
 * cases) and the long soak rounds. Kept out of `npm test`, which excludes tests/soak.
 */
export default defineConfig({
  resolve: {
    alias: {
      adaptivecards: fileURLToPath(
        new URL('../../node_modules/adaptivecards/dist/adaptivecards.js', import.meta.url),
      ),
    },
  },
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/reliability/**/*.test.ts', 'tests/soak/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts', 'tests/sim/graph/ca-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
