// Accessibility of the pages in the real workbench (issue 25): every page kind the framework has
// (src/presentation/pageKinds.ts) is opened, and axe-core audits its webview document in a light, a
// dark and the high-contrast themes (Default Light Modern, Default Dark Modern, Default High
// Contrast, Default High Contrast Light). axe's source is handed to each page's frame through
// playwright's frame.evaluate (DevTools evaluation, which the pages' nonce-only Content-Security-
// Policy does not govern; a <script> tag would be refused). Target: no violation of impact serious
// or critical; the moderate and minor ones are listed in the log. Besides, per page: one h1, a main
// landmark and the polite live region; at 320 px wide (what 200 % zoom leaves of a 640 px editor)
// no horizontal scroll — with a caller whose name is 10,000 characters long on the inbound-call
// page —; the first button reached by Tab shows the theme's focus colour as its ring; with reduced
// motion asked for, a spinning icon stands still.
// Screenshots: test-results/a11y-<kind>-<theme>.png; README picture media/screenshots/accessibility.png
// (runE2E.js --readme-screenshots): the goal page in Default High Contrast.
'use strict';
/* global document, window, getComputedStyle, axe, matchMedia */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const {
  startSignedIn,
  pane,
  expandPane,
  onlyPane,
  runCommand,
  readmeScreenshot,
  pageFrame,
  pageStyled,
  waitForRow,
  expandRow,
  openFromRow,
  themeOf,
  until,
  clearNotifications,
  warmUpWebviews,
  sandboxState,
} = require('./lib');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const INPUT = '.quick-input-widget input';
const TITLE = '.quick-input-widget .quick-input-title';
const LONG_NAME = 'Longname '.repeat(1111).trim().slice(0, 9_990) + 'END';

/** The themes audited: the setting's value (workbench.colorTheme), its label in the theme picker
 *  (VS Code shows "Light Modern" for "Default Light Modern"), the workbench's class for it, the
 *  webview body's. */
const THEMES = [
  { name: 'Default Light Modern', label: 'Light Modern', short: 'light', workbench: 'vs', body: 'vscode-light' },
  { name: 'Default Dark Modern', label: 'Dark Modern', short: 'dark', workbench: 'vs-dark', body: 'vscode-dark' },
  {
    name: 'Default High Contrast',
    label: 'Dark High Contrast',
    short: 'hc-dark',
    workbench: 'hc-black',
    body: 'vscode-high-contrast',
  },
  {
    name: 'Default High Contrast Light',
    label: 'Light High Contrast',
    short: 'hc-light',
    workbench: 'hc-light',
    body: 'vscode-high-contrast-light',
  },
];

/** Waits for step `n` of a quick-input flow ("… (n/m)"), types and presses Enter. */
async function step(page, n, type) {
  await page.locator(TITLE, { hasText: new RegExp(`\\(${n}/\\d+\\)`) }).waitFor({ state: 'visible' });
  await page.locator(INPUT).fill(type);
  await page.locator(INPUT).press('Enter');
}

/** Sets the colour theme through "Preferences: Color Theme"; false when this VS Code has no such theme. */
async function setTheme(page, theme) {
  await runCommand(page, 'Preferences: Color Theme');
  const input = page.locator(INPUT);
  await input.waitFor({ state: 'visible' });
  await input.fill(theme.label);
  const row = page.locator('.quick-input-list .monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^(${theme.label}|${theme.name})$`) }),
  });
  const found = await row
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 })
    .then(
      () => true,
      () => false,
    );
  if (!found) {
    await page.keyboard.press('Escape');
    return false;
  }
  await row.first().click();
  await until(`the workbench to show ${theme.name}`, async () => {
    const c = (await page.locator('.monaco-workbench').first().getAttribute('class')) ?? '';
    return c.split(/\s+/).includes(theme.workbench);
  });
  return true;
}

/** Brings a page's tab to the front by its title ("View: Show All Editors By Appearance", typed). */
async function showEditor(page, tabTitle) {
  const tab = page.locator('.tabs-container .tab', { hasText: tabTitle }).first();
  await tab.scrollIntoViewIfNeeded().catch(() => undefined);
  await tab.click();
  await page.locator('.tabs-container .tab.active', { hasText: tabTitle }).first().waitFor({ state: 'visible' });
}

