// Helpers for the end-to-end scripts (test/e2e/*.e2e.js): drive the real code-server workbench
// with playwright-core. Selectors as measured on VS Code 1.100 (code-server 4.100.3).
// Waiting: every wait has one generous ceiling, CEILING_MS (the page's default timeout, set by
// runE2E.js), and says what it waits for: a locator's wait names its selector, `until(what, check)`
// names `what`. A machine busy with other work makes a script slower, never red. No fixed sleeps:
// wait for the rendered state (a locator, a frame's text, the sandbox's state).
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');

const ACTIVITY_ICON = '.activitybar a.action-label[aria-label^="KallyAI"]';
const VIEW_NAMES = ['Goals', 'Calls', 'Inbox', 'Activity', 'Email', 'Receptionist', 'Phone Numbers', 'Credits'];
/** The views package.json shows folded at first (`"visibility": "collapsed"`), by name. */
const FOLDED_AT_START = (() => {
  const pkg = require(path.join(__dirname, '../../package.json'));
  const nls = require(path.join(__dirname, '../../package.nls.json'));
  return pkg.contributes.views.kallyai
    .filter((v) => v.visibility === 'collapsed')
    .map((v) => nls[v.name.replace(/%/g, '')] ?? v.name);
})();

/** The one ceiling of every e2e wait (ms): KALLYAI_E2E_CEILING_MS, default 90 s. */
const CEILING_MS = Number(process.env.KALLYAI_E2E_CEILING_MS) || 90_000;

/** A wait that ran out: its message names what was waited for (runE2E.js prints it as such). */
class WaitTimeout extends Error {
  constructor(what, ms, last) {
    super(`waited ${Math.round(ms / 1000)} s for ${what}${last ? ` (last seen: ${last})` : ''}`);
    this.name = 'WaitTimeout';
    this.what = what;
  }
}

/**
 * Polls `check` (every `intervalMs`) until it returns a truthy value, which it returns; after
 * `ceilingMs` (default CEILING_MS) it throws a WaitTimeout naming `what` (e.g. "the page titled
 * /^Draft/ to show the revised draft"). An error thrown by `check` counts as "not yet" (the last one
 * is reported).
 * @template T
 * @param {string} what
 * @param {() => T | Promise<T>} check
 * @param {{ ceilingMs?: number, intervalMs?: number }} [opts]
 * @returns {Promise<NonNullable<T>>}
 */
async function until(what, check, { ceilingMs = CEILING_MS, intervalMs = 200 } = {}) {
  const started = Date.now();
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = undefined;
    } catch (e) {
      last = String(e?.message ?? e)
        .split('\n')[0]
        .slice(0, 200);
    }
    if (Date.now() - started > ceilingMs) throw new WaitTimeout(what, Date.now() - started, last);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Whether the script runs in the workbench it shares with others (runE2E.js: signed in once;
 *  the sandbox and the workbench are reset before each script). */
function isShared(ctx) {
  return ctx.workbench === 'shared';
}

/** Opens the workbench on the run's folder (ctx from test/launcher/runE2E.js) and waits until the
 *  activity bar is there. Only in a workbench of the script's own (`fresh: true`): the shared one is
 *  open and signed in already. */
async function openWorkbench(ctx) {
  if (isShared(ctx)) {
    throw new Error(
      'openWorkbench() in the shared workbench, which is open and signed in already: a script that needs ' +
        'a workbench of its own (signed out, another language, …) exports { run, fresh: true }; one that needs it signed in calls startSignedIn(ctx)',
    );
  }
  await ctx.page.goto(ctx.openUrl);
  await ctx.page.locator('.monaco-workbench .activitybar').first().waitFor({ state: 'visible' });
}

/** The KallyAI activity-bar entry (a locator). */
function kallyaiActivity(page) {
  return page.locator(ACTIVITY_ICON);
}

