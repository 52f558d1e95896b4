// The layers of src/, from the bottom (README: Where things live). A file imports only from its own
// layer or the layers below it; `npm run lint` checks it (depcruise). The order:
//
//   extension.ts                      activation: registers, builds nothing else
//   app/  mcp/                        the lazy bundle's composition root; the MCP server's (a process of its own)
//   chat/                             @kallyai
//   commands/                         the hand-written flows
//   views/  pages/  tools/            the surfaces
//   pipeline/                         one run of an operation: ask, consent, send, refresh, show
//   services.ts                       the client, the session, the log
//   auth/                             sign-in
//   presentation/                     the presentation of operations (data, no vscode)
//   documents/                        read-only Markdown documents
//   platform/                         the VS Code adapters (the sinks)
//   format/  models/                  text for people; what the service's data means
//   api/                              the HTTP core: catalogue, schemas, client
'use strict';

const LAYERS = [
  ['api'],
  ['format', 'models'],
  ['platform'],
  ['documents'],
  ['presentation'],
  ['auth'],
  ['services.ts'],
  ['pipeline'],
  ['views', 'pages', 'tools'],
  ['commands'],
  ['chat'],
  ['app', 'mcp'],
  ['extension.ts'],
];

const pathOf = (names) => `^src/(${names.map((n) => n.replace('.', '\\.')).join('|')})(/|$)`;

module.exports = {
  forbidden: [
    ...LAYERS.slice(0, -1).map((layer, i) => ({
      name: `layer-${layer[0]}`,
      comment: `${layer.join(', ')} may not import from a layer above it (${LAYERS.slice(i + 1)
        .flat()
        .join(', ')}).`,
      severity: 'error',
      from: { path: pathOf(layer) },
      to: { path: pathOf(LAYERS.slice(i + 1).flat()) },
    })),
    {
      name: 'no-circular-layers',
      comment: 'No import cycle crosses a folder of src/.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { circular: true, path: '^src/([^/]+)/', pathNot: '^src/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
