import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

// The trust boundary (DESIGN.md, src/format/sinks.ts): each VS Code surface that shows text is
// reached only through the adapter that takes its form, so a new surface written carelessly does
// not lint. Each group: what is restricted, the one file (or few) that may use it, and why.
const windowMember = (names) => [
  `MemberExpression[object.property.name='window'][property.name=/^(${names})$/]`,
  `MemberExpression[object.name='window'][property.name=/^(${names})$/]`,
];
const SINKS = [
  {
    allowed: ['src/extension.ts', 'src/app/index.ts'],
    selectors: [
      "MemberExpression[object.property.name='l10n'][property.name='t']",
      "MemberExpression[object.name='l10n'][property.name='t']",
    ],
    message:
      "One translate function: t() from src/format (each bundle's entry hands it vscode.l10n.t once), so code in and out of VS Code translates the same way.",
  },
  {
    allowed: ['src/platform/notify.ts'],
    selectors: windowMember(
      'showInformationMessage|showWarningMessage|showErrorMessage|withProgress|setStatusBarMessage',
    ),
    message:
      'Notifications, modals, progress titles and status-bar messages go through src/platform/notify.ts, which takes only the forms of src/format/sinks.ts.',
  },
  {
    allowed: ['src/platform/quickInput.ts'],
    selectors: windowMember('showQuickPick|createQuickPick|showInputBox|createInputBox'),
    message: 'Quick picks and input boxes go through src/platform/quickInput.ts, whose items take only PickText.',
  },
  {
    allowed: ['src/views/viewNode.ts'],
    selectors: ["NewExpression[callee.property.name='TreeItem']"],
    message: 'Tree items are made by makeItem (src/views/viewNode.ts), which takes only PlainText and Markdown.',
  },
  {
    allowed: ['src/platform/markdownString.ts', 'src/chat/chatAnswer.ts'],
    selectors: ["NewExpression[callee.property.name='MarkdownString']"],
    message: 'A vscode.MarkdownString is made from escaped Markdown by src/platform/markdownString.ts.',
  },
  {
    allowed: ['src/platform/openExternal.ts'],
    selectors: [
      "MemberExpression[object.property.name='env'][property.name='openExternal']",
      "MemberExpression[object.name='env'][property.name='openExternal']",
    ],
    message: 'Links are opened by src/platform/openExternal.ts, which opens only the schemes we allow.',
  },
  {
    allowed: ['src/pages/pages.ts', 'src/pages/pagePanel.ts'],
    selectors: [
      ...windowMember('createWebviewPanel'),
      "AssignmentExpression[left.object.name='panel'][left.property.name='title']",
      "AssignmentExpression[left.object.property.name='panel'][left.property.name='title']",
    ],
    message: 'Pages are made and titled by src/pages (pagePanel.ts: tab titles are PlainText).',
  },
  {
    allowed: ['src/platform/saveFile.ts'],
    selectors: windowMember('showSaveDialog'),
    message: 'Save dialogs go through src/platform/saveFile.ts, whose suggested name is a FileName.',
  },
  {
    allowed: ['src/chat/chatAnswer.ts'],
    selectors: [
      "CallExpression[callee.object.name='stream'][callee.property.name=/^(markdown|progress|button|anchor|reference|warning)$/]",
    ],
    message: 'The chat answer is written through src/chat/chatAnswer.ts, which takes only ChatMarkdown and PlainText.',
  },
];
const ADAPTERS = [...new Set(SINKS.flatMap((g) => g.allowed))];
const sinkRule = (file) => [
  'error',
  ...SINKS.filter((g) => !g.allowed.includes(file)).flatMap((g) =>
    g.selectors.map((selector) => ({ selector, message: g.message })),
  ),
];
const sinkConfigs = [
  { files: ['src/**/*.ts'], ignores: ADAPTERS, rules: { 'no-restricted-syntax': sinkRule() } },
  ...ADAPTERS.map((file) => ({ files: [file], rules: { 'no-restricted-syntax': sinkRule(file) } })),
];

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
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        exports: 'writable',
      },
    },
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
      'src/api/**/*.ts',
      'src/auth/**/*.ts',
      'src/format/**/*.ts',
      'src/models/**/*.ts',
      'src/presentation/**/*.ts',
      'scripts/manifest/commandManifest.ts',
      'src/documents/*Markdown.ts',
      'src/presentation/entry.ts',
      'src/pipeline/input/fields.ts',
      'src/pipeline/consent/stakes.ts',
      'src/pipeline/consent/costs.ts',
      'src/documents/genericMarkdown.ts',
      'src/platform/linkPolicy.ts',
      'src/tools/toolConfirmation.ts',
      'src/tools/toolAnswer.ts',
      'src/tools/toolInput.ts',
      'src/tools/toolTable.ts',
      'src/tools/toolSpec.ts',
      'src/tools/modelText.ts',
      'scripts/manifest/toolManifest.ts',
      'src/pipeline/operationRequest.ts',
      'src/pipeline/idempotency.ts',
      'src/mcp/**/*.ts',
    ],
    ignores: ['src/auth/provider.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message:
                'This layer stays free of vscode (README: Where things live): it runs in plain Node, in tests and scripts.',
            },
          ],
        },
      ],
    },
  },
  ...sinkConfigs,
  {
    // Chat answers and tool results never carry a link built from service text.
    files: ['src/chat/**/*.ts', 'src/tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '../format',
              importNames: ['link'],
              message: 'No link in a chat answer is built from service text.',
            },
            {
              name: '../format/markdown',
              importNames: ['link'],
              message: 'No link in a chat answer is built from service text.',
            },
          ],
        },
      ],
    },
  },
  {
    // The pages' own script runs in the webview (a browser), with VS Code's webview API.
    files: ['media/pages/**/*.js'],
    languageOptions: {
      globals: {
        acquireVsCodeApi: 'readonly',
        document: 'readonly',
        window: 'readonly',
        Element: 'readonly',
        HTMLFormElement: 'readonly',
        HTMLTextAreaElement: 'readonly',
        Blob: 'readonly',
        URL: 'readonly',
        DOMParser: 'readonly',
        CSS: 'readonly',
      },
    },
  },
);
