// End to end in the real workbench (code-server + Chromium), against the launcher's sandbox: sign in,
// then F1 → "KallyAI: Search…" → the query and the place typed in the real quick input → the consent
// modal read (the estimate for a search, the balance) and accepted → the search page shows every result
// with its phone as people read it → "Call This Business" on the first → the call wizard opens with the
// number and the business filled in → the kind and the task answered, four steps in all → "Place Call" in the modal → the call is
// placed (once, to that number, for that business) and its outcome notification names it. Then
// "Ask KallyAI About It" opens the Ask box prefilled with the business; Enter sends it.
// Last, a restaurant search → "Book a Table" → the booking form reads days and times as people write
// them, refuses a day in the past as it is typed → the consent names the restaurant → booked. And
// "Book…" from the palette asks which restaurant (one the search found) and books it there.
// Screenshots: test-results/search-consent.png, search-page.png, search-call-wizard.png,
// search-call-placed.png, search-ask.png, search-restaurants.png, search-book-form.png,
// search-book-venue.png, search-book-venue-consent.png.
'use strict';
const assert = require('node:assert/strict');
const {
  startSignedIn,
  runCommand,
  pickRow,
  assertNoErrorNotifications,
  pageFrame,
  sandboxState,
  pageText,
  until,
  clearNotifications,
} = require('./lib');

const INPUT = '.quick-input-widget input';
const TITLE = '.quick-input-widget .quick-input-title';
const MESSAGE = '.quick-input-widget .quick-input-message';

/** Waits for step `n` of a quick-input flow ("… (n/m)"), optionally types, and presses Enter. */
async function step(ctx, n, { type, expectValue, expectMessage } = {}) {
  const { page } = ctx;
  await page.locator(TITLE, { hasText: new RegExp(`\\(${n}/\\d+\\)`) }).waitFor({ state: 'visible' });
  const input = page.locator(INPUT);
  if (expectValue !== undefined)
    assert.equal(await input.inputValue(), expectValue, `step ${n} opens with ${expectValue}`);
  if (type !== undefined) await input.fill(type);
  if (expectMessage) {
    const message = page.locator(MESSAGE, { hasText: expectMessage });
    await message.waitFor({ state: 'visible' });
    ctx.log(`step ${n}: ${(await message.innerText()).trim()}`);
  }
  await input.press('Enter');
}

