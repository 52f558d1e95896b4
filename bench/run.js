#!/usr/bin/env node
// npm run bench — figures, not assertions:
//   bundle   size of dist/extension.js (what activation loads; production build, minified; target
//            ≤ 250 KB) beside an empty extension bundled the same way in the same run, and of
//            dist/commands.js (the pipeline and every command, loaded on the first command run) and
//            dist/phoneEngine.js (libphonenumber-js and its metadata, loaded on the first phone number);
//   activate activate() time inside the real extension host (code-server 4.100.3; target ≤ 20 ms),
//            median of N window loads (--runs N, default 5), beside an empty extension's;
//   others   `tsx bench/clientOverhead.ts --json` and every bench/*.bench.{js,ts}: each prints one JSON line.
// Prints one table; `--json` prints the rows as JSON instead.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');
const { common } = require('../esbuild');
const { buildExtension } = require('../test/launcher/build');
const { runInHost } = require('../test/launcher/hostRun');
const { runCleanups } = require('../test/launcher/processes');

const ROOT = path.resolve(__dirname, '..');
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Math.max(1, Number(arg('runs')) || 5);
const rows = []; // { bench, metric, value, unit, baseline?, target? }
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** An extension that does nothing, in the same shape (package.json + dist/extension.js), bundled the same way. */
async function makeEmptyExtension(dir) {
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'empty',
      publisher: 'bench',
      version: '0.0.1',
      engines: { vscode: '^1.100.0' },
      main: './dist/extension.js',
      activationEvents: ['onStartupFinished'],
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'src/extension.ts'),
    'export function activate() {\n  const started = performance.now();\n  return { activationMs: performance.now() - started };\n}\nexport function deactivate() {}\n',
  );
  await esbuild.build({
    entryPoints: [path.join(dir, 'src/extension.ts')],
    ...common,
    minify: true,
    outfile: path.join(dir, 'dist/extension.js'),
    logLevel: 'warning',
  });
  return { id: 'bench.empty', dir, bundle: path.join(dir, 'dist/extension.js') };
}

async function benchActivation(tmp, empty) {
  const suite = path.join(tmp, 'suite/activationSuite.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'activationSuite.ts')],
    ...common,
    outfile: suite,
    logLevel: 'warning',
  });
  const subjects = [{ id: 'kallyai.kallyai', dir: ROOT }, empty];
  const results = Object.fromEntries(subjects.map((s) => [s.id, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const s of subjects) {
      // alternate, so both see the same machine load
      const { code, lines } = await runInHost({
        label: `bench ${s.id} ${i + 1}/${RUNS}`,
        extensionDevelopmentPath: s.dir,
        extensionTestsPath: suite,
        env: { KALLYAI_BENCH_EXTENSION_ID: s.id },
        timeoutMs: 120_000,
        onLine: () => {},
      });
      const line = lines.find((l) => l.startsWith('[bench] '));
      if (code !== 0 || !line)
        throw new Error(`activation bench for ${s.id} failed (exit ${code}):\n${lines.slice(-20).join('\n')}`);
      results[s.id].push(JSON.parse(line.slice(8)));
    }
  }
  const k = results['kallyai.kallyai'],
    e = results[empty.id];
  rows.push({
    bench: 'activate',
    metric: `activate() in the host, median of ${RUNS}`,
    value: median(k.map((r) => r.activationMs)),
    unit: 'ms',
    baseline: median(e.map((r) => r.activationMs)),
    target: '≤ 20 ms',
  });
  const cold = (rs) => rs.filter((r) => r.coldActivateMs !== null).map((r) => r.coldActivateMs);
  if (cold(k).length && cold(e).length) {
    rows.push({
      bench: 'activate',
      metric: `load + activate (cold, n=${cold(k).length})`,
      value: median(cold(k)),
      unit: 'ms',
      baseline: median(cold(e)),
    });
  }
  rows.push({
    bench: 'activate',
    metric: 'runs (KallyAI / empty)',
    value: k.map((r) => r.activationMs.toFixed(2)).join(' '),
    unit: '',
    baseline: e.map((r) => r.activationMs.toFixed(2)).join(' '),
  });
  const stepNames = Object.keys(k.find((r) => r.steps)?.steps ?? {});
  if (stepNames.length) {
    const perStep = stepNames.map((name) => `${name} ${median(k.map((r) => r.steps?.[name] ?? 0)).toFixed(1)}`);
    rows.push({
      bench: 'activate',
      metric: `activate() by step, median of ${RUNS} (ms)`,
      value: perStep.join(' · '),
      unit: '',
    });
  }
}

