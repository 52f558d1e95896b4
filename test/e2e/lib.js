// Helpers for the end-to-end scripts (test/e2e/*.e2e.js): drive the real code-server workbench
// with playwright-core. Selectors as measured on VS Code 1.100 (code-server 4.100.3).
'use strict';
const assert = require('node:assert/strict');

const ACTIVITY_ICON = '.activitybar a.action-label[aria-label^="KallyAI"]';
const VIEW_NAMES = ['Goals', 'Calls', 'Inbox', 'Credits', 'Receptionist', 'Phone Numbers'];

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

/** Collapses a pane if it is expanded, and checks that it did (a click during the side bar's layout
 *  can land beside the header). */
async function collapsePane(page, viewName) {
  const header = pane(page, viewName).locator('.pane-header');
  for (let i = 0; i < 3 && (await header.getAttribute('aria-expanded')) !== 'false'; i++) {
    await header.click({ position: { x: 12, y: 10 } });
    await page.waitForTimeout(200);
  }
  assert.equal(await header.getAttribute('aria-expanded'), 'false', `the ${viewName} view stays expanded`);
}

/** Runs a command from the palette by its title as shown there, e.g. "KallyAI: Account Status". */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  // A webview that has just loaded (a page, a Markdown preview) may hold the focus without passing
  // F1 on yet: then the focus moves to the side bar's title and F1 is pressed again.
  if (!(await input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false))) {
    await page.locator('.part.sidebar .composite.title').first().click().catch(() => undefined);
    await page.keyboard.press('F1');
  }
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

/**
 * A README picture of `feature` (media/screenshots/<feature>.png when runE2E.js runs with
 * --readme-screenshots and the script passes; test-results/readme/ always), taken only when it shows
 * KallyAI as a person would see it: signed in (the status bar shows the credits), no error or
 * warning notification, no error dialog, and no other notification unless `allowNotification`
 * matches it (a picture of a notification, with the mouse resting on it). Otherwise the mouse is
 * parked where no hover covers anything.
 */
async function readmeScreenshot(ctx, feature, { allowNotification } = {}) {
  const { page } = ctx;
  assert.match(feature, /^[a-z][a-z-]*$/, 'a README picture is named by its feature');
  const credits = page.locator('.statusbar-item', { hasText: /credits$/ }).first();
  assert.ok(await credits.isVisible(), `README picture "${feature}": not signed in (no credits in the status bar)`);
  await assertNoErrorNotifications(page);
  const severe = await page.locator('.notification-toast .notification-list-item-icon.codicon-error, .notification-toast .notification-list-item-icon.codicon-warning').count();
  assert.equal(severe, 0, `README picture "${feature}": an error or warning notification is showing: ${(await notificationTexts(page)).join(' | ')}`);
  const others = (await notificationTexts(page)).filter((t) => !(allowNotification && allowNotification.test(t)));
  assert.deepEqual(others, [], `README picture "${feature}": notifications in the way`);
  assert.equal(await page.locator('.monaco-dialog-box .dialog-message-row .codicon-error').count(), 0, `README picture "${feature}": an error dialog`);
  if (allowNotification) {
    // A picture of a notification: the mouse rests on it, which also keeps it from timing out (the
    // script goes on to press its buttons).
    const toast = page.locator('.notification-toast', { hasText: allowNotification }).first();
    assert.ok(await toast.isVisible(), `README picture "${feature}": the notification it shows is not there`);
    await toast.hover();
    return ctx.readmeScreenshot(feature);
  }
  // Park the mouse on the activity bar's empty stretch between its views and Accounts/Manage.
  const bar = await page.locator('.activitybar').first().boundingBox();
  const lastView = await page.locator('.activitybar .composite-bar .action-item').last().boundingBox().catch(() => null);
  const global = await page.locator('.activitybar .global-activity').first().boundingBox().catch(() => null);
  if (bar) {
    const top = lastView ? lastView.y + lastView.height : bar.y;
    const bottom = global ? global.y : bar.y + bar.height;
    await page.mouse.move(bar.x + bar.width / 2, Math.round((top + bottom) / 2));
  }
  await page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
  return ctx.readmeScreenshot(feature);
}

/** Signs in with "KallyAI: Sign In": the sandbox's page opens in a new tab and, auto-approved, hands
 *  the session to the extension's loopback listener. Done when the status bar shows the credits. */
async function signIn(ctx) {
  const { page } = ctx;
  for (let attempt = 1; ; attempt++) {
    const newTab = page.context().waitForEvent('page', { timeout: 20_000 }).catch(() => undefined);
    await runCommand(page, 'KallyAI: Sign In');
    let tab = await newTab;
    if (!tab) {
      // The workbench asks before opening a tab the browser's pop-up blocker held back.
      const open = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
      if (await open.isVisible().catch(() => false)) {
        const next = page.context().waitForEvent('page', { timeout: 15_000 }).catch(() => undefined);
        await open.click();
        tab = await next;
      }
    }
    if (tab) {
      await tab.waitForLoadState('domcontentloaded').catch(() => undefined);
      const demo = tab.getByText('Sign in as the demo user');
      if (await demo.isVisible().catch(() => false)) await demo.click();
      await tab.getByText('You are signed in to KallyAI').waitFor({ timeout: 15_000 }).catch(() => undefined);
      await tab.close().catch(() => undefined);
      await page.bringToFront();
    }
    const signedIn = await page.locator('.statusbar-item', { hasText: /credits$/ }).first().waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false);
    if (signedIn) return;
    assert.ok(attempt < 3, 'could not sign in with "KallyAI: Sign In"');
    ctx.log(`sign-in attempt ${attempt} did not finish; trying again`);
    await page.keyboard.press('Escape');
  }
}

module.exports = {
  signIn, readmeScreenshot,
  ACTIVITY_ICON, VIEW_NAMES, openWorkbench, kallyaiActivity, openKallyAI, pane, expandPane, collapsePane, runCommand,
  notificationTexts, waitForNotification, assertNoErrorNotifications,
};
