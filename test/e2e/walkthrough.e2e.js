// End to end in the real workbench (code-server + Chromium), against the launcher's sandbox: the
// Getting Started walkthrough opens from "Welcome: Open Walkthrough…", lists its five steps with
// none done and shows the first step's Markdown page; each step's button does what it says and its
// completion event checks the step off — "Sign in to KallyAI" signs in (onContext:kallyai.signedIn),
// "Open the Goals view" shows Goals (onView), "Make a Call" opens the wizard on the test number
// (onCommand).
// Screenshots: test-results/walkthrough.png (as it opens), test-results/walkthrough-progress.png
// (three steps done, the Goals view beside it).
'use strict';
const assert = require('node:assert/strict');
const { openWorkbench, runCommand, walkthroughStep, stepDone, frameText, signIn, pane, assertNoErrorNotifications, until } = require('./lib');

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

  // 1. "KallyAI: Get Started" opens it (spanish.e2e.js opens it from Welcome: Open Walkthrough…):
  //    five steps, none done; the first one's page is the English one.
  await runCommand(page, 'KallyAI: Get Started');
  const category = page.locator('.gettingStartedContainer .getting-started-category').filter({ has: page.locator('h2.category-title', { hasText: 'Get started with KallyAI' }) });
  await category.waitFor({ state: 'visible' });
  const titles = await page.locator('button.getting-started-step[data-step-id^="kallyai.kallyai#kallyai.getStarted#"] h3.step-title').allInnerTexts();
  assert.deepEqual(titles.map((t) => t.trim()), Object.values(STEPS));
  for (const id of Object.keys(STEPS)) assert.equal(await stepDone(page, id), false, `${id} is done before anything happened`);
  const signInPage = await frameText(page, /No account yet\? Try the sandbox/);
  assert.match(signInPage, /Sign in to KallyAI/);
  assert.match(signInPage, /npm ci && npm run demo/);
  ctx.log(`first page: ${signInPage.replace(/\s+/g, ' ').slice(0, 120)}…`);
  await ctx.screenshot('walkthrough');

  // 2. "Sign in to KallyAI" in the step signs in; the context key checks the step off.
  await signIn(ctx, { start: () => pressStepButton(page, 'signIn', 'Sign in to KallyAI') });
  await waitForDone(page, 'signIn');
  ctx.log('signed in from the walkthrough: step 1 done');

  // 3. "Open the Goals view" shows the Goals view; the step is done when it is visible.
  await pressStepButton(page, 'goals', 'Open the Goals view');
  await pane(page, 'Goals').locator('.monaco-list-row', { hasText: /^Needs you/ }).first().waitFor({ state: 'visible' });
  await waitForDone(page, 'goals');
  ctx.log('Goals view shown: step 2 done');

  // 4. "Make a Call" opens the wizard on the test number; running the command checks the step off.
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
  await waitForDone(page, 'makeCall');
  for (const id of ['ask', 'approve']) assert.equal(await stepDone(page, id), false, `${id} is done though it was not run`);
  ctx.log('Make a Call run: step 3 done; Ask and Approve a step still to do');
  await page.mouse.move(5, 500);
  await ctx.screenshot('walkthrough-progress');
  await assertNoErrorNotifications(page);
}

// Signed out at start, and its steps checked off from the first: a workbench of its own.
module.exports = { run, fresh: true };
