// Helpers for the end-to-end scripts (test/e2e/*.e2e.js): drive the real code-server workbench
// with playwright-core. Selectors as measured on VS Code 1.100 (code-server 4.100.3).
'use strict';
const assert = require('node:assert/strict');

const ACTIVITY_ICON = '.activitybar a.action-label[aria-label^="KallyAI"]';
const VIEW_NAMES = ['Goals', 'Calls', 'Inbox', 'Activity', 'Email', 'Receptionist', 'Phone Numbers', 'Credits'];

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

/** Clicks a pane's header at its twistie: an open pane shows its actions on the header, and where
 *  the side bar is narrow (VS Code 1.139 gives the Chat the right of the window) they reach its
 *  middle, where a plain click would run one of them instead of folding the pane. */
async function toggleHeader(header) {
  await header.click({ position: { x: 12, y: 11 } });
}

/** Expands a pane if it is collapsed. */
async function expandPane(page, viewName) {
  const header = pane(page, viewName).locator('.pane-header');
  if ((await header.getAttribute('aria-expanded')) === 'false') await toggleHeader(header);
}

/** Folds every other pane of the side bar and opens `viewName`'s, so its rows have the room: how
 *  much a newly opened pane gets next to open ones differs between VS Code versions (1.139 gave
 *  Email a few rows under an open Activity). */
async function onlyPane(page, viewName) {
  const open = page.locator('.sidebar .pane-header[aria-expanded="true"]');
  for (let i = await open.count() - 1; i >= 0; i--) {
    const header = open.nth(i);
    if (!((await header.getAttribute('aria-label')) ?? '').startsWith(viewName)) await toggleHeader(header);
  }
  await expandPane(page, viewName);
}

/** Collapses a pane if it is expanded, and checks that it did (a click during the side bar's layout
 *  can land beside the header). */
async function collapsePane(page, viewName) {
  const header = pane(page, viewName).locator('.pane-header');
  for (let i = 0; i < 3 && (await header.getAttribute('aria-expanded')) !== 'false'; i++) {
    await toggleHeader(header);
    await page.waitForTimeout(200);
  }
  assert.equal(await header.getAttribute('aria-expanded'), 'false', `the ${viewName} view stays expanded`);
}

/** Runs a command from the palette by its title as shown there, e.g. "KallyAI: Account Status". */
async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    // A webview that has just loaded (a page, a Markdown preview) may hold the focus without passing
    // F1 on yet, or take it back and so close the palette just opened (VS Code 1.139 does): then the
    // focus moves to the side bar's title and the palette opens again.
    // The palette can also close between appearing and being typed into: typing then counts as a miss.
    if (await input.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)
      && await input.fill(`>${title}`, { timeout: 3_000 }).then(() => true, () => false)) {
      if (await row.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false)) {
        try {
          await row.click({ timeout: 5_000 });
          return;
        } catch (e) {
          if (attempt >= 3) throw e;
        }
      }
    }
    if (attempt >= 3) throw new Error(`the command palette did not offer "${title}" to click, 3 times`);
    await page.keyboard.press('Escape');
    await page.locator('.part.sidebar .composite.title').first().click().catch(() => undefined);
  }
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
  // (boundingBox waits for its element: a part some VS Code versions lack must not cost 30 s.)
  const box = (selector, which = 'first') => page.locator(selector)[which]().boundingBox({ timeout: 2_000 }).catch(() => null);
  const bar = await box('.activitybar');
  const lastView = await box('.activitybar .composite-bar .action-item', 'last');
  const global = await box('.activitybar .global-activity');
  if (bar) {
    const top = lastView ? lastView.y + lastView.height : bar.y;
    const bottom = global ? global.y : bar.y + bar.height;
    await page.mouse.move(bar.x + bar.width / 2, Math.round((top + bottom) / 2));
  }
  await page.locator('.monaco-hover, .workbench-hover').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
  return ctx.readmeScreenshot(feature);
}

/** Signs in with "KallyAI: Sign In": the sandbox's page opens in a new tab and, auto-approved, hands
 *  the session to the extension's loopback listener. Done when the status bar shows the credits.
 *  `start` begins the sign-in another way (a button); `credits` is the status bar's text once
 *  signed in (another language). */
async function signIn(ctx, { start = () => runCommand(ctx.page, 'KallyAI: Sign In'), credits = /credits$/ } = {}) {
  const { page } = ctx;
  for (let attempt = 1; ; attempt++) {
    const newTab = page.context().waitForEvent('page', { timeout: 20_000 }).catch(() => undefined);
    await start();
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
    const signedIn = await page.locator('.statusbar-item', { hasText: credits }).first().waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false);
    if (signedIn) {
      // The "Signed in as" notification: on 1.139 it can show a moment after the status bar does,
      // after a "Clear All Notifications" meant for it.
      await page.locator('.notification-toast').first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
      return;
    }
    assert.ok(attempt < 3, 'could not sign in');
    ctx.log(`sign-in attempt ${attempt} did not finish; trying again`);
    await page.keyboard.press('Escape');
  }
}

