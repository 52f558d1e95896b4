// The trust boundary in the real workbench (issue 21): a call arrives from a caller whose name is
// `Bank [see details](command:workbench.action.terminal.sendSequence?…)`, the repro that once gave
// the live-call notification a link that typed and ran `echo PWNED` in the terminal. Now the
// notification shows the name as text: the only links in the toast are its own three (Take Over,
// Transfer…, Open, to KallyAI's commands with the call), a click anywhere else on its message runs
// nothing — no terminal opens, and the canary command (the fixture `canary`, which the other
// hostile links name) never reaches the sandbox. A second caller's name carries a right-to-left
// override: the toast reads the number as it is.
// Screenshots: test-results/hostile-notification.png, hostile-notification-rtl.png.
'use strict';
const assert = require('node:assert/strict');
const { startSignedIn, runCommand, sandboxRequests, clearRequests } = require('./lib');

const HOSTILE_CALLER =
  'Bank [see details](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20PWNED%5Cn%22%7D)';
const CANARY_CALLER = 'Pay [now](command:kallyai.test.canary) <command:kallyai.test.canary>';
const RTL_CALLER = '\u202efdp.exe';

async function arrive(ctx, caller_name, caller_number) {
  const res = await fetch(`${ctx.sandboxUrl}/sandbox/inbound-call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ caller_name, caller_number, duration_seconds: 240, outcome: 'completed' }),
  });
  assert.ok(res.ok, `the sandbox took the call: ${res.status} ${await res.text()}`);
}

async function toastFor(page, number, what) {
  const toast = page.locator('.notification-toast', { hasText: number }).first();
  await toast.waitFor({ state: 'visible', timeout: 40_000 }).catch(() => {
    throw new Error(`no notification for ${what} within 40 s`);
  });
  return toast;
}

module.exports = {
  fixtures: ['canary'],
  async run(ctx) {
    const { page } = ctx;
    await startSignedIn(ctx);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await clearRequests(ctx);

    for (const [caller, number] of [
      [HOSTILE_CALLER, '+12015550164'],
      [CANARY_CALLER, '+12015550165'],
    ]) {
      await arrive(ctx, caller, number);
      const toast = await toastFor(page, `(+1 201 555 ${number.slice(-4)})`, `the caller ${caller}`);
      const message = toast.locator('.notification-list-item-message');
      const links = await message
        .locator('a')
        .evaluateAll((as) => as.map((a) => [a.textContent, (a.getAttribute('href') || '').replace(/\?.*$/, '')]));
      assert.deepEqual(
        links,
        [
          ['Take Over', 'command:kallyai.receptionist.takeOver'],
          ['Transfer…', 'command:kallyai.receptionist.transfer'],
          ['Open', 'command:kallyai.receptionist.openCall'],
        ],
        `the message holds a link of the caller's: ${await message.innerHTML()}`,
      );
      const text = (await message.innerText()).replace(/\s+/g, ' ');
      ctx.log(`notification: ${text}`);
      assert.match(text, /— (Bank|Pay) \(.* is calling; KallyAI is answering\./, 'the name is shown as text');
      await ctx.screenshot('hostile-notification');
      // Click along the whole message, where a link of the caller's would have been (our own links
      // are left alone: each asks before it does anything).
      const box = await message.boundingBox();
      const ours = await message.locator('a').evaluateAll((as) =>
        as.map((a) => {
          const r = a.getBoundingClientRect();
          return { x: r.x, y: r.y, w: r.width, h: r.height };
        }),
      );
      for (let y = box.y + 6; y < box.y + box.height; y += 12) {
        for (let x = box.x + 4; x < box.x + box.width; x += 24) {
          if (ours.some((r) => x >= r.x - 2 && x <= r.x + r.w + 2 && y >= r.y - 2 && y <= r.y + r.h + 2)) continue;
          await message.click({ position: { x: x - box.x, y: y - box.y }, force: true });
        }
      }
      await runCommand(page, 'Notifications: Clear All Notifications');
    }

    // Nothing ran: no terminal, no canary.
    assert.equal(await page.locator('.terminal-wrapper, .xterm').count(), 0, 'a terminal opened');
    const canary = (await sandboxRequests(ctx)).filter((r) => r.path === '/v1/e2e-canary-ran');
    assert.equal(canary.length, 0, 'the canary command ran');

    // A right-to-left override in the name no longer reverses the number after it.
    await arrive(ctx, RTL_CALLER, '+12015550169');
    const toast = await toastFor(page, '+1 201 555 0169', 'the right-to-left caller');
    const text = await toast.locator('.notification-list-item-message').innerText();
    assert.doesNotMatch(text, /[\u202a-\u202e\u2066-\u2069]/, 'a bidi control reached the notification');
    assert.match(text, /fdp\.exe \(\+1 201 555 0169\)/);
    await ctx.screenshot('hostile-notification-rtl');
  },
};
