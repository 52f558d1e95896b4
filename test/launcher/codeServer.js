// code-server as a real VS Code host: one of the hosts of ./hosts.js (1.100 = code-server 4.100.3, the
// oldest supported; newest = the newest release, on Node 24), installed once into a git-ignored
// cache by scripts/install-code-server.sh, then started per run with fresh user-data, extensions
// and XDG folders, on a free 127.0.0.1 port, in its own process group, by the host's own Node.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { freePort, sleep, stopGroup, trackGroup } = require('./processes');
const { makeLanguagePack, registerLanguagePacks } = require('./languagePack');
const { resolveHost } = require('./hosts');

const ROOT = path.resolve(__dirname, '../..');

function installed(host) {
  return (
    fs.existsSync(path.join(host.dir, '.installed')) &&
    fs.existsSync(host.entry) &&
    (!host.nodeDir || (fs.existsSync(path.join(host.nodeDir, '.installed')) && fs.existsSync(host.nodeBinary)))
  );
}

/**
 * Installs the host into the cache if it is not there yet (first run on 2 cores: 1.100 ~1.5 min, newest ~3.5 min).
 * @param {ReturnType<typeof resolveHost>} [host] default: env KALLYAI_HOST, else 1.100
 */
function ensureCodeServer(host = resolveHost()) {
  if (installed(host)) return host;
  console.log(
    `[launcher] installing code-server ${host.codeServer} (host ${host.label}) into ${path.relative(ROOT, host.dir)} (first run only)…`,
  );
  const r = spawnSync('bash', [path.join(ROOT, 'scripts/install-code-server.sh'), host.name], { stdio: 'inherit' });
  if (r.status !== 0 || !installed(host))
    throw new Error(`installing code-server ${host.codeServer} failed (exit ${r.status})`);
  return host;
}

const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

/** A fresh temp root for one run: ud/ (user data), exts/, xdg/, chrome/, ws/ (the opened folder). */
function makeRunDirs(prefix = 'kallyai-cs-') {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const d of ['ud/User', 'exts', 'xdg', 'chrome', 'ws']) fs.mkdirSync(path.join(tmp, d), { recursive: true });
  return tmp;
}

function csEnv(tmp, env) {
  return {
    ...process.env,
    EXTENSIONS_GALLERY: '{}', // no marketplace look-ups
    ...env,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg'),
    XDG_DATA_HOME: path.join(tmp, 'xdg'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg'),
  };
}

function commonArgs(tmp) {
  return ['--config', '/dev/null', '--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', path.join(tmp, 'exts')];
}

/** `code-server --install-extension <vsix>` into the run's extensions folder (~1 s). */
function installExtension(tmp, vsix, host = resolveHost()) {
  const r = spawnSync(host.nodeBinary, [host.entry, ...commonArgs(tmp), '--install-extension', vsix, '--force'], {
    env: csEnv(tmp, {}),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/**
 * Starts code-server. `settings` are merged into the user settings (e.g. kallyai.apiBaseUrl);
 * `env` reaches the extension host (e.g. KALLYAI_SANDBOX_URL).
 * `host` is one of ./hosts.js resolved (default: env KALLYAI_HOST, else 1.100).
 * `payload`: the workbench will be opened with a URL payload (extensionDevelopmentPath,
 * extensionTestsPath), so the server gets the flags the host needs to read it (hosts.js).
 * `locale` (e.g. "es") is the workbench's display language: code-server gets `--locale`, and a
 * language pack for it (./languagePack.js, which says why one is needed) is installed first;
 * `languagePack: false` leaves that to `vsix` (a real pack). Default: English.
 * @param {{ host?: ReturnType<typeof resolveHost>, tmp?: string, port?: number, settings?: object, env?: object, vsix?: string[], payload?: boolean, locale?: string, languagePack?: boolean, keepTmp?: boolean, startTimeoutMs?: number }} [opts]
 */
async function startCodeServer(opts = {}) {
  const host = ensureCodeServer(opts.host);
  const tmp = opts.tmp || makeRunDirs();
  fs.writeFileSync(
    path.join(tmp, 'ud/User/settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...opts.settings }, null, 2),
  );
  const locale = opts.locale?.toLowerCase();
  const packs =
    locale && !locale.startsWith('en') && opts.languagePack !== false ? [makeLanguagePack(locale, tmp)] : [];
  for (const vsix of [...packs, ...(opts.vsix ?? [])]) installExtension(tmp, vsix, host);
  if (
    locale &&
    !locale.startsWith('en') &&
    !registerLanguagePacks(path.join(tmp, 'ud'), path.join(tmp, 'exts')).includes(locale)
  ) {
    throw new Error(`no language pack for "${locale}" is installed: the workbench would stay in English`);
  }

  const port = opts.port || (await freePort());
  const logFile = path.join(tmp, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    host.nodeBinary,
    [
      host.entry,
      ...commonArgs(tmp),
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--log',
      process.env.KALLYAI_CS_LOG_LEVEL || 'info',
      ...(locale ? ['--locale', locale] : []),
      ...(opts.payload ? (host.payloadServerArgs ?? []) : []),
    ],
    { env: csEnv(tmp, opts.env), detached: true, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  trackGroup(child.pid);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const url = `http://127.0.0.1:${port}`;
  /** Stops the whole group and removes the temp folder (kept with KEEP_TMP=1); `saveLogAs` copies code-server.log first. */
  const stop = async ({ saveLogAs } = {}) => {
    await stopGroup(child.pid);
    if (saveLogAs && fs.existsSync(logFile)) {
      fs.mkdirSync(path.dirname(saveLogAs), { recursive: true });
      fs.copyFileSync(logFile, saveLogAs);
      console.log(`[launcher] code-server log saved to ${path.relative(ROOT, saveLogAs)}`);
    }
    if (opts.keepTmp || process.env.KEEP_TMP) console.log(`[launcher] kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  };
  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (exited || Date.now() > deadline) {
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
      await stopGroup(child.pid);
      throw new Error(`code-server did not start on ${url}${exited ? ' (it exited)' : ''}\n${tail}`);
    }
    await sleep(100);
  }
  return {
    host,
    url,
    port,
    pid: child.pid,
    tmp,
    logFile,
    locale: locale ?? 'en',
    workspaceFolder: path.join(tmp, 'ws'),
    chromeDir: path.join(tmp, 'chrome'),
    /** vscode-remote:// address of a path on this machine, as the workbench's payload wants it. */
    remote: (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`,
    stop,
  };
}

module.exports = { ensureCodeServer, startCodeServer, makeRunDirs, installExtension, BASE_SETTINGS };
