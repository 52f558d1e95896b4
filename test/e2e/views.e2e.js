// End to end in the real workbench (code-server + Chromium), signed in to the launcher's sandbox:
// the four KallyAI views render the seeded data (goals waiting for the user with a badge, calls,
// the inbox with its drafts, the credit figures), the status-bar text equals the sandbox balance,
// and a transcript opens in the Markdown preview from the Calls view.
// README picture: media/screenshots/views.png (runE2E.js --readme-screenshots), the views populated
// beside the transcript.
'use strict';
const assert = require('node:assert/strict');
const {
  startSignedIn,
  pane,
  expandPane,
  collapsePane,
  readmeScreenshot,
  waitForRow,
  expandRow,
  sandboxState,
  clearNotifications,
  frameMatching,
  openFromRow,
} = require('./lib');

/** The rows (tree items) of a view's pane, as their visible text. */
async function rows(page, viewName) {
  return pane(page, viewName).locator('.monaco-list-row').allInnerTexts();
}

module.exports = async function views(ctx) {
  const { page } = ctx;
  await startSignedIn(ctx);
  for (const name of ['Goals', 'Calls', 'Inbox', 'Credits']) await expandPane(page, name);

  // What the sandbox holds, read directly.
  const state = await sandboxState(ctx);
  const remaining = state.credits.remaining;
  const waiting = state.goals.filter(
    (g) => g.waiting_for && !['completed', 'cancelled', 'archived'].includes(g.status),
  );

  // Goals: the "Needs you" group first, with every goal that waits for the user; the badge counts them.
  const needsYou = await waitForRow(page, 'Goals', /^Needs you/);
  assert.equal(await needsYou.getAttribute('aria-expanded'), 'true');
  const goalRows = await rows(page, 'Goals');
  for (const g of waiting.filter((x) => !x.parent_goal_id))
    assert.ok(
      goalRows.some((r) => r.includes(g.title)),
      `goal "${g.title}" is not shown`,
    );
  const badge = await page
    .locator('.activitybar .action-item', { has: page.locator('a[aria-label^="KallyAI"]') })
    .locator('.badge-content')
    .innerText()
    .catch(() => '');
  ctx.log(`Goals rows: ${goalRows.length}; activity badge: ${badge || '—'}`);

  // Calls: the seeded history, the scheduled calls on top.
  await waitForRow(page, 'Calls', /Le Petit Bistro|ClearView Optometry/);
  const luigi = await waitForRow(page, 'Calls', /Luigi's Trattoria/);
  // Inbox: the drafts group on top, the channels below.
  await waitForRow(page, 'Inbox', /^Drafts awaiting approval/);
  await waitForRow(page, 'Inbox', /^Email/);
  // Credits: the figures equal the sandbox.
  await waitForRow(page, 'Credits', new RegExp(`^${String(remaining).replace('.', '\\.')} credits remaining`));

  // The status bar shows the same balance.
  const status = page.locator('.statusbar-item', { hasText: /credits$/ }).first();
  await status.waitFor({ state: 'visible' });
  assert.equal((await status.innerText()).trim(), `${remaining} credits`);
  ctx.log(`status bar: ${(await status.innerText()).trim()} (sandbox: ${remaining})`);

  // A transcript from the Calls view, in the Markdown preview beside the views.
  await expandRow(luigi);
  const transcript = await waitForRow(page, 'Calls', /^Transcript$/);
  await openFromRow(page, transcript, /Luigi's Trattoria — transcript/);
  const tab = page.locator('.tabs-container .tab', { hasText: /Luigi's Trattoria — transcript/ }).first();
  await tab.waitFor({ state: 'visible' });
  ctx.log(`editor tab: ${(await tab.innerText()).trim()}`);

  // A goal opened to show its budget and steps, for the screenshot.
  const dinner = await waitForRow(page, 'Goals', /Book dinner for 4/);
  await expandRow(dinner);
  await waitForRow(page, 'Goals', /^Budget:/);
  // A wider side bar with room for the goal's steps (Activity folded), no notification, no hover
  // tooltip: a picture that reads well.
  await collapsePane(page, 'Activity');
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (sidebar) {
    await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + 300);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + 470, sidebar.y + 300, { steps: 8 });
    await page.mouse.up();
  }
  await clearNotifications(page);
  await page.mouse.move(1100, 860);
  await frameMatching(
    page,
    (text) => /Luigi's Trattoria/.test(text) && /Transcript/i.test(text),
    'the preview to show the transcript',
  );
  await readmeScreenshot(ctx, 'views');
};
