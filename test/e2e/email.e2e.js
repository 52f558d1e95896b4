// Email end to end in the real workbench (code-server + Chromium), signed in to the launcher's
// sandbox: "KallyAI: Write Email…" opens the compose page; saving it empty says what is missing
// next to each field and sends nothing; a complete email becomes the draft page (nothing sent);
// Approve & Send asks in a modal that names the recipients and the credits; "Send Email" sends it
// and it shows as sent, in the page and in the Email view's outbox. Then a draft from the outbox:
// Ask KallyAI to Revise with instructions, and the draft on the page changes. Then an email of
// the account on its page, and the Channels page.
// Screenshots: test-results/email-compose-errors.png, email-draft.png, email-consent.png,
// email-sent.png (the page and the Email view), email-revised.png, email-mail-page.png,
// email-channels-page.png, email-view-<theme>.png.
'use strict';
const assert = require('node:assert/strict');
const {
  startSignedIn,
  onlyPane,
  runCommand,
  assertNoErrorNotifications,
  pageFrame,
  waitForRow,
  expandRow,
  sandboxState,
  pageText,
  themeOf,
  toggleTheme,
  openFromRow,
} = require('./lib');

module.exports = async function email(ctx) {
  const { page } = ctx;
  await startSignedIn(ctx);
  // The sidebar: Email open (it starts folded), the others folded to give it room.
  await onlyPane(page, 'Email');
  await waitForRow(page, 'Email', /^Accounts/);
  await waitForRow(page, 'Email', /^Outbox/);
  const before = await sandboxState(ctx);

  // 1. Write Email…: the compose page. Saved empty, it says what is missing and sends nothing.
  await runCommand(page, 'KallyAI: Write Email…');
  let compose = await pageFrame(page, /^New email/);
  await compose.locator('button[type="submit"]').click();
  compose = await pageFrame(page, /^New email/, {
    ready: async (f) => (await f.locator('.field-error').count()) > 0,
    what: 'the field errors',
  });
  const errors = await compose.locator('.field-error').allInnerTexts();
  ctx.log(`empty email: ${errors.map((e) => e.trim()).join(' | ')}`);
  assert.deepEqual(
    errors.map((e) => e.trim()),
    ['Use an email address such as name@example.com.', 'Subject must not be empty.', 'Body must not be empty.'],
  );
  assert.equal((await sandboxState(ctx)).outbox.length, before.outbox.length, 'nothing was sent');
  await ctx.screenshot('email-compose-errors');

  // 2. A complete email becomes a draft, shown on its page: nothing is sent until it is approved.
  await compose.locator('#to').fill('landlord@example.com');
  await compose.locator('#cc').fill('me@example.com');
  await compose.locator('#subject').fill('Heating is broken again');
  await compose
    .locator('#body')
    .fill(
      'Hello,\n\nThe heating stopped working last night. Could you send someone this week?\n\nBest regards,\nDemo User',
    );
  await compose.locator('button[type="submit"]').click();
  const draft = await pageFrame(page, /^Draft — Heating is broken again/);
  const shown = await pageText(draft);
  ctx.log(`draft page: ${shown.slice(0, 240)}…`);
  for (const s of [
    'Waiting for your approval',
    'landlord@example.com',
    'me@example.com',
    'The heating stopped working last night.',
    'Nothing is sent until you approve it',
  ])
    assert.ok(shown.includes(s), `"${s}" on the draft page`);
  const saved = (await sandboxState(ctx)).outbox.find((e) => e.subject === 'Heating is broken again');
  assert.equal(saved.status, 'pending_approval');
  await ctx.screenshot('email-draft');

  // 3. Approve & Send: the modal names the recipients and the credits; "Send Email" sends it.
  await draft.locator('button[data-action="approve"]').click();
  const dialog = page.locator('.monaco-dialog-box', {
    hasText: /Send the email "Heating is broken again" to landlord@example\.com, me@example\.com\?/,
  });
  await dialog.waitFor({ state: 'visible' });
  const detail = (await dialog.innerText()).replace(/\s+/g, ' ');
  ctx.log(`consent: ${detail}`);
  for (const expected of [
    /KallyAI will contact landlord@example\.com, me@example\.com\./,
    /Estimated cost: about [\d.]+ credits/,
    /Your balance: [\d.]+ credits/,
    /This cannot be undone\./,
  ])
    assert.match(detail, expected);
  assert.ok(
    await dialog.locator('.monaco-button', { hasText: /^Don't Send$/ }).isVisible(),
    'the other button says "Don\'t Send"',
  );
  await ctx.screenshot('email-consent');
  await dialog.locator('.monaco-button', { hasText: /^Send Email$/ }).click();

  // 4. It shows as sent: on the page, on the server, and in the Email view's outbox.
  const sentPage = await pageFrame(page, /^Email — Heating is broken again/, {
    ready: async (f) => (await pageText(f)).includes('No replies yet.'),
    what: 'the sent email',
  });
  assert.match(await pageText(sentPage), /Sent/);
  assert.equal((await sandboxState(ctx)).outbox.find((e) => e.id === saved.id).status, 'sent');
  const outbox = await waitForRow(page, 'Email', /^Outbox/);
  await expandRow(outbox);
  const sentGroup = await waitForRow(page, 'Email', /^Sent/);
  await expandRow(sentGroup);
  await waitForRow(page, 'Email', /Heating is broken again/);
  ctx.log('the email shows in Outbox › Sent');
  await runCommand(page, 'Notifications: Clear All Notifications');
  await ctx.screenshot('email-sent');

  // 5. A draft from the outbox: Ask KallyAI to Revise; the draft on the page changes.
  const pending = await waitForRow(page, 'Email', /^Drafts awaiting approval/);
  await expandRow(pending);
  await openFromRow(page, await waitForRow(page, 'Email', /Kitchen sink leak/), /^Draft — Kitchen sink leak/);
  let sink = await pageFrame(page, /^Draft — Kitchen sink leak/);
  const oldText = await pageText(sink);
  assert.match(oldText, /Best regards, Demo User/);
  await sink.locator('#instructions').fill('Make it more formal and mention that the plumber comes on Tuesday');
  await sink.locator('#instructions').press('Enter');
  sink = await pageFrame(page, /^Draft — Kitchen sink leak/, {
    ready: async (f) => (await pageText(f)).includes('The plumber comes on Tuesday.'),
    what: 'the revised draft',
  });
  const newText = await pageText(sink);
  ctx.log(`revised: ${newText.slice(0, 300)}…`);
  assert.notEqual(newText, oldText, 'the draft changed');
  for (const s of [
    'I revised the draft "Kitchen sink leak"',
    'Dear all,',
    'The plumber comes on Tuesday.',
    'Kind regards, Demo User',
    'Waiting for your approval',
  ])
    assert.ok(newText.includes(s), `"${s}" after the revision`);
  const revised = (await sandboxState(ctx)).outbox.find((e) => e.subject === 'Kitchen sink leak');
  assert.deepEqual([revised.status, revised.revision], ['pending_approval', 1], 'revised, still a draft');
  await ctx.screenshot('email-revised');

  // 6. An email of the account, read on its page; the Channels page.
  await openFromRow(page, await waitForRow(page, 'Email', /Your refund options/), /^Your refund options — email/);
  const mail = await pageFrame(page, /^Your refund options — email/);
  const mailText = await pageText(mail);
  for (const s of [
    'SkyJet Customer Care <care@skyjet.example>',
    'Needs action',
    'We can refund $320',
    'Ask KallyAI to Draft a Reply',
  ])
    assert.ok(mailText.includes(s), `"${s}" on the mail page`);
  await ctx.screenshot('email-mail-page');
  await runCommand(page, 'KallyAI: Manage Channels');
  const channels = await pageFrame(page, /^KallyAI channels/);
  const channelsText = await pageText(channels);
  for (const s of ['Your KallyAI mailbox', 'WhatsApp', 'Telegram', '@demo_kally_bot', 'Notification email addresses'])
    assert.ok(channelsText.includes(s), `"${s}" on the channels page`);
  await ctx.screenshot('email-channels-page');

  // 7. The Email view with a draft page, in both themes, for the README.
  await openFromRow(page, await waitForRow(page, 'Email', /Kitchen sink leak/), /^Draft — Kitchen sink leak/);
  await pageFrame(page, /^Draft — Kitchen sink leak/);
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.mouse.move(1100, 860);
  for (let i = 0; i < 2; i++) {
    await ctx.screenshot(`email-view-${await themeOf(page)}`);
    await toggleTheme(page);
  }
  await assertNoErrorNotifications(page);
};