/** Clicks the KallyAI activity-bar entry (unless its container is already open) and waits for the side bar. */
async function openKallyAI(page) {
  const icon = kallyaiActivity(page);
  const title = page.locator('.sidebar .composite.title').filter({ hasText: /KallyAI/i });
  await icon.waitFor({ state: 'visible' });
  // Clicked only while it shows unchecked (a click on the open container's icon would close the
  // side bar, and a window that is still restoring its layout shows it checked a moment later);
  // "View: Show KallyAI" when that did not open it within 5 s (it only ever opens it).
  const started = Date.now();
  let clicked = 0;
  let shown = false;
  await until('the KallyAI side bar to open', async () => {
    if (await title.isVisible()) return true;
    if (!shown && Date.now() - started > 5_000) {
      shown = true;
      await runCommand(page, 'View: Show KallyAI');
      return false;
    }
    const checked = await icon.evaluate(
      (el) => el.closest('.action-item')?.classList.contains('checked') || el.getAttribute('aria-expanded') === 'true',
    );
    if (!checked && !clicked) {
      clicked = Date.now();
      await icon.click({ timeout: 10_000 }); // a probe: what blocks it is reported if it never opens
    }
    return false;
  });
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
  for (let i = (await open.count()) - 1; i >= 0; i--) {
    const header = open.nth(i);
    if (!((await header.getAttribute('aria-label')) ?? '').startsWith(viewName)) await toggleHeader(header);
  }
  await expandPane(page, viewName);
}

/** Collapses a pane if it is expanded, and waits until it shows folded (a click during the side
 *  bar's layout can land beside the header: then it clicks again, at most once a second). */
async function collapsePane(page, viewName) {
  await setPaneExpanded(page, viewName, false);
}

/** Folds (`expanded` false) or opens a pane and waits until its header says so, clicking its
 *  twistie again (at most once a second) while it does not. */
async function setPaneExpanded(page, viewName, expanded) {
  const header = pane(page, viewName).locator('.pane-header');
  let clicked = 0;
  await until(`the ${viewName} view to show ${expanded ? 'open' : 'folded'}`, async () => {
    if ((await header.getAttribute('aria-expanded')) === String(expanded)) return true;
    if (Date.now() - clicked > 1_000) {
      clicked = Date.now();
      await toggleHeader(header);
    }
    return false;
  });
}

/** Picks, in the quick input whose title matches `title`, the row that shows `text`, as a keyboard
 *  user does: types the text into its filter and presses Enter once that row is the focused one. Waiting for the title first keeps the text out of the palette that ran the command (it can
 *  still show for a moment); typed again if the quick input was shown anew meanwhile (its filter
 *  emptied), as a busy machine can. */
async function pickRow(page, title, text) {
  const input = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
  const focused = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: text });
  await until(`the row "${text}" to be the focused one of the quick input titled ${title}`, async () => {
    if ((await input.inputValue().catch(() => '')) !== text) await input.fill(text).catch(() => {});
    return (await focused.count()) > 0;
  });
  await input.press('Enter');
}

/** Runs a command from the palette by its title as shown there, e.g. "KallyAI: Account Status";
 *  `row` picks among rows that all contain the title ("KallyAI: Open Goal" and "… with Sub-goals"). */
async function runCommand(page, title, { row: rowText = title } = {}) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: rowText }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    // A webview that has just loaded (a page, a Markdown preview) may hold the focus without passing
    // F1 on yet, or take it back and so close the palette just opened (VS Code 1.139 does): then the
    // focus moves to the side bar's title and the palette opens again.
    // The palette can also close between appearing and being typed into: typing then counts as a miss.
    // (These are probes, each with room for a busy machine, and the palette is tried 3 times.)
    if (
      (await input.waitFor({ state: 'visible', timeout: 10_000 }).then(
        () => true,
        () => false,
      )) &&
      (await input.fill(`>${title}`, { timeout: 10_000 }).then(
        () => true,
        () => false,
      ))
    ) {
      if (
        await row.waitFor({ state: 'visible', timeout: 20_000 }).then(
          () => true,
          () => false,
        )
      ) {
        let clicked = false;
        try {
          await row.click({ timeout: 10_000 });
          clicked = true;
        } catch (e) {
          if (attempt >= 3) throw e;
        }
        // The palette gives way (it closes, or the command's own quick input takes its place), so
        // that what a script types next never lands in it. (Outside the retry: the command ran.)
        if (clicked)
          return until(`the palette to give way to "${title}"`, async () => {
            if (!(await input.isVisible())) return true;
            return !(await input.inputValue().catch(() => '')).startsWith('>');
          });
      }
    }
    if (attempt >= 3) throw new WaitTimeout(`the command palette to offer "${title}" (tried 3 times)`, 3 * 40_000);
    await page.keyboard.press('Escape');
    await page
      .locator('.part.sidebar .composite.title')
      .first()
      .click()
      .catch(() => undefined);
  }
}

