#!/usr/bin/env node
// npm run test:e2e — end-to-end checks of the real workbench: the extension is packaged
// (vsce package --no-dependencies) and installed into a fresh code-server, whose workbench
// headless Chromium opens; each test/e2e/*.e2e.js (or .e2e.ts) drives it with playwright-core.
// Every script gets its own code-server and browser; the sandbox is shared and reset in between.
// A script exports `async function (ctx)` (or `{ run }`) where ctx = { page, host, workbenchUrl,
// openUrl, workspaceFolder, sandboxUrl, locale, screenshot(name), log(msg) }. Screenshots go to test-results/
// (git-ignored; on a host other than 1.100 their names end in -<host>); a failing script also leaves
// test-results/<name>-failure.png.
// A script that runs the workbench in another display language exports `{ run, locale: 'es' }`:
// its code-server starts in that language (startCodeServer's `locale`) and Chromium with it.
// A script that exercises what only some hosts have exports `{ run, needs: 'chatView' }` (a feature
// of test/launcher/hosts.js); the runner selects it on the hosts that have it and prints where it
// does not run and what covers that host instead — by design, not a skip.
// A script that needs a stand-in for another extension a person may have beside KallyAI exports
// `fixtures: ['tool-caller']`: each test/e2e/fixtures/<name>/ is packaged once per run and installed
// beside KallyAI for that script only.
// README pictures: a script calls readmeScreenshot(ctx, '<feature>') from ./lib at the moment worth
// showing; the picture goes to test-results/readme/<feature>.png and, with --readme-screenshots and
// only when the whole script passes, to media/screenshots/<feature>.png (without the flag a test
// run leaves the tracked pictures alone).
// The .vsix is made with the flags of `npm run package` (package.json) and must come without a vsce warning.
// Options: --host 1.100|newest    the VS Code to run in (test/launcher/hosts.js; env KALLYAI_HOST, default 1.100)
//          --only smoke,signin     only these scripts
//          --readme-screenshots    copy the README pictures of the scripts that pass to media/screenshots/
//          --dev                   load the extension from this folder (extensionDevelopmentPath, the
//                                  current dist/) instead of packaging and installing the .vsix
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startSandbox } = require('./sandbox');
const { startCodeServer } = require('./codeServer');
const { launchBrowser, forwardConsole } = require('./browser');
const { onCleanup, runCleanups } = require('./processes');
const { hostFromArgv, FEATURES } = require('./hosts');

const ROOT = path.resolve(__dirname, '../..');
const RESULTS = path.join(ROOT, 'test-results');
const VSIX = path.join(RESULTS, 'kallyai-e2e.vsix');

const FIXTURES = path.join(ROOT, 'test/e2e/fixtures');
const fixtureVsix = new Map();

/** test/e2e/fixtures/<name>/ as a .vsix in test-results/ (packaged once per run). */
function packageFixture(name) {
  if (fixtureVsix.has(name)) return fixtureVsix.get(name);
  const dir = path.join(FIXTURES, name);
  if (!fs.existsSync(path.join(dir, 'package.json'))) throw new Error(`no test fixture extension ${path.relative(ROOT, dir)}`);
  const out = path.join(RESULTS, `fixture-${name}.vsix`);
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`vsce package of the fixture ${name} failed:\n${r.stdout}\n${r.stderr}`);
  fixtureVsix.set(name, out);
  return out;
}

/** The arguments of `npm run package` after `vsce` (package.json is the one place they are decided). */
function packageArgs() {
  const script = require(path.join(ROOT, 'package.json')).scripts.package;
  const [bin, ...args] = script.trim().split(/\s+/);
  if (bin !== 'vsce' || args[0] !== 'package') throw new Error(`npm run package is "${script}", not vsce package`);
  return args;
}

