#!/usr/bin/env node
// npm run mcp — the KallyAI MCP server from a clone: builds dist/mcp.js first when it is missing
// or older than a file it is made from (src/, package.json, esbuild.js), then runs it in this
// process with the same arguments (`npm run --silent mcp -- --api-base-url …`). stdout carries MCP
// messages only: the build's own lines, if any, go to stderr. (npm itself prints a "> kallyai@…
// mcp" banner on stdout unless run with --silent; an MCP client's configuration passes --silent.)
// Required as a module it runs nothing and exports `bundleIsCurrent` (test/unit/mcp.launcher.test.ts).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** The newest modification time (ms) of the files under `dir` (recursively), 0 when there is none. */
function newestUnder(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const mtime = fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/** True when `bundle` exists and is at least as new as every file it is made from under `root`. */
function bundleIsCurrent(root, bundle = path.join(root, 'dist', 'mcp.js')) {
  if (!fs.existsSync(bundle)) return false;
  const built = fs.statSync(bundle).mtimeMs;
  const sources = [path.join(root, 'package.json'), path.join(root, 'esbuild.js')]
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.statSync(f).mtimeMs);
  return Math.max(newestUnder(path.join(root, 'src')), ...sources) <= built;
}

function main() {
  const bundle = path.join(ROOT, 'dist', 'mcp.js');
  if (!bundleIsCurrent(ROOT, bundle)) {
    process.stderr.write('kallyai mcp: building dist/mcp.js…\n');
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js'), '--mcp'], {
      cwd: ROOT,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    if (build.status !== 0) {
      process.stderr.write('kallyai mcp: the build failed (see above).\n');
      process.exit(1);
    }
  }
  // The bundle reads process.argv.slice(2): the same arguments this launcher got.
  require(bundle);
}

module.exports = { bundleIsCurrent };

if (require.main === module) main();