/** Text of every visible notification toast. */
async function notificationTexts(page) {
  return page.locator('.notification-toast').allInnerTexts();
}

/** Waits for a notification toast whose text matches `pattern`; returns its text. Fails at once
 *  when VS Code shows its error dialog instead (e.g. "command 'kallyai.x' not found"). */
async function waitForNotification(page, pattern, timeoutMs = CEILING_MS) {
  const toast = page.locator('.notification-toast').filter({ hasText: pattern }).first();
  const errorDialog = page
    .locator('.monaco-dialog-box')
    .filter({ hasText: /resulted in an error|not found/ })
    .first();
  const winner = await Promise.race([
    toast.waitFor({ state: 'visible', timeout: timeoutMs }).then(() => 'toast'),
    errorDialog.waitFor({ state: 'visible', timeout: timeoutMs }).then(
      () => 'dialog',
      () => new Promise(() => {}),
    ),
  ]);
  if (winner === 'dialog')
    throw new Error(`VS Code reported an error: ${(await errorDialog.innerText()).replace(/\s+/g, ' ')}`);
  return toast.innerText();
}

/** Fails with the texts of the visible notifications when one of them reports an error from the extension. */
async function assertNoErrorNotifications(page) {
  const texts = await notificationTexts(page);
  const bad = texts.filter((t) =>
    /command '.*' not found|Activating extension .* failed|Cannot read properties/i.test(t),
  );
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
  const severe = await page
    .locator(
      '.notification-toast .notification-list-item-icon.codicon-error, .notification-toast .notification-list-item-icon.codicon-warning',
    )
    .count();
  assert.equal(
    severe,
    0,
    `README picture "${feature}": an error or warning notification is showing: ${(await notificationTexts(page)).join(' | ')}`,
  );
  const others = (await notificationTexts(page)).filter((t) => !(allowNotification && allowNotification.test(t)));
  assert.deepEqual(others, [], `README picture "${feature}": notifications in the way`);
  assert.equal(
    await page.locator('.monaco-dialog-box .dialog-message-row .codicon-error').count(),
    0,
    `README picture "${feature}": an error dialog`,
  );
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
  const box = (selector, which = 'first') => {
    const found = page.locator(selector);
    return (which === 'last' ? found.last() : found.first()).boundingBox({ timeout: 2_000 }).catch(() => null);
  };
  const bar = await box('.activitybar');
  const lastView = await box('.activitybar .composite-bar .action-item', 'last');
  const global = await box('.activitybar .global-activity');
  if (bar) {
    const top = lastView ? lastView.y + lastView.height : bar.y;
    const bottom = global ? global.y : bar.y + bar.height;
    await page.mouse.move(bar.x + bar.width / 2, Math.round((top + bottom) / 2));
  }
  await page
    .locator('.monaco-hover, .workbench-hover')
    .first()
    .waitFor({ state: 'hidden', timeout: 3_000 })
    .catch(() => undefined);
  return ctx.readmeScreenshot(feature);
}

/** Signs in with "KallyAI: Sign In": the sandbox's page opens in a new tab and, auto-approved, hands
 *  the session to the extension's loopback listener. Done when the status bar shows the credits.
 *  `start` begins the sign-in another way (a button); `credits` is the status bar's text once
 *  signed in (another language). */
