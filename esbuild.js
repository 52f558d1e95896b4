// Bundles the extension (src/extension.ts → dist/extension.js): CommonJS for Node, `vscode` external.
// --production minifies without source maps; --watch rebuilds on change and reports in the
// esbuild problem-matcher format ("[watch] build started/finished"); --mcp builds only the MCP
// server (dist/mcp.js, what `npm run mcp` runs). Required as a module, it builds nothing and
// exports `buildMcp(outdir)` (the MCP tests build the server they start), `common` and
// `ENTRY_POINTS` (the bundles).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const VERSION = require('./package.json').version;

// Files read at run time, beside dist/extension.js: the phone metadata (src/api/validation/phone.ts)
// and the codicon font the pages show (src/pages/pageShell.ts).
const runtimeAssets = [
  'node_modules/@vscode/codicons/dist/codicon.css',
  'node_modules/@vscode/codicons/dist/codicon.ttf',
];
function copyRuntimeAssets() {
  fs.mkdirSync('dist', { recursive: true });
  for (const file of runtimeAssets) fs.copyFileSync(file, `dist/${require('path').basename(file)}`);
}

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const mcpOnly = process.argv.includes('--mcp');

/** The MCP server (src/mcp/main.ts): plain Node, started by an MCP client (or by VS Code as a
 *  process of its own), never loaded by the extension. Nothing in it may need `vscode`. */
const MCP_ENTRY = {
  mcp: 'src/mcp/main.ts',
  phoneEngine: 'src/api/validation/phoneEngine.ts',
  errorSentences: 'src/format/errorSentences.ts',
};
/** Every bundle in dist/: extension.js is what activation loads; commands.js (the pipeline and
 *  every command) is required on the first command run (src/app/commandLoader.ts); phoneEngine.js
 *  (libphonenumber-js and its metadata) on the first phone number checked or formatted
 *  (src/api/validation/phone.ts); errorSentences.js on the first error (src/format/errors.ts);
 *  mcp.js is the MCP server, a process of its own. .vscodeignore packs each (a unit test holds it). */
const ENTRY_POINTS = {
  extension: 'src/extension.ts',
  commands: 'src/app/index.ts',
  ...MCP_ENTRY,
};
/** The options every bundle of this project is built with (the bench's suites too). */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcesContent: false,
  charset: 'utf8',
  external: ['vscode'],
  logLevel: 'silent',
  metafile: true,
  define: { KALLYAI_VERSION: JSON.stringify(VERSION) },
};

/** Builds dist/mcp.js (or `<outdir>/mcp.js`); resolves to esbuild's result. */
async function buildMcp(outdir = 'dist', options = {}) {
  return esbuild.build({
    ...common,
    entryPoints: MCP_ENTRY,
    outdir: path.resolve(__dirname, outdir),
    absWorkingDir: __dirname,
    minify: options.minify ?? false,
    sourcemap: options.sourcemap ?? false,
  });
}

/** @type {import('esbuild').Plugin} */
const problemMatcher = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => {
      console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

async function main() {
  if (mcpOnly) {
    const result = await buildMcp('dist', { minify: production, sourcemap: !production });
    if (result.errors.length) process.exit(1);
    return;
  }
  const ctx = await esbuild.context({
    ...common,
    entryPoints: ENTRY_POINTS,
    minify: production,
    sourcemap: !production,
    outdir: 'dist',
    plugins: watch ? [problemMatcher] : [],
  });
  copyRuntimeAssets();
  if (watch) {
    await ctx.watch();
    return;
  }
  const result = await ctx.rebuild();
  await ctx.dispose();
  if (result.errors.length) process.exit(1);
}

module.exports = { buildMcp, common, ENTRY_POINTS };

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
