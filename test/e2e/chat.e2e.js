// End to end in the real Chat view (VS Code 1.139 and later: code-server 1.100 has no Chat view
// without a Copilot extension, so this script needs 'chatView'; the host suite drives the
// participant's handler on every host). No Copilot here: VS Code hands a participant a request only
// with a language model for it, which @kallyai never uses, so the fixture test-model (not Copilot)
// is registered and chosen for the Chat by its command, as picking it in the model picker would.
// Signed in: "@kallyai /credits" typed in the chat input answers with the sandbox's balance and its
// buttons; a plain message goes to KallyAI's coordination AI and the reply (not the test model's)
// streams back with the goal card and its buttons; "/search" asks first with the modal, and "Not Now" searches nothing.
// Screenshots: test-results/chat-credits-newest.png, chat-reply-newest.png, chat-search-consent-newest.png;
// README picture media/screenshots/chat.png (runE2E.js --host newest --readme-screenshots): the reply
// to a message, in a Chat view widened for it.
'use strict';
const assert = require('node:assert/strict');
const {
  startSignedIn,
  clearRequests,
  sandboxRequests,
  runCommand,
  waitForNotification,
  assertNoErrorNotifications,
  readmeScreenshot,
  until,
  clearNotifications,
} = require('./lib');

const INPUT = '.interactive-input-part .monaco-editor';
const REQUEST = '.interactive-item-container.interactive-request';
const RESPONSE = '.interactive-item-container.interactive-response';
const TEST_MODEL_SENTENCE = /The E2E test model answered/;

/** Types a message into the Chat's input as a person does (the participant and the slash command
 *  pick from their suggestions) and sends it with Enter; returns the locator of its response. The
 *  input keeps "@kallyai" after a reply (the participant is sticky): it is cleared first. */
async function send(ctx, participantAndCommand, words) {
  const { page } = ctx;
  await page.locator(INPUT).first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(`${participantAndCommand} `, { delay: 20 });
  await until(`the chat input to hold "${participantAndCommand}"`, async () =>
    (await page.locator(INPUT).first().innerText()).replace(/\s+/g, ' ').includes(participantAndCommand),
  );
  if (words) await page.keyboard.type(words, { delay: 10 });
  await page.keyboard.press('Escape'); // closes a suggestion list, so Enter sends
  await page.keyboard.press('Enter');
  // The list shows the newest exchange last (older ones may leave the DOM as it scrolls).
  const sent = words ?? participantAndCommand.split(' ').pop();
  await page.locator(REQUEST).filter({ hasText: sent }).last().waitFor({ state: 'visible' });
  const response = page.locator(RESPONSE).last();
  await response.waitFor({ state: 'visible' });
  return response;
}

/** Waits until `locator`'s text has settled (the same two reads a second apart); returns it. */
async function settledText(locator, what) {
  let text;
  return until(
    `${what} to stop changing`,
    async () => {
      const now = (await locator.innerText()).replace(/\s+/g, ' ');
      const same = now === text;
      text = now;
      return same && now;
    },
    { intervalMs: 1_000 },
  );
}

/** Waits until a response shows `pattern` and its text has settled (unchanged for a second); returns it. */
async function responseText(response, pattern) {
  await response.getByText(pattern).first().waitFor({ state: 'visible' });
  const text = await settledText(response, `the response showing ${pattern}`);
  assert.doesNotMatch(text, /Language model unavailable/, 'VS Code refused the request for want of a model');
  assert.doesNotMatch(text, TEST_MODEL_SENTENCE, 'the request went to the test model instead of @kallyai');
  return text;
}

/** The Chat view widened into the (empty) editor area, its list of sessions folded: the answer gets the width. */
async function widenChat(page) {
  const chat = await page.locator('.part.auxiliarybar').first().boundingBox();
  if (chat) {
    await page.mouse.move(chat.x - 2, chat.y + 400);
    await page.mouse.down();
    await page.mouse.move(chat.x - 330, chat.y + 400, { steps: 8 });
    await page.mouse.up();
  }
  const sessions = page.locator('.part.auxiliarybar .monaco-button', { hasText: /^New Session$/ }).first();
  if (await sessions.isVisible().catch(() => false)) {
    await runCommand(page, 'Chat Agent Sessions: Toggle Agent Sessions Sidebar');
    await sessions.waitFor({ state: 'hidden' });
  }
}

