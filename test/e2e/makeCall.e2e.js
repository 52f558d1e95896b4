// End to end in the real workbench (code-server + Chromium), against the launcher's sandbox:
// sign in, then F1 → "KallyAI: Make a Call…" → the wizard typed step by step through the real
// quick input (phone validated as typed, kind of business, task, then "More Details…": business,
// name, date, time, party size, languages, time zone) → the confirmation modal read and accepted
// ("Place Call") → the completion notification read (it names the status) → "Open Transcript" opens
// the transcript. Then a second call, a general one to the sandbox's long-call number: nothing of the
// first call is filled in, and a number and a task make the call in four steps (the step count is
// measured and must be at most five); it shows live in the Calls view, the progress notification's
// Cancel asks "Stop the live call?", "Stop Call" stops it on the server and the outcome says
// Cancelled. Last, "Same as Last Call" (the number step's button) brings that call's answers back.
// Between the calls, Add to Calendar saves the .ics under the appointment's day and its Download
// hands it to the browser, the tab staying on the workbench (make-call-calendar-saved.png,
// make-call-calendar-downloaded.png).
// Screenshots: test-results/make-call-outcome.png (the completion notification),
// test-results/make-call.png (the transcript), test-results/make-call-review.png (the step that
// places the call), test-results/make-call-stopped.png, test-results/make-call-same.png; README
// picture media/screenshots/call.png (runE2E.js --readme-screenshots): the outcome notification
// beside the call in the Calls view.
/* global document */
'use strict';
const assert = require('node:assert/strict');
const {
  startSignedIn,
  runCommand,
  assertNoErrorNotifications,
  readmeScreenshot,
  frameMatching,
  openKallyAI,
} = require('./lib');

const INPUT = '.quick-input-widget input';
const TITLE = '.quick-input-widget .quick-input-title';
const MESSAGE = '.quick-input-widget .quick-input-message';

