#!/usr/bin/env node
// npm run test:e2e — end-to-end checks of the real workbench: the extension is packaged
// (vsce package --no-dependencies) and installed into code-server, whose workbench headless
// Chromium opens; each test/e2e/*.e2e.js (or .e2e.ts) drives it with playwright-core.
//
// Workbenches. Most scripts share ONE workbench per run (per host): it is started, opened and
// signed in once; before each script the runner resets it (lib.resetSharedWorkbench: the sandbox
// back at its seed data with no faults and an empty request log, every editor closed, nothing
// open in front — quick input, menu, dialog —, the KallyAI side bar with its views open and folded
// as at start and refreshed, no notification). A script that needs a workbench of its own — signed
// out at start, another display language, a fixture extension that changes the workbench, a layout
// it changes for good — exports `{ run, fresh: true }` (a `locale` implies it): it gets its own
// code-server and browser, starts signed out on a sandbox reset to its seed data, and opens the
// workbench itself (lib.openWorkbench). The shared ones run first, then the fresh ones. When a
// shared script fails, the shared workbench is stopped and the next script gets a new one.
// A script exports `async function (ctx)` (or `{ run }`) where ctx = { page, host, workbench
// ('shared' | 'fresh'), workbenchUrl, openUrl, workspaceFolder, sandboxUrl, locale, screenshot(name),
// log(msg) }. Screenshots go to test-results/ (git-ignored; on a host other than 1.100 their names
// end in -<host>); a failing script leaves test-results/<name>-failure.png, its log
// test-results/e2e-<name>.log and code-server's test-results/e2e-<name>-code-server.log, and its
// `[failed]` line names them and what it waited for.
// A script that runs the workbench in another display language exports `{ run, locale: 'es' }`:
// its code-server starts in that language (startCodeServer's `locale`) and Chromium with it.
// A script that exercises what only some hosts have exports `{ run, needs: 'chatView' }` (a feature
// of test/launcher/hosts.js); the runner selects it on the hosts that have it and prints where it
// does not run and what covers that host instead — by design, not a skip.
// A script that needs a stand-in for another extension a person may have beside KallyAI exports
// `fixtures: ['tool-caller']`: each test/e2e/fixtures/<name>/ is packaged once per run and installed
// beside KallyAI (in the shared workbench, the fixtures of every shared script are installed).
// README pictures: a script calls readmeScreenshot(ctx, '<feature>') from ./lib at the moment worth
// showing; the picture goes to test-results/readme/<feature>.png and, with --readme-screenshots and
// only when the whole script passes, to media/screenshots/<feature>.png (without the flag a test
// run leaves the tracked pictures alone).
// The .vsix is made with the flags of `npm run package` (package.json) and must come without a vsce warning.
// Options: --host 1.100|newest    the VS Code to run in (test/launcher/hosts.js; env KALLYAI_HOST, default 1.100)
//          --only smoke,signin     only these scripts
//          --vsix <file>           install this .vsix (made by `npm test`'s package step) instead of packaging
//          --readme-screenshots    copy the README pictures of the scripts that pass to media/screenshots/
//          --dev                   load the extension from this folder (extensionDevelopmentPath, the
//                                  current dist/) instead of packaging and installing the .vsix
//          --all-fresh             every script in a workbench of its own (as before the shared one)
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startSandbox } = require('./sandbox');
const { startCodeServer } = require('./codeServer');
const { launchBrowser, forwardConsole } = require('./browser');
const { onCleanup, runCleanups } = require('./processes');
const { hostFromArgv, FEATURES } = require('./hosts');
const { packageExtension } = require('./package');

const ROOT = path.resolve(__dirname, '../..');
const RESULTS = path.join(ROOT, 'test-results');
const FIXTURES = path.join(ROOT, 'test/e2e/fixtures');
const lib = require('../e2e/lib');
/** The sandbox's time scale in e2e runs (KALLYAI_SANDBOX_TIME_SCALE to change it). */
const E2E_TIME_SCALE = 10;

let host;
try {
  host = hostFromArgv();
} catch (e) {
  console.error(`[e2e] ${e.message}`);
  console.log('[summary] e2e passed=0 failed=1');
  process.exit(2);
}
/** Screenshot and log names on a host other than 1.100 end in -<host> (two hosts may run at once). */
const shotSuffix = host.name === '1.100' ? '' : `-${host.name}`;
const argValue = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dev = process.argv.includes('--dev');
const allFresh = process.argv.includes('--all-fresh');
const rel = (p) => path.relative(ROOT, p);