/** axe-core in the page's frame, once its stylesheets apply (lib.pageStyled: before that, axe reads
 *  a dark theme's light text on a transparent body as if on white); the violations, each with its
 *  impact and where. */
async function audit(frame) {
  await pageStyled(frame);
  if (await frame.evaluate(() => typeof window.axe === 'undefined')) await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async () => {
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(
        (n) => `${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300)}`,
      ),
    }));
  });
}

/** Structure every page has: one h1, one main, the polite live region. */
async function structure(frame) {
  return frame.evaluate(() => ({
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main').length,
    live: document.querySelectorAll('[role="status"][aria-live="polite"][data-live-region]').length,
    headings: [...document.querySelectorAll('h1, h2, h3, h4')].map((h) => Number(h.tagName[1])),
  }));
}

/** Whether the page scrolls sideways with its frame 320 px wide (its frame element is made so). */
async function reflowAt320(frame, whileNarrow = async () => undefined) {
  const element = await frame.frameElement();
  await element.evaluate((el) => {
    el.dataset.a11yWidth = el.style.width;
    el.style.width = '320px';
  });
  try {
    await until('the page frame to be 320 px wide', async () =>
      frame.evaluate(() => document.documentElement.clientWidth <= 320),
    );
    return await frame
      .evaluate(() => {
        const root = document.documentElement;
        const wide = [...document.querySelectorAll('main *')]
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
          .slice(0, 3)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
      })
      .then(async (r) => (await whileNarrow(), r));
  } finally {
    await element.evaluate((el) => {
      el.style.width = el.dataset.a11yWidth || '';
    });
  }
}

/** The first button reached by Tab from the top of the page, and its ring against the theme's focus colour. */
async function focusRing(page, frame) {
  await frame.evaluate(() => {
    document.activeElement?.blur?.();
    window.focus();
  });
  await frame.locator('h1').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('Tab');
  return frame.evaluate(() => {
    const el = document.activeElement;
    const probe = document.createElement('span');
    probe.style.color = 'var(--vscode-focusBorder)';
    document.body.append(probe);
    const focusColour = getComputedStyle(probe).color;
    probe.remove();
    const s = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      ok: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && s.outlineColor === focusColour,
      focusColour,
    };
  });
}

