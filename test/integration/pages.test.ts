// The pages (webviews) in the real extension host against the sandbox: the goal, call and
// conversation pages render what the sandbox holds, every button runs its operation through the
// pipeline (with its consent), a message a page did not offer — or a malformed one — is ignored and
// logged, one panel per thing, a reloaded window restores them, the shell's CSP is strict.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommandsModule } from '../../src/app';
import {
  answerConsents,
  clearSandboxRequests,
  openPage,
  pageText,
  resetSandbox,
  sandboxJson,
  sandboxRequests,
  waitFor,
  type RunResult,
} from './helpers';
import { signInToFreshSandbox } from './signIn';
import { recordShownInTests } from '../../src/platform/shownInTests';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Page {
  current?: { title: string; body: { text: string } };
  violations: unknown[];
  ignored: number;
  ready: boolean;
  documentLoads: number;
  swaps: number;
  deliver(m: unknown): Promise<string>;
  panel: vscode.WebviewPanel;
  controller: { state: { kind: string; id: string } };
}

let commands: CommandsModule;
/** The tags the pages themselves write. */
const PAGE_TAGS = new Set([
  'section',
  'h1',
  'h2',
  'p',
  'br',
  'span',
  'div',
  'strong',
  'button',
  'table',
  'tr',
  'th',
  'td',
  'ol',
  'ul',
  'li',
  'form',
  'label',
  'textarea',
]);
const state = () => sandboxJson<{ goals: Json[]; calls: Json[]; conversations: Json[] }>('/sandbox/state');
const page = async (kind: string, id: string) => (await openPage(kind, id)) as unknown as Page;
const text = (p: Page) => pageText(p.current!.body);
const answer = (yes: boolean) => answerConsents(commands, yes);

