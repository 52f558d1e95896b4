// @kallyai in the Chat view of the real workbench (code-server + Chromium, a host with a Chat view),
// signed in to the launcher's sandbox: a request in plain words goes to KallyAI's own assistant
// (POST /v1/coordination/message, nothing else that writes), the answer shows KallyAI's reply, the
// goal it started with its cost and what it waits for, and the buttons that act on it; Approve Step
// from the chat asks first in the modal naming the step and its credits, and "Not Now" approves
// nothing.
// VS Code 1.139 hands a chat participant no request unless some language model is available
// ("Language model unavailable"), even one like @kallyai that never asks a model: the fixture
// extension test/e2e/fixtures/stand-in-model provides a model that answers nothing and fails if it
// is asked, so the test also shows @kallyai does not use it.
// README picture: media/screenshots/chat.png (runE2E.js --readme-screenshots), the answer in the Chat view.
'use strict';
const assert = require('node:assert/strict');
const { openWorkbench, openKallyAI, runCommand, signIn, assertNoErrorNotifications, readmeScreenshot } = require('./lib');

const WORDS = "book a table for 4 at Luigi's on Friday at 8pm";

const requests = async (ctx) => (await (await fetch(`${ctx.sandboxUrl}/sandbox/requests`)).json()).requests;
const writes = (log) => log.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').map((r) => `${r.method} ${r.path}`);

async function run(ctx) {
  const { page } = ctx;
  await page.setViewportSize({ width: 1440, height: 960 });
  await openWorkbench(ctx);
  await openKallyAI(page);
  await signIn(ctx);
  await runCommand(page, 'Notifications: Clear All Notifications');

  // 1. The Chat view, with a language model available (the stand-in).
  await page.keyboard.press('Control+Alt+KeyI');
  const chatInput = page.locator('.interactive-input-part .monaco-editor').first();
  await chatInput.waitFor({ state: 'visible', timeout: 30_000 });

  // 2. "@kallyai …" sent.
  await fetch(`${ctx.sandboxUrl}/sandbox/requests`, { method: 'DELETE' });
  // The chat input picks the stand-in model once VS Code has asked its provider for models.
  const model = page.locator('.interactive-input-part .action-item', { hasText: /Stand-in \(e2e\)/ }).first();
  const modelShown = await model.waitFor({ state: 'visible', timeout: 60_000 }).then(() => true, () => false);
  if (!modelShown) {
    await ctx.screenshot('chat-no-model');
    throw new Error(`the chat input shows no model (${await page.locator('.interactive-input-part').first().innerText()})`);
  }
  await chatInput.click();
  await page.keyboard.type(`@kallyai ${WORDS}`, { delay: 20 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');

  // 3. The answer: KallyAI's reply, the goal card and its buttons.
  const response = page.locator('.interactive-item-container.interactive-response').last();
  await response.locator('.monaco-button', { hasText: /^Approve Step$/ }).waitFor({ state: 'visible', timeout: 60_000 });
  const answer = (await response.innerText()).replace(/\s+/g, ' ');
  ctx.log(`answer: ${answer}`);
  assert.match(answer, /I can do that in \d+ steps \(about [\d.]+ credits\)/);
  assert.match(answer, /Goal: Book a table for 4 at Luigi's on Friday at 8pm/i);
  assert.match(answer, /Waiting for you: /);
  assert.match(answer, /Next step: .+ \(about [\d.]+ credits?\)/);
  assert.doesNotMatch(answer, /Language model unavailable|stand-in model was asked/i);
  for (const label of ['Show Budget', 'Open Goal Page']) assert.ok(await response.locator('.monaco-button', { hasText: label }).count(), `the answer offers ${label}`);
  const sent = (await requests(ctx)).filter((r) => r.method === 'POST' && r.path === '/v1/coordination/message');
  assert.equal(sent.length, 1, 'one message to KallyAI');
  assert.equal(sent[0].body.message, WORDS, 'the words after @kallyai, as typed');
  const written = writes(await requests(ctx)).filter((w) => !/^POST \/v1\/coordination\/(message|conversations)$/.test(w));
  assert.deepEqual(written, [], 'nothing else written: no call, no approval');

  // A wider Chat view for the picture: its left edge dragged into the (empty) editor area.
  const chat = await page.locator('.part.auxiliarybar').first().boundingBox();
  if (chat) {
    await page.mouse.move(chat.x - 2, chat.y + 400);
    await page.mouse.down();
    await page.mouse.move(chat.x - 330, chat.y + 400, { steps: 8 });
    await page.mouse.up();
  }
  // A wide Chat view opens its list of sessions beside the chat: folded, the answer has the width.
  const sessions = page.locator('.part.auxiliarybar .monaco-button', { hasText: /^New Session$/ }).first();
  if (await sessions.isVisible().catch(() => false)) {
    await runCommand(page, 'Chat Agent Sessions: Toggle Agent Sessions Sidebar');
    await sessions.waitFor({ state: 'hidden', timeout: 10_000 });
  }
  await page.waitForTimeout(500); // the follow-ups settle
  await readmeScreenshot(ctx, 'chat');

  // 4. Approve Step from the chat asks first, naming the step and its cost; Not Now approves nothing.
  await response.locator('.monaco-button', { hasText: /^Approve Step$/ }).click();
  const dialog = page.locator('.monaco-dialog-box', { hasText: /Approve the next step of "Book a table for 4 at Luigi's on Friday at 8pm"\?/i });
  await dialog.waitFor({ state: 'visible', timeout: 20_000 });
  const consent = (await dialog.innerText()).replace(/\s+/g, ' ');
  ctx.log(`consent: ${consent}`);
  assert.match(consent, /Estimated cost: about [\d.]+ credits?/);
  assert.match(consent, /Your balance: [\d.]+ credits/);
  await dialog.locator('.monaco-button', { hasText: /^Not Now$/ }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  const approvals = (await requests(ctx)).filter((r) => r.method === 'POST' && /approve-step$/.test(r.path));
  assert.deepEqual(approvals, [], '"Not Now" approves nothing');
  await assertNoErrorNotifications(page);
}

module.exports = { run, needs: 'chatView', extensions: ['fixtures/stand-in-model'] };
