// End to end in the real workbench in Spanish (code-server --locale es with a language pack, see
// test/launcher/languagePack.js; VS Code's own texts stay English: no Spanish pack of VS Code can be
// had here), against the launcher's sandbox: our texts are Spanish wherever they come from —
// package.json's %keys% through package.nls.es.json (view names, the welcome, command titles, the
// walkthrough and its Markdown pages) and the runtime strings through l10n/bundle.l10n.es.json (the
// status bar, the Goals view's groups, the Make a Call wizard). Every expected text is read from
// those files, and must differ from its English. The walkthrough opens with what was done before it
// (signing in, the Goals view, Make a Call) checked off, in Spanish as in English.
// Screenshots: test-results/spanish-views.png (signed in: the views), test-results/spanish-make-call.png
// (the wizard's first question), test-results/spanish-make-call-category.png (its second),
// test-results/spanish-walkthrough.png (the walkthrough and its Spanish page).
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const {
  openWorkbench,
  openKallyAI,
  pane,
  expandPane,
  runCommand,
  signIn,
  openWalkthrough,
  stepDone,
  frameText,
  assertNoErrorNotifications,
  until,
} = require('./lib');

const ROOT = path.resolve(__dirname, '../..');
const pkg = require(path.join(ROOT, 'package.json'));
const nls = require(path.join(ROOT, 'package.nls.json'));
const nlsEs = require(path.join(ROOT, 'package.nls.es.json'));
const bundleEs = require(path.join(ROOT, 'l10n/bundle.l10n.es.json'));

/** The Spanish of a runtime string (vscode.l10n.t), with its {n} filled in. */
function t(english, ...args) {
  const spanish = bundleEs[english];
  assert.ok(spanish && spanish !== english, `l10n/bundle.l10n.es.json has no Spanish for ${JSON.stringify(english)}`);
  return spanish.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
}

/** The Spanish of a package.json text given as %key%. */
function fromPackage(value) {
  const key = /^%(.+)%$/.exec(value)?.[1];
  assert.ok(key, `${value} is not a %key%`);
  assert.ok(nlsEs[key] && nlsEs[key] !== nls[key], `package.nls.es.json has no Spanish for ${key}`);
  return nlsEs[key];
}

const STEP = 'button.getting-started-step[data-step-id^="kallyai.kallyai#kallyai.getStarted#"]';
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const views = pkg.contributes.views.kallyai;
const viewName = (id) => fromPackage(views.find((v) => v.id === id).name);
const commandTitle = (id) =>
  `${pkg.contributes.commands.find((c) => c.command === id).category}: ${fromPackage(pkg.contributes.commands.find((c) => c.command === id).title)}`;