function inDays(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The step the wizard shows now: [n, m] from its title "… (n/m)". */
async function stepNow(page) {
  const match = /\((\d+)\/(\d+)\)/.exec(await page.locator(TITLE).innerText());
  return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

/** Waits for wizard step `n` (the title reads "… (n/m)"), types `text` and checks the message shown. */
async function step(ctx, n, text, { expectMessage, select } = {}) {
  const { page } = ctx;
  await page.locator(TITLE, { hasText: new RegExp(`\\(${n}/\\d+\\)`) }).waitFor({ state: 'visible' });
  const input = page.locator(INPUT);
  await input.fill(text);
  if (expectMessage) {
    const message = page.locator(MESSAGE, { hasText: expectMessage });
    await message.waitFor({ state: 'visible' });
    ctx.log(`step ${n}: "${text}" → ${(await message.innerText()).trim()}`);
  }
  if (select)
    await page.locator('.quick-input-list .monaco-list-row', { hasText: select }).first().waitFor({ state: 'visible' });
  await input.press('Enter');
}

module.exports = async function makeCall(ctx) {
  const { page } = ctx;
  await startSignedIn(ctx);
  ctx.log('signed in');

  await runCommand(page, 'KallyAI: Make a Call…');
  const date = inDays(7);

  // 1. The number: an emergency number is refused as it is typed, then the real one is formatted.
  await page.locator(TITLE, { hasText: /KallyAI: Make a Call/ }).waitFor({ state: 'visible' });
  await page.locator(INPUT).fill('911');
  const refusal = await page.locator(MESSAGE, { hasText: /Emergency/ }).innerText();
  ctx.log(`911 → ${refusal.trim()}`);
  await page.locator(INPUT).press('Enter');
  assert.ok(await page.locator(TITLE, { hasText: /\(1\/\d+\)/ }).isVisible(), 'Enter does not leave a refused number');
  await step(ctx, 1, '+1 201 555 0100', { expectMessage: /KallyAI will call \+1 201 555 0100/ });
  await step(ctx, 2, 'Restaurant', { select: 'Restaurant' });
  await step(ctx, 3, 'Book a table for two by the window, tonight if possible', {
    expectMessage: /\d+ of 1000 characters/,
  });
  // The fourth step places the call or asks the optional questions: this one has them all.
  await step(ctx, 4, 'More Details', { select: 'More Details…' });
  await step(ctx, 5, "Luigi's Trattoria");
  await step(ctx, 6, 'Alex Tester');
  await step(ctx, 7, date, { expectMessage: /day/ });
  await step(ctx, 8, '20:30');
  await step(ctx, 9, '2');
  await step(ctx, 10, 'English', { select: 'English' });
  await step(ctx, 11, 'English', { select: 'English' });
  await step(ctx, 12, 'Europe/Madrid');

  // 2. The confirmation modal names the number, the business, the task, the estimate and the balance.
  const dialog = page.locator('.monaco-dialog-box', { hasText: /Call Luigi's Trattoria now\?/ });
  await dialog.waitFor({ state: 'visible' });
  const detail = (await dialog.innerText()).replace(/\s+/g, ' ');
  ctx.log(`confirmation: ${detail}`);
  for (const expected of [
    /\+1 201 555 0100/,
    /Luigi's Trattoria/,
    /Book a table for two by the window/,
    /Estimated cost: about [\d.]+ credits? plus [\d.]+ per minute/,
    /Your balance: [\d.]+ credits/,
  ]) {
    assert.match(detail, expected);
  }
  await dialog.locator('.monaco-button', { hasText: /^Place Call$/ }).click();

  // 3. The outcome notification names the status, the highlights and the next steps.
  const toast = page.locator('.notification-toast', { hasText: /Call to Luigi's Trattoria — Succeeded/ }).first();
  await toast.waitFor({ state: 'visible' });
  const outcome = (await toast.innerText()).replace(/\s+/g, ' ');
  ctx.log(`outcome: ${outcome}`);
  assert.match(outcome, /Succeeded/);
  assert.match(outcome, /Table booked for 2 at Luigi's Trattoria/);
  assert.match(outcome, /Next steps:/);
  for (const button of ['Open Transcript', 'Add to Calendar', 'Call Again']) {
    assert.ok(
      await toast.locator('.monaco-button', { hasText: button }).isVisible(),
      `the notification offers "${button}"`,
    );
  }

  await ctx.screenshot('make-call-outcome');
  await readmeScreenshot(ctx, 'call', { allowNotification: /Call to Luigi's Trattoria — Succeeded/ });

  // 4. "Open Transcript" opens the transcript in the Markdown preview.
  await toast.locator('.monaco-button', { hasText: 'Open Transcript' }).click();
  const tab = page.locator('.tabs-container .tab', { hasText: /transcript/i }).first();
  await tab.waitFor({ state: 'visible' });
  ctx.log(`tab: ${(await tab.innerText()).trim()}`);
  const { text: previewText } = await frameMatching(
    page,
    (text) => /Table booked for 2 at Luigi/.test(text) && /Transcript/.test(text) && /Summary/.test(text),
    'the preview to show the summary and the transcript',
  );
  ctx.log(`preview: ${previewText.replace(/\s+/g, ' ').slice(0, 200)}…`);

  // 5. The call is in the sandbox once.
  const state = await (await fetch(`${ctx.sandboxUrl}/sandbox/state`)).json();
  const placed = state.calls.filter(
    (c) => c.submission.business_name === "Luigi's Trattoria" && c.submission.appointment_date === date,
  );
  assert.equal(placed.length, 1, 'one call placed');
  assert.equal(placed[0].status, 'success');

  await ctx.screenshot('make-call');

  // 5b. Add to Calendar (issue 23): the .ics is named after the appointment's day, saved in the
  // workspace; in the web workbench the notification offers Download, which hands the file to the
  // browser — the tab is not navigated to a vscode-remote: address and keeps taking input.
  const workbenchUrl = page.url();
  await runCommand(page, 'KallyAI: Add to Calendar');
  await page.locator('.quick-input-widget input[placeholder^="Pick a call"]').waitFor({ state: 'visible' });
  // The calls are newest first: the one just placed is the first of Luigi's Trattoria's.
  await page.locator(INPUT).fill("Luigi's Trattoria");
  const newest = page.locator('.quick-input-list .monaco-list-row', { hasText: /Luigi's Trattoria/ }).first();
  await newest.waitFor({ state: 'visible' });
  ctx.log(`picked: ${(await newest.innerText()).replace(/\s+/g, ' ')}`);
  await page.locator(INPUT).press('Enter');
  const saveAs = page.locator(INPUT);
  // A file name keeps letters, digits, spaces, '-', '_' and '.' (src/format/sinks.ts fileName): the apostrophe becomes '-'.
  await page.waitForFunction((suffix) => {
    const input = document.querySelector('.quick-input-widget input');
    return !!input && input.value.endsWith(suffix);
  }, `Luigi-s Trattoria ${date}.ics`);
  ctx.log(`save as: ${await saveAs.inputValue()}`);
  await saveAs.press('Enter');
  const saved = page.locator('.notification-toast', { hasText: /Saved the calendar entry\./ }).first();
  await saved.waitFor({ state: 'visible' });
  const download = saved.locator('.monaco-button', { hasText: /^Download$/ });
  assert.ok(await download.isVisible(), 'the web workbench offers the file as a download');
  assert.equal(
    await saved.locator('.monaco-button', { hasText: /Open in Calendar App/ }).count(),
    0,
    'no "Open in Calendar App" where the browser cannot open it',
  );
  await ctx.screenshot('make-call-calendar-saved');
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  ctx.log(`downloaded: ${file.suggestedFilename()}`);
  assert.equal(file.suggestedFilename(), `Luigi-s Trattoria ${date}.ics`);
  const ics = require('node:fs').readFileSync(await file.path(), 'utf8');
  assert.match(ics, /BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT/);
  assert.equal(page.url(), workbenchUrl, 'the tab stays on the workbench');
  await runCommand(page, 'Notifications: Clear All Notifications');
  await ctx.screenshot('make-call-calendar-downloaded');
  // The saved entry is shown in the Explorer: back to the KallyAI side bar, where the next call shows live.
  await openKallyAI(page);

  // 6. A general call to the long-call number: nothing of the first call is filled in, and a number
  //    and a task make the call — the steps are counted from the quick input's own "n/m".
  await runCommand(page, 'KallyAI: Make a Call…');
  await page.locator(TITLE, { hasText: /\(1\/\d+\)/ }).waitFor({ state: 'visible' });
  assert.equal(await page.locator(INPUT).inputValue(), '', 'the last number is not filled in');
  const steps = new Set();
  const seen = async () => steps.add((await stepNow(page)).join('/'));
  await seen();
  await step(ctx, 1, '+1 201 555 0199', { expectMessage: /KallyAI will call \+1 201 555 0199/ });
  await page.locator(TITLE, { hasText: /\(2\/\d+\)/ }).waitFor({ state: 'visible' });
  await seen();
  let wentBack = false;
  for (;;) {
    const [n] = await stepNow(page);
    if (n === 2) {
      const active = (await page.locator('.quick-input-list .monaco-list-row.focused').innerText()).trim();
      assert.match(active, /^General/, `the kind of business offered is General, not the last call's (${active})`);
      await page.locator(INPUT).press('Enter');
    } else if (n === 3) {
      assert.equal(await page.locator(INPUT).inputValue(), '', "the last call's task is not filled in");
      if (!wentBack) {
        // The Back button returns to the previous step (the kind of business), which keeps its answer.
        wentBack = true;
        await page.locator('.quick-input-widget .quick-input-left-action-bar .action-label').first().click();
        await page.locator(TITLE, { hasText: /\(2\/\d+\)/ }).waitFor({ state: 'visible' });
        ctx.log('Back: returned to step 2');
        continue;
      }
      await page.locator(INPUT).fill('Ask whether they are open on Sunday morning');
      await page.locator(INPUT).press('Enter');
    } else {
      break;
    }
    await page.locator(TITLE, { hasText: new RegExp(`\\(${n + 1}/\\d+\\)`) }).waitFor({ state: 'visible' });
    await seen();
  }
  await page.locator(TITLE, { hasText: /\(4\/\d+\)/ }).waitFor({ state: 'visible' });
  assert.match(await page.locator(INPUT).getAttribute('placeholder'), /^Call \+1 201 555 0199: place the call/);
  const placeRow = (await page.locator('.quick-input-list .monaco-list-row').first().innerText()).replace(/\s+/g, ' ');
  ctx.log(`last step: ${placeRow}`);
  assert.match(placeRow, /Place Call…/);
  assert.doesNotMatch(placeRow, /Luigi|Alex Tester|party of/, 'nothing of the first call is sent');
  await ctx.screenshot('make-call-review');
  const [at, total] = await stepNow(page);
  ctx.log(`figure: a general call with a number and a task took ${total} steps (${[...steps].join(', ')})`);
  assert.equal(at, total, 'Place Call… is the last step');
  assert.ok(total <= 5, `a general call takes ${total} steps, at most 5`);
  await page.locator(INPUT).press('Enter');

  const second = page.locator('.monaco-dialog-box', { hasText: /Call \+1 201 555 0199 now\?/ });
  await second.waitFor({ state: 'visible' });
  const secondText = (await second.innerText()).replace(/\s+/g, ' ');
  assert.match(secondText, /Ask whether they are open on Sunday morning/);
  assert.match(secondText, /Category: General/);
  await second.locator('.monaco-button', { hasText: /^Place Call$/ }).click();

  const progress = page.locator('.notification-toast', { hasText: /Calling \+1 201 555 0199/ }).first();
  await progress.waitFor({ state: 'visible' });
  const liveRow = page
    .locator('.sidebar .pane:has(.pane-header[aria-label^="Calls"]) .monaco-list-row', { hasText: /In progress/i })
    .first();
  await liveRow.waitFor({ state: 'visible' });
  ctx.log(`live in the Calls view: ${(await liveRow.innerText()).replace(/\s+/g, ' ')}`);
  await progress.hover();
  await progress.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
  const stopDialog = page.locator('.monaco-dialog-box', { hasText: /Stop the live call to \+1 201 555 0199\?/ });
  await stopDialog.waitFor({ state: 'visible' });
  ctx.log(`stop: ${(await stopDialog.innerText()).replace(/\s+/g, ' ')}`);
  assert.ok(
    await stopDialog.locator('.monaco-button', { hasText: /^Let It Run$/ }).isVisible(),
    'the other button keeps the call',
  );
  await stopDialog.locator('.monaco-button', { hasText: /^Stop Call$/ }).click();
  const stopped = page.locator('.notification-toast', { hasText: /Call to \+1 201 555 0199 — Cancelled/ }).first();
  await stopped.waitFor({ state: 'visible' });
  ctx.log(`after Stop: ${(await stopped.innerText()).replace(/\s+/g, ' ')}`);
  const after = await (await fetch(`${ctx.sandboxUrl}/sandbox/state`)).json();
  const longCalls = after.calls.filter((c) => c.submission.respondent_phone === '+12015550199');
  assert.deepEqual(
    longCalls.map((c) => c.status),
    ['cancelled'],
    'placed once, stopped on the server',
  );
  assert.equal(longCalls[0].submission.task_category, 'general');
  assert.equal(longCalls[0].submission.business_name, undefined, "the first call's business is not sent");
  assert.equal(longCalls[0].submission.party_size, undefined, "the first call's party size is not sent");
  await ctx.screenshot('make-call-stopped');

  // 7. "Same as Last Call", the number step's button, brings the last call back: its last step shows it.
  await runCommand(page, 'Notifications: Clear All Notifications');
  await runCommand(page, 'KallyAI: Make a Call…');
  await page.locator(TITLE, { hasText: /\(1\/\d+\)/ }).waitFor({ state: 'visible' });
  assert.match(await page.locator('.quick-input-widget').innerText(), /Same as Last Call/);
  // The button in the title bar: its icon is history, its tooltip names the last call.
  await page.locator('.quick-input-widget .quick-input-titlebar .action-label.codicon-history').click();
  await page.locator(TITLE, { hasText: /\(4\/\d+\)/ }).waitFor({ state: 'visible' });
  assert.match(await page.locator(INPUT).getAttribute('placeholder'), /^Call \+1 201 555 0199: place the call/);
  const sameRow = (await page.locator('.quick-input-list .monaco-list-row').first().innerText()).replace(/\s+/g, ' ');
  ctx.log(`Same as Last Call: ${(await stepNow(page)).join('/')} ${sameRow}`);
  assert.match(sameRow, /General/);
  await ctx.screenshot('make-call-same');
  await page.keyboard.press('Escape');
  await assertNoErrorNotifications(page);
};