const fixtureVsix = new Map();
/** test/e2e/fixtures/<name>/ as a .vsix in test-results/ (packaged once per run). */
function packageFixture(name) {
  if (fixtureVsix.has(name)) return fixtureVsix.get(name);
  const dir = path.join(FIXTURES, name);
  if (!fs.existsSync(path.join(dir, 'package.json'))) throw new Error(`no test fixture extension ${rel(dir)}`);
  const out = path.join(RESULTS, `fixture-${name}${shotSuffix}.vsix`);
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (r.status !== 0) throw new Error(`vsce package of the fixture ${name} failed:\n${r.stdout}\n${r.stderr}`);
  fixtureVsix.set(name, out);
  return out;
}

/** @returns {{ name: string, fn: (ctx: object) => Promise<void>, needs?: string, fixtures: string[], locale?: string, fresh: boolean }} */
function loadScript(file) {
  if (file.endsWith('.ts')) require('tsx/cjs/api').register();
  const mod = require(file);
  const name = path.basename(file).replace(/\.e2e\.[jt]s$/, '');
  const fn = typeof mod === 'function' ? mod : mod.run || mod.default;
  if (typeof fn !== 'function') throw new Error(`${path.basename(file)} exports no function`);
  const opts = typeof mod === 'function' ? {} : mod;
  const needs = opts.needs;
  if (needs !== undefined && !FEATURES[needs])
    throw new Error(`${path.basename(file)} needs "${needs}", which test/launcher/hosts.js does not define`);
  const fixtures = opts.fixtures ?? [];
  /** The display language it asks for; undefined: English, as always. */
  const locale = typeof opts.locale === 'string' ? opts.locale : undefined;
  // Another display language is another code-server: a workbench of its own.
  const fresh = allFresh || opts.fresh === true || locale !== undefined;
  return { name, fn, needs, fixtures, locale, fresh };
}

/** What one script printed (its ctx.log lines and the workbench console forwarded while it ran). */
class ScriptLog {
  constructor(name) {
    this.name = name;
    this.lines = [];
  }
  line(text) {
    this.lines.push(text);
    console.log(`  [${this.name}] ${text}`);
  }
  /** Kept for the failure's log only. */
  record(text) {
    this.lines.push(text);
  }
  save() {
    const file = path.join(RESULTS, `e2e-${this.name}${shotSuffix}.log`);
    fs.writeFileSync(file, `${this.lines.join('\n')}\n`);
    return file;
  }
}

/**
 * A workbench: code-server with the .vsix (and fixtures) installed, Chromium on it. `current` is
 * the script running in it (its log receives the forwarded console). Not yet opened: a fresh one is
 * opened by its script (lib.openWorkbench), the shared one by openShared.
 */
async function startWorkbench(sandbox, { locale, fixtures }) {
  const cs = await startCodeServer({
    host,
    locale,
    vsix: [...(dev ? [] : [vsixPath]), ...fixtures.map(packageFixture)],
    payload: dev,
    settings: { 'kallyai.apiBaseUrl': sandbox.url },
    env: { KALLYAI_SANDBOX_URL: sandbox.url },
  });
  const wb = { cs, browser: undefined, current: undefined, unregister: undefined, stopped: false };
  wb.stop = async ({ saveLogAs } = {}) => {
    if (wb.stopped) return;
    wb.stopped = true;
    wb.unregister?.();
    await wb.browser?.close();
    await cs.stop({ saveLogAs });
  };
  wb.unregister = onCleanup(() => wb.stop());
  try {
    // Every script's window, and so the README pictures' size.
    wb.browser = await launchBrowser({ profileDir: cs.chromeDir, locale, viewport: { width: 1440, height: 960 } });
  } catch (e) {
    await wb.stop();
    throw e;
  }
  const { page } = wb.browser;
  page.setDefaultTimeout(lib.CEILING_MS);
  forwardConsole(page, {
    verbose: !!process.env.VERBOSE,
    onLine: (l) => (wb.current ? wb.current.line(l) : console.log(`  [workbench] ${l}`)),
    onError: (l) => wb.current?.record(l),
  });
  const payload = dev
    ? `&payload=${encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', cs.remote(ROOT)]]))}`
    : '';
  wb.openUrl = `${cs.url}/?folder=${encodeURIComponent(cs.workspaceFolder)}${payload}`;
  return wb;
}

