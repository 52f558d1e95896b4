#!/usr/bin/env node
// npm test — every layer in order, stopping at the first failure (exit code non-zero):
//   typecheck (tsc) → lint (eslint) → unit (plain Node) → build (esbuild) →
//   host (mocha inside a real VS Code extension host) → e2e (the real workbench through Chromium),
//   host and e2e once per VS Code host of test/launcher/hosts.js: host@1.100, host@newest, e2e@1.100, e2e@newest
// Options: --keep-going   run the remaining layers after a failure (still exits non-zero)
//          --only a,b     run only these layers (names as above; `host` or `e2e` means on every host)
//          --host name    run host and e2e only on this host (1.100 or newest)
// Ends with a summary: each layer, the tests that failed in it (its `[failed] …` lines), then one
// line `N passed, N failed` summed over the layers that report test counts.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const { HOST_NAMES, HOSTS } = require('../test/launcher/hosts');
const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);

const hostArg = process.argv.indexOf('--host');
const hosts = hostArg >= 0 ? [process.argv[hostArg + 1]] : HOST_NAMES;
if (!hosts.every((h) => HOST_NAMES.includes(h))) {
  console.error(`unknown host "${hosts}": use one of ${HOST_NAMES.join(', ')}`);
  process.exit(2);
}

const LAYERS = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.'] },
  { name: 'lint', cmd: bin('eslint'), args: ['.'] },
  { name: 'unit', cmd: process.execPath, args: ['scripts/runUnitTests.js'] },
  { name: 'build', cmd: process.execPath, args: ['esbuild.js'] },
  ...hosts.map((h) => ({ name: `host@${h}`, kind: 'host', on: `VS Code ${HOSTS[h].vscode}`, cmd: process.execPath, args: ['test/launcher/runHostTests.js', '--no-build-extension', '--host', h] })),
  ...hosts.map((h) => ({ name: `e2e@${h}`, kind: 'e2e', on: `VS Code ${HOSTS[h].vscode}`, cmd: process.execPath, args: ['test/launcher/runE2E.js', '--host', h] })),
];

/** Failed tests named under a layer's summary line (each layer prints `[failed] title: reason`). */
const MAX_FAILURES_SHOWN = 10;
const keepGoing = process.argv.includes('--keep-going');
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? process.argv[onlyArg + 1].split(',') : undefined;
const selected = (layer) => !only || only.includes(layer.name) || (layer.kind !== undefined && only.includes(layer.kind));

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
    let partial = '';
    const failures = [];
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      out = (out + d).slice(-20000);
      const lines = (partial + d).split('\n');
      partial = lines.pop();
      for (const line of lines) if (line.startsWith('[failed] ')) failures.push(line.slice('[failed] '.length));
    });
    child.stderr.on('data', (d) => { process.stderr.write(d); });
    child.on('exit', (code, signal) => {
      current = undefined;
      const m = /\[summary\] \S+ passed=(\d+) failed=(\d+)/.exec(out);
      resolve({ name: layer.name, on: layer.on, code: code ?? (signal ? 1 : 0), seconds: (Date.now() - t0) / 1000, passed: m ? +m[1] : undefined, failed: m ? +m[2] : undefined, failures });
    });
  });
}

(async () => {
  const results = [];
  for (const layer of LAYERS.filter(selected)) {
    const r = await runLayer(layer);
    results.push(r);
    const counts = r.passed !== undefined ? ` — ${r.passed} passed, ${r.failed} failed` : '';
    console.log(`━━━ ${r.code === 0 ? 'PASS' : 'FAIL'} ${r.name}${r.on ? ` on ${r.on}` : ''} (${r.seconds.toFixed(1)}s)${counts}`);
    if (r.code !== 0 && !keepGoing) break;
  }
  console.log('\nSummary');
  for (const r of results) {
    const counts = r.passed !== undefined ? `${r.passed} passed, ${r.failed} failed` : '';
    const on = r.on ? `  (${r.on})` : '';
    console.log(`  ${r.code === 0 ? 'PASS' : 'FAIL'}  ${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(6)}s  ${counts}${on}`);
    for (const f of r.failures.slice(0, MAX_FAILURES_SHOWN)) console.log(`        ✘ ${f}`);
    if (r.failures.length > MAX_FAILURES_SHOWN) console.log(`        … and ${r.failures.length - MAX_FAILURES_SHOWN} more`);
  }
  const passed = results.reduce((n, r) => n + (r.passed ?? 0), 0);
  const failed = results.reduce((n, r) => n + (r.failed ?? (r.code === 0 ? 0 : 1)), 0);
  const total = results.reduce((n, r) => n + r.seconds, 0);
  console.log(`  total ${total.toFixed(1)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(results.every((r) => r.code === 0) && results.length > 0 ? 0 : 1);
})();
