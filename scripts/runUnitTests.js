#!/usr/bin/env node
// npm run test:unit — the plain-Node layer: every test/unit/**/*.test.ts (or the files given as
// arguments) with Node's own test runner through tsx, two files at a time.
// Prints `[summary] unit passed=N failed=N` for scripts/test.js and exits non-zero on any failure.
// --shuffle [--seed N]: the files and the tests in each in a random order (node's --test-randomize,
//   which needs Node 24: this Node when it is, else the Node 24 of the newest VS Code host in the
//   code-server cache), printing the seed; the same seed gives the same order again. It proves
//   that no test depends on the order or on its neighbours (`npm run test:unit -- --shuffle`).
// Every test has one generous ceiling (--test-timeout, KALLYAI_UNIT_TIMEOUT_MS, default 120 s): a
// hang fails with the test's name instead of holding the layer.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f))
    .sort();
}

const seedArg = process.argv.indexOf('--seed');
const given = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--seed');
let files = given.length ? given.map((f) => path.resolve(f)) : findTests(path.join(ROOT, 'test/unit'));
const shuffle = process.argv.includes('--shuffle');
const seed = seedArg >= 0 ? Number(process.argv[seedArg + 1]) : Math.floor(Math.random() * 2 ** 31);

/** A Node that has --test-randomize (24 or newer). */
function nodeForShuffle() {
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  const newest = require('../test/launcher/hosts').resolveHost('newest');
  if (Number(newest.node?.split('.')[0]) >= 24 && fs.existsSync(newest.nodeBinary)) return newest.nodeBinary;
  console.error(
    `[unit] --shuffle needs Node 24 or newer (node's --test-randomize): run it with one, or install the newest host (bash scripts/install-code-server.sh newest), whose Node ${newest.node} is used`,
  );
  console.log('[summary] unit passed=0 failed=1');
  process.exit(2);
}

if (shuffle) {
  // The files in an order drawn from the seed too (mulberry32), so one seed is one whole order.
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  files = [...files];
  for (let i = files.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [files[i], files[j]] = [files[j], files[i]];
  }
}
if (files.length === 0) {
  console.error('[unit] no test/unit/**/*.test.ts files found');
  console.log('[summary] unit passed=0 failed=1');
  process.exit(1);
}
const concurrency = process.env.KALLYAI_UNIT_CONCURRENCY || '2';
const node = shuffle ? nodeForShuffle() : process.execPath;
const timeout = Number(process.env.KALLYAI_UNIT_TIMEOUT_MS) || 120_000;
console.log(
  `[unit] ${files.length} files, concurrency ${concurrency}${shuffle ? `, shuffled with seed ${seed} (Node ${node === process.execPath ? process.version : node})` : ''}`,
);
const t0 = Date.now();
const child = spawn(
  node,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${concurrency}`,
    `--test-timeout=${timeout}`,
    ...(shuffle ? ['--test-randomize', `--test-random-seed=${seed}`] : []),
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/unitFailureLines.mjs',
    '--test-reporter-destination=stdout',
    ...files.map((f) => path.relative(ROOT, f)),
  ],
  { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
);

let pass,
  fail,
  tail = '';
child.stdout.on('data', (d) => {
  process.stdout.write(d);
  tail = (tail + d.toString()).slice(-4000);
});
const stopChild = (sig) => {
  try {
    child.kill(sig);
  } catch {
    /* gone */
  }
};
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
