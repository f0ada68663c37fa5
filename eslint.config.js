import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'build/**', '.driftwatch/**', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Only the configuration loader reads the environment.
    files: ['bot/**/*.ts', 'core/**/*.ts', 'cards/**/*.ts'],
    ignores: ['bot/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Use loadConfig(env).' },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}', 'tests/**/*.ts', 'sim/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