suite('Pages: goal, call and conversation', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    const exports = await signInToFreshSandbox();
    commands = exports.commands();
  });

  teardown(() => commands.pipeline.consent.answerWith(undefined));

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSandbox();
  });

  test('the goal page shows the goal, its steps and budget; Approve Step asks with its stakes and the page follows', async () => {
    const goal = (await state()).goals.find((g) => g.waiting_for === 'step_approval')!;
    const r = await vscode.commands.executeCommand<RunResult>('kallyai.goals.openGoal', { id: goal.id });
    assert.equal(r.outcome, 'done', JSON.stringify(r));
    const p = await page('goal', goal.id);
    assert.equal(p.panel.title, `${goal.title} — goal`);
    const before = text(p);
    for (const s of goal.steps) assert.ok(before.includes(s.description), `step "${s.description}" is on the page`);
    assert.ok(before.includes('Waiting for your approval'));
    assert.ok(before.includes('Budget') && before.includes('Soft cap'), before);
    assert.ok(!before.includes(goal.id), 'no id on the page');
    assert.match(p.current!.body.text, /data-action="approveStep"/);
    await waitFor(() => p.ready, 15_000, 'the page script to load its document');
    const loads = p.documentLoads;

    const declined = answer(false);
    assert.equal(await p.deliver({ type: 'action', action: 'approveStep' }), 'ran');
    assert.equal(declined.length, 1);
    assert.equal(declined[0].question, `Approve the next step of "${goal.title}"?`);
    assert.equal(
      (await state()).goals.find((g) => g.id === goal.id)!.waiting_for,
      'step_approval',
      'declined: nothing happened',
    );

    const asked = answer(true);
    await p.deliver({ type: 'action', action: 'approveStep' });
    assert.equal(asked.length, 1);
    assert.match(asked[0].lines.join('\n'), /Estimated cost: about 1\.2 credits/);
    const after = (await state()).goals.find((g) => g.id === goal.id)!;
    assert.notEqual(after.steps[1].status, 'pending', 'the step was approved on the server');
    await waitFor(
      () => !/data-action="approveStep"/.test(p.current!.body.text) || after.waiting_for === 'step_approval',
      10_000,
      'the page to follow',
    );
    // Each render after an action was swapped into the document the page had: none reloaded it
    // (a reload shows the tab blank and unstyled for a moment).
    assert.equal(p.documentLoads, loads, 'no render reloaded the document');
    assert.ok(p.swaps >= 2, `the renders after both actions were swapped in (${p.swaps})`);
  });

  test('each goal button runs its operation: escalate, budget details, cancel (declined and accepted), archive', async () => {
    const goals = (await state()).goals;
    const open = goals.find(
      (g) => g.status === 'active' && !g.parent_goal_id && !g.waiting_for && g.sub_goal_count > 0,
    )!;
    await vscode.commands.executeCommand('kallyai.goals.openGoal', { id: open.id });
    const p = await page('goal', open.id);
    await clearSandboxRequests();
    await p.deliver({ type: 'action', action: 'escalate' });
    assert.ok(
      (await sandboxRequests()).some(
        (q) => q.method === 'POST' && q.path === `/v1/coordination/goals/${open.id}/escalate`,
      ),
    );
    // Escalated: the page says what happens next and no longer offers Escalate to Me.
    await waitFor(
      () => !/data-action="escalate"/.test(p.current!.body.text),
      10_000,
      'Escalate to Me gone from the page',
    );
    assert.match(text(p), /KallyAI handed this goal to you/);
    assert.ok(p.current!.body.text.includes('data-action="showInbox"'));
    assert.equal(
      (await vscode.commands.executeCommand<RunResult>('kallyai.goals.escalate', { id: open.id })).outcome,
      'unavailable',
    );
    await p.deliver({ type: 'action', action: 'showBudget' });
    await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.path.startsWith(`/goals/${open.id}/budget/`)),
      10_000,
      'the budget document',
    );
    // A sub-goal link opens that goal's page; an id the page did not show does nothing.
    const sub = goals.find((g) => g.parent_goal_id === open.id)!;
    await p.deliver({ type: 'action', action: 'openSubGoal', arg: sub.id });
    assert.ok(await page('goal', sub.id), 'the sub-goal page opened');
    await p.deliver({ type: 'action', action: 'openSubGoal', arg: 'not-a-shown-goal' });
    assert.equal(await page('goal', 'not-a-shown-goal'), undefined);

    const statusBefore = (await state()).goals.find((g) => g.id === open.id)!.status;
    answer(false);
    await p.deliver({ type: 'action', action: 'cancel' });
    assert.equal((await state()).goals.find((g) => g.id === open.id)!.status, statusBefore, '"Keep Goal" keeps it');
    const asked = answer(true);
    await p.deliver({ type: 'action', action: 'cancel' });
    assert.deepEqual([asked[0].confirm, asked[0].decline], ['Cancel Goal', 'Keep Goal']);
    assert.equal((await state()).goals.find((g) => g.id === open.id)!.status, 'cancelled');
    await waitFor(() => /data-action="archive"/.test(p.current!.body.text), 10_000, 'Archive on the cancelled goal');
    await p.deliver({ type: 'action', action: 'archive' });
    assert.equal((await state()).goals.find((g) => g.id === open.id)!.status, 'archived');
  });

  test('Accept Outcome on an outcome with two offers asks which one, names it in the question, and tells KallyAI before accepting', async () => {
    const refund = (await state()).goals.find((g) => g.waiting_for === 'outcome_acceptance')!;
    await vscode.commands.executeCommand('kallyai.goals.openGoal', { id: refund.id });
    const p = await page('goal', refund.id);
    const asked = answer(true);
    await clearSandboxRequests();
    const shown = recordShownInTests();
    const before = shown.length;
    const pending = p.deliver({ type: 'action', action: 'acceptOutcome' });
    const pick = await waitFor(
      () =>
        shown
          .slice(before)
          .find((x) => x.surface === 'pick' && x.texts.some((t) => /has 2 offers: which one do you accept\?/.test(t))),
      10_000,
      'the pick of the offers',
    );
    for (const offer of ['A $320 refund to your card within 7 days', 'A $400 travel voucher valid for a year'])
      assert.ok(
        pick.texts.some((t) => t.endsWith(offer)),
        pick.texts.join(' | '),
      );
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await pending;
    assert.equal(asked.length, 1);
    assert.equal(
      asked[0].question,
      'Accept "A $320 refund to your card within 7 days" for "Get a refund for the cancelled flight"?',
    );
    assert.match(asked[0].lines.join('\n'), /declines the other: A \$400 travel voucher/);
    const writes = (await sandboxRequests()).filter((q) => q.method === 'POST').map((q) => q.path);
    assert.deepEqual(
      writes,
      ['/v1/coordination/message', `/v1/coordination/goals/${refund.id}/accept-outcome`],
      'the choice is told first, then the outcome accepted',
    );
    const after = (await state()).goals.find((g) => g.id === refund.id)!;
    assert.equal(after.status, 'completed');
    assert.equal(after.outcome, 'A $320 refund to your card within 7 days');
  });

  test('a message the page did not offer, or a malformed one, is ignored and logged; nothing is sent', async () => {
    const goal = (await state()).goals.find((g) => g.status === 'completed')!;
    await vscode.commands.executeCommand('kallyai.goals.openGoal', { id: goal.id });
    const p = await page('goal', goal.id);
    await clearSandboxRequests();
    const ignoredBefore = p.ignored;
    const hostile: unknown[] = [
      { type: 'action', action: 'approveStep' }, // not offered on a completed goal
      { type: 'action', action: 'runCommand', arg: 'workbench.action.terminal.new' },
      { type: 'action', action: 'cancel; rm -rf /' },
      { type: 'evaluate', code: 'process.exit()' },
      { type: 'action', action: 'escalate', extra: 1 },
      'approveStep',
      null,
      { type: 'action', action: 'archive', arg: 'x'.repeat(10_000) },
    ];
    for (const m of hostile) assert.equal(await p.deliver(m), 'ignored', JSON.stringify(m)?.slice(0, 80));
    assert.equal(p.ignored - ignoredBefore, hostile.length);
    assert.deepEqual(
      (await sandboxRequests()).filter((q) => q.method !== 'GET'),
      [],
      'an ignored message sent nothing',
    );
  });

  test('one panel per thing: opening the same goal again reveals its page', async () => {
    const goal = (await state()).goals.find((g) => g.status === 'active')!;
    await vscode.commands.executeCommand('kallyai.goals.openGoal', { id: goal.id });
    const first = await page('goal', goal.id);
    await vscode.commands.executeCommand('kallyai.goals.openGoal', goal.id);
    assert.equal(await page('goal', goal.id), first);
    const count = commands.pages()!.panels.filter((x) => (x as unknown as Page).controller.state.id === goal.id).length;
    assert.equal(count, 1);
  });

  test('the call page: status in words, highlights, the transcript inline; its buttons open the recording and the text', async () => {
    const call = (await state()).calls.find((c) => c.status === 'success' && c.submission.appointment_date)!;
    await vscode.commands.executeCommand('kallyai.calls.openDetails', { id: call.call_id });
    const p = await page('call', call.call_id);
    const t = text(p);
    assert.ok(t.includes('Succeeded') && t.includes('The call reached the business and completed its task.'), t);
    const transcript = await sandboxJson<{ calls: Json[] }>('/sandbox/state');
    void transcript;
    assert.ok(t.includes(call.highlights), 'the highlights are on the page');
    assert.ok(
      /data-action="recording"/.test(p.current!.body.text) &&
        /data-action="calendar"/.test(p.current!.body.text) &&
        /data-action="callAgain"/.test(p.current!.body.text),
    );
    await clearSandboxRequests();
    await p.deliver({ type: 'action', action: 'recording' });
    assert.ok((await sandboxRequests()).some((q) => q.path === `/v1/calls/${call.call_id}/recording`));
    await p.deliver({ type: 'action', action: 'transcriptText' });
    await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.path.startsWith(`/calls/${call.call_id}/transcript/`)),
      10_000,
      'the transcript as text',
    );
  });

  test('a scheduled call page offers Cancel (consent) and Reschedule; a call without an answer has no transcript section', async () => {
    const calls = (await state()).calls;
    const scheduled = calls.find((c) => c.status === 'scheduled')!;
    await vscode.commands.executeCommand('kallyai.calls.openDetails', { id: scheduled.call_id });
    const p = await page('call', scheduled.call_id);
    assert.ok(
      /data-action="cancel"/.test(p.current!.body.text) && /data-action="reschedule"/.test(p.current!.body.text),
    );
    const asked = answer(true);
    await p.deliver({ type: 'action', action: 'cancel' });
    assert.deepEqual([asked[0].confirm, asked[0].decline], ['Cancel Call', 'Keep Call']);
    assert.equal((await state()).calls.find((c) => c.call_id === scheduled.call_id)!.status, 'cancelled');
    const unanswered = calls.find((c) => c.status === 'no_answer')!;
    await vscode.commands.executeCommand('kallyai.calls.openDetails', { id: unanswered.call_id });
    const q = await page('call', unanswered.call_id);
    assert.ok(!/Transcript/.test(text(q)) && !/data-action="recording"/.test(q.current!.body.text), text(q));
  });

  test('the conversation page: turns, the goal with its status and buttons, suggestions (an action runs, asking first; words are sent), a reply box', async () => {
    const r = await vscode.commands.executeCommand<{
      outcome: string;
      conversationId: string;
      goalId?: string;
      suggestions: string[];
    }>('kallyai.ask', { message: 'Book a table for 2 at a sushi place on Saturday at 7pm', newConversation: true });
    assert.equal(r.outcome, 'answered', JSON.stringify(r));
    const p = await page('conversation', r.conversationId);
    const t = text(p);
    assert.ok(t.includes('Book a table for 2 at a sushi place'), t);
    assert.ok(!t.includes(r.conversationId) && !(r.goalId && t.includes(r.goalId)), 'no ids on the page');
    assert.ok(!p.panel.title.includes(r.conversationId), 'no id in the tab title');
    assert.ok(/data-action="openGoal"/.test(p.current!.body.text), 'the goal card');
    assert.ok(r.suggestions.length > 0 && /data-action="suggest"/.test(p.current!.body.text), 'suggestions as buttons');
    assert.ok(/<form data-action="send"[\s>]/.test(p.current!.body.text), 'a reply box');

    // "Approve the next step" (or "Approve the budget") names an action: it runs on the reply's goal,
    // asking first, and is never sent as a message (issue 23: it started a goal called so).
    assert.match(r.suggestions[0], /^Approve the (next step|budget)$/);
    await clearSandboxRequests();
    const declined = answer(false);
    assert.equal(await p.deliver({ type: 'action', action: 'suggest', arg: '0' }), 'ran');
    assert.equal(declined.length, 1, 'the action asked first');
    assert.match(declined[0].question, /^Approve the (next step of|budget for) "/);
    const messages = async () =>
      (await sandboxRequests<{ message?: string }>()).filter(
        (q) => q.method === 'POST' && q.path === '/v1/coordination/message',
      );
    assert.deepEqual(await messages(), [], 'no message sent');
    assert.ok(!(await state()).goals.some((g) => /^Approve the/.test(g.title)), 'no goal named after the suggestion');
    // Words to say are sent: the greeting's suggestions are requests.
    await p.deliver({ type: 'action', action: 'send', text: 'Hello' });
    await waitFor(() => /Tell me what you need/.test(text(p)), 10_000, 'the greeting on the page');
    await waitFor(() => text(p).includes('Book a table for 2 tonight'), 10_000, "the greeting's suggestions");
    await clearSandboxRequests();
    await p.deliver({ type: 'action', action: 'suggest', arg: '0' });
    assert.deepEqual(
      (await messages()).map((q) => q.body?.message),
      ['Book a table for 2 tonight'],
    );
    await p.deliver({ type: 'action', action: 'send', text: 'Make it 8pm please' });
    await waitFor(() => text(p).includes('Make it 8pm please'), 10_000, 'the reply on the page');
    assert.equal(await p.deliver({ type: 'action', action: 'suggest', arg: '99' }), 'ran');
    assert.equal(await p.deliver({ type: 'action', action: 'send' }), 'ran', 'an empty send does nothing');
  });

  test('a page restored after a window reload renders again from its state; a bad state is closed', async () => {
    const goal = (await state()).goals.find((g) => g.status === 'pending')!;
    const panel = vscode.window.createWebviewPanel('kallyai.page', 'restoring', vscode.ViewColumn.Active, {});
    await commands.restorePage(panel, { kind: 'goal', id: goal.id });
    const p = await page('goal', goal.id);
    assert.equal(p.panel, panel);
    assert.ok(text(p).includes(goal.title));
    const bad = vscode.window.createWebviewPanel('kallyai.page', 'bad', vscode.ViewColumn.Active, {});
    let disposed = false;
    bad.onDidDispose(() => {
      disposed = true;
    });
    await commands.restorePage(bad, { kind: 'evil', id: 1 });
    assert.equal(disposed, true);
  });

  test('hostile server strings render as text on every page: no tag, handler or link of theirs survives', async () => {
    const payloads = [
      '<img src=x onerror="window.__kallyaiPwned=1">',
      '<script>window.__kallyaiPwned=1</script>',
      '"><svg onload=alert(1)>',
      "' onmouseover='alert(1)",
      '`${alert(1)}`',
      '<a href="command:kallyai.signOut">x</a>',
      '\u202Eevil',
    ];
    const ids = await sandboxJson<{ goalId: string; callId: string; conversationId: string }>('/sandbox/seed-hostile', {
      method: 'POST',
      body: { payloads },
    });
    await vscode.commands.executeCommand('kallyai.goals.openGoal', { id: ids.goalId });
    await vscode.commands.executeCommand('kallyai.calls.openDetails', { id: ids.callId });
    await vscode.commands.executeCommand('kallyai.conversationHistory', { conversationId: ids.conversationId });
    for (const [kind, id] of [
      ['goal', ids.goalId],
      ['call', ids.callId],
      ['conversation', ids.conversationId],
    ] as const) {
      const p = await waitFor(async () => (await page(kind, id))?.current, 10_000, `the ${kind} page`);
      const body = p.body.text;
      // Every tag is one of the page's own, with none of a payload's attributes.
      for (const [tag, name, attrs] of body.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
        assert.ok(PAGE_TAGS.has(name.toLowerCase()), `${kind}: a <${name}> tag survived: ${tag}`);
        assert.ok(!/\s(on[a-z]+|href|src|style)\s*=/i.test(attrs), `${kind}: ${tag}`);
      }
      assert.ok(
        body.includes('&lt;img src=x onerror=&quot;window.__kallyaiPwned=1&quot;&gt;') || kind === 'call',
        `${kind} shows the payload as text`,
      );
      assert.ok(!body.includes('\u202E'), `${kind}: a bidirectional override survived`);
    }
  });

  test('the shell: a strict Content-Security-Policy with a nonce, only local resources, no inline handler', async () => {
    const goal = (await state()).goals.find((g) => g.status === 'active' && !g.title.includes('<'))!;
    await vscode.commands.executeCommand('kallyai.goals.openGoal', { id: goal.id });
    const p = await page('goal', goal.id);
    const shell = p.panel.webview.html;
    const csp =
      /<meta http-equiv="Content-Security-Policy" content="([^"]+)"\s*\/?>/.exec(shell)?.[1].replace(/&#39;/g, "'") ??
      '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{24}'/);
    assert.ok(!/unsafe-inline|unsafe-eval|\*(?!\.vscode-cdn\.net)/.test(csp), csp);
    // Every source is the webview's own (its resource origin), a nonce, data:/blob: for media, or none.
    const own = new Set(p.panel.webview.cspSource.split(/\s+/));
    for (const directive of csp.split(';').map((d) => d.trim().split(/\s+/))) {
      for (const source of directive.slice(1))
        assert.ok(
          own.has(source) || /^'(none|nonce-.+)'$/.test(source) || ['data:', 'blob:'].includes(source),
          `${directive[0]} allows ${source}`,
        );
    }
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    assert.equal((shell.match(/<script /g) ?? []).length, 1);
    assert.match(shell, new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, '\\$&')}" src=`));
    const tags = [...shell.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(
      tags.filter((tag) => /\son[a-z]+\s*=/i.test(tag)),
      [],
      'no inline event handler',
    );
    assert.deepEqual(
      tags.filter((tag) => /\sstyle\s*=/i.test(tag)),
      [],
      'no inline style',
    );
  });
});
