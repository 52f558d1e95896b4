#!/usr/bin/env node
// The sidebar under load, in the real extension host (code-server + headless Chromium), against a
// sandbox holding 10,000 extra calls. Prints ONE JSON line ({ rows: [...] }, read by bench/run.js):
// Calls first page and each Load more (response → tree items built in the host; target ≤ 150 ms),
// extension-host memory after 20 pages, requests per full refresh of the open views (target: each
// endpoint once), and requests while the window is unfocused (target none; the page gets the blur a browser
// sends when the user switches away).
// Run alone: node bench/views.bench.js   (needs dist/extension.js: npm run build)
/* global document, window, Event -- the page.evaluate callbacks run in the workbench page */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { common } = require('../esbuild');
const { startSandbox } = require('../test/launcher/sandbox');
const { startCodeServer } = require('../test/launcher/codeServer');
const { launchBrowser, forwardConsole } = require('../test/launcher/browser');
const { onCleanup, runCleanups } = require('../test/launcher/processes');

const ROOT = path.resolve(__dirname, '..');
const CALLS = 10_000;

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist/extension.js')))
    throw new Error('dist/extension.js is missing: npm run build');
  const suite = path.join(ROOT, 'out/bench/views.bench.suite.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'views.bench.suite.ts')],
    ...common,
    outfile: suite,
    logLevel: 'warning',
  });
  const sandbox = await startSandbox({ autoApprove: true, timeScale: 100 });
  onCleanup(() => sandbox.stop());
  const seeded = await fetch(`${sandbox.url}/sandbox/seed-calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count: CALLS }),
  });
  if (!seeded.ok) throw new Error(`seed-calls: ${seeded.status}`);
  const { total } = await seeded.json();

  const cs = await startCodeServer({
    settings: { 'kallyai.apiBaseUrl': sandbox.url },
    env: { KALLYAI_SANDBOX_URL: sandbox.url },
    payload: true,
  });
  onCleanup(() => cs.stop());
  const browser = await launchBrowser({ profileDir: cs.chromeDir });
  onCleanup(() => browser.close());
  const { page } = browser;
  let result;
  const lines = [];
  const exited = new Promise((resolve) => {
    page.exposeFunction('codeAutomationExit', (c) => resolve(Number(c)));
  });
  forwardConsole(page, {
    onLine: (line) => {
      lines.push(line);
      if (line.includes('[views-bench] blur')) {
        // Switch away. Headless Chromium keeps every page focused, so the page is told what a
        // browser tells it when the user switches to another window: document.hasFocus() turns
        // false and the window gets a blur event; VS Code's own focus tracking does the rest.
        void page.evaluate(() => {
          document.hasFocus = () => false;
          window.dispatchEvent(new Event('blur'));
        });
      } else if (line.includes('[views-bench] focus')) {
        void page.evaluate(() => {
          delete document.hasFocus;
          window.dispatchEvent(new Event('focus'));
        });
      } else if (line.startsWith('[bench] ')) {
        result = JSON.parse(line.slice(8));
      }
    },
  });
  const payload = [
    ['extensionDevelopmentPath', cs.remote(ROOT)],
    ['extensionTestsPath', cs.remote(suite)],
  ];
  await page.goto(
    `${cs.url}/?folder=${encodeURIComponent(cs.workspaceFolder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
  );
  let timer;
  const code = await Promise.race([
    exited,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('no codeAutomationExit within 240 s')), 240_000);
    }),
  ]).finally(() => clearTimeout(timer));
  await runCleanups();
  if (code !== 0 || !result)
    throw new Error(`the views bench suite failed (exit ${code}):\n${lines.slice(-25).join('\n')}`);

  const r = result;
  const rows = [
    {
      metric: `Calls first page (50 of ${total}): response → items built, median / max of 5`,
      value: r.firstPageMs.median,
      unit: 'ms',
      baseline: `max ${r.firstPageMs.max.toFixed(1)} ms`,
      target: '≤ 150 ms',
    },
    {
      metric: `Load more (${r.loadMoreMs.pages} pages, ${r.loadMoreMs.callsShown} calls shown): response → items built, median`,
      value: r.loadMoreMs.median,
      unit: 'ms',
      baseline: `max ${r.loadMoreMs.max.toFixed(1)} ms`,
      target: '≤ 150 ms',
    },
    {
      metric: "Goals view opened from the last session's snapshot, slow network: items there, median of 5",
      value: r.snapshotPaintMs.goals,
      unit: 'ms',
      baseline: `max ${r.snapshotPaintMs.goalsMax.toFixed(1)} ms`,
      target: '≤ 50 ms',
    },
    {
      metric: "Calls view opened from the last session's snapshot, slow network: items there, median of 5",
      value: r.snapshotPaintMs.calls,
      unit: 'ms',
      baseline: `max ${r.snapshotPaintMs.callsMax.toFixed(1)} ms`,
      target: '≤ 50 ms',
    },
    {
      metric: 'extension host heap after 20 pages',
      value: r.memoryMB.heapAfter20Pages,
      unit: 'MB',
      baseline: `before ${r.memoryMB.heapBefore} MB; rss ${r.memoryMB.rssAfter20Pages} MB`,
    },
    {
      metric: 'requests per full refresh of the open views',
      value: r.requestsPerFullRefresh.total,
      unit: '',
      baseline: Object.entries(r.requestsPerFullRefresh.byPath)
        .map(([k, v]) => `${k.replace('GET ', '')}×${v}`)
        .join(', '),
      target: 'each endpoint once',
    },
    r.unfocused.measured
      ? {
          metric: 'requests in 5 s unfocused (polling every 1 s)',
          value: r.unfocused.requestsIn5s,
          unit: '',
          baseline: `focused again: ${r.unfocused.focusedPollsIn3_5s} polls in 3.5 s`,
          target: '0',
        }
      : { metric: 'requests while unfocused', value: 'not measured: the window did not report losing focus', unit: '' },
  ];
  console.log(JSON.stringify({ rows }));
}

main().then(
  () => process.exit(0),
  async (e) => {
    console.error(`[views-bench] ${e.stack || e.message}`);
    await runCleanups();
    process.exit(1);
  },
);
