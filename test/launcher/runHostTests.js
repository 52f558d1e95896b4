#!/usr/bin/env node
// npm run test:host — the integration suites (test/integration, mocha TDD) inside a real VS Code
// extension host (code-server) with headless Chromium as the window, against a fresh sandbox.
// Options: --host 1.100|newest      the VS Code to run in (test/launcher/hosts.js; env KALLYAI_HOST, default 1.100)
//          --files smoke,commands   only these suites (basenames)      (env KALLYAI_TEST_FILES)
//          --grep <pattern>         only tests whose title matches      (env KALLYAI_TEST_GREP)
//          --timeout <ms>           per-test mocha timeout              (env KALLYAI_TEST_TIMEOUT_MS, default 60000)
//          --run-timeout <ms>       the whole run                       (env KALLYAI_HOST_TIMEOUT_MS, default 600000)
//          --no-build-extension     reuse dist/extension.js
//          --no-build-suite         reuse out/test/integration/ (npm test builds both once, for both hosts)
//          --verbose                the whole workbench console         (env VERBOSE=1)
// Exits with the suite's exit code; leaves no process behind (process groups, also on Ctrl-C).
'use strict';
const path = require('node:path');
const { buildExtension, buildSuite, ROOT } = require('./build');
const { startSandbox } = require('./sandbox');
const { runInHost, parseTotals } = require('./hostRun');
const { onCleanup, runCleanups } = require('./processes');
const { hostFromArgv } = require('./hosts');

function option(name, envName) {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return envName ? process.env[envName] : undefined;
}

let host;
try {
  host = hostFromArgv();
} catch (e) {
  console.error(`[host] ${e.message}`);
  process.exit(2);
}

async function main() {
  const t0 = Date.now();
  console.log(
    `[host] VS Code host: ${host.label} — code-server ${host.codeServer} on ${host.node ? `Node ${host.node}` : `this Node (${process.version})`}`,
  );
  if (!process.argv.includes('--no-build-extension')) buildExtension();
  if (!process.argv.includes('--no-build-suite')) await buildSuite();
  const sandbox = await startSandbox({
    autoApprove: true,
    timeScale: Number(process.env.KALLYAI_SANDBOX_TIME_SCALE) || 100,
  });
  onCleanup(() => sandbox.stop());
  console.log(`[host] sandbox at ${sandbox.url}`);
  const env = {
    KALLYAI_SANDBOX_URL: sandbox.url,
    KALLYAI_HOST: host.name,
    KALLYAI_TEST_TIMEOUT_MS: option('timeout', 'KALLYAI_TEST_TIMEOUT_MS') ?? '',
    KALLYAI_TEST_GREP: option('grep', 'KALLYAI_TEST_GREP') ?? '',
    KALLYAI_TEST_FILES: option('files', 'KALLYAI_TEST_FILES') ?? '',
  };
  const { code, lines } = await runInHost({
    host,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out/test/integration/index.js'),
    settings: { 'kallyai.apiBaseUrl': sandbox.url },
    env,
    timeoutMs: Number(option('run-timeout', 'KALLYAI_HOST_TIMEOUT_MS')) || 600_000,
    verbose: process.argv.includes('--verbose') || !!process.env.VERBOSE,
  });
  await runCleanups();
  const totals = parseTotals(lines);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const name = `host@${host.name}`;
  if (totals)
    console.log(
      `[summary] ${name} passed=${totals.passed} failed=${totals.failed} pending=${totals.pending} exit=${code} (${host.label}, ${seconds}s)`,
    );
  else
    console.log(
      `[summary] ${name} passed=0 failed=1 exit=${code} (${host.label}; no totals: the suite did not finish; ${seconds}s)`,
    );
  // The workbench may hand back 0 when the extension host went away mid-suite: no totals is a failure.
  return totals ? code : code || 1;
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    console.error(`[host] ${e.stack || e.message}`);
    await runCleanups();
    process.exit(2);
  },
);
