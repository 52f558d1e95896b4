// Helpers for the end-to-end scripts (test/e2e/*.e2e.js): drive the real code-server workbench
// with playwright-core. Selectors as measured on VS Code 1.100 (code-server 4.100.3).
'use strict';
const assert = require('node:assert/strict');

const ACTIVITY_ICON = '.activitybar a.action-label[aria-label^="KallyAI"]';
const VIEW_NAMES = ['Goals', 'Calls', 'Inbox', 'Credits'];

/** Opens the workbench on the run's folder (ctx from test/launcher/runE2E.js) and waits until the activity bar is there. */
async function openWorkbench(ctx) {
  await ctx.page.goto(ctx.openUrl);
  await ctx.page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
}

/** The KallyAI activity-bar entry (a locator). */
function kallyaiActivity(page) {
  return page.locator(ACTIVITY_ICON);
}

/** Clicks the KallyAI activity-bar entry (unless its container is already open) and waits for the side bar. */
async function openKallyAI(page) {
  const icon = kallyaiActivity(page);
  await icon.waitFor({ state: 'visible', timeout: 30_000 });
  const checked = await icon.evaluate((el) => el.closest('.action-item')?.classList.contains('checked') || el.getAttribute('aria-expanded') === 'true');
  if (!checked) await icon.click();
  await page.locator('.sidebar .composite.title').filter({ hasText: /KallyAI/i }).waitFor({ timeout: 15_000 });
}

/** The side-bar pane of a view, by its name ("Goals", "Calls", …). */
function pane(page, viewName) {
  return page.locator(`.sidebar .pane:has(.pane-header[aria-label^="${viewName}"])`);
}

/** Expands a pane if it is collapsed. */
async function expandPane(page, viewName) {
  const header = pane(page, viewName).locator('.pane-header');
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
}

/** Runs a command from the palette by its title as shown there, e.g. "KallyAI: Account Status". */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
}

/** Text of every visible notification toast. */
async function notificationTexts(page) {
  return page.locator('.notification-toast').allInnerTexts();
}

/** Waits for a notification toast whose text matches `pattern`; returns its text. Fails at once
 *  when VS Code shows its error dialog instead (e.g. "command 'kallyai.x' not found"). */
async function waitForNotification(page, pattern, timeoutMs = 15_000) {
  const toast = page.locator('.notification-toast').filter({ hasText: pattern }).first();
  const errorDialog = page.locator('.monaco-dialog-box').filter({ hasText: /resulted in an error|not found/ }).first();
  const winner = await Promise.race([
    toast.waitFor({ state: 'visible', timeout: timeoutMs }).then(() => 'toast'),
    errorDialog.waitFor({ state: 'visible', timeout: timeoutMs }).then(() => 'dialog', () => new Promise(() => {})),
  ]);
  if (winner === 'dialog') throw new Error(`VS Code reported an error: ${(await errorDialog.innerText()).replace(/\s+/g, ' ')}`);
  return toast.innerText();
}

/** Fails with the texts of the visible notifications when one of them reports an error from the extension. */
async function assertNoErrorNotifications(page) {
  const texts = await notificationTexts(page);
  const bad = texts.filter((t) => /command '.*' not found|Activating extension .* failed|Cannot read properties/i.test(t));
  assert.deepEqual(bad, [], `error notifications: ${bad.join(' | ')}`);
}

module.exports = {
  ACTIVITY_ICON, VIEW_NAMES, openWorkbench, kallyaiActivity, openKallyAI, pane, expandPane, runCommand,
  notificationTexts, waitForNotification, assertNoErrorNotifications,
};
