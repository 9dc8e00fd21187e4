// ESLint knows the contexts: the background may not touch the DOM, and the
// page side may not reach the database. Formatting is Prettier's job.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      // Scripts of the e2e test pages: page content, run by the pages, not by us.
      'e2e/sites/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser, ...globals.node, __BACKSTORY_E2E__: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/background/**', 'src/db/**', 'src/core/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: { ...globals.serviceworker, document: 'off', window: 'off' } },
    rules: {
      'no-restricted-globals': ['error', 'document', 'window', 'localStorage'],
    },
  },
  {
    files: ['src/core/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['wxt/*', 'webextension-polyfill', 'dexie', 'preact*'],
              message: 'src/core is pure TypeScript: no extension API, no DOM, no database.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'src/content/**',
      'src/ui/**',
      'src/options/**',
      'src/popup/**',
      'entrypoints/content.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/*', 'dexie'],
              message: 'Only the background reaches the database: send a message.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