async function signIn(ctx, { start = () => runCommand(ctx.page, 'KallyAI: Sign In'), credits = /credits$/ } = {}) {
  const { page } = ctx;
  for (let attempt = 1; ; attempt++) {
    const newTab = page
      .context()
      .waitForEvent('page', { timeout: CEILING_MS })
      .catch(() => undefined);
    await start();
    // A new tab, or the workbench asking before it opens a tab the browser's pop-up blocker held back.
    const open = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
    let tab = await Promise.race([
      newTab,
      open.waitFor({ state: 'visible', timeout: CEILING_MS }).then(
        () => 'ask',
        () => undefined,
      ),
    ]);
    if (tab === 'ask') {
      const next = page
        .context()
        .waitForEvent('page', { timeout: CEILING_MS })
        .catch(() => undefined);
      await open.click();
      tab = await next;
    }
    if (tab) {
      await tab.waitForLoadState('domcontentloaded').catch(() => undefined);
      const demo = tab.getByText('Sign in as the demo user');
      if (await demo.isVisible().catch(() => false)) await demo.click();
      await tab
        .getByText('You are signed in to KallyAI')
        .waitFor({ timeout: 30_000 })
        .catch(() => undefined);
      await tab.close().catch(() => undefined);
      await page.bringToFront();
    }
    const signedIn = await page
      .locator('.statusbar-item', { hasText: credits })
      .first()
      .waitFor({ state: 'visible', timeout: 45_000 })
      .then(
        () => true,
        () => false,
      );
    if (signedIn) {
      // The "Signed in as" notification: on 1.139 it can show a moment after the status bar does,
      // after a "Clear All Notifications" meant for it; every sign-in shows it.
      await page.locator('.notification-toast').first().waitFor({ state: 'visible' });
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
  await row.waitFor({ state: 'visible' });
  await row.click();
  const walkthrough = page
    .locator('.gettingStartedContainer .getting-started-category')
    .filter({ has: page.locator('h2.category-title', { hasText: title }) });
  await walkthrough.waitFor({ state: 'visible' });
  return walkthrough;
}

/** A step of the KallyAI walkthrough (its button in the list of steps), by its id in package.json. */
function walkthroughStep(page, id) {
  return page.locator(`button.getting-started-step[data-step-id="kallyai.kallyai#kallyai.getStarted#${id}"]`);
}

/** Whether a walkthrough step is checked off (its completion event happened). */
async function stepDone(page, id) {
  return (
    (await page
      .locator(`[data-done-step-id="kallyai.kallyai#kallyai.getStarted#${id}"]`)
      .getAttribute('aria-checked')) === 'true'
  );
}

/** The text of the first webview frame (a step's Markdown page, a preview, a page) whose body matches
 *  `test` (a RegExp, or a function of the text), and that frame: `{ frame, text }`. */
async function frameMatching(page, test, what = `a frame showing ${test}`, { ceilingMs } = {}) {
  const matches = typeof test === 'function' ? test : (text) => test.test(text);
  return until(
    what,
    async () => {
      for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
        const text = await frame
          .locator('body')
          .innerText({ timeout: 1_000 })
          .catch(() => '');
        if (matches(text)) return { frame, text };
      }
      return undefined;
    },
    // Room for the three recoveries above (two editor switches, one window reload) after 20 s each.
    { ceilingMs: ceilingMs ?? CEILING_MS + 60_000 },
  );
}

/** Text of the webview frame whose body matches `pattern` (a step's Markdown page, a preview). */
async function frameText(page, pattern) {
  return (await frameMatching(page, pattern)).text;
}

/** Waits until a page's frame has loaded its document with its stylesheets. pageFrame returns a
 *  frame as soon as its HTML has parsed; a page shown again is a new document (no
 *  retainContextWhenHidden), and on a busy machine page.css can apply a moment later. What reads
 *  styles (colours, focus rings, contrast) waits for this. */
async function pageStyled(frame) {
  await until('the page to load its stylesheets', () =>
    frame.evaluate(
      () =>
        globalThis.document.readyState === 'complete' &&
        [...globalThis.document.querySelectorAll('link[rel="stylesheet"]')].every((l) => l.sheet) &&
        globalThis.getComputedStyle(globalThis.document.body).backgroundColor !== 'rgba(0, 0, 0, 0)',
    ),
  );
  return frame;
}

/** The frame of the KallyAI page (a webview of the extension's, with body[data-state]) whose
 *  <title> matches `title`; with `ready`, the first such frame for which `await ready(frame)` holds
 *  (a page renders anew after each action: its frame is replaced), `what` naming that state.
 *  `reopen`: how the script opened the page, for the last recovery below (the page is closed, the
 *  window reloaded, and the page opened again that way instead of left to VS Code to restore).
 *  `ceilingMs` only for a probe whose answer is merely logged. */
async function pageFrame(page, title, { ready, what, ceilingMs, reopen } = {}) {
  let blankSince;
  let reloaded = 0;
  let windowReloaded = false;
  return until(
    `the page titled ${title}${what ? ` to show ${what}` : ''}`,
    async () => {
      const seen = [];
      let shown = false;
      for (const frame of page.frames()) {
        const t = await frame.title().catch(() => '');
        const state = await frame
          .locator('body[data-state]')
          .count()
          .catch(() => 0);
        if (t) seen.push(`${JSON.stringify(t.slice(0, 60))}${state ? '' : ' (no body[data-state])'}`);
        if (!title.test(t) || !state) continue;
        shown = true;
        if (!ready || (await ready(frame).catch(() => false))) return frame;
      }
      // A page whose tab shows while its webview stays blank: on a busy machine VS Code's web
      // workbench can leave a webview without its content for good (the page was rendered: its title
      // is set with its HTML). After 20 s of that — twice at most — another editor is shown and closed
      // again: a hidden webview gives up its frame (no retainContextWhenHidden) and, shown again, is
      // made anew from the HTML the extension gave it. Said in the log, with what the window held.
      const tabShown = !shown && (await page.locator('.tabs-container .tab.active', { hasText: title }).count()) > 0;
      blankSince = tabShown ? (blankSince ?? Date.now()) : undefined;
      // Still blank after that: the window's webview service worker has stalled (a new content frame
      // is never made), and only a window reload registers it anew; the page comes back with the
      // window (KallyAI restores its pages). VS Code 1.100 can fail that restore ("OverlayWebview
      // has been disposed": the tab is gone or stays blank), so with `reopen` the page is closed
      // first and opened again after the reload as the script opened it. Once, said in the log.
      if (tabShown && reloaded === 2 && !windowReloaded && Date.now() - blankSince > 20_000) {
        windowReloaded = true;
        blankSince = undefined;
        console.log(
          `[e2e] the page titled ${title} stayed blank in this window: reloading the window${reopen ? ', then opening the page again' : ''}`,
        );
        if (reopen) await runCommand(page, 'View: Close Editor');
        await page.reload();
        await page.locator('.monaco-workbench .activitybar').first().waitFor({ state: 'visible' });
        if (reopen) await reopen();
        await page.locator('.tabs-container .tab.active', { hasText: title }).waitFor({ state: 'visible' });
      }
      if (tabShown && reloaded < 2 && Date.now() - blankSince > 20_000) {
        reloaded++;
        blankSince = undefined;
        const iframes = await page
          .evaluate(() =>
            [...globalThis.document.querySelectorAll('iframe')]
              .map((f) => `${f.className || 'iframe'}${f.offsetWidth ? '' : ' (hidden)'}`)
              .join(', '),
          )
          .catch(() => '?');
        console.log(
          `[e2e] the page titled ${title} has shown a blank webview for 20 s (iframes: ${iframes}; frames: ${page
            .frames()
            .map((f) => f.url().split('?')[0].split('/').pop() || 'about:blank')
            .join(', ')}): showing another editor and it again`,
        );
        await runCommand(page, 'File: New Untitled Text File');
        await page.locator('.tabs-container .tab.active', { hasText: /^Untitled/ }).waitFor({ state: 'visible' });
        await runCommand(page, 'View: Close Editor');
        await page.locator('.tabs-container .tab.active', { hasText: title }).waitFor({ state: 'visible' });
      }
      // What there is instead, reported if the wait runs out.
      throw new Error(
        `frames: ${seen.join(', ') || 'none with a title'}${tabShown ? ' (its tab shows, its webview blank)' : ''}`,
      );
    },
    // Room for the three recoveries above (two editor switches, one window reload) after 20 s each.
    { ceilingMs: ceilingMs ?? CEILING_MS + 60_000 },
  );
}

/** The text of a page's frame (from pageFrame), its white space folded to single spaces. */
async function pageText(frame) {
  return (await frame.locator('body').innerText()).replace(/\s+/g, ' ');
}

/** Waits for the first row of a view's pane whose text matches `pattern`; returns it (a locator). */
async function waitForRow(page, viewName, pattern) {
  const row = pane(page, viewName).locator('.monaco-list-row', { hasText: pattern }).first();
  await row.waitFor({ state: 'visible' });
  return row;
}

/**
 * Clicks `target` (a tree row, a link) until `opened()` holds, e.g. the tab of the page it opens:
 * a click that lands while its view re-renders (a live call's row changes every second; a busy
 * machine widens that moment) selects the row without running its command. Each click gets 15 s to
 * show its effect; the whole wait has the one ceiling and names `what`.
 */
async function clickUntil(target, what, opened) {
  return until(what, async () => {
    await target.click({ timeout: 15_000 });
    return until(what, opened, { ceilingMs: 15_000, intervalMs: 250 }).catch(() => false);
  });
}

/** Clicks a tree row until the tab of the editor it opens shows (its text matches `tab`). */
async function openFromRow(page, row, tab) {
  const tabs = page.locator('.tabs-container .tab', { hasText: tab });
  await clickUntil(row, `a click on the row to open the tab ${tab}`, async () => (await tabs.count()) > 0);
}

/** Clicks a row's twistie to expand it, if it is collapsed. */
async function expandRow(row) {
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
}

/** The opening most scripts share: the workbench on the run's folder, the KallyAI sidebar open,
 *  signed in to the sandbox, the views showing what the sandbox holds now (also what the script put
 *  there before calling this), no notification showing. In a workbench of the script's own it opens
 *  it and signs in; in the shared one (signed in already) it refreshes the views. */
async function startSignedIn(ctx) {
  if (isShared(ctx)) {
    await openKallyAI(ctx.page);
    // The runner loaded the views from the reset sandbox; again if the script changed it since.
    if (ctx.sandboxAtReset === undefined || JSON.stringify(await sandboxState(ctx)) !== ctx.sandboxAtReset)
      await refreshViews(ctx);
  } else {
    await openWorkbench(ctx);
    await openKallyAI(ctx.page);
    await signIn(ctx);
  }
  await clearNotifications(ctx.page);
}

/** "Notifications: Clear All Notifications", then waits until no toast shows. */
async function clearNotifications(page) {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await until('the notifications to clear', async () => (await page.locator('.notification-toast').count()) === 0);
}

/** "KallyAI: Refresh All Views", then waits until the views show what the sandbox holds (viewsLoaded). */
async function refreshViews(ctx) {
  await runCommand(ctx.page, 'KallyAI: Refresh All Views');
  await viewsLoaded(ctx);
}

/** Waits until the status bar shows the sandbox's balance and no view shows its loading bar any
 *  more (twice in a row, half a second apart: a row acted on while its view re-renders can lose the
 *  click, or run a command the re-render took away). */
async function viewsLoaded(ctx) {
  const { page } = ctx;
  const { remaining } = (await sandboxState(ctx)).credits;
  const status = page.locator('.statusbar-item', { hasText: /credits$/ }).first();
  await until(
    `the status bar to show the sandbox's balance (${remaining} credits)`,
    async () => (await status.innerText({ timeout: 1_000 })).trim() === `${remaining} credits`,
  );
  const loading = page.locator('.sidebar .monaco-progress-container.active');
  let quiet = 0;
  await until(
    'the views to finish loading',
    async () => {
      quiet = (await loading.count()) === 0 ? quiet + 1 : 0;
      return quiet >= 2;
    },
    { intervalMs: 500 },
  );
}

/**
 * What runE2E.js does in the shared workbench before each script, so that order and neighbours
 * never matter: the sandbox back at its seed data (no faults, an empty request log; the session
 * stays signed in), every editor closed, then the window reloaded — whatever a script left in it
 * (a quick input, a menu, a dialog, rows it expanded, notifications, the extension's memory) is
 * gone and the extension starts again, signed in —, the KallyAI side bar with its views open and
 * folded as at start, refreshed, and no notification. Kept: the light/dark theme, the side bar's
 * width and what the extension stores for good (a wizard's last answers).
 */
async function resetSharedWorkbench(ctx) {
  const { page } = ctx;
  const t0 = Date.now();
  const steps = [];
  const lap = (what) => steps.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
  await resetSandbox(ctx);
  // Closed before the reload, which would otherwise open them again.
  const tabs = page.locator('.tabs-container .tab');
  if (await tabs.count()) {
    await runCommand(page, 'View: Close All Editors');
    await until('every editor to close', async () => (await tabs.count()) === 0);
    lap('editors closed');
  }
  await page.reload();
  await page.locator('.monaco-workbench .activitybar').first().waitFor({ state: 'visible' });
  lap('reloaded');
  // An editor the reload brought back anyway (a Markdown preview can be): closed now.
  if (await tabs.count()) {
    await runCommand(page, 'View: Close All Editors');
    await until('every editor the reload restored to close', async () => (await tabs.count()) === 0);
    lap('restored editors closed');
  }
  await openKallyAI(page);
  lap('KallyAI open');
  for (const name of VIEW_NAMES) await setPaneExpanded(page, name, !FOLDED_AT_START.includes(name));
  lap('views folded as at start');
  // The extension, started anew, loads every open view from the sandbox.
  await viewsLoaded(ctx);
  lap('views loaded');
  if (await page.locator('.notification-toast').count()) await clearNotifications(page);
  await page.mouse.move(5, 500);
  return { sandboxAtReset: JSON.stringify(await sandboxState(ctx)), steps: steps.join(', ') };
}

/**
 * Opens one KallyAI page (the Channels page) in a new window and closes it again, before any script
 * needs one: the first webviews of a new window register the webview service worker, and on a busy
 * machine VS Code's web workbench can leave one of them blank for good. A blank one is closed and
 * the page opened again; after two blank tries the window is reloaded first (its service worker
 * registration had stalled), at most 4 tries in all. Returns how many tries it took.
 */
async function warmUpWebviews(ctx) {
  const { page } = ctx;
  const tabs = page.locator('.tabs-container .tab');
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, 'KallyAI: Manage Channels');
    const shown = await pageFrame(page, /^KallyAI channels/, { ceilingMs: 30_000 }).then(
      () => true,
      () => false,
    );
    await runCommand(page, 'View: Close All Editors');
    await until('every editor to close', async () => (await tabs.count()) === 0);
    if (shown) return attempt;
    if (attempt >= 4) throw new WaitTimeout('a first KallyAI page to show in the new window (4 tries)', 120_000);
    ctx.log?.(
      `the first page stayed blank (try ${attempt}): opening it again${attempt === 2 ? ' in the window reloaded' : ''}`,
    );
    if (attempt === 2) {
      await page.reload();
      await page.locator('.monaco-workbench .activitybar').first().waitFor({ state: 'visible' });
    }
  }
}

