import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import senBoundaries from './eslint.boundaries.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/web/dist/**', 'seeds/*.mjs', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Who may import whom: the domain nothing, libs no app, apps no other app's internals, the web app only the
    // domain's vocabulary (eslint.boundaries.mjs says why and how; test/architecture checks it). A rule of its own
    // rather than no-restricted-imports: a relative path means another place from each folder, so it is resolved.
    files: ['apps/**/*.{ts,tsx}', 'libs/**/*.ts'],
    plugins: { sen: senBoundaries },
    rules: { 'sen/boundaries': 'error' },
  },
  {
    // The domain is pure: no framework, database or queue in it.
    files: ['libs/case-domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'postgres', 'bullmq', 'ioredis', '@eventstore/*', 'node:*', '@sen/*'] },
      ],
    },
  },
  {
    // Every CSV Sen writes goes through toSafeCsv (libs/read-models/src/csv/safe-csv.ts), which keeps cells such
    // as =HYPERLINK(…) from being read as formulas (issue 15, point 8).
    files: ['apps/**/*.{ts,tsx}', 'libs/**/*.ts', 'bench/**/*.ts'],
    ignores: ['libs/read-models/src/csv/safe-csv.ts', 'libs/case-domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'csv-stringify', message: 'use toSafeCsv from @sen/read-models' },
            { name: 'csv-stringify/sync', message: 'use toSafeCsv from @sen/read-models' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts', 'apps/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The web app (React, in the browser). Nothing at all goes to the console: it could carry personal data.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.spec.ts'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-console': 'error',
    },
  },
  {
    files: ['apps/web/vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
);
