#!/usr/bin/env node
// npm test — every layer in order, stopping at the first failure (exit code non-zero):
//   typecheck (tsc) → lint (eslint) → unit (plain Node) → build (esbuild) →
//   host (mocha inside a real VS Code extension host) → e2e (the real workbench through Chromium)
// Options: --keep-going   run the remaining layers after a failure (still exits non-zero)
//          --only a,b     run only these layers (names as above)
// Ends with one line `N passed, N failed` summed over the layers that report test counts.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);

const LAYERS = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.'] },
  { name: 'lint', cmd: bin('eslint'), args: ['.'] },
  { name: 'unit', cmd: process.execPath, args: ['scripts/runUnitTests.js'] },
  { name: 'build', cmd: process.execPath, args: ['esbuild.js'] },
  { name: 'host', cmd: process.execPath, args: ['test/launcher/runHostTests.js', '--no-build-extension'] },
  { name: 'e2e', cmd: process.execPath, args: ['test/launcher/runE2E.js'] },
];

const keepGoing = process.argv.includes('--keep-going');
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? process.argv[onlyArg + 1].split(',') : undefined;

let current;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => { if (current) { try { current.kill(sig); } catch { /* gone */ } } else process.exit(130); });
}

function runLayer(layer) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    console.log(`\n━━━ ${layer.name}: ${path.basename(layer.cmd)} ${layer.args.join(' ')}`);
    const child = spawn(layer.cmd, layer.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    current = child;
    let out = '';
    child.stdout.on('data', (d) => { process.stdout.write(d); out = (out + d).slice(-20000); });
    child.stderr.on('data', (d) => { process.stderr.write(d); });
    child.on('exit', (code, signal) => {
      current = undefined;
      const m = /\[summary\] \w+ passed=(\d+) failed=(\d+)/.exec(out);
      resolve({ name: layer.name, code: code ?? (signal ? 1 : 0), seconds: (Date.now() - t0) / 1000, passed: m ? +m[1] : undefined, failed: m ? +m[2] : undefined });
    });
  });
}

(async () => {
  const results = [];
  for (const layer of LAYERS.filter((l) => !only || only.includes(l.name))) {
    const r = await runLayer(layer);
    results.push(r);
    const counts = r.passed !== undefined ? ` — ${r.passed} passed, ${r.failed} failed` : '';
    console.log(`━━━ ${r.code === 0 ? 'PASS' : 'FAIL'} ${r.name} (${r.seconds.toFixed(1)}s)${counts}`);
    if (r.code !== 0 && !keepGoing) break;
  }
  console.log('\nSummary');
  for (const r of results) {
    const counts = r.passed !== undefined ? `${r.passed} passed, ${r.failed} failed` : '';
    console.log(`  ${r.code === 0 ? 'PASS' : 'FAIL'}  ${r.name.padEnd(10)} ${r.seconds.toFixed(1).padStart(6)}s  ${counts}`);
  }
  const passed = results.reduce((n, r) => n + (r.passed ?? 0), 0);
  const failed = results.reduce((n, r) => n + (r.failed ?? (r.code === 0 ? 0 : 1)), 0);
  const total = results.reduce((n, r) => n + r.seconds, 0);
  console.log(`  total ${total.toFixed(1)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(results.every((r) => r.code === 0) && results.length > 0 ? 0 : 1);
})();
