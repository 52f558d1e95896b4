// The pages in the real workbench (code-server + Chromium): Enter on a goal in the Goals view opens
// its page; Approve Step on the page asks in a modal that names the step and the credits; after
// "Approve Step" the page shows the goal moving on — in the same document, styled all along (each new
// render is swapped in; a reload would show the tab blank and unstyled for a moment). The call and
// conversation pages too.
// Screenshots of each page in the light and the dark theme: test-results/page-<kind>-<theme>.png;
// README picture media/screenshots/pages.png (runE2E.js --readme-screenshots): the goal page waiting
// for an approval.
'use strict';
/* global document, window, getComputedStyle */
const assert = require('node:assert/strict');
const { startSignedIn, pane, expandPane, runCommand, assertNoErrorNotifications, readmeScreenshot, pageFrame, waitForRow, expandRow, pageText, themeOf, toggleTheme } = require('./lib');

/** A screenshot in the current theme and one in the other. */
async function shoot(ctx, kind) {
  await ctx.screenshot(`page-${kind}-${await themeOf(ctx.page)}`);
  await toggleTheme(ctx.page);
  await ctx.screenshot(`page-${kind}-${await themeOf(ctx.page)}`);
  await toggleTheme(ctx.page);
}

module.exports = async function pages(ctx) {
  const { page } = ctx;
  await startSignedIn(ctx);
  await expandPane(page, 'Goals');

  // 1. Enter on a goal opens its page.
  const row = await waitForRow(page, 'Goals', /Book dinner for 4/);
  await row.locator('.monaco-tl-twistie').click(); // selects the row without running its command
  await row.focus();
  await page.keyboard.press('Enter');
  const tab = page.locator('.tabs-container .tab', { hasText: /Book dinner for 4 at Luigi's on Friday — goal/ }).first();
  await tab.waitFor({ state: 'visible', timeout: 20_000 });
  ctx.log(`tab: ${(await tab.innerText()).trim()}`);
  let goal = await pageFrame(page, /Book dinner for 4/);
  const before = await pageText(goal);
  assert.match(before, /Waiting for your approval/);
  assert.match(before, /Call Luigi's Trattoria to book a table for 4/);
  await readmeScreenshot(ctx, 'pages');
  await shoot(ctx, 'goal');

  // 2. Approve Step on the page: the modal names the step and the credits.
  goal = await pageFrame(page, /Book dinner for 4/);
  // A mark on this document: a reload would lose it.
  await goal.evaluate(() => { window.kallyaiDocumentMark = 'before Approve Step'; });
  await goal.locator('button[data-action="approveStep"]').click();
  const dialog = page.locator('.monaco-dialog-box', { hasText: /Approve the next step of "Book dinner for 4 at Luigi's on Friday"\?/ });
  await dialog.waitFor({ state: 'visible', timeout: 15_000 });
  const detail = (await dialog.innerText()).replace(/\s+/g, ' ');
  ctx.log(`consent: ${detail}`);
  assert.match(detail, /Call Luigi's Trattoria to book a table for 4/);
  assert.match(detail, /Estimated cost: about 1\.2 credits/);
  assert.match(detail, /Your balance: [\d.]+ credits/);
  assert.ok(await dialog.locator('.monaco-button', { hasText: /^Not Now$/ }).isVisible(), 'the other button says "Not Now"');
  await ctx.screenshot('page-goal-consent');
  await dialog.locator('.monaco-button', { hasText: /^Approve Step$/ }).click();

  // 3. The page follows: the approved step is done and the goal waits on the next one. (The page
  // can render more than once on the way, e.g. a refresh that still saw the old step.)
  const nextStep = /waiting for your approval to go ahead with: Add the booking to your calendar/;
  const deadline = Date.now() + 20_000;
  let after = before;
  while (Date.now() < deadline && !nextStep.test(after)) {
    await page.waitForTimeout(300);
    goal = await pageFrame(page, /Book dinner for 4/).catch(() => goal);
    after = await pageText(goal).catch(() => after);
  }
  ctx.log(`after: ${after.slice(0, 200)}…`);
  assert.match(after, nextStep, 'the next step is the one waiting now');
  assert.equal(await goal.evaluate(() => window.kallyaiDocumentMark), 'before Approve Step', 'the new render was swapped into the same document, not reloaded');
  assert.equal(await goal.evaluate(() => getComputedStyle(document.querySelector('h1')).fontWeight), '600', 'and it is styled');

  // 4. The call page, from the Calls view: status in words, the transcript inline.
  await expandPane(page, 'Calls');
  await expandRow(await waitForRow(page, 'Calls', /Luigi's Trattoria/));
  await pane(page, 'Calls').locator('.monaco-list-row', { hasText: /^Details$/ }).first().click();
  const callPage = await pageFrame(page, /Luigi's Trattoria — call/);
  const callText = await pageText(callPage);
  assert.match(callText, /Succeeded/);
  assert.match(callText, /Transcript/);
  // "Play Recording" plays the recording in the editor (the web workbench used to drop the
  // address's path and open a JSON 404): the player page gets the audio as bytes from the extension.
  await callPage.locator('button[data-action="recording"]').click();
  const player = await pageFrame(page, /Luigi's Trattoria — recording/, 60_000);
  await player.locator('audio[data-player][src^="blob:"]').waitFor({ state: 'attached', timeout: 60_000 });
  // The element knows its length once its metadata is read (NaN until then; VS Code 1.139 checked too early).
  await player.waitForFunction(() => Number.isFinite(document.querySelector('audio[data-player]')?.duration), undefined, { timeout: 20_000 });
  const duration = await player.evaluate(() => document.querySelector('audio[data-player]').duration);
  ctx.log(`recording: ${duration} s in the player`);
  assert.ok(Math.abs(duration - 94.3) < 0.2, `the recording is as long as the call (${duration} s)`);
  await page.locator('.tabs-container .tab', { hasText: /Luigi's Trattoria — call/ }).first().click();
  await shoot(ctx, 'call');

  // 5. The conversation page, from Ask.
  await runCommand(page, 'KallyAI: Ask…');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill('Book a table for 2 at a sushi place on Saturday at 7pm');
  await input.press('Enter');
  const conversation = await pageFrame(page, /sushi place.*KallyAI/);
  const talk = await pageText(conversation);
  assert.match(talk, /Book a table for 2 at a sushi place/);
  assert.ok(await conversation.locator('button[data-action="suggest"]').count() > 0, 'suggestions are buttons');
  await page.keyboard.press('Escape'); // the reply notification
  await shoot(ctx, 'conversation');
  await assertNoErrorNotifications(page);
};