function packageExtension() {
  // vsce runs the vscode:prepublish script (the production build) and packs what .vscodeignore lets
  // through; with no terminal to answer, a question (y/N) after a warning reads as No and fails.
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/vsce'), [...packageArgs(), '--out', VSIX],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`vsce package failed:\n${r.stdout}\n${r.stderr}`);
  if (/WARNING/.test(r.stdout + r.stderr)) throw new Error(`vsce package warned (the Marketplace listing needs it clean):\n${r.stdout}\n${r.stderr}`);
  return /Packaged: .*\((.*)\)/.exec(r.stdout)?.[1];
}

let host;
try { host = hostFromArgv(); } catch (e) { console.error(`[e2e] ${e.message}`); console.log('[summary] e2e passed=0 failed=1'); process.exit(2); }
const shotSuffix = host.name === '1.100' ? '' : `-${host.name}`;

/** @returns {{ fn: (ctx: object) => Promise<void>, needs?: string, fixtures: string[], locale?: string }} */
function loadScript(file) {
  if (file.endsWith('.ts')) require('tsx/cjs/api').register();
  const mod = require(file);
  const fn = typeof mod === 'function' ? mod : mod.run || mod.default;
  if (typeof fn !== 'function') throw new Error(`${path.basename(file)} exports no function`);
  const needs = typeof mod === 'function' ? undefined : mod.needs;
  if (needs !== undefined && !FEATURES[needs]) throw new Error(`${path.basename(file)} needs "${needs}", which test/launcher/hosts.js does not define`);
  const fixtures = (typeof mod === 'function' ? undefined : mod.fixtures) ?? [];
  /** The display language it asks for; undefined: English, as always. */
  const locale = typeof mod === 'object' && typeof mod.locale === 'string' ? mod.locale : undefined;
  return { fn, needs, fixtures, locale };
}

