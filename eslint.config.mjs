import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
      'src/platform/linkPolicy.ts', 'src/tools/toolConfirmation.ts',
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
