// Lint: typescript-eslint's recommended rules and at most 500 lines per source file (tests and message
// catalogues excepted), so a module stays readable in one sitting. Formatting is Prettier's (`npm run
// format`, checked by `npm run lint`); eslint-config-prettier turns off the rules that would fight it.
// Import cycles are checked by src/architecture.test.ts, which also counts type imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-sandbox/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      // Terminal escapes and control characters are what the scrubbers and hostile-server tests look for.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/i18n/catalogs/**'],
    rules: { 'max-lines': ['error', { max: 500 }] },
  },
  prettier,
);