/** Opens a walkthrough from the palette ("Welcome: Open Walkthrough…", VS Code's own command) by
 *  its title as shown in the list; returns its page (a locator). */
async function openWalkthrough(page, title) {
  await runCommand(page, 'Welcome: Open Walkthrough...');
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
  const walkthrough = page.locator('.gettingStartedContainer .getting-started-category').filter({ has: page.locator('h2.category-title', { hasText: title }) });
  await walkthrough.waitFor({ state: 'visible', timeout: 20_000 });
  return walkthrough;
}

/** A step of the KallyAI walkthrough (its button in the list of steps), by its id in package.json. */
function walkthroughStep(page, id) {
  return page.locator(`button.getting-started-step[data-step-id="kallyai.kallyai#kallyai.getStarted#${id}"]`);
}

/** Whether a walkthrough step is checked off (its completion event happened). */
async function stepDone(page, id) {
  return (await page.locator(`[data-done-step-id="kallyai.kallyai#kallyai.getStarted#${id}"]`).getAttribute('aria-checked')) === 'true';
}

/** Text of the webview frame whose body matches `pattern` (a step's Markdown page, a preview), waiting up to `timeoutMs`. */
async function frameText(page, pattern, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
      const text = await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => '');
      if (pattern.test(text)) return text;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no frame shows ${pattern}`);
}

/** The frame of the KallyAI page (a webview of the extension's, with body[data-state]) whose
 *  <title> matches `title`, waiting up to `timeoutMs`. */
async function pageFrame(page, title, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const t = await frame.title().catch(() => '');
      if (title.test(t) && (await frame.locator('body[data-state]').count().catch(() => 0))) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no page titled ${title}`);
}

/** The text of a page's frame (from pageFrame), its white space folded to single spaces. */
async function pageText(frame) {
  return (await frame.locator('body').innerText()).replace(/\s+/g, ' ');
}

/** Waits for the first row of a view's pane whose text matches `pattern`; returns it (a locator). */
async function waitForRow(page, viewName, pattern, timeoutMs = 30_000) {
  const row = pane(page, viewName).locator('.monaco-list-row', { hasText: pattern }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  return row;
}

/** Clicks a row's twistie to expand it, if it is collapsed. */
async function expandRow(row) {
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
}

/** The opening most scripts share: the workbench on the run's folder, the KallyAI sidebar open,
 *  signed in to the sandbox, no notification showing. */
async function startSignedIn(ctx) {
  await openWorkbench(ctx);
  await openKallyAI(ctx.page);
  await signIn(ctx);
  await runCommand(ctx.page, 'Notifications: Clear All Notifications');
}

/** The requests the sandbox heard since its log was last emptied (GET /sandbox/requests). */
async function sandboxRequests(ctx) {
  return (await (await fetch(`${ctx.sandboxUrl}/sandbox/requests`)).json()).requests;
}

/** Empties the sandbox's request log, so that what a script does next is all it shows. */
async function clearRequests(ctx) {
  await fetch(`${ctx.sandboxUrl}/sandbox/requests`, { method: 'DELETE' });
}

/** What the launcher's sandbox holds now (GET /sandbox/state). */
async function sandboxState(ctx) {
  return (await fetch(`${ctx.sandboxUrl}/sandbox/state`)).json();
}

/** The workbench's theme kind ('dark', 'light' or 'hc'), from its class. */
async function themeOf(page) {
  const c = (await page.locator('.monaco-workbench').first().getAttribute('class')) ?? '';
  return /\bvs-dark\b/.test(c) ? 'dark' : /\bhc-/.test(c) ? 'hc' : 'light';
}

/** Toggles between the light and the dark theme; returns once the workbench has changed and its
 *  pages had a moment to pick up the new colours. */
async function toggleTheme(page) {
  const before = await themeOf(page);
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  for (let i = 0; i < 40 && (await themeOf(page)) === before; i++) await page.waitForTimeout(100);
  await page.waitForTimeout(600); // the pages pick up the new colours
}

module.exports = {
  startSignedIn, sandboxRequests, clearRequests,
  signIn, readmeScreenshot, openWalkthrough, walkthroughStep, stepDone, frameText,
  pageFrame, pageText, waitForRow, expandRow, sandboxState, themeOf, toggleTheme,
  ACTIVITY_ICON, VIEW_NAMES, openWorkbench, kallyaiActivity, openKallyAI, pane, expandPane, collapsePane, onlyPane, runCommand,
  notificationTexts, waitForNotification, assertNoErrorNotifications,
};
