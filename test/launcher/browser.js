// Headless Debian Chromium driven by playwright-core: the workbench window for code-server.
// Forwards the extension host's console output (VS Code relays it to the page console as
// console.log('%c INFO', style, message…)) and page errors to this process.
'use strict';
const fs = require('node:fs');
const util = require('node:util');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.KALLYAI_CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * `locale` (e.g. "es") is the browser's language (navigator.language, Accept-Language); the
 * workbench's display language is code-server's (startCodeServer's `locale`).
 * @param {{ profileDir: string, headless?: boolean, viewport?: { width: number, height: number }, locale?: string }} opts
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close(): Promise<void> }>}
 */
async function launchBrowser(opts) {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (or set KALLYAI_CHROMIUM)`);
  const context = await chromium.launchPersistentContext(opts.profileDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    args: ARGS,
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    ...(opts.locale ? { locale: opts.locale } : {}),
  });
  const page = context.pages()[0] || (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
    },
  };
}

// The workbench's own chatter; the newest VS Code adds its agent host, chat model picker and account
// gate, which log on every window (no GitHub account or Copilot here, by design).
const NOISE = new RegExp(
  [
    'Ignoring fetching additional builtin extensions',
    'Updating additional builtin extensions cache',
    'ChatSessionStore: Migrating',
    String.raw`^\[AgentHost(:remote)?\] `,
    String.raw`^\[ChatModelSelection\] `,
    String.raw`^\[AccountPolicyGate\] `,
    "Timed out waiting for authentication provider 'github' to register",
    // A workbench in another language asks the gallery for its built-in extensions' translations
    // (getBuiltInExtensionTranslationsUri), and the launcher configures no gallery.
    'No extension gallery service configured',
  ].join('|'),
);

/**
 * Forwards console output of the page. By default only what the extension host logs (after the
 * renderer↔extension-host socket is up) and errors; `verbose` forwards the whole workbench console.
 * @param {import('playwright-core').Page} page
 * `onError` receives the console errors of every frame not forwarded otherwise (kept for a failure's log).
 * @param {{ verbose?: boolean, onLine?: (line: string) => void, onError?: (line: string) => void }} [opts]
 */
function forwardConsole(page, opts = {}) {
  const out = opts.onLine ?? ((line) => console.log(line));
  let extHostUp = false;
  page.on('console', async (m) => {
    const args = await Promise.all(m.args().map((h) => h.jsonValue().catch(() => '?')));
    const level = typeof args[0] === 'string' && /^%c\s*(TRACE|DEBUG|INFO|WARN|ERR)/.exec(args[0]);
    const text = level ? util.format(...args.slice(2)) : m.text();
    if (/Creating a socket \(renderer-ExtensionHost.*successful/.test(text)) extHostUp = true;
    if (opts.verbose || (extHostUp && level && !NOISE.test(text))) out(text);
    // Errors of any frame (a webview that fails to load says so only here), for the failure's log.
    else if (opts.onError && m.type() === 'error' && !NOISE.test(text))
      opts.onError(`[${m.type()}] ${text}${m.location()?.url ? ` (${m.location().url.slice(0, 120)})` : ''}`);
  });
  page.on('pageerror', (e) => out(`[pageerror] ${e.message}`));
}

module.exports = { launchBrowser, forwardConsole, CHROMIUM };
