// Runs a compiled test/bench suite (extensionTestsPath) inside code-server's real Node extension
// host with headless Chromium as the window, against an already started sandbox, and returns
// the exit code the workbench hands to window.codeAutomationExit.
'use strict';
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const { startCodeServer } = require('./codeServer');
const { launchBrowser, forwardConsole } = require('./browser');
const { onCleanup } = require('./processes');

/**
 * `host`: one of ./hosts.js resolved (default: env KALLYAI_HOST, else 1.100).
 * @param {{ extensionDevelopmentPath: string, extensionTestsPath: string, settings?: object, env?: object, host?: object,
 *           timeoutMs?: number, verbose?: boolean, onLine?: (line: string) => void, label?: string }} opts
 * @returns {Promise<{ code: number, lines: string[], ms: number }>}
 */
async function runInHost(opts) {
  const t0 = Date.now();
  const label = opts.label ?? 'host';
  const lap = (m) => console.log(`[${label} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  const lines = [];
  const cs = await startCodeServer({ host: opts.host, settings: opts.settings, env: opts.env, payload: true });
  let browser;
  const results = path.join(ROOT, 'test-results');
  const artifacts = {
    screenshot: path.join(results, `${label}-${cs.host.name}-failure.png`),
    log: path.join(results, `${label}-${cs.host.name}.log`),
    codeServerLog: path.join(results, `${label}-${cs.host.name}-code-server.log`),
  };
  /** On a failure: the window as the suite left it, what the extension host printed, code-server's log. */
  const keepArtifacts = async () => {
    require('node:fs').mkdirSync(results, { recursive: true });
    await browser?.page.screenshot({ path: artifacts.screenshot }).catch(() => {
      artifacts.screenshot = undefined;
    });
    require('node:fs').writeFileSync(artifacts.log, `${lines.join('\n')}\n`);
    const rel = (p) => path.relative(ROOT, p);
    console.log(
      `[failed] ${label}@${cs.host.name} left: ${artifacts.screenshot ? `screenshot ${rel(artifacts.screenshot)}, ` : ''}extension host log ${rel(artifacts.log)}, code-server log ${rel(artifacts.codeServerLog)}`,
    );
  };
  const stopAll = async (failed) => {
    if (failed)
      await keepArtifacts().catch((e) => console.error(`[${label}] keeping the failure's artifacts: ${e.message}`));
    await browser?.close();
    await cs.stop({ saveLogAs: failed ? artifacts.codeServerLog : undefined });
  };
  const unregister = onCleanup(() => stopAll(true));
  let code = 1;
  try {
    lap(`code-server ${cs.host.codeServer} (host ${cs.host.label}) up at ${cs.url} (pgid ${cs.pid})`);
    browser = await launchBrowser({ profileDir: cs.chromeDir });
    const { page } = browser;
    const exited = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (c) => resolve(Number(c)));
    });
    forwardConsole(page, {
      verbose: opts.verbose ?? !!process.env.VERBOSE,
      onLine: (line) => {
        lines.push(line);
        (opts.onLine ?? console.log)(line);
      },
    });
    const payload = [
      ['extensionDevelopmentPath', cs.remote(opts.extensionDevelopmentPath)],
      ['extensionTestsPath', cs.remote(opts.extensionTestsPath)],
    ];
    await page.goto(
      `${cs.url}/?folder=${encodeURIComponent(cs.workspaceFolder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    lap('workbench loaded; the suite runs in the extension host');
    const timeoutMs = opts.timeoutMs ?? 300_000;
    let timer;
    code = await Promise.race([
      exited,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no codeAutomationExit within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    lap(`extension host finished, exit code ${code}`);
  } catch (e) {
    console.error(`[${label}] RUNNER ERROR: ${e.message}`);
    code = 2;
  } finally {
    unregister();
    await stopAll(code !== 0);
  }
  return { code, lines, ms: Date.now() - t0 };
}

/** Parses the `[kallyai-tests] files=… passed=N failed=N pending=N` line of test/integration/index.ts. */
function parseTotals(lines) {
  for (const line of [...lines].reverse()) {
    const m = /\[kallyai-tests\] files=(\d+) passed=(\d+) failed=(\d+) pending=(\d+)/.exec(line);
    if (m) return { files: +m[1], passed: +m[2], failed: +m[3], pending: +m[4] };
  }
  return undefined;
}

module.exports = { runInHost, parseTotals, ROOT };
