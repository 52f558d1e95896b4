#!/usr/bin/env node
// npm run test:unit — the plain-Node layer: every test/unit/**/*.test.ts (or the files given as
// arguments) with Node's own test runner through tsx, two files at a time.
// Prints `[summary] unit passed=N failed=N` for scripts/test.js and exits non-zero on any failure.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

const given = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = given.length ? given.map((f) => path.resolve(f)) : findTests(path.join(ROOT, 'test/unit'));
if (files.length === 0) {
  console.error('[unit] no test/unit/**/*.test.ts files found');
  console.log('[summary] unit passed=0 failed=1');
  process.exit(1);
}
const concurrency = process.env.KALLYAI_UNIT_CONCURRENCY || '2';
console.log(`[unit] ${files.length} files, concurrency ${concurrency}`);
const t0 = Date.now();
const child = spawn(process.execPath, [
  '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`,
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/unitFailureLines.mjs', '--test-reporter-destination=stdout',
  ...files.map((f) => path.relative(ROOT, f)),
], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });

let pass, fail, tail = '';
child.stdout.on('data', (d) => {
  process.stdout.write(d);
  tail = (tail + d.toString()).slice(-4000);
});
const stopChild = (sig) => { try { child.kill(sig); } catch { /* gone */ } };
process.on('SIGINT', () => stopChild('SIGINT'));
process.on('SIGTERM', () => stopChild('SIGTERM'));
child.on('exit', (code, signal) => {
  // The spec reporter ends with "ℹ tests N / ℹ pass N / ℹ fail N …".
  pass = /ℹ pass (\d+)/.exec(tail)?.[1];
  fail = /ℹ fail (\d+)/.exec(tail)?.[1];
  const status = code ?? (signal ? 1 : 0);
  const failed = fail !== undefined ? Number(fail) : status === 0 ? 0 : 1;
  console.log(`[summary] unit passed=${pass ?? 0} failed=${failed} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  process.exit(status === 0 && failed === 0 ? 0 : 1);
});
