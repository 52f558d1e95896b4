#!/usr/bin/env node
// npm test — every layer, each reported, even when one fails (exit code non-zero if any failed):
//   typecheck (tsc) · lint (eslint) · unit (plain Node) · package (the .vsix, made once for both hosts)
//   · build (esbuild: the extension and the host suites) · host (mocha inside a real VS Code
//   extension host) · e2e (the real workbench through Chromium), host and e2e once per VS Code host
//   of test/launcher/hosts.js: host@1.100, host@newest, e2e@1.100, e2e@newest.
// Layers run two at a time (the machine has 2 cores; --jobs N or KALLYAI_TEST_JOBS to change it),
// the longest first, each as soon as what it needs is there: host needs build, e2e needs package,
// build comes after package (both write dist/). While two run, each line is prefixed with its layer.
// Options: --only a,b     run only these layers (names as above; `host` or `e2e` means on every host;
//                         a layer's prerequisites run too)
//          --host name    run host and e2e only on this host (1.100 or newest)
//          --jobs N       layers at a time (default 2)
//          --stop-on-failure   start no layer after one failed (the others report "not run")
// Each layer's whole output is kept in test-results/layers/<layer>.log. The run ends with a
// summary: each layer, its time, its counts, the tests that failed in it (their `[failed] …`
// lines: name, what it waited for, where its screenshot and log are) and where its log is; then
// the wall-clock time and one line `N passed, N failed` summed over all layers.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const { HOST_NAMES, HOSTS } = require('../test/launcher/hosts');
const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);
const LOGS = path.join(ROOT, 'test-results', 'layers');
const VSIX = 'test-results/kallyai-e2e.vsix';

const argValue = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const hosts = argValue('--host') ? [argValue('--host')] : HOST_NAMES;
if (!hosts.every((h) => HOST_NAMES.includes(h))) {
  console.error(`unknown host "${hosts}": use one of ${HOST_NAMES.join(', ')}`);
  process.exit(2);
}
const jobs = Math.max(1, Number(argValue('--jobs') ?? process.env.KALLYAI_TEST_JOBS ?? 2) || 2);
const stopOnFailure = process.argv.includes('--stop-on-failure');

/** Every layer; `after`: the layers it needs first; `weight`: how long it takes (minutes on 2
 *  cores, quiet), so that the longest start first. */
const LAYERS = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['--noEmit', '-p', '.'], weight: 0.5 },
  { name: 'lint', cmd: bin('eslint'), args: ['.'], weight: 0.7 },
  { name: 'unit', cmd: process.execPath, args: ['scripts/runUnitTests.js'], weight: 1 },
  { name: 'package', cmd: process.execPath, args: ['test/launcher/package.js', '--out', VSIX], weight: 0.2 },
  { name: 'build', cmd: process.execPath, args: ['test/launcher/build.js'], after: ['package'], weight: 0.1 },
  ...hosts.map((h) => ({
    name: `host@${h}`,
    kind: 'host',
    on: `VS Code ${HOSTS[h].vscode}`,
    cmd: process.execPath,
    args: ['test/launcher/runHostTests.js', '--no-build-extension', '--no-build-suite', '--host', h],
    after: ['build'],
    weight: 3.5,
  })),
  ...hosts.map((h) => ({
    name: `e2e@${h}`,
    kind: 'e2e',
    on: `VS Code ${HOSTS[h].vscode}`,
    cmd: process.execPath,
    args: ['test/launcher/runE2E.js', '--host', h, '--vsix', VSIX],
    after: ['package'],
    weight: 4,
  })),
];

/** The layers asked for (--only), with what they need. */
function selectedLayers() {
  const only = argValue('--only')?.split(',');
  if (!only) return LAYERS;
  const wanted = new Set(
    LAYERS.filter((l) => only.includes(l.name) || (l.kind && only.includes(l.kind))).map((l) => l.name),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const l of LAYERS)
      for (const dep of wanted.has(l.name) ? (l.after ?? []) : [])
        if (!wanted.has(dep)) {
          wanted.add(dep);
          grew = true;
        }
  }
  return LAYERS.filter((l) => wanted.has(l.name));
}

const running = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (!running.size) process.exit(130);
    for (const child of running) {
      try {
        child.kill(sig);
      } catch {
        /* gone */
      }
    }
  });
}

/** Runs one layer; resolves with its result (its output goes to the console, prefixed while
 *  another layer runs beside it, and whole to test-results/layers/<name>.log). */
