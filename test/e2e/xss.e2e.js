// The XSS corpus in the real workbench: the sandbox puts hostile strings in every field a page or a
// document shows (POST /sandbox/seed-hostile); each surface is opened the way a person would, and
// nothing may run — no payload sets its marker (window.__kallyaiPwned) in any frame, the browser
// reports no Content-Security-Policy violation, and the payloads are on the screen as text.
// Email bodies are the most hostile text the extension shows: the draft page (To, Cc, subject,
// body), a sent email with hostile replies in its thread, an email message of the account (from,
// to, cc, subject, body, attachment names) and the Channels page (a hostile address label).
// Prints "payloads × surfaces" tried.
'use strict';
/* global document, requestAnimationFrame */
const assert = require('node:assert/strict');
const {
  startSignedIn,
  pane,
  expandPane,
  onlyPane,
  runCommand,
  assertNoErrorNotifications,
  frameMatching,
  clickUntil,
} = require('./lib');

// The corpus is shared with `npm run reliability` (bench/reliability/injectionPayloads.ts).
const { payloads: PAYLOADS } = require('../shared/injectionPayloads.json');

async function pwnedFrames(page) {
  const hit = [];
  for (const frame of page.frames()) {
    const v = await frame.evaluate(() => globalThis.__kallyaiPwned).catch(() => undefined);
    if (v !== undefined) hit.push(frame.url().slice(0, 80));
  }
  return hit;
}

/** The frame whose text contains `needle` (a page or a Markdown preview): { frame, text }. */
function frameWithText(page, needle, opts) {
  return frameMatching(page, (text) => text.includes(needle), `a frame showing ${JSON.stringify(needle)}`, opts);
}

/** Clicks a row until a frame shows `needle` (a click during a re-render can miss). */
function openShowing(page, row, needle) {
  return clickUntil(row, `a click on the row to show ${JSON.stringify(needle)}`, () =>
    frameWithText(page, needle, { ceilingMs: 1 }).then(
      () => true,
      () => false,
    ),
  );
}

/** Waits until every frame has loaded all it asks for (document.readyState "complete": an image a
 *  payload points at has failed and fired its onerror) and has painted twice since, so that anything
 *  a payload could start has started. */
async function settled(page) {
  for (const frame of page.frames()) {
    await frame.waitForFunction(() => document.readyState === 'complete').catch(() => undefined); // a frame may go away meanwhile
    await frame
      .evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      .catch(() => undefined);
  }
}

module.exports = async function xss(ctx) {
  const { page } = ctx;
  const violations = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text().slice(0, 200));
  });
  const seeded = await (
    await fetch(`${ctx.sandboxUrl}/sandbox/seed-hostile`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payloads: PAYLOADS }),
    })
  ).json();
  await startSignedIn(ctx);

  const surfaces = [];
  const check = async (name, needle) => {
    const { text } = await frameWithText(page, needle);
    await settled(page);
    const shown = PAYLOADS.filter((p) => text.includes(p.replace(/\s+/g, ' ').trim().slice(0, 20))).length;
    const pwned = await pwnedFrames(page);
    assert.deepEqual(pwned, [], `${name}: a payload ran in ${pwned.join(', ')}`);
    assert.deepEqual(violations, [], `${name}: CSP violations: ${violations.join(' | ')}`);
    ctx.log(`${name}: ${shown} payloads visible as text, nothing ran`);
    surfaces.push({ name, shown });
  };

  // The goal page, from the Goals view (its hostile title is the first goal waiting for you).
  await expandPane(page, 'Goals');
  const goalRow = pane(page, 'Goals')
    .locator('.monaco-list-row', { hasText: PAYLOADS[0].slice(0, 12) })
    .first();
  await goalRow.locator('.monaco-tl-twistie').click(); // selects it without its command
  await goalRow.focus();
  await page.keyboard.press('Enter');
  // On a loaded machine the first command (it loads the commands bundle) can miss the Enter: click the row then.
  for (
    let attempt = 0;
    attempt < 2 &&
    !(await frameWithText(page, PAYLOADS[2].slice(0, 10), { ceilingMs: 15_000 }).then(
      () => true,
      () => false,
    ));
    attempt++
  ) {
    // a probe
    ctx.log('the goal page did not open on Enter: clicking the row');
    await goalRow.locator('.label-name').first().click();
  }
  await check('goal page', PAYLOADS[2].slice(0, 10));
  await ctx.screenshot('xss-goal');

  // The call page, from the Calls view (Details of the hostile call).
  await expandPane(page, 'Calls');
  const call = pane(page, 'Calls')
    .locator('.monaco-list-row', { hasText: PAYLOADS[2].slice(0, 10) })
    .first();
  await call.waitFor({ state: 'visible' });
  if ((await call.getAttribute('aria-expanded')) === 'false') await call.locator('.monaco-tl-twistie').click();
  await openShowing(
    page,
    pane(page, 'Calls')
      .locator('.monaco-list-row', { hasText: /^Details$/ })
      .first(),
    'javascript:window',
  );
  await check('call page', 'javascript:window');
  // …and its transcript as a Markdown document.
  await openShowing(
    page,
    pane(page, 'Calls')
      .locator('.monaco-list-row', { hasText: /^Transcript$/ })
      .first(),
    '[open a terminal]',
  );
  await check('transcript document', '[open a terminal]');
  await ctx.screenshot('xss-call');

  // The conversation page, from Conversation History (the hostile conversation is the newest).
  await runCommand(page, 'KallyAI: Conversation History…');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
  await page.locator('.quick-input-widget input').press('Enter');
  await check('conversation page', '<style>body{display:none}</style>');

  // The inbox message as a document; the email draft on its page.
  await expandPane(page, 'Inbox');
  await openShowing(
    page,
    pane(page, 'Inbox')
      .locator('.monaco-list-row', { hasText: PAYLOADS[4].slice(0, 12) })
      .first(),
    '<command:kallyai.signOut>',
  );
  await check('message document', '<command:kallyai.signOut>');
  await openShowing(
    page,
    pane(page, 'Inbox')
      .locator('.monaco-list-row', { hasText: PAYLOADS[6].slice(0, 12) })
      .first(),
    'Ask KallyAI to revise',
  );
  await check('draft page', 'Ask KallyAI to revise');
  await ctx.screenshot('xss-documents');

  // The Email view: the hostile email message on its page, the sent email with hostile replies.
  await onlyPane(page, 'Email');
  await openShowing(
    page,
    pane(page, 'Email')
      .locator('.monaco-list-row', { hasText: PAYLOADS[14].slice(0, 12) })
      .first(),
    'Attachments',
  );
  await check('mail page', 'Attachments');
  await ctx.screenshot('xss-mail');
  await openShowing(
    page,
    pane(page, 'Email')
      .locator('.monaco-list-row', { hasText: PAYLOADS[10].slice(0, 12) })
      .first(),
    'Replies',
  );
  await check('sent email page (replies)', 'Replies');
  await ctx.screenshot('xss-sent');
  // The Channels page (a hostile notification address label).
  await runCommand(page, 'KallyAI: Manage Channels');
  await check('channels page', 'Notification email addresses');

  ctx.log(
    `XSS corpus: ${PAYLOADS.length} payloads × ${surfaces.length} surfaces = ${PAYLOADS.length * surfaces.length} tried; 0 ran, 0 CSP violations`,
  );
  assert.ok(
    surfaces.every((s) => s.shown > 0),
    'every surface shows payloads as text',
  );
  void seeded;
  await assertNoErrorNotifications(page);
};