async function run(ctx) {
  const { page } = ctx;
  assert.equal(ctx.locale, 'es');
  await openWorkbench(ctx);
  await openKallyAI(page);

  // 1. Signed out: every view has its Spanish name, the Goals view its Spanish welcome and button.
  const goals = viewName('kallyai.goals');
  for (const v of views.filter((x) => !x.visibility)) {
    await pane(page, fromPackage(v.name)).locator('.pane-header').waitFor({ state: 'visible' });
  }
  const welcome = pane(page, goals).locator('.welcome-view-content');
  await welcome.waitFor({ state: 'visible' });
  const welcomeEs = fromPackage(pkg.contributes.viewsWelcome.find((w) => w.view === 'kallyai.goals').contents);
  assert.match(
    (await welcome.innerText()).replace(/\s+/g, ' '),
    new RegExp(escape(welcomeEs.split('\n')[0].slice(0, 60))),
  );
  const button = welcome.locator('.monaco-button', { hasText: t('Sign in to KallyAI') });
  assert.equal(await button.count(), 1, 'the welcome has the Spanish sign-in button');
  ctx.log(`${goals}: ${welcomeEs.split('\n')[0].slice(0, 70)}…`);

  // 2. Sign in with the Spanish command title; the status bar then reads "… créditos".
  const remaining = (await (await fetch(`${ctx.sandboxUrl}/sandbox/state`)).json()).credits.remaining;
  const credits = t('{0} credits', new Intl.NumberFormat('es').format(remaining)); // "142,5 créditos"
  await signIn(ctx, {
    start: () => runCommand(page, commandTitle('kallyai.signIn')),
    credits: new RegExp(`${escape(credits)}$`),
  });
  ctx.log(`status bar: ${credits}`);
  for (const id of ['kallyai.goals', 'kallyai.calls', 'kallyai.inbox', 'kallyai.credits'])
    await expandPane(page, viewName(id));
  await pane(page, goals)
    .locator('.monaco-list-row', { hasText: new RegExp(`^${escape(t('Needs you'))}`) })
    .first()
    .waitFor({ state: 'visible' });
  ctx.log(`${goals}: the group "${t('Needs you')}"`);
  await page.mouse.move(700, 5);
  await ctx.screenshot('spanish-views');

  // 3. Make a Call, by its Spanish title: the wizard asks in Spanish and answers in Spanish.
  await runCommand(page, commandTitle('kallyai.makeCall'));
  const title = page.locator('.quick-input-widget .quick-input-title', { hasText: t('KallyAI: Make a Call') });
  await title.waitFor({ state: 'visible' });
  const input = page.locator('.quick-input-widget input');
  // The country of kallyai.defaultCountry (US) in Spanish words, not its code.
  const prompt = page.locator('.quick-input-widget .quick-input-message', {
    hasText: t('The phone number to call. Numbers without + are read as {0} numbers.', 'Estados Unidos'),
  });
  await prompt.waitFor({ state: 'visible' });
  assert.doesNotMatch(await prompt.innerText(), /\bUS\b/);
  ctx.log(`wizard: ${(await title.innerText()).trim()} — ${(await prompt.innerText()).trim()}`);
  await input.fill('+1 201 555 0100');
  const note = page.locator('.quick-input-widget .quick-input-message', {
    hasText: t('KallyAI will call {0}', '+1 201 555 0100'),
  });
  await note.waitFor({ state: 'visible' });
  ctx.log(`typed +1 201 555 0100 → ${(await note.innerText()).trim()}`);
  await ctx.screenshot('spanish-make-call');
  await input.press('Enter');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: /\(2\/\d+\)/ }).waitFor({ state: 'visible' });
  assert.equal(await input.getAttribute('placeholder'), t('What kind of business is it?'));
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: t('Restaurant') })
    .first()
    .waitFor({ state: 'visible' });
  ctx.log(`step 2: ${t('What kind of business is it?')} (${t('Restaurant')}, …)`);
  await ctx.screenshot('spanish-make-call-category');
  await page.keyboard.press('Escape');

  // 4. The walkthrough: its Spanish title, steps and Markdown page (media path from package.nls.es.json).
  const walkthrough = pkg.contributes.walkthroughs[0];
  const category = await openWalkthrough(page, fromPackage(walkthrough.title));
  await category.waitFor({ state: 'visible' });
  const titles = (await page.locator(`${STEP} h3.step-title`).allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(
    titles,
    walkthrough.steps.map((s) => fromPackage(s.title)),
  );
  assert.equal(fromPackage(walkthrough.steps[0].media.markdown), 'media/walkthrough/signIn.es.md');
  const md = require('node:fs').readFileSync(path.join(ROOT, 'media/walkthrough/signIn.es.md'), 'utf8');
  const heading = /^# (.+)$/m.exec(md)[1];
  const shown = await frameText(page, new RegExp(escape(heading)));
  assert.match(shown, /¿Aún no tienes cuenta\?/);
  ctx.log(`walkthrough: ${titles.join(' · ')}; page: ${heading}`);
  // What was done before it opened — signing in, the Goals view, Make a Call — is checked off in Spanish too.
  for (const id of ['signIn', 'goals', 'makeCall'])
    await until(`the walkthrough step ${id} to be checked off`, () => stepDone(page, id));
  assert.equal(await stepDone(page, 'approve'), false, 'approve is done though no step was approved');
  ctx.log('walkthrough: sign in, Goals and Make a Call checked off (done before it opened)');
  await page.mouse.move(5, 500);
  await ctx.screenshot('spanish-walkthrough');
  await assertNoErrorNotifications(page);
}

module.exports = { run, locale: 'es' };