/** Runs a bench script that prints one JSON line (object of figures, or { rows: [...] }). */
function runJsonBench(file, args) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const name = path.basename(file).replace(/\.(bench\.)?[jt]s$/, '');
  const line = (r.stdout || '')
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.trim().startsWith('{'));
  if (r.status !== 0 || !line) {
    rows.push({
      bench: name,
      metric: 'FAILED',
      value: `exit ${r.status}`,
      unit: '',
      baseline: (r.stderr || '').trim().split('\n').pop(),
    });
    return;
  }
  const data = JSON.parse(line);
  if (Array.isArray(data.rows)) {
    for (const row of data.rows) rows.push({ bench: name, ...row });
    return;
  }
  const flatten = (obj, prefix = '') =>
    Object.entries(obj).flatMap(([k, v]) =>
      v && typeof v === 'object' && !Array.isArray(v) ? flatten(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
    );
  for (const [metric, value] of flatten(data)) rows.push({ bench: name, metric, value, unit: '' });
}

function fmt(v) {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1);
  return v === undefined || v === null ? '' : String(v);
}

function printTable() {
  const header = ['bench', 'metric', 'KallyAI', 'empty / baseline', 'target'];
  const body = rows.map((r) => [
    r.bench,
    r.metric,
    `${fmt(r.value)}${r.unit ? ' ' + r.unit : ''}`,
    r.baseline === undefined ? '' : `${fmt(r.baseline)}${r.unit && typeof r.baseline === 'number' ? ' ' + r.unit : ''}`,
    r.target ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log('\n' + line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kallyai-bench-'));
  try {
    // 1. Bundle sizes, production build, both bundled in this run.
    buildExtension({ production: true });
    const empty = await makeEmptyExtension(path.join(tmp, 'empty'));
    const kb = (f) => fs.statSync(f).size / 1024;
    rows.push({
      bench: 'bundle',
      metric: 'dist/extension.js, what activation loads (minified)',
      value: kb(path.join(ROOT, 'dist/extension.js')),
      unit: 'KB',
      baseline: kb(empty.bundle),
      target: '≤ 250 KB',
    });
    rows.push({
      bench: 'bundle',
      metric: 'dist/commands.js, loaded on the first command (minified)',
      value: kb(path.join(ROOT, 'dist/commands.js')),
      unit: 'KB',
    });
    rows.push({
      bench: 'bundle',
      metric: 'dist/phoneEngine.js, loaded on the first phone number (minified)',
      value: kb(path.join(ROOT, 'dist/phoneEngine.js')),
      unit: 'KB',
    });

    // 2. activate() in the real host.
    if (!process.argv.includes('--skip-host')) await benchActivation(tmp, empty);

    // 3. Other helpers' benches.
    const client = path.join(__dirname, 'clientOverhead.ts');
    if (fs.existsSync(client)) runJsonBench(client, ['--json']);
    for (const f of fs
      .readdirSync(__dirname)
      .filter((f) => /\.bench\.[jt]s$/.test(f))
      .sort())
      runJsonBench(path.join(__dirname, f), ['--json']);
  } finally {
    await runCleanups();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify({ rows }));
  else printTable();
}

main().catch(async (e) => {
  console.error(`[bench] ${e.stack || e.message}`);
  await runCleanups();
  process.exit(1);
});