/** The ctx a script (or the runner's own steps) gets in workbench `wb`. */
function contextFor(wb, sandbox, log, kind, readmeShots) {
  const { page } = wb.browser;
  return {
    page,
    host,
    workbench: kind,
    workbenchUrl: wb.cs.url,
    sandboxAtReset: wb.sandboxAtReset,
    workspaceFolder: wb.cs.workspaceFolder,
    sandboxUrl: sandbox.url,
    locale: wb.cs.locale,
    /** The address that opens the workbench on the run's folder (with the extension loaded). */
    openUrl: wb.openUrl,
    screenshot: async (shot) => {
      const file = path.join(RESULTS, `${shot}${shotSuffix}.png`);
      await page.screenshot({ path: file });
      log.line(`screenshot ${rel(file)}`);
      return file;
    },
    /** A README picture of `feature`: test-results/readme/<feature>.png, copied to media/screenshots/
     *  when the script passes and --readme-screenshots is given. Call it through lib.readmeScreenshot. */
    readmeScreenshot: async (feature) => {
      const file = path.join(RESULTS, 'readme', `${feature}${shotSuffix}.png`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file });
      readmeShots.push({ feature, file });
      log.line(`README picture ${rel(file)}`);
      return file;
    },
    log: (m) => log.line(m),
  };
}

/** Starts the shared workbench: opened on the run's folder, the KallyAI side bar, signed in. */
async function openShared(sandbox, fixtures) {
  const t0 = Date.now();
  const log = new ScriptLog('shared workbench');
  await lib.resetSandbox({ sandboxUrl: sandbox.url });
  const wb = await startWorkbench(sandbox, { fixtures });
  wb.current = log;
  try {
    // Opened and signed in as a fresh workbench is; from then on it is the shared one.
    const ctx = contextFor(wb, sandbox, log, 'opening', []);
    await lib.startSignedIn(ctx);
    const tries = await lib.warmUpWebviews(ctx);
    if (tries > 1) console.log(`[e2e] the shared workbench's first page showed on try ${tries}`);
    await lib.viewsLoaded(ctx);
    if (await ctx.page.locator('.notification-toast').count()) await lib.clearNotifications(ctx.page);
    await lib.clearRequests(ctx); // the first script starts with an empty request log, as the others do
    wb.sandboxAtReset = JSON.stringify(await lib.sandboxState(ctx));
  } catch (e) {
    const shot = path.join(RESULTS, `shared-workbench-failure${shotSuffix}.png`);
    await wb.browser.page.screenshot({ path: shot }).catch(() => {});
    await wb.stop({ saveLogAs: path.join(RESULTS, `e2e-shared-workbench-code-server${shotSuffix}.log`) });
    throw new Error(
      `the shared workbench did not open and sign in: ${String(e.message).split('\n')[0]} (screenshot ${rel(shot)}, log ${rel(log.save())})`,
      { cause: e },
    );
  }
  console.log(
    `[e2e] shared workbench up and signed in (${((Date.now() - t0) / 1000).toFixed(1)}s)${fixtures.length ? `, with the fixtures ${fixtures.join(', ')}` : ''}`,
  );
  return wb;
}

/** Copies the KallyAI output channel's log of workbench `wb` (code-server writes each output
 *  channel to a file under the user data's logs/) to `to`; returns `to`, or undefined when none. */
function saveExtensionLog(wb, to) {
  const logs = path.join(wb.cs.tmp, 'ud', 'logs');
  if (!fs.existsSync(logs)) return undefined;
  const found = fs
    .readdirSync(logs, { recursive: true })
    .map(String)
    .filter((f) => /KallyAI\.log$/i.test(path.basename(f)));
  if (!found.length) return undefined;
  fs.writeFileSync(to, found.map((f) => `== ${f}\n${fs.readFileSync(path.join(logs, f), 'utf8')}`).join('\n'));
  return to;
}

/** The first line of a failure, and what it waited for: a WaitTimeout says it; a playwright timeout
 *  names its locator in its call log ("waiting for locator(…) to be visible"). */
