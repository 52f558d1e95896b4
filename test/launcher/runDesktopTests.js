#!/usr/bin/env node
// npm run test:desktop — launcher 2: the same compiled mocha suite (out/test/integration) in desktop
// VS Code through @vscode/test-electron, for people who have desktop VS Code. It downloads VS Code
// (set VSCODE_EXECUTABLE to use an installed one, KALLYAI_VSCODE_VERSION to pick a version; default
// 1.100.3, the engines minimum); it cannot run on machines without the VS Code update server or a
// display, so it is not part of `npm test`. Starts the sandbox like runHostTests.js does.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { buildExtension, buildSuite, ROOT } = require('./build');
const { startSandbox } = require('./sandbox');
const { BASE_SETTINGS } = require('./codeServer');
const { onCleanup, runCleanups } = require('./processes');

async function main() {
  buildExtension();
  await buildSuite();
  const sandbox = await startSandbox({ autoApprove: true, timeScale: 100 });
  onCleanup(() => sandbox.stop());
  console.log(`[desktop] sandbox at ${sandbox.url}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kallyai-desktop-'));
  onCleanup(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  for (const d of ['ud/User', 'exts', 'ws']) fs.mkdirSync(path.join(tmp, d), { recursive: true });
  fs.writeFileSync(
    path.join(tmp, 'ud/User/settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, 'kallyai.apiBaseUrl': sandbox.url }, null, 2),
  );
  const code = await runTests({
    version: process.env.KALLYAI_VSCODE_VERSION || '1.100.3',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out/test/integration/index.js'),
    extensionTestsEnv: {
      KALLYAI_SANDBOX_URL: sandbox.url,
      KALLYAI_TEST_TIMEOUT_MS: process.env.KALLYAI_TEST_TIMEOUT_MS || '',
      KALLYAI_TEST_GREP: process.env.KALLYAI_TEST_GREP || '',
      KALLYAI_TEST_FILES: process.env.KALLYAI_TEST_FILES || '',
    },
    launchArgs: [
      path.join(tmp, 'ws'),
      '--user-data-dir',
      path.join(tmp, 'ud'),
      '--extensions-dir',
      path.join(tmp, 'exts'),
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  }).then(
    () => 0,
    (e) => {
      console.error(`[desktop] ${e && e.message ? e.message : e}`);
      return 1;
    },
  );
  await runCleanups();
  return code;
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    console.error(`[desktop] ${e.stack || e.message}`);
    await runCleanups();
    process.exit(1);
  },
);