/** Puts the sandbox back at its seed data: POST /sandbox/reset, no faults, an empty request log. */
async function resetSandbox(ctx) {
  const post = (p, body) =>
    fetch(`${ctx.sandboxUrl}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const reset = await post('/sandbox/reset', {});
  assert.ok(reset.ok, `POST /sandbox/reset → ${reset.status}`);
  await fetch(`${ctx.sandboxUrl}/sandbox/faults`, { method: 'DELETE' });
  await clearRequests(ctx);
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

/** Toggles between the light and the dark theme; returns once the workbench has changed and every
 *  webview (the pages, a preview) shows the new one (VS Code marks a webview's body vscode-light /
 *  vscode-dark when it hands it the theme's colours). */
async function toggleTheme(page) {
  const before = await themeOf(page);
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  const after = await until('the workbench to change its theme', async () => {
    const now = await themeOf(page);
    return now !== before && now;
  });
  const kind = { dark: 'vscode-dark', light: 'vscode-light', hc: 'vscode-high-contrast' }[after];
  await until(`every webview to show the ${after} theme`, async () => {
    for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
      const classes = await frame.evaluate(() => globalThis.document?.body?.className ?? '').catch(() => '');
      if (/\bvscode-(light|dark|high-contrast)\b/.test(classes) && !classes.split(/\s+/).includes(kind)) return false;
    }
    return true;
  });
}

module.exports = {
  CEILING_MS,
  WaitTimeout,
  until,
  clickUntil,
  openFromRow,
  isShared,
  resetSharedWorkbench,
  resetSandbox,
  refreshViews,
  viewsLoaded,
  warmUpWebviews,
  clearNotifications,
  frameMatching,
  setPaneExpanded,
  startSignedIn,
  sandboxRequests,
  clearRequests,
  signIn,
  readmeScreenshot,
  openWalkthrough,
  walkthroughStep,
  stepDone,
  frameText,
  pageFrame,
  pageStyled,
  pageText,
  waitForRow,
  expandRow,
  sandboxState,
  themeOf,
  toggleTheme,
  ACTIVITY_ICON,
  VIEW_NAMES,
  openWorkbench,
  kallyaiActivity,
  openKallyAI,
  pane,
  expandPane,
  collapsePane,
  onlyPane,
  runCommand,
  pickRow,
  notificationTexts,
  waitForNotification,
  assertNoErrorNotifications,
};