module.exports = async function accessibility(ctx) {
  const { page } = ctx;
  await startSignedIn(ctx);
  // The window was reloaded for this script: its first webview registers the webview service
  // worker, and on a busy machine can stay blank (lib.warmUpWebviews opens and closes one first).
  const tries = await warmUpWebviews(ctx);
  if (tries > 1) ctx.log(`the first page showed on try ${tries}`);
  const startKind = await themeOf(page);

  // 1. Every page kind, each in its own tab: [kind, its title in the frame, its tab's text].
  const opened = [];
  const open = async (kind, title, tab = title) => {
    await pageFrame(page, title);
    opened.push({ kind, title, tab });
    ctx.log(`opened the ${kind} page`);
  };

  await runCommand(page, 'KallyAI: Manage Channels');
  await open('channels', /^KallyAI channels/);

  await runCommand(page, 'KallyAI: Write Email…');
  await open('compose', /^New email/);

  await runCommand(page, 'KallyAI: Receptionist Summary');
  await open('receptionistAnalytics', /Receptionist — analytics/);

  await runCommand(page, 'KallyAI: Open Goal', { row: /KallyAI: Open Goal(?! with)/ });
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: /Book dinner for 4/ })
    .first()
    .click();
  await open('goal', /Book dinner for 4.* — goal/);

  await expandPane(page, 'Calls');
  await expandRow(await waitForRow(page, 'Calls', /Luigi's Trattoria/));
  await openFromRow(
    page,
    pane(page, 'Calls')
      .locator('.monaco-list-row', { hasText: /^Details$/ })
      .first(),
    /Luigi's Trattoria — call/,
  );
  await open('call', /Luigi's Trattoria — call/);
  const callPage = await pageFrame(page, /Luigi's Trattoria — call/);
  await callPage.locator('button[data-action="recording"]').click();
  await open('player', /Luigi's Trattoria — recording/);

  await onlyPane(page, 'Email');
  await openFromRow(page, await waitForRow(page, 'Email', /Kitchen sink leak/), /^Draft — Kitchen sink leak/);
  await open('draft', /^Draft — Kitchen sink leak/);
  await openFromRow(page, await waitForRow(page, 'Email', /Your refund options/), /^Your refund options — email/);
  await open('mail', /^Your refund options — email/);

  await runCommand(page, 'KallyAI: Search…');
  await step(page, 1, 'plumbers');
  await step(page, 2, 'Hoboken');
  const consent = page.locator('.monaco-dialog-box', { hasText: /Search for "plumbers" near Hoboken\?/ });
  await consent.waitFor({ state: 'visible' });
  await consent.locator('.monaco-button', { hasText: /^Search$/ }).click();
  await open('search', /"plumbers" — search/);

  await runCommand(page, 'KallyAI: Ask…');
  await page.locator(INPUT).fill('Book a table for 2 at a sushi place on Saturday at 7pm');
  await page.locator(INPUT).press('Enter');
  await open('conversation', /sushi place.*KallyAI/);

  // The inbound call: a live one whose caller's name is 10,000 characters long (a title of any
  // length wraps), opened from the Receptionist view.
  await clearNotifications(page);
  const arrived = await (
    await fetch(`${ctx.sandboxUrl}/sandbox/inbound-call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        caller_number: '+12015550177',
        caller_name: LONG_NAME,
        duration_seconds: 30,
        outcome: 'completed',
      }),
    })
  ).json();
  ctx.log(`inbound call ${arrived.id}, its caller's name ${LONG_NAME.length} characters long`);
  await onlyPane(page, 'Receptionist');
  await openFromRow(page, await waitForRow(page, 'Receptionist', /^Longname Longname/), /^Longname Longname/);
  await open('inboundCall', /^Longname Longname.* — call/, /^Longname Longname/);
  // Its notification lasts as long as the call: the audit (and the README picture) after it.
  await until('the long-named call to end', async () =>
    (await sandboxState(ctx)).inboundCalls.some((c) => c.id === arrived.id && c.status !== 'active'),
  );
  await clearNotifications(page);

  const kinds = new Set(opened.map((o) => o.kind));
  const PAGE_KINDS = [
    'goal',
    'call',
    'conversation',
    'search',
    'draft',
    'mail',
    'compose',
    'channels',
    'inboundCall',
    'player',
    'receptionistAnalytics',
  ];
  assert.deepEqual(
    PAGE_KINDS.filter((k) => !kinds.has(k)),
    [],
    'every page kind of src/presentation/pageKinds.ts is audited',
  );

  // 2. Each theme, each page: axe, and in the first theme the structure, reflow, focus ring and motion.
  const figures = [];
  const serious = [];
  const moderate = new Map();
  let themesRun = 0;
  for (const theme of THEMES) {
    if (!(await setTheme(page, theme))) {
      ctx.log(`this VS Code has no theme "${theme.name}": audited in the others`);
      continue;
    }
    themesRun++;
    for (const o of opened) {
      await showEditor(page, o.tab);
      const frame = await pageFrame(page, o.title, {
        ready: async (f) =>
          (await f.evaluate(() => document.body.className)).split(/\s+/).includes(theme.body) &&
          (await f.locator('main h1').count()) > 0,
        what: `the ${theme.name} theme`,
      });
      const violations = await audit(frame);
      const by = (impact) => violations.filter((v) => v.impact === impact);
      const row = {
        kind: o.kind,
        theme: theme.short,
        critical: by('critical').length,
        serious: by('serious').length,
        moderate: by('moderate').length,
        minor: by('minor').length,
      };
      figures.push(row);
      for (const v of violations) {
        const line = `${o.kind}/${theme.short} ${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).join(' | ')}`;
        if (v.impact === 'serious' || v.impact === 'critical') {
          serious.push(line);
          ctx.log(`VIOLATION ${line}`);
        } else moderate.set(`${o.kind} ${v.id}`, line);
      }
      ctx.log(
        `axe ${o.kind} in ${theme.name}: ${row.critical} critical, ${row.serious} serious, ${row.moderate} moderate, ${row.minor} minor`,
      );
      await ctx.screenshot(`a11y-${o.kind}-${theme.short}`);
      if (o.kind === 'goal' && theme.short === 'hc-dark') {
        if (await page.locator('.notification-toast').count()) await clearNotifications(page);
        await readmeScreenshot(ctx, 'accessibility');
      }

      if (themesRun === 1) {
        const s = await structure(frame);
        ctx.log(`${o.kind}: headings ${s.headings.join(',')}, main ${s.main}, live region ${s.live}`);
        assert.equal(s.h1, 1, `${o.kind}: one h1`);
        assert.equal(s.main, 1, `${o.kind}: one main landmark`);
        assert.equal(s.live, 1, `${o.kind}: the polite live region`);
        for (let i = 1; i < s.headings.length; i++)
          assert.ok(s.headings[i] <= s.headings[i - 1] + 1, `${o.kind}: no heading level skipped (${s.headings})`);
        const reflow = await reflowAt320(frame, () =>
          o.kind === 'inboundCall' ? ctx.screenshot('a11y-long-title-320px') : undefined,
        );
        ctx.log(`${o.kind} at 320 px: scrollWidth ${reflow.scrollWidth}, clientWidth ${reflow.clientWidth}`);
        assert.ok(
          reflow.scrollWidth <= reflow.clientWidth + 1,
          `${o.kind}: no horizontal scroll at 320 px (${reflow.scrollWidth} > ${reflow.clientWidth}: ${reflow.wide.join(', ')})`,
        );
        const ring = await focusRing(page, frame);
        ctx.log(
          `${o.kind}: Tab reaches ${ring.tag} "${ring.text}", ring ${ring.outline} (focus colour ${ring.focusColour})`,
        );
        assert.ok(['button', 'input', 'textarea'].includes(ring.tag), `${o.kind}: the first Tab stop is a control`);
        assert.ok(ring.ok, `${o.kind}: the focus ring is the theme's focus colour (${ring.outline})`);
      }
    }
  }
  assert.ok(themesRun >= 3, 'audited in a light, a dark and a high-contrast theme');

  // 3. Reduced motion: a spinning icon stands still when the person asks for less motion.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  try {
    const last = opened[opened.length - 1];
    await showEditor(page, last.tab);
    const frame = await pageFrame(page, last.title);
    const motion = await frame.evaluate(() => {
      const probe = document.createElement('span');
      probe.className = 'codicon codicon-sync codicon-modifier-spin';
      document.querySelector('main').append(probe);
      const name = getComputedStyle(probe).animationName;
      probe.remove();
      return { reduce: matchMedia('(prefers-reduced-motion: reduce)').matches, animation: name };
    });
    ctx.log(`reduced motion: asked ${motion.reduce}, a spinning icon's animation ${motion.animation}`);
    assert.ok(motion.reduce, 'the page frame is told the person prefers reduced motion');
    assert.equal(motion.animation, 'none', 'a spinning icon stands still');
  } finally {
    await page.emulateMedia({ reducedMotion: null });
  }

  // The figures, and the theme back as it was.
  ctx.log(`axe figures (kind theme critical serious moderate minor):`);
  for (const f of figures)
    ctx.log(`  ${f.kind.padEnd(22)} ${f.theme.padEnd(9)} ${f.critical} ${f.serious} ${f.moderate} ${f.minor}`);
  for (const line of moderate.values()) ctx.log(`moderate/minor: ${line}`);
  await setTheme(
    page,
    THEMES.find((t) => t.short === (startKind === 'light' ? 'light' : 'dark')),
  );
  // The first line names them all (a failure's summary shows only its first line).
  assert.deepEqual(serious, [], `axe found ${serious.length} serious or critical violations: ${serious.join(' ‖ ')}`);
};
