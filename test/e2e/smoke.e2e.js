// End-to-end smoke in the real workbench (code-server + Chromium), signed out:
// the KallyAI container is in the activity bar, its views render their signed-out welcome
// content — one "Sign in to KallyAI" button, in the first view — and a KallyAI command runs from
// the command palette.
// Screenshots: test-results/smoke-views.png (the views), test-results/smoke.png (with the command's notification).
'use strict';
const assert = require('node:assert/strict');
const {
  VIEW_NAMES,
  openWorkbench,
  kallyaiActivity,
  openKallyAI,
  pane,
  expandPane,
  runCommand,
  waitForNotification,
  assertNoErrorNotifications,
} = require('./lib');

async function run(ctx) {
  const { page } = ctx;
  await openWorkbench(ctx);

  // 1. The container is in the activity bar, titled KallyAI.
  const icon = kallyaiActivity(page);
  await icon.waitFor({ state: 'visible' });
  assert.match((await icon.getAttribute('aria-label')) ?? '', /^KallyAI/);

  // 2. Its views render their signed-out welcome; one Sign in button, in the first view.
  await openKallyAI(page);
  for (const name of VIEW_NAMES) {
    await expandPane(page, name);
    const welcome = pane(page, name).locator('.welcome-view-content');
    await welcome.waitFor({ state: 'visible' });
    const buttons = await welcome.locator('.monaco-button', { hasText: 'Sign in to KallyAI' }).count();
    const text = (await welcome.innerText()).replace(/\s+/g, ' ');
    assert.equal(buttons, name === 'Goals' ? 1 : 0, `${name}: ${buttons} sign-in buttons`);
    if (name !== 'Goals') assert.match(text, /Sign in above/, `${name}: ${text}`);
    ctx.log(`${name}: ${buttons ? 'the sign-in button' : text}`);
  }
  await ctx.screenshot('smoke-views');

  // 3. A KallyAI command from the palette: Account Status, signed out, says so in a notification.
  await runCommand(page, 'KallyAI: Account Status');
  const toast = await waitForNotification(page, /sign(ed)? in/i);
  ctx.log(`notification: ${toast.replace(/\s+/g, ' ').trim()}`);
  assert.match(toast, /not signed in|sign in/i);
  await assertNoErrorNotifications(page);
  await ctx.screenshot('smoke');
}

// Signed out at start: a workbench of its own.
module.exports = { run, fresh: true };