function runLayer(layer, prefixed) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const logFile = path.join(LOGS, `${layer.name}.log`);
    const log = fs.createWriteStream(logFile);
    const tag = prefixed() ? `${layer.name.padEnd(11)}│ ` : '';
    console.log(`\n━━━ ${layer.name}: ${path.basename(layer.cmd)} ${layer.args.join(' ')}`);
    const child = spawn(layer.cmd, layer.args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    running.add(child);
    let out = '';
    const failures = [];
    const lineReader = (stream, write) => {
      let partial = '';
      stream.on('data', (d) => {
        log.write(d);
        const lines = (partial + d).split('\n');
        partial = lines.pop();
        for (const line of lines) {
          write(`${prefixed() ? `${layer.name.padEnd(11)}│ ` : tag}${line}\n`);
          out = (out + line + '\n').slice(-20000);
          if (line.startsWith('[failed] ')) failures.push(line.slice('[failed] '.length));
        }
      });
      stream.on('end', () => {
        if (partial) {
          write(`${tag}${partial}\n`);
          out += partial;
          if (partial.startsWith('[failed] ')) failures.push(partial.slice(9));
        }
      });
    };
    lineReader(child.stdout, (s) => process.stdout.write(s));
    lineReader(child.stderr, (s) => process.stderr.write(s));
    const finish = (code) => {
      running.delete(child);
      log.end();
      const m = /\[summary\] \S+ passed=(\d+) failed=(\d+)/.exec(out);
      const tail = out
        .split('\n')
        .filter((l) => l.trim())
        .slice(-6);
      resolve({
        name: layer.name,
        on: layer.on,
        code,
        seconds: (Date.now() - t0) / 1000,
        passed: m ? +m[1] : undefined,
        failed: m ? +m[2] : undefined,
        failures,
        logFile,
        tail,
      });
    };
    child.on('error', (e) => {
      console.error(`[${layer.name}] ${e.message}`);
      finish(1);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  fs.mkdirSync(LOGS, { recursive: true });
  const started = Date.now();
  const layers = selectedLayers();
  const results = new Map();
  const pending = [...layers].sort((a, b) => b.weight - a.weight);
  const active = new Set();
  console.log(`[test] ${layers.length} layers, ${jobs} at a time: ${layers.map((l) => l.name).join(', ')}`);
  await new Promise((done) => {
    const report = (r) => {
      const counts = r.passed !== undefined ? ` — ${r.passed} passed, ${r.failed} failed` : '';
      console.log(
        `━━━ ${r.code === 0 ? 'PASS' : 'FAIL'} ${r.name}${r.on ? ` on ${r.on}` : ''} (${r.seconds.toFixed(1)}s)${counts}`,
      );
    };
    const pump = () => {
      const anyFailed = [...results.values()].some((r) => r.code !== 0);
      for (let i = 0; i < pending.length;) {
        const layer = pending[i];
        const deps = layer.after ?? [];
        const failedDep = deps.find((d) => results.has(d) && results.get(d).code !== 0);
        if (failedDep || (stopOnFailure && anyFailed)) {
          pending.splice(i, 1);
          const why = failedDep
            ? `not run: ${failedDep} failed`
            : 'not run: an earlier layer failed (--stop-on-failure)';
          const r = { name: layer.name, on: layer.on, code: 1, seconds: 0, failures: [why], notRun: true };
          results.set(layer.name, r);
          report(r);
          continue;
        }
        if (active.size < jobs && deps.every((d) => results.has(d))) {
          pending.splice(i, 1);
          active.add(layer.name);
          runLayer(layer, () => active.size > 1).then((r) => {
            active.delete(layer.name);
            results.set(layer.name, r);
            report(r);
            pump();
          });
          continue;
        }
        i++;
      }
      if (!pending.length && !active.size) done();
    };
    pump();
  });

  const ordered = layers.map((l) => results.get(l.name));
  console.log('\nSummary');
  for (const r of ordered) {
    const counts = r.passed !== undefined ? `${r.passed} passed, ${r.failed} failed` : '';
    const on = r.on ? `  (${r.on})` : '';
    console.log(
      `  ${r.code === 0 ? 'PASS' : 'FAIL'}  ${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(6)}s  ${counts}${on}`,
    );
    for (const f of r.failures) console.log(`        ✘ ${f}`);
    // A layer without test names (tsc, eslint, a build): its last lines say what failed.
    if (r.code !== 0 && !r.failures.length) for (const line of r.tail ?? []) console.log(`        ${line}`);
    if (r.code !== 0 && r.logFile) console.log(`        its whole output: ${path.relative(ROOT, r.logFile)}`);
  }
  const passed = ordered.reduce((n, r) => n + (r.passed ?? 0), 0);
  const failed = ordered.reduce((n, r) => n + (r.failed ?? (r.code === 0 ? 0 : 1)), 0);
  const sum = ordered.reduce((n, r) => n + r.seconds, 0);
  console.log(
    `  wall clock ${((Date.now() - started) / 1000).toFixed(1)}s (the layers' own times add up to ${sum.toFixed(1)}s; ${jobs} at a time)`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(ordered.every((r) => r.code === 0) && ordered.length > 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`[test] ${e.stack || e.message}`);
  process.exit(2);
});
