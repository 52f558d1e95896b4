// Builds what the host runs: the extension (esbuild.js) and the mocha suites, each
// test/integration/*.ts entry bundled on its own into out/test/integration/*.js
// (CommonJS for the Node extension host, `vscode` external, inline source maps for stack traces).
// `node test/launcher/build.js` builds both (npm test's build layer, before both hosts' suites run
// from them: runHostTests.js --no-build-extension --no-build-suite).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '../..');

function buildExtension({ production = false } = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js'), ...(production ? ['--production'] : [])], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the extension failed (node esbuild.js)');
}

/** Bundles every entry (index.ts and *.test.ts, or the given files) of srcDir into outDir; returns the outDir. */
async function buildSuite(
  srcDir = path.join(ROOT, 'test/integration'),
  outDir = path.join(ROOT, 'out/test/integration'),
  entries,
) {
  const files =
    entries ??
    fs
      .readdirSync(srcDir)
      .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
      .map((f) => path.join(srcDir, f));
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    // Each suite under its own name, and the phone engine that src/api/validation/phone.ts loads
    // from beside the bundle on the first phone number (suites that validate with src/api use it).
    entryPoints: {
      ...Object.fromEntries(files.map((f) => [path.basename(f, '.ts'), f])),
      phoneEngine: path.join(ROOT, 'src/api/validation/phoneEngine.ts'),
      errorSentences: path.join(ROOT, 'src/format/errorSentences.ts'),
    },
    outdir: outDir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    logOverride: { 'require-resolve-not-external': 'silent' }, // mocha's parallel mode, unused here
  });
  return outDir;
}

module.exports = { buildExtension, buildSuite, ROOT };

if (require.main === module) {
  const t0 = Date.now();
  try {
    buildExtension();
    buildSuite().then(
      () => console.log(`[build] dist/ and out/test/integration/ built (${((Date.now() - t0) / 1000).toFixed(1)}s)`),
      (e) => {
        console.error(`[build] ${e.message}`);
        process.exit(1);
      },
    );
  } catch (e) {
    console.error(`[build] ${e.message}`);
    process.exit(1);
  }
}
