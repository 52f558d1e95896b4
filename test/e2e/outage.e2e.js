// KallyAI goes away while the window is open (issue 23), in the real workbench (code-server +
// Chromium), signed in to the launcher's sandbox. The sandbox keeps running but drops every
// connection on every path (a fault on `/**` with `drop: true`): to the extension that is a service
// that cannot be reached, as when it is stopped. Nothing is clicked until the signal is there:
//  1. within 10 s of the first request that failed (a background one: the live-call probe, the
//     notifications poll), the status-bar balance shows a disconnected plug, its tooltip says
//     KallyAI cannot be reached, why, and when the last update succeeded; each open view (Goals,
//     Calls, Credits) shows one "Can't reach KallyAI — Retry" row above what it had; no notification;
//  2. the person acts (Refresh Credits): one notification, with Retry;
//  3. KallyAI answers again: within one poll (the live-call probe, every 10 s) the icon, the rows
//     and nothing else change back, without a click.
// Screenshots: test-results/outage-signal.png, outage-tooltip.png, outage-notification.png,
// outage-recovered.png.
'use strict';
const assert = require('node:assert/strict');
const {
  startSignedIn,
  expandPane,
  pane,
  runCommand,
  waitForRow,
  waitForNotification,
  notificationTexts,
  sandboxRequests,
  clearRequests,
} = require('./lib');

const OPEN = ['Goals', 'Calls', 'Credits'];
const ROW = /^Can't reach KallyAI — Retry/;

async function fault(ctx, method, body) {
  const res = await fetch(`${ctx.sandboxUrl}/sandbox/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  assert.ok(res.ok, `${method} /sandbox/faults → ${res.status}`);
}

/** The first request the sandbox heard since its log was emptied: asks its log until there is one
 *  (every 200 ms, up to `ms`). */
async function firstRequest(ctx, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    const [first] = await sandboxRequests(ctx);
    if (first || Date.now() > deadline) return first;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

module.exports = async function outage(ctx) {
  const { page } = ctx;
  await startSignedIn(ctx);
  for (const name of OPEN) await expandPane(page, name);
  await waitForRow(page, 'Goals', /^Needs you/);
  await waitForRow(page, 'Calls', /Luigi's Trattoria/);
  await waitForRow(page, 'Credits', /credits remaining/);
  const balance = page.locator('.statusbar-item', { hasText: /credits$/ }).first();
  await balance.waitFor({ state: 'visible' });
  assert.equal(await balance.locator('.codicon-credit-card').count(), 1, 'the balance shows its usual icon');
  await runCommand(page, 'Notifications: Clear All Notifications');

  try {
    await clearRequests(ctx);
    await fault(ctx, 'POST', { path: '/**', drop: true, count: 100_000 });
    // 1. Nothing is clicked: the first request after the fault is a background one.
    const first = await firstRequest(ctx, 30_000);
    assert.ok(first, 'no background request reached KallyAI within 30 s');
    ctx.log(`first failed request: ${first.method} ${first.path} at ${first.at}`);
    const left = () => Math.max(1, Date.parse(first.at) + 10_000 - Date.now());
    await balance.locator('.codicon-debug-disconnect').waitFor({ state: 'visible', timeout: left() });
    for (const name of OPEN) await waitForRow(page, name, ROW, left());
    ctx.log(`the signal was complete ${Date.now() - Date.parse(first.at)} ms after the first failed request`);
    for (const name of OPEN) {
      const rows = pane(page, name).locator('.monaco-list-row');
      assert.equal(await rows.filter({ hasText: ROW }).count(), 1, `${name}: one row`);
      assert.match(await rows.first().innerText(), ROW, `${name}: the row is on top`);
      assert.ok((await rows.count()) > 1, `${name}: what it had stays below the row`);
    }
    assert.deepEqual(await notificationTexts(page), [], 'no notification while nobody acts');
    await ctx.screenshot('outage-signal');
    await balance.hover();
    const hover = page
      .locator('.monaco-hover, .workbench-hover')
      .filter({ hasText: /Can't reach KallyAI at/ })
      .first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const tooltip = (await hover.innerText()).replace(/\s+/g, ' ');
    ctx.log(`tooltip: ${tooltip}`);
    assert.match(tooltip, /KallyAI (could not be reached|took too long to answer)/, 'the reason');
    assert.match(tooltip, /Last successful update: \d/, 'the last successful update');
    await ctx.screenshot('outage-tooltip');
    await page.mouse.move(700, 500);

    // 2. The person acts: one notification, with Retry.
    await runCommand(page, 'KallyAI: Refresh Credits');
    const text = await waitForNotification(page, /KallyAI (could not be reached|took too long to answer)/);
    ctx.log(`notification: ${text.replace(/\s+/g, ' ')}`);
    const toasts = page.locator('.notification-toast');
    assert.equal(await toasts.count(), 1, `one notification: ${(await notificationTexts(page)).join(' | ')}`);
    assert.equal(
      await toasts
        .first()
        .locator('.monaco-button', { hasText: /^Retry$/ })
        .count(),
      1,
      'it offers Retry',
    );
    await ctx.screenshot('outage-notification');
    await runCommand(page, 'Notifications: Clear All Notifications');
  } finally {
    // 3. KallyAI answers again.
    await fault(ctx, 'DELETE');
  }
  // Within one poll: the live-call probe asks every 10 s.
  await balance.locator('.codicon-credit-card').waitFor({ state: 'visible', timeout: 15_000 });
  for (const name of OPEN) {
    await pane(page, name)
      .locator('.monaco-list-row', { hasText: ROW })
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 });
    assert.ok((await pane(page, name).locator('.monaco-list-row').count()) > 0, `${name}: its items`);
  }
  assert.deepEqual(await notificationTexts(page), [], 'no notification on recovery');
  await ctx.screenshot('outage-recovered');
};