module.exports = {
  // The test language model and the Chat view widened for good: a workbench of its own.
  fresh: true,
  needs: 'chatView',
  fixtures: ['test-model'],
  async run(ctx) {
    const { page } = ctx;
    await startSignedIn(ctx);
    await runCommand(page, 'KallyAI E2E: Use the E2E Test Model in Chat');
    await waitForNotification(page, /The Chat uses the E2E Test Model\./);
    await page.locator(INPUT).first().waitFor({ state: 'visible' });

    // 1. /credits: the balance the sandbox holds, with its buttons.
    const {
      credits: { remaining },
    } = await (await fetch(`${ctx.sandboxUrl}/sandbox/state`)).json();
    const credits = await send(ctx, '@kallyai /credits');
    const creditsText = await responseText(credits, /Credits remaining:/);
    ctx.log(`/credits → ${creditsText.slice(0, 200)}`);
    assert.ok(creditsText.includes(`Credits remaining: ${remaining} credits`), `the sandbox's balance is ${remaining}`);
    assert.ok(
      await credits.locator('.monaco-button', { hasText: 'Show Credits' }).isVisible(),
      'the reply offers "Show Credits"',
    );
    await ctx.screenshot('chat-credits');

    // 2. A message: KallyAI's coordination AI answers in a KallyAI conversation.
    await clearRequests(ctx);
    const reply = await send(ctx, '@kallyai', 'Book a table for 4 at an Italian place near me on Friday at 8pm');
    const replyText = await responseText(reply, /Goal:/);
    ctx.log(`message → ${replyText.slice(0, 400)}`);
    assert.match(
      replyText,
      /Goal: Book a table for 4 at an Italian place/,
      'the goal card names what was asked, without "@kallyai"',
    );
    for (const button of ['Approve Step', 'Show Budget', 'Open Goal Page']) {
      assert.ok(await reply.locator('.monaco-button', { hasText: button }).isVisible(), `the reply offers "${button}"`);
    }
    const sent = (await sandboxRequests(ctx)).filter(
      (q) => q.method === 'POST' && q.path.startsWith('/v1/coordination/'),
    );
    assert.deepEqual(
      sent.map((q) => q.path).filter((p) => p === '/v1/coordination/message'),
      ['/v1/coordination/message'],
      `sent: ${sent.map((q) => q.path).join(', ')}`,
    );
    assert.ok(replyText.length > 60, `a reply: ${replyText}`);
    await ctx.screenshot('chat-reply');
    await widenChat(page);
    await clearNotifications(page);
    await settledText(reply, 'the reply with its follow-ups');
    await readmeScreenshot(ctx, 'chat');

    // 3. /search costs credits: the modal asks first; "Not Now" searches nothing.
    await clearRequests(ctx);
    const search = await send(ctx, '@kallyai /search', 'plumbers near Hoboken');
    const consent = page.locator('.monaco-dialog-box', { hasText: /Search for/ });
    await consent.waitFor({ state: 'visible' });
    const consentText = (await consent.innerText()).replace(/\s+/g, ' ');
    ctx.log(`/search consent: ${consentText}`);
    assert.match(consentText, /Estimated cost: about [\d.]+ credits/);
    await ctx.screenshot('chat-search-consent');
    await consent.locator('.monaco-button', { hasText: /^Not Now$/ }).click();
    await responseText(search, /Nothing was searched\./);
    const searched = (await sandboxRequests(ctx)).filter((q) => q.method === 'POST' && q.path.startsWith('/v1/search'));
    assert.deepEqual(searched, [], 'a "Not Now" sent no search');

    await assertNoErrorNotifications(page);
  },
};