module.exports = async function search(ctx) {
  const { page } = ctx;
  await startSignedIn(ctx);
  ctx.log('signed in');

  // 1. The search, asked through the pipeline's quick input.
  await runCommand(page, 'KallyAI: Search…');
  await page.locator(TITLE, { hasText: /KallyAI: Search/ }).waitFor({ state: 'visible' });
  await step(ctx, 1, { type: 'plumbers' });
  await step(ctx, 2, { type: 'Hoboken' });

  // 2. The consent names the estimate for a search and the balance.
  const consent = page.locator('.monaco-dialog-box', { hasText: /Search for "plumbers" near Hoboken\?/ });
  await consent.waitFor({ state: 'visible' });
  const consentText = (await consent.innerText()).replace(/\s+/g, ' ');
  ctx.log(`consent: ${consentText}`);
  assert.match(consentText, /Estimated cost: about 0\.5 credits/);
  assert.match(consentText, /Your balance: [\d.]+ credits/);
  assert.ok(
    await consent.locator('.monaco-button', { hasText: /^Not Now$/ }).isVisible(),
    'the other button says "Not Now"',
  );
  await ctx.screenshot('search-consent');
  await consent.locator('.monaco-button', { hasText: /^Search$/ }).click();

  // 3. The search page: every result with its phone as people read it, address, rating and source.
  const results = await pageFrame(page, /"plumbers" — search/);
  const body = await pageText(results);
  ctx.log(`page: ${body.slice(0, 300)}…`);
  for (const expected of [
    'Central Plumbers',
    'Riverside Plumbers',
    'Downtown Plumbers',
    '+1 201 555 2001',
    'Main Street, Hoboken',
    '★ 4.7',
    'source: example.com',
  ]) {
    assert.ok(body.includes(expected), `the page shows "${expected}"`);
  }
  assert.equal(await results.locator('button[data-action="call"]').count(), 3);
  assert.equal(await results.locator('button[data-action="ask"]').count(), 3);
  await page.mouse.move(1200, 900);
  await ctx.screenshot('search-page');

  // 4. Call This Business: the wizard opens with the number and the business filled in.
  await results.locator('button[data-action="call"][data-arg="0"]').click();
  await page.locator(TITLE, { hasText: /KallyAI: Make a Call/ }).waitFor({ state: 'visible' });
  await page.locator(MESSAGE, { hasText: /KallyAI will call \+1 201 555 2001/ }).waitFor({ state: 'visible' });
  assert.equal(await page.locator(INPUT).inputValue(), '+12015552001', 'the number is filled in');
  await ctx.screenshot('search-call-wizard');
  await step(ctx, 1, { expectValue: '+12015552001' });
  await step(ctx, 2); // the kind of business: General for plumbers, as offered
  await step(ctx, 3, {
    type: 'Ask whether they can fix a leaking kitchen sink this week',
    expectMessage: /\d+ of 1000 characters/,
  });
  // The last step shows what will be sent — the business of the result among it — and places the call.
  await page.locator(TITLE, { hasText: /\(4\/4\)/ }).waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(
    await page.locator(INPUT).getAttribute('placeholder'),
    /^Call Central Plumbers: place the call/,
    'four steps: number, kind, task, Place Call',
  );
  const sent = (await page.locator('.quick-input-list .monaco-list-row').first().innerText()).replace(/\s+/g, ' ');
  ctx.log(`step 4: ${sent}`);
  assert.match(sent, /Place Call….*General · Central Plumbers/);
  await step(ctx, 4);

  // 5. The call's consent names the business and the number; Place Call places it.
  const dialog = page.locator('.monaco-dialog-box', { hasText: /Call Central Plumbers now\?/ });
  await dialog.waitFor({ state: 'visible' });
  const detail = (await dialog.innerText()).replace(/\s+/g, ' ');
  ctx.log(`call consent: ${detail}`);
  for (const expected of [
    /Central Plumbers at \+1 201 555 2001/,
    /Ask whether they can fix a leaking kitchen sink/,
    /Estimated cost: about [\d.]+ credits? plus [\d.]+ per minute/,
    /Your balance: [\d.]+ credits/,
  ])
    assert.match(detail, expected);
  await dialog.locator('.monaco-button', { hasText: /^Place Call$/ }).click();

  const toast = page.locator('.notification-toast', { hasText: /Call to Central Plumbers — Succeeded/ }).first();
  await toast.waitFor({ state: 'visible' });
  ctx.log(`outcome: ${(await toast.innerText()).replace(/\s+/g, ' ')}`);
  const state = await sandboxState(ctx);
  const placed = state.calls.filter((c) => c.submission.respondent_phone === '+12015552001');
  assert.equal(placed.length, 1, 'one call placed to the number found');
  assert.equal(placed[0].submission.business_name, 'Central Plumbers');
  assert.equal(placed[0].status, 'success');
  await ctx.screenshot('search-call-placed');

  // 6. Ask KallyAI About It: the Ask box opens with the business; Enter sends it.
  await clearNotifications(page);
  const again = await pageFrame(page, /"plumbers" — search/);
  await again.locator('button[data-action="ask"][data-arg="1"]').click();
  const askInput = page.locator(INPUT);
  await page
    .locator('.quick-input-widget', { hasText: /Ask KallyAI About Riverside Plumbers/ })
    .waitFor({ state: 'visible' });
  const prefilled = await askInput.inputValue();
  ctx.log(`ask: ${prefilled}`);
  assert.match(prefilled, /Riverside Plumbers \(.*River Road, Hoboken, \+1 201 555 2012\).*"plumbers"/);
  await ctx.screenshot('search-ask');
  await askInput.press('Enter');
  const reached = await until('the message to reach KallyAI', async () =>
    (await sandboxState(ctx)).conversations.some((c) =>
      c.messages.some((m) => m.role === 'user' && m.content.includes('Riverside Plumbers')),
    ),
  );
  assert.ok(reached, 'the message reached KallyAI');
  const conversation = await pageFrame(page, /KallyAI/, { ceilingMs: 5_000 }).catch(() => undefined); // logged only
  ctx.log(`conversation page: ${conversation ? 'open' : 'not found'}`);

  // 7. Find a Restaurant → Book a Table: the form reads "next Friday" and "8pm", refuses "yesterday".
  await clearNotifications(page);
  await runCommand(page, 'KallyAI: Find a Restaurant…');
  await page.locator(TITLE, { hasText: /KallyAI: Find a Restaurant/ }).waitFor({ state: 'visible' });
  await step(ctx, 1, { type: 'italian' });
  await step(ctx, 2, { type: 'Hoboken' });
  await step(ctx, 3, { type: '4' });
  await step(ctx, 4);
  await step(ctx, 5);
  const search = page.locator('.monaco-dialog-box', { hasText: /Search restaurants for "italian"\?/ });
  await search.waitFor({ state: 'visible' });
  await search.locator('.monaco-button', { hasText: /^Search$/ }).click();
  const restaurants = await pageFrame(page, /"italian" — restaurants/);
  assert.match(await pageText(restaurants), /Luigi's Trattoria .*Free tables/);
  await ctx.screenshot('search-restaurants');
  await restaurants.locator('button[data-action="book"][data-arg="0"]').click();
  await page.locator(TITLE, { hasText: /KallyAI: Book \(1\/4\)/ }).waitFor({ state: 'visible' });
  await page.locator(INPUT).fill('yesterday');
  await page.locator(MESSAGE, { hasText: /is in the past/ }).waitFor({ state: 'visible' });
  await page.locator(INPUT).press('Enter');
  assert.ok(await page.locator(TITLE, { hasText: /\(1\/4\)/ }).isVisible(), 'Enter does not leave a day in the past');
  await step(ctx, 1, { type: 'next Friday', expectMessage: /Friday, / });
  await step(ctx, 2, { type: '8pm', expectMessage: /At 20:00/ });
  await ctx.screenshot('search-book-form');
  await step(ctx, 3, { type: 'Alex Tester' });
  await step(ctx, 4);
  const booking = page.locator('.monaco-dialog-box', {
    hasText: /Book at Luigi's Trattoria for 4 on Friday, .* at 20:00\?/,
  });
  await booking.waitFor({ state: 'visible' });
  const bookingText = (await booking.innerText()).replace(/\s+/g, ' ');
  ctx.log(`booking consent: ${bookingText}`);
  assert.match(bookingText, /KallyAI will contact Luigi's Trattoria\./);
  assert.match(bookingText, /Estimated cost: about [\d.]+ credits/);
  await booking.locator('.monaco-button', { hasText: /^Book$/ }).click();
  await page
    .locator('.notification-toast', { hasText: /Booked at Luigi's Trattoria/ })
    .first()
    .waitFor({ state: 'visible' });
  const booked = (await sandboxState(ctx)).bookings.filter((b) => b.name === 'Alex Tester');
  assert.equal(booked.length, 1, 'one booking made');
  assert.deepEqual(
    [
      booked[0].restaurant_id,
      booked[0].party_size,
      booked[0].time,
      new Date(`${booked[0].date}T12:00:00Z`).getUTCDay(),
    ],
    ['rest-luigi-s-trattoria', 4, '20:00', 5],
  );

  // 8. "KallyAI: Book…" from the palette asks where (issue 23): a restaurant the search found, picked
  // by name; the consent names it and its address; the booking carries its restaurant_id.
  await runCommand(page, 'Notifications: Clear All Notifications');
  await runCommand(page, 'KallyAI: Book…');
  await pickRow(page, /KallyAI: Book \(1\/\d+\)/, 'Restaurant');
  await page.locator(TITLE, { hasText: /\(2\/\d+\)/ }).waitFor({ state: 'visible' });
  const venues = page.locator('.quick-input-list .monaco-list-row');
  await venues
    .filter({ hasText: /The Green Fork/ })
    .first()
    .waitFor({ state: 'visible' });
  const offered = (await venues.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
  ctx.log(`venues: ${offered.join(' | ')}`);
  assert.ok(
    offered.some((t) => /Find a Restaurant…/.test(t)),
    'a new search is offered too',
  );
  await ctx.screenshot('search-book-venue');
  await venues
    .filter({ hasText: /The Green Fork/ })
    .first()
    .click();
  await step(ctx, 3, { type: 'tomorrow' });
  await step(ctx, 4, { type: '19:30' });
  await step(ctx, 5, { type: '2' });
  await step(ctx, 6, { type: 'Venue Tester' });
  await step(ctx, 7);
  const venueConsent = page.locator('.monaco-dialog-box', { hasText: /Book at The Green Fork for 2 on / });
  await venueConsent.waitFor({ state: 'visible' });
  const venueText = (await venueConsent.innerText()).replace(/\s+/g, ' ');
  ctx.log(`venue consent: ${venueText}`);
  assert.match(venueText, /Where: The Green Fork, 25 Restaurant Row, Hoboken/);
  assert.match(venueText, /KallyAI will contact The Green Fork\./);
  assert.match(venueText, /Estimated cost: about 0\.5 credits/);
  await ctx.screenshot('search-book-venue-consent');
  await venueConsent.locator('.monaco-button', { hasText: /^Book$/ }).click();
  await page
    .locator('.notification-toast', { hasText: /Booked at The Green Fork/ })
    .first()
    .waitFor({ state: 'visible' });
  const atVenue = (await sandboxState(ctx)).bookings.filter((b) => b.name === 'Venue Tester');
  assert.deepEqual(
    atVenue.map((b) => [b.restaurant_id, b.party_size, b.time]),
    [['rest-the-green-fork', 2, '19:30']],
  );
  await assertNoErrorNotifications(page);
};
