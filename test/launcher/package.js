#!/usr/bin/env node
// Packages the extension as `npm run package` does (its flags are read from package.json, the one
// place they are decided) into a .vsix, and fails on a vsce warning (the Marketplace listing needs
// it clean). vsce runs the vscode:prepublish script first, the production build into dist/.
// runE2E.js packages this way unless given --vsix; `npm test` packages once for both hosts:
//   node test/launcher/package.js [--out test-results/kallyai-e2e.vsix]
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const DEFAULT_VSIX = path.join(ROOT, 'test-results', 'kallyai-e2e.vsix');

/** The arguments of `npm run package` after `vsce`. */
function packageArgs() {
  const script = require(path.join(ROOT, 'package.json')).scripts.package;
  const [bin, ...args] = script.trim().split(/\s+/);
  if (bin !== 'vsce' || args[0] !== 'package') throw new Error(`npm run package is "${script}", not vsce package`);
  return args;
}

/** Packages the extension into `out`; returns vsce's "(N files, S KB)". */
function packageExtension(out = DEFAULT_VSIX) {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // With no terminal to answer, a question (y/N) after a warning reads as No and fails.
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/vsce'), [...packageArgs(), '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) throw new Error(`vsce package failed:\n${r.stdout}\n${r.stderr}`);
  if (/WARNING/.test(r.stdout + r.stderr))
    throw new Error(`vsce package warned (the Marketplace listing needs it clean):\n${r.stdout}\n${r.stderr}`);
  return /Packaged: .*\((.*)\)/.exec(r.stdout)?.[1];
}

module.exports = { packageExtension, DEFAULT_VSIX };

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  const out = path.resolve(i >= 0 ? process.argv[i + 1] : DEFAULT_VSIX);
  try {
    const size = packageExtension(out);
    console.log(`[package] ${path.relative(ROOT, out)}${size ? ` (${size})` : ''}, no vsce warning`);
  } catch (e) {
    console.error(`[package] ${e.message}`);
    console.log('[failed] package: vsce package failed or warned (see above)');
    process.exit(1);
  }
}
