#!/usr/bin/env node
// npm run demo — KallyAI in a real VS Code in your browser, against the local sandbox, no account:
//   1. packages the extension (vsce package, production build),
//   2. starts the sandbox with its seeded data (port 8790 if free; calls run 10× faster),
//   3. starts code-server 4.100.3 on 127.0.0.1 (port 8080 if free) with the extension installed and
//      kallyai.apiBaseUrl pointing at the sandbox,
//   4. prints the address to open. Ctrl-C stops everything it started (process groups), nothing is left.
// Options: --port N (code-server), --sandbox-port N, --time-scale K (default 10), --inbound-every S
// (an inbound call every S seconds or so, default 120),
// --sign-in-page (show the sandbox's "Sign in as the demo user" page instead of approving at once).
// Sign-in in the browser goes through code-server's port proxy (<code-server>/proxy/<port>/), as it
// would on a remote machine.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setInterval, clearInterval } = require('node:timers');
const { startSandbox } = require('../test/launcher/sandbox');
const { startCodeServer, ensureCodeServer } = require('../test/launcher/codeServer');
const { freePort, onCleanup, runCleanups, isShuttingDown } = require('../test/launcher/processes');

const ROOT = path.resolve(__dirname, '..');
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

async function main() {
  ensureCodeServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kallyai-demo-'));
  onCleanup(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const vsix = path.join(tmp, 'kallyai.vsix');
  console.log('[demo] packaging the extension…');
  const pack = spawnSync(
    path.join(ROOT, 'node_modules/.bin/vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (pack.status !== 0) throw new Error(`vsce package failed:\n${pack.stdout}\n${pack.stderr}`);

  const sandbox = await startSandbox({
    port: await freePort(Number(arg('sandbox-port')) || 8790),
    autoApprove: !process.argv.includes('--sign-in-page'),
    timeScale: Number(arg('time-scale')) || 10,
    // Calls to your KallyAI number arrive now and then, to take over, transfer or let KallyAI answer.
    extraArgs: ['--inbound-every', String(Number(arg('inbound-every')) || 120)],
    echo: (line) => {
      if (!/listening on/.test(line)) console.log(`[sandbox] ${line}`);
    },
  });
  onCleanup(() => sandbox.stop());
  console.log(`[demo] sandbox: ${sandbox.url} (seeded demo data; sign in as demo@kallyai.test)`);

  const workspace = path.join(tmp, 'kallyai-demo');
  fs.mkdirSync(workspace);
  fs.writeFileSync(
    path.join(workspace, 'README.md'),
    '# KallyAI demo\n\nOpen the KallyAI icon in the activity bar and click **Sign in to KallyAI**: the sandbox signs you in as the demo user.\n' +
      `The extension talks to the sandbox at ${sandbox.url} (setting kallyai.apiBaseUrl).\n`,
  );
  const cs = await startCodeServer({
    port: await freePort(Number(arg('port')) || 8080),
    vsix: [vsix],
    settings: { 'kallyai.apiBaseUrl': sandbox.url, 'workbench.startupEditor': 'readme' },
    env: { KALLYAI_SANDBOX_URL: sandbox.url },
  });
  onCleanup(() => cs.stop());

  console.log('');
  console.log('  KallyAI demo is running. Open this address in a browser on this machine:');
  console.log('');
  console.log(`    ${cs.url}/?folder=${encodeURIComponent(workspace)}`);
  console.log('');
  console.log(
    '  Then click the KallyAI icon in the activity bar and "Sign in to KallyAI": the sandbox signs you in as the demo user.',
  );
  console.log(
    '  Test phone numbers: +12015550100 succeeds, +12015550101 no answer, +12015550102 busy (more in the README).',
  );
  console.log(
    `  A call to your KallyAI number arrives every two minutes or so; to have one now: curl -X POST ${sandbox.url}/sandbox/inbound-call`,
  );
  console.log('  Press Ctrl-C to stop the demo.');
  console.log('');
  // Stay up until Ctrl-C (processes.js stops the groups and exits), or until a server dies.
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      if (isShuttingDown()) {
        clearInterval(timer);
        return;
      } // Ctrl-C: processes.js stops everything and exits
      for (const [name, pid] of [
        ['sandbox', sandbox.pid],
        ['code-server', cs.pid],
      ]) {
        try {
          process.kill(pid, 0);
        } catch {
          console.error(`[demo] ${name} stopped unexpectedly`);
          clearInterval(timer);
          resolve();
        }
      }
    }, 1000);
  });
  await runCleanups();
  process.exit(1);
}

main().catch(async (e) => {
  console.error(`[demo] ${e.stack || e.message}`);
  await runCleanups();
  process.exit(1);
});
