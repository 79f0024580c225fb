// @ts-check
import js from '@eslint/js';
import { moduleBoundaries, moduleDoors } from './scripts/eslint-module-boundaries.mjs';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules', 'data', 'dist', 'db/migrations', 'coverage', 'src/public/**/*.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Fastify plugins and handlers are async by convention, with or without an await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain-JavaScript tools run by node before anything is compiled (the build script).
    files: ['scripts/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        process: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        URL: 'readonly',
      },
    },
  },
  {
    // Extending Fastify's types needs declaration merging, which only interfaces do.
    files: [
      'src/platform/http/types.ts',
      'test/postgres-global-setup.ts',
      'test/pglite-global-setup.ts',
      'e2e/browser-global-setup.ts',
    ],
    rules: { '@typescript-eslint/consistent-type-definitions': 'off' },
  },
  {
    // `response.json() as Shape` reads better in tests than a generic argument.
    files: ['**/*.test.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-unnecessary-type-assertion': 'off' },
  },
  {
    // The platform knows no domain module; modules meet only at each other's index.ts.
    files: ['src/platform/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**'], message: 'platform/ must not import modules.' }] },
      ],
    },
  },
  {
    files: ['src/modules/**/*.{ts,tsx}'],
    plugins: {
      dagsorden: { rules: { 'module-boundaries': moduleBoundaries, 'module-doors': moduleDoors } },
    },
    rules: { 'dagsorden/module-boundaries': 'error' },
  },
  {
    files: ['src/modules/*/index.ts'],
    rules: { 'dagsorden/module-doors': 'error' },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
