import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Regular expressions (eslint-plugin-regexp): its recommended rules for mistakes everywhere; its
  // style rules (capturing groups never read, \w for [A-Za-z0-9_], …) are off: they change no
  // behaviour and would touch some fifty files.
  regexp.configs['flat/recommended'],
  {
    rules: {
      'regexp/no-unused-capturing-group': 'off',
      'regexp/use-ignore-case': 'off',
      'regexp/prefer-w': 'off',
      'regexp/prefer-character-class': 'off',
      'regexp/no-useless-non-capturing-group': 'off',
      'regexp/optimal-quantifier-concatenation': 'off',
      'regexp/control-character-escape': 'off',
    },
  },
  {
    // Linear time on every string from outside (issue 21): no regular expression in the code that
    // runs (or serves it, or builds it) may backtrack or move in super-linear time, on any input.
    // Tests are left out: their expressions read the project's own output.
    files: ['src/**', 'sandbox/**', 'scripts/**', 'bench/**', 'esbuild.js'],
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignoreSticky: false, ignorePartial: false }],
    },
  },
  {
    files: ['test/**'],
    rules: { 'regexp/no-super-linear-backtracking': 'off', 'regexp/no-super-linear-move': 'off' },
  },
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: [
      'src/api/**/*.ts', 'src/auth/**/*.ts', 'src/format/**/*.ts', 'src/models/**/*.ts', 'src/commands/presentation/**/*.ts',
      'src/commands/manifest.ts', 'src/documents/*Markdown.ts', 'src/pipeline/presentation.ts', 'src/pipeline/input/fields.ts',
      'src/pipeline/consent/stakes.ts', 'src/pipeline/consent/costs.ts', 'src/pipeline/results/genericMarkdown.ts',
    ],
    ignores: ['src/auth/provider.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This layer stays free of vscode (README: Where things live): it runs in plain Node, in tests and scripts.' }] }] },
  },
  {
    // The pages' own script runs in the webview (a browser), with VS Code's webview API.
    files: ['media/pages/**/*.js'],
    languageOptions: { globals: { acquireVsCodeApi: 'readonly', document: 'readonly', window: 'readonly', Element: 'readonly', HTMLFormElement: 'readonly', HTMLTextAreaElement: 'readonly', Blob: 'readonly' } },
  },
);
