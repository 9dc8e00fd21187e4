// ESLint knows the contexts (eslint.boundaries.js): the background may not
// touch the DOM, the page side may not reach the database, src/core stands
// alone, and no extension code uses Node. Formatting is Prettier's job.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint.boundaries.js';

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
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // `const { key: _, ...rest } = value` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Globals only reach no-undef, which typescript-eslint turns off for .ts
    // files (TypeScript resolves their names): they matter for the config
    // files, which run in Node. Boundaries use no-restricted-globals instead.
    files: ['**/*.js'],
    languageOptions: { globals: globals.node },
  },
  ...boundaries,
  prettier,
);