function describeFailure(e) {
  // eslint-disable-next-line no-control-regex
  const text = String(e?.message ?? e).replace(/\u001b\[[0-9;]*m/g, '');
  const first = text.split('\n')[0].slice(0, 300);
  if (e?.what) return first;
  const waiting = /^\s*-\s*waiting for (.*)$/m.exec(text)?.[1];
  return waiting ? `${first} — waited for ${waiting.slice(0, 300)}` : first;
}

/**
 * Runs one script in workbench `wb` (the shared one, or a fresh one it opens itself); returns
 * whether it passed. A failure leaves its screenshot, its log and code-server's log in
 * test-results/ and one `[failed] name: what — screenshot …, log …` line.
 */
async function runScript(script, wb, sandbox, kind) {
  const { name, fn } = script;
  const t0 = Date.now();
  const log = new ScriptLog(name);
  wb.current = log;
  const readmeShots = [];
  const ctx = contextFor(wb, sandbox, log, kind, readmeShots);
  wb.sandboxAtReset = undefined; // one script's
  try {
    await fn(ctx);
  } catch (e) {
    const shot = path.join(RESULTS, `${name}-failure${shotSuffix}.png`);
    await wb.browser.page.screenshot({ path: shot }).catch(() => {});
    log.line(`FAILED: ${e?.stack || e}`);
    const csLog = path.join(RESULTS, `e2e-${name}-code-server${shotSuffix}.log`);
    fs.copyFileSync(wb.cs.logFile, csLog);
    const extLog = saveExtensionLog(wb, path.join(RESULTS, `e2e-${name}-kallyai${shotSuffix}.log`));
    console.log(`✘ ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s, ${kind} workbench): ${e?.stack || e}`);
    console.log(
      `[failed] ${name}: ${describeFailure(e)} — screenshot ${rel(shot)}, log ${rel(log.save())}${extLog ? `, KallyAI's log ${rel(extLog)}` : ''}, code-server log ${rel(csLog)}`,
    );
    return false;
  } finally {
    wb.current = undefined;
  }
  if (process.argv.includes('--readme-screenshots')) {
    for (const shot of readmeShots) {
      const to = path.join(ROOT, 'media/screenshots', `${shot.feature}.png`);
      fs.copyFileSync(shot.file, to);
      log.line(`README picture → ${rel(to)}`);
    }
  }
  console.log(`✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s, ${kind} workbench)`);
  return true;
}

let vsixPath;

async function main() {
  const t0 = Date.now();
  fs.mkdirSync(RESULTS, { recursive: true });
  const onlyArg = argValue('--only');
  const only = onlyArg ? onlyArg.split(',') : undefined;
  const dir = path.join(ROOT, 'test/e2e');
  const all = fs
    .readdirSync(dir)
    .filter((f) => /\.e2e\.[jt]s$/.test(f))
    .filter((f) => !only || only.includes(f.replace(/\.e2e\.[jt]s$/, '')))
    .sort()
    .map((f) => path.join(dir, f));
  console.log(
    `[e2e] VS Code host: ${host.label} — code-server ${host.codeServer} on ${host.node ? `Node ${host.node}` : `this Node (${process.version})`}`,
  );
  const scripts = [];
  for (const file of all) {
    const script = loadScript(file);
    const { needs, name } = script;
    if (needs && !host[needs]) {
      console.log(
        `[e2e] ${name}: not for this host — it needs ${FEATURES[needs].what}, which ${host.label} lacks (${FEATURES[needs].coveredBy})`,
      );
      continue;
    }
    if (needs) console.log(`[e2e] ${name}: selected — ${host.label} has ${FEATURES[needs].what}`);
    scripts.push(script);
  }
  if (scripts.length === 0) throw new Error(`no test/e2e/*.e2e.js scripts to run on ${host.label}`);
  if (dev) {
    console.log('[e2e] --dev: the extension loads from this folder (dist/)');
    if (host.payloadServerArgs)
      console.log(
        `[e2e] --dev on ${host.label}: its workbench reads the payload only with the smoke-test driver on, which shows no notification toasts: scripts that read one fail there (run them without --dev)`,
      );
  } else if (argValue('--vsix')) {
    vsixPath = path.resolve(argValue('--vsix'));
    if (!fs.existsSync(vsixPath)) throw new Error(`--vsix ${vsixPath}: no such file`);
    console.log(`[e2e] installs ${rel(vsixPath)}`);
  } else {
    vsixPath = path.join(RESULTS, `kallyai-e2e${shotSuffix}.vsix`);
    const size = packageExtension(vsixPath);
    console.log(`[e2e] packaged ${rel(vsixPath)}${size ? ` (${size})` : ''}, no vsce warning`);
  }
  // Time scale 10: a call takes a tenth of its simulated length (the usual 90.6 s call 9 s), and the
  // long call a script stops from its progress notification runs a minute, room enough for a busy
  // machine to reach its Cancel (at 100 it ran 6 s, and under load it had ended first).
  const sandbox = await startSandbox({
    autoApprove: true,
    timeScale: Number(process.env.KALLYAI_SANDBOX_TIME_SCALE) || E2E_TIME_SCALE,
  });
  onCleanup(() => sandbox.stop());
  const shared = scripts.filter((s) => !s.fresh);
  const fresh = scripts.filter((s) => s.fresh);
  console.log(
    `[e2e] sandbox at ${sandbox.url}; ${scripts.length} script(s): ${shared.length} in the shared workbench (${shared.map((s) => s.name).join(', ') || '—'}), ${fresh.length} in their own (${fresh.map((s) => s.name).join(', ') || '—'})`,
  );
  let passed = 0,
    failed = 0;

  // 1. The shared workbench: opened and signed in once, reset before each script, started anew after a failure.
  const sharedFixtures = [...new Set(shared.flatMap((s) => s.fixtures))];
  let wb;
  for (const script of shared) {
    let ok = false;
    try {
      if (wb) {
        try {
          const t0 = Date.now();
          const reset = await lib.resetSharedWorkbench(
            contextFor(wb, sandbox, new ScriptLog(`reset before ${script.name}`), 'shared', []),
          );
          wb.sandboxAtReset = reset.sandboxAtReset;
          console.log(`[e2e] shared workbench reset (${((Date.now() - t0) / 1000).toFixed(1)}s: ${reset.steps})`);
        } catch (e) {
          const shot = path.join(RESULTS, `reset-before-${script.name}-failure${shotSuffix}.png`);
          await wb.browser.page.screenshot({ path: shot }).catch(() => {});
          console.log(
            `[e2e] resetting the shared workbench before ${script.name} failed (${describeFailure(e)}; screenshot ${rel(shot)}): starting a new one`,
          );
          await wb.stop({
            saveLogAs: path.join(RESULTS, `e2e-reset-before-${script.name}-code-server${shotSuffix}.log`),
          });
          wb = undefined;
        }
      }
      wb ??= await openShared(sandbox, sharedFixtures);
      ok = await runScript(script, wb, sandbox, 'shared');
    } catch (e) {
      console.log(`✘ ${script.name}: ${e?.stack || e}`);
      console.log(`[failed] ${script.name}: ${describeFailure(e)}`);
    }
    if (ok) passed++;
    else {
      failed++;
      // What the failed script left behind is no state for the next one.
      await wb?.stop();
      wb = undefined;
    }
  }
  await wb?.stop();

  // 2. The scripts with a workbench of their own, each on a sandbox reset to its seed data.
  for (const script of fresh) {
    let ok = false;
    let own;
    try {
      const t0 = Date.now();
      await lib.resetSandbox({ sandboxUrl: sandbox.url });
      own = await startWorkbench(sandbox, { locale: script.locale, fixtures: script.fixtures });
      console.log(`[e2e] a workbench of its own for ${script.name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
      ok = await runScript(script, own, sandbox, 'fresh');
    } catch (e) {
      console.log(`✘ ${script.name}: ${e?.stack || e}`);
      console.log(`[failed] ${script.name}: ${describeFailure(e)}`);
    } finally {
      await own?.stop();
    }
    if (ok) passed++;
    else failed++;
  }
  await runCleanups();
  console.log(
    `[summary] e2e@${host.name} passed=${passed} failed=${failed} (${host.label}, ${((Date.now() - t0) / 1000).toFixed(1)}s)`,
  );
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    console.error(`[e2e] ${e.stack || e.message}`);
    await runCleanups();
    console.log(`[failed] e2e@${host.name}: ${String(e.message).split('\n')[0]}`);
    console.log(`[summary] e2e@${host.name} passed=0 failed=1 (${host.label})`);
    process.exit(2);
  },
);
