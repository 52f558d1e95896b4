// Bundles the extension (src/extension.ts → dist/extension.js): CommonJS for Node, `vscode` external.
// --production minifies without source maps; --watch rebuilds on change and reports in the
// esbuild problem-matcher format ("[watch] build started/finished").
const esbuild = require('esbuild');
const fs = require('fs');

// Files read at run time, beside dist/extension.js: the phone metadata (src/api/validation/phone.ts)
// and the codicon font the pages show (src/pages/pageShell.ts).
const runtimeAssets = ['node_modules/@vscode/codicons/dist/codicon.css', 'node_modules/@vscode/codicons/dist/codicon.ttf'];
function copyRuntimeAssets() {
  fs.mkdirSync('dist', { recursive: true });
  for (const file of runtimeAssets) fs.copyFileSync(file, `dist/${require('path').basename(file)}`);
}

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').Plugin} */
const problemMatcher = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => { console.log('[watch] build started'); });
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
  const ctx = await esbuild.context({
    // extension.js is what activation loads; commands.js (the pipeline and every command) is
    // required on the first command run (src/app/commandLoader.ts); phoneEngine.js (libphonenumber-js
    // and its metadata) on the first phone number checked or formatted (src/api/validation/phone.ts).
    entryPoints: { extension: 'src/extension.ts', commands: 'src/app/index.ts', phoneEngine: 'src/api/validation/phoneEngine.ts' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    charset: 'utf8',
    outdir: 'dist',
    external: ['vscode'],
    logLevel: 'silent',
    metafile: true,
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

main().catch((e) => { console.error(e); process.exit(1); });
