// End to end on every host: another extension (the fixture tool-caller) invokes KallyAI's
// kallyai_place_call language-model tool with vscode.lm.invokeTool and no chat token, as any
// extension may. Whatever confirmation shows — VS Code's own for a tool invoked outside a chat, and
// KallyAI's modal naming the number, the business and the estimate — nothing reaches the sandbox
// until a person says yes: declined, the tool answers that nothing was done and no call is placed;
// accepted, the call is placed once.
// Screenshots: test-results/tool-consent-<n>.png (each confirmation as it showed; -newest on the newest host).
'use strict';
const assert = require('node:assert/strict');
const { startSignedIn, clearRequests, sandboxRequests, runCommand, assertNoErrorNotifications } = require('./lib');

const COMMAND = 'KallyAI E2E: Invoke kallyai_place_call Without a Chat Token';
const DIALOG = '.monaco-dialog-box';
const ANSWER = '.notification-toast';
/** The confirming button of each confirmation (VS Code's and KallyAI's), and the declining one. */
const YES = /^(Place Call|Yes|Allow|Continue)$/;
const NO = /^(Not Now|Don't Call|Cancel|Deny|Don't Allow)$/;

async function callsPlaced(ctx) {
  return (await sandboxRequests(ctx)).filter((q) => q.method === 'POST' && q.path === '/v1/calls').length;
}

/** Answers every confirmation that shows until the tool's answer does; returns what each asked. */
async function answerConfirmations(ctx, answer, shot) {
  const { page } = ctx;
  const asked = [];
  for (;;) {
    const dialog = page.locator(DIALOG).first();
    const toast = page.locator(ANSWER, { hasText: /^Tool (answered|threw)/ }).first();
    const next = await Promise.race([
      dialog.waitFor({ state: 'visible' }).then(() => 'dialog'),
      toast.waitFor({ state: 'visible' }).then(() => 'answer'),
    ]);
    if (next === 'answer') return { asked, answer: (await toast.innerText()).replace(/\s+/g, ' ') };
    const text = (await dialog.innerText()).replace(/\s+/g, ' ');
    const buttons = (await dialog.locator('.monaco-button').allInnerTexts()).map((b) => b.trim()).filter(Boolean);
    asked.push({ text, buttons });
    ctx.log(`confirmation ${asked.length}: ${text} [${buttons.join(' | ')}]`);
    assert.equal(await callsPlaced(ctx), 0, 'a call was placed while a confirmation was still open');
    await ctx.screenshot(`${shot}-${asked.length}`);
    const button = buttons.find((b) => (answer === 'yes' ? YES : NO).test(b));
    assert.ok(button, `no "${answer}" button among ${buttons.join(', ')}`);
    await dialog.locator('.monaco-button', { hasText: button }).first().click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    assert.ok(asked.length < 4, 'more than three confirmations for one tool call');
  }
}

module.exports = {
  fixtures: ['tool-caller'],
  async run(ctx) {
    const { page } = ctx;
    await startSignedIn(ctx);
    await clearRequests(ctx);

    // 1. Declined: the tool says nothing was done, and nothing was.
    await runCommand(page, COMMAND);
    const declined = await answerConfirmations(ctx, 'no', 'tool-consent-declined');
    ctx.log(`declined → ${declined.answer}`);
    assert.ok(declined.asked.length >= 1, 'the tool ran without any confirmation');
    assert.doesNotMatch(declined.answer, /^Tool answered: Call to /, 'a call was placed after a "no"');
    assert.equal(await callsPlaced(ctx), 0, 'a call was placed after a "no"');

    // 2. Accepted: KallyAI's confirmation names the number, the business and the estimate; the call is placed once.
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, COMMAND);
    const accepted = await answerConfirmations(ctx, 'yes', 'tool-consent');
    ctx.log(`accepted → ${accepted.answer}`);
    const ours = accepted.asked.find((a) => /Call Tool Caller Bakery now\?/.test(a.text));
    assert.ok(ours, `KallyAI's own confirmation was among them: ${accepted.asked.map((a) => a.text).join(' / ')}`);
    for (const expected of [
      /\+1 201 555 0100/,
      /Estimated cost: about [\d.]+ credits? plus [\d.]+ per minute/,
      /Your balance: [\d.]+ credits/,
    ])
      assert.match(ours.text, expected);
    // VS Code's own dialog shows our Markdown as plain text: no escape may show there.
    for (const { text } of accepted.asked)
      assert.doesNotMatch(text, /\\[+\-()#.]/, `a Markdown escape shows in a dialog: ${text}`);
    assert.match(accepted.answer, /^Tool answered: Call to Tool Caller Bakery/);
    assert.equal(await callsPlaced(ctx), 1, 'placed once');
    await assertNoErrorNotifications(page);
  },
};
