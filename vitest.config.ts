import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    // adaptivecards' ESM build has extensionless imports Node cannot load; its UMD build works.
    alias: {
      adaptivecards: fileURLToPath(
        new URL('node_modules/adaptivecards/dist/adaptivecards.js', import.meta.url),
      ),
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/soak/**', 'node_modules/**'],
    // graph CA: NODE_EXTRA_CA_CERTS must be set before the workers fork (tests/sim/graph/ca-setup.ts).
    globalSetup: ['tests/support/global-setup.ts', 'tests/sim/graph/ca-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: '.vitest-report.json' }]],
  },
});