async function runScript(file, { fn, fixtures, locale }, sandbox) {
  const name = path.basename(file).replace(/\.e2e\.[jt]s$/, '');
  const t0 = Date.now();
  await fetch(`${sandbox.url}/sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => {});
  const dev = process.argv.includes('--dev');
  const cs = await startCodeServer({
    host,
    locale,
    vsix: [...(dev ? [] : [VSIX]), ...fixtures.map(packageFixture)],
    payload: dev,
    settings: { 'kallyai.apiBaseUrl': sandbox.url },
    env: { KALLYAI_SANDBOX_URL: sandbox.url },
  });
  let browser;
  let ok = false;
  const readmeShots = [];
  const stopAll = async () => { await browser?.close(); await cs.stop({ saveLogAs: ok ? undefined : path.join(RESULTS, `e2e-${name}-code-server.log`) }); };
  const unregister = onCleanup(stopAll);
  try {
    // Every script's window, and so the README pictures' size.
    browser = await launchBrowser({ profileDir: cs.chromeDir, locale, viewport: { width: 1440, height: 960 } });
    const { page } = browser;
    page.setDefaultTimeout(30_000);
    forwardConsole(page, { verbose: !!process.env.VERBOSE, onLine: (l) => console.log(`  [${name}] ${l}`) });
    const payload = dev ? `&payload=${encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', cs.remote(ROOT)]]))}` : '';
    const ctx = {
      page, host, workbenchUrl: cs.url, workspaceFolder: cs.workspaceFolder, sandboxUrl: sandbox.url, locale: cs.locale,
      /** The address that opens the workbench on the run's folder (with the extension loaded). */
      openUrl: `${cs.url}/?folder=${encodeURIComponent(cs.workspaceFolder)}${payload}`,
      screenshot: async (shot) => {
        const file = path.join(RESULTS, `${shot}${shotSuffix}.png`);
        await page.screenshot({ path: file });
        console.log(`  [${name}] screenshot ${path.relative(ROOT, file)}`);
        return file;
      },
      /** A README picture of `feature`: test-results/readme/<feature>.png, copied to media/screenshots/
       *  when the script passes and --readme-screenshots is given. Call it through lib.readmeScreenshot. */
      readmeScreenshot: async (feature) => {
        const file = path.join(RESULTS, 'readme', `${feature}${shotSuffix}.png`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await page.screenshot({ path: file });
        readmeShots.push({ feature, file });
        console.log(`  [${name}] README picture ${path.relative(ROOT, file)}`);
        return file;
      },
      log: (m) => console.log(`  [${name}] ${m}`),
    };
    await fn(ctx);
    ok = true;
    if (process.argv.includes('--readme-screenshots')) {
      for (const shot of readmeShots) {
        const to = path.join(ROOT, 'media/screenshots', `${shot.feature}.png`);
        fs.copyFileSync(shot.file, to);
        console.log(`  [${name}] README picture → ${path.relative(ROOT, to)}`);
      }
    }
    console.log(`✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  } catch (e) {
    console.log(`✘ ${name}: ${e.stack || e.message}`);
    console.log(`[failed] ${name}: ${String(e.message || e).split('\n')[0].slice(0, 300)}`);
    if (browser) await browser.page.screenshot({ path: path.join(RESULTS, `${name}-failure${shotSuffix}.png`) }).catch(() => {});
  } finally {
    unregister();
    await stopAll();
  }
  return ok;
}

async function main() {
  const t0 = Date.now();
  fs.mkdirSync(RESULTS, { recursive: true });
  const onlyArg = process.argv.indexOf('--only');
  const only = onlyArg >= 0 ? process.argv[onlyArg + 1].split(',') : undefined;
  const dir = path.join(ROOT, 'test/e2e');
  const all = fs.readdirSync(dir).filter((f) => /\.e2e\.[jt]s$/.test(f))
    .filter((f) => !only || only.includes(f.replace(/\.e2e\.[jt]s$/, ''))).sort().map((f) => path.join(dir, f));
  console.log(`[e2e] VS Code host: ${host.label} — code-server ${host.codeServer} on ${host.node ? `Node ${host.node}` : `this Node (${process.version})`}`);
  const scripts = [];
  for (const file of all) {
    const script = loadScript(file);
    const { needs } = script;
    const name = path.basename(file).replace(/\.e2e\.[jt]s$/, '');
    if (needs && !host[needs]) {
      console.log(`[e2e] ${name}: not for this host — it needs ${FEATURES[needs].what}, which ${host.label} lacks (${FEATURES[needs].coveredBy})`);
      continue;
    }
    if (needs) console.log(`[e2e] ${name}: selected — ${host.label} has ${FEATURES[needs].what}`);
    scripts.push({ file, script });
  }
  if (scripts.length === 0) throw new Error(`no test/e2e/*.e2e.js scripts to run on ${host.label}`);
  if (process.argv.includes('--dev')) {
    console.log('[e2e] --dev: the extension loads from this folder (dist/)');
    if (host.payloadServerArgs) console.log(`[e2e] --dev on ${host.label}: its workbench reads the payload only with the smoke-test driver on, which shows no notification toasts: scripts that read one fail there (run them without --dev)`);
  } else {
    const size = packageExtension();
    console.log(`[e2e] packaged ${path.relative(ROOT, VSIX)}${size ? ` (${size})` : ''}, no vsce warning`);
  }
  const sandbox = await startSandbox({ autoApprove: true, timeScale: Number(process.env.KALLYAI_SANDBOX_TIME_SCALE) || 100 });
  onCleanup(() => sandbox.stop());
  console.log(`[e2e] sandbox at ${sandbox.url}; ${scripts.length} script(s)`);
  let passed = 0, failed = 0;
  for (const s of scripts) {
    if (await runScript(s.file, s.script, sandbox)) passed++;
    else failed++;
  }
  await runCleanups();
  console.log(`[summary] e2e@${host.name} passed=${passed} failed=${failed} (${host.label}, ${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  return failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), async (e) => {
  console.error(`[e2e] ${e.stack || e.message}`);
  await runCleanups();
  console.log(`[summary] e2e@${host.name} passed=0 failed=1 (${host.label})`);
  process.exit(2);
});
