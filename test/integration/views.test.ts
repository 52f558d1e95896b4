// The sidebar in the real extension host against the sandbox's seeded data: each view's items
// match what the sandbox serves (fetched here directly), each item action changes the sandbox and
// the view follows, paging, live calls, faults, bursts of refreshes, the kallyai: documents.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Views, ViewNode } from '../../src/views';
import {
  clearSandboxFaults,
  clearSandboxRequests,
  nodeLabel,
  resetSandbox,
  sandboxApi,
  sandboxJson,
  sandboxRequests,
  sandboxUrl,
  unescapeMarkdown,
  waitFor,
} from './helpers';
import { ensureSignedIn, extensionAuth, signInToFreshSandbox } from './signIn';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Provider = Views['testing']['providers'][keyof Views['testing']['providers']];

let views: Views;

const requests = async (re: RegExp, method = 'GET') =>
  (await sandboxRequests()).filter((r) => r.method === method && re.test(r.path));
const kids = async (p: Provider, n?: ViewNode) => p.getChildren(n);
const byId = async (p: Provider, id: string) => (await kids(p)).find((n) => n.id === id);
/** Every goal node (kind 'goal') under the groups of the Goals view, by goal id. */
async function goalNodes(): Promise<Map<string, ViewNode & { goal: Json }>> {
  const out = new Map<string, ViewNode & { goal: Json }>();
  for (const group of await kids(views.testing.providers.goals)) {
    if (group.kind !== 'group' || group.id === 'goals/group/archived') continue;
    for (const n of await kids(views.testing.providers.goals, group))
      if (n.kind === 'goal') out.set((n as unknown as { goal: Json }).goal.id, n as ViewNode & { goal: Json });
  }
  return out;
}
const reload = (name: keyof Views['testing']['providers']) => views.testing.providers[name].loader.load('mutation');

suite('Views: the sidebar against the sandbox', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    const exports = await signInToFreshSandbox();
    assert.ok(exports.views, 'activate() must return { views } (src/extension.ts) for these tests');
    views = exports.views;
    await vscode.commands.executeCommand('workbench.view.extension.kallyai');
    await views.refresh();
    for (const name of ['goals', 'calls', 'inbox', 'credits'] as const) await reload(name);
  });

  teardown(async () => {
    await clearSandboxFaults();
  });

  suiteTeardown(async () => {
    await clearSandboxFaults();
    await resetSandbox();
  });

  test('Goals: grouped by status, those waiting for the user first, matching the sandbox; badge counts them', async () => {
    const { goals } = await sandboxApi<{ goals: Json[] }>('/v1/coordination/goals?limit=200');
    const roots = await kids(views.testing.providers.goals);
    const groups = roots.filter((n) => n.kind === 'group').map((n) => n.id);
    assert.equal(groups[0], 'goals/group/needsYou');
    assert.ok(groups.indexOf('goals/group/active') < groups.indexOf('goals/group/completed'));
    assert.equal(groups.at(-1), 'goals/group/archived');
    const archived = roots.find((n) => n.id === 'goals/group/archived')!;
    assert.equal(archived.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);

    const waiting = goals.filter((g) => g.waiting_for && !['completed', 'cancelled'].includes(g.status));
    const needsYou = await kids(
      views.testing.providers.goals,
      roots.find((n) => n.id === 'goals/group/needsYou'),
    );
    assert.deepEqual(
      needsYou.map((n) => (n as unknown as { goal: Json }).goal.id).sort(),
      waiting.map((g) => g.id).sort(),
    );
    assert.equal(views.testing.treeViews.goals.badge?.value, waiting.length);

    const shown = await goalNodes();
    for (const g of goals.filter((x) => !x.parent_goal_id))
      assert.ok(shown.has(g.id), `goal "${g.title}" is not in the view`);
    for (const node of shown.values()) {
      assert.ok(
        node.item.id && node.item.tooltip && node.item.iconPath && node.item.accessibilityInformation?.label,
        `item ${node.id} lacks id/tooltip/icon/a11y`,
      );
    }
    const dinner = [...shown.values()].find((n) => n.goal.waiting_for === 'step_approval')!;
    assert.match(String(dinner.item.contextValue), /^goal open( \w+)* waitingStep\b/);

    const archivedGoals = (await sandboxApi<{ goals: Json[] }>('/v1/coordination/goals?status=archived')).goals;
    const archivedNodes = await kids(views.testing.providers.goals, archived);
    assert.deepEqual(
      archivedNodes.map((n) => (n as unknown as { goal: Json }).goal.id),
      archivedGoals.map((g) => g.id),
    );
  });

  test('Goals: sub-goals come from the goal tree on expansion, with steps and the budget', async () => {
    const parent = [...(await goalNodes()).values()].find((n) => Number(n.goal.sub_goal_count) > 0)!;
    assert.ok(parent, 'no goal with sub-goals in the view');
    const tree = await sandboxApi<{ sub_goals: Json[] }>(`/v1/coordination/goals/${parent.goal.id}/tree`);
    const children = await kids(views.testing.providers.goals, parent);
    assert.equal(children[0].kind, 'budget');
    assert.match(nodeLabel(children[0]), /Budget: .* of .* credits used/);
    assert.equal(children.filter((n) => n.kind === 'step').length, parent.goal.steps.length);
    assert.deepEqual(
      children.filter((n) => n.kind === 'goal').map((n) => (n as unknown as { goal: Json }).goal.id),
      tree.sub_goals.map((s) => s.goal.id),
    );
    assert.match(String(parent.item.contextValue), /hasSubgoals/);
  });

  test('Goals: approve a step changes the sandbox and the view follows', async () => {
    const node = [...(await goalNodes()).values()].find((n) => n.goal.waiting_for === 'step_approval')!;
    const stepBefore = (node.goal.steps as Json[]).find((s) => s.status === 'pending' || s.status === 'in_progress')!;
    await vscode.commands.executeCommand('kallyai.goals.approveStep', node, undefined, { confirmed: true });
    const after = await sandboxApi(`/v1/coordination/goals/${node.goal.id}`);
    assert.notEqual(
      (after.steps as Json[]).find((s) => s.step === stepBefore.step)!.status,
      'pending',
      'the step was not approved',
    );
    await waitFor(
      async () => {
        await reload('goals');
        const fresh = await sandboxApi(`/v1/coordination/goals/${node.goal.id}`);
        const shown = (await goalNodes()).get(node.goal.id);
        return shown && shown.goal.updated_at === fresh.updated_at && shown.goal.waiting_for === fresh.waiting_for;
      },
      20_000,
      'the Goals view to show the approved step',
    );
    const waiting = (await sandboxApi<{ goals: Json[] }>('/v1/coordination/goals?limit=200')).goals.filter(
      (g) => g.waiting_for && !['completed', 'cancelled'].includes(g.status),
    ).length;
    assert.equal(views.testing.treeViews.goals.badge?.value, waiting || undefined);
  });

  test('Goals: budget approval and soft cap actions; the budget breakdown opens as a document', async () => {
    const nodes = [...(await goalNodes()).values()];
    const plumber = nodes.find((n) => n.goal.waiting_for === 'budget_approval')!;
    assert.match(String(plumber.item.contextValue), /budgetApproval/);
    await vscode.commands.executeCommand('kallyai.goals.approveBudget', plumber, undefined, { confirmed: true });
    assert.notEqual((await sandboxApi(`/v1/coordination/goals/${plumber.goal.id}`)).waiting_for, 'budget_approval');
    const capped = nodes.find((n) => n.goal.waiting_for === 'soft_cap')!;
    await vscode.commands.executeCommand('kallyai.goals.acknowledgeSoftCap', capped, undefined, { confirmed: true });
    assert.notEqual((await sandboxApi(`/v1/coordination/goals/${capped.goal.id}`)).waiting_for, 'soft_cap');

    await vscode.commands.executeCommand('kallyai.goals.showBudget', capped);
    const doc = await waitFor(
      () =>
        vscode.workspace.textDocuments.find(
          (d) => d.uri.scheme === 'kallyai' && d.uri.path.startsWith(`/goals/${capped.goal.id}/`),
        ),
      10_000,
      'the budget document',
    );
    assert.match(doc.getText(), /\| Estimated \| Used \| Remaining \|/);
    assert.match(doc.getText(), /Spent so far/);
  });

  test('Goals: archive a multi-selection with one batch request; cascade cancel asks and cancels the sub-goals', async () => {
    await clearSandboxRequests();
    await reload('goals');
    const nodes = [...(await goalNodes()).values()];
    const done = nodes.filter((n) => /archivable/.test(String(n.item.contextValue)));
    assert.ok(done.length >= 2, 'expected a completed and a cancelled goal');
    await vscode.commands.executeCommand('kallyai.goals.archive', done[0], done);
    assert.equal((await requests(/^\/v1\/coordination\/goals\/batch-archive$/, 'POST')).length, 1);
    for (const n of done) assert.equal((await sandboxApi(`/v1/coordination/goals/${n.goal.id}`)).status, 'archived');
    const after = await goalNodes();
    for (const n of done) assert.ok(!after.has(n.goal.id), `archived goal ${n.goal.title} still in its group`);

    const parent = [...after.values()].find((n) => /hasSubgoals/.test(String(n.item.contextValue)))!;
    await vscode.commands.executeCommand('kallyai.goals.cascadeCancel', parent, undefined, { confirmed: true });
    const tree = await sandboxApi<{ goal: Json; sub_goals: Json[] }>(`/v1/coordination/goals/${parent.goal.id}/tree`);
    assert.equal(tree.goal.status, 'cancelled');
    for (const s of tree.sub_goals) assert.equal(s.goal.status, 'cancelled');
    assert.equal((await goalNodes()).get(parent.goal.id)?.parent?.id, 'goals/group/cancelled');
  });

  test('Calls: newest first, running and scheduled on top, children per call; transcript document', async () => {
    const { calls } = await sandboxApi<{ calls: Json[] }>('/v1/calls?limit=50&offset=0');
    const roots = await kids(views.testing.providers.calls);
    const callNodes = roots.filter((n) => n.kind === 'call') as Array<ViewNode & { call: Json }>;
    const scheduled = calls.filter((c) => c.status === 'scheduled').map((c) => c.call_id);
    assert.deepEqual(
      callNodes
        .slice(0, scheduled.length)
        .map((n) => n.call.call_id)
        .sort(),
      scheduled.sort(),
    );
    assert.deepEqual(
      callNodes.slice(scheduled.length).map((n) => n.call.call_id),
      calls.filter((c) => c.status !== 'scheduled').map((c) => c.call_id),
    );
    const byStatus = (s: string) => callNodes.find((n) => n.call.status === s)!;
    assert.equal((byStatus('success').item.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.equal((byStatus('terminated').item.iconPath as vscode.ThemeIcon).id, 'debug-disconnect');
    assert.equal(byStatus('scheduled').item.contextValue, 'call scheduled');
    const success = byStatus('success');
    assert.match(String(success.item.contextValue), /^call hasTranscript/);
    assert.deepEqual(
      (await kids(views.testing.providers.calls, success)).map((n) => n.kind),
      ['callDetails', 'callTranscript', 'callRecording', 'callCalendar'],
    );

    await vscode.commands.executeCommand('kallyai.calls.openTranscript', success);
    const doc = await waitFor(
      () =>
        vscode.workspace.textDocuments.find(
          (d) => d.uri.scheme === 'kallyai' && d.uri.path.startsWith(`/calls/${success.call.call_id}/transcript/`),
        ),
      10_000,
      'the transcript document',
    );
    const day = new Date(success.call.created_at ?? success.call.metadata.created_at).toLocaleDateString('en', {
      month: 'short',
      day: 'numeric',
    });
    assert.equal(doc.uri.path.split('/').pop(), `${success.call.submission.business_name} — transcript, ${day}.md`);
    const text = doc.getText();
    const transcript = await sandboxApi<{ entries: Json[] }>(`/v1/calls/${success.call.call_id}/transcript`);
    assert.ok(text.indexOf('## Summary') < text.indexOf('## Transcript'), 'summary is not on top');
    assert.ok(transcript.entries.length > 0);
    for (const e of transcript.entries)
      assert.ok(text.includes(`\`${e.timestamp}\``), `turn at ${e.timestamp} missing`);
  });

  test('Calls: reschedule (validated first) and cancel a scheduled call', async () => {
    const scheduled = (await kids(views.testing.providers.calls)).filter(
      (n) => n.item.contextValue === 'call scheduled',
    ) as Array<ViewNode & { call: Json }>;
    assert.equal(scheduled.length, 2);
    await clearSandboxRequests();
    await vscode.commands.executeCommand('kallyai.calls.reschedule', {
      id: scheduled[0].call.call_id,
      body: { date: '2020-02-30', time: '10:00' },
      confirmed: true,
    });
    assert.equal((await requests(/\/reschedule$/, 'POST')).length, 0, 'an invalid date reached the server');
    const next = new Date(Date.now() + 5 * 86_400_000);
    const date = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}`;
    // Rescheduling moves a call that will reach a business: it asks first (answered yes here).
    await vscode.commands.executeCommand('kallyai.calls.reschedule', {
      id: scheduled[0].call.call_id,
      body: { date, time: '11:15' },
      confirmed: true,
    });
    const moved = await sandboxApi(`/v1/calls/${scheduled[0].call.call_id}`);
    assert.notEqual(moved.scheduled_for, scheduled[0].call.scheduled_for);
    await vscode.commands.executeCommand('kallyai.calls.cancel', scheduled[1], undefined, { confirmed: true });
    assert.equal((await sandboxApi(`/v1/calls/${scheduled[1].call.call_id}`)).status, 'cancelled');
    const node = (await kids(views.testing.providers.calls)).find((n) => n.id === scheduled[1].id)!;
    assert.equal(node.item.contextValue, 'call');
  });

  test('Calls: a live call shows on top with a spinner and stops from the view', async () => {
    const session = await vscode.authentication.getSession('kallyai', [], { silent: true });
    const placing = fetch(`${sandboxUrl()}/v1/calls`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${session!.accessToken}`,
        'content-type': 'application/json',
        'idempotency-key': `views-${Date.now()}`,
      },
      body: JSON.stringify({
        submission: {
          task_category: 'general',
          task_description: 'Ask about the opening hours on Sunday.',
          respondent_phone: '+12015550199',
          business_name: 'Long Call Test',
        },
        timezone: 'UTC',
      }),
    })
      .then((r) => r.text())
      .catch(() => '');
    const live = await waitFor(
      async () => {
        await reload('calls');
        const first = (await kids(views.testing.providers.calls))[0];
        return first?.item.contextValue === 'call live' ? (first as ViewNode & { call: Json }) : undefined;
      },
      5_000,
      'the live call on top of the Calls view',
      100,
    );
    assert.equal((live.item.iconPath as vscode.ThemeIcon).id, 'loading~spin');
    // The view follows the live call while polling is on; `0` stops that too, and a value brings it back.
    const calls = views.testing.providers.calls;
    await waitFor(() => views.testing.scheduler.focused, 10_000, 'the window to be focused');
    await waitFor(() => calls.following, 5_000, 'the Calls view to follow the live call');
    const config = vscode.workspace.getConfiguration('kallyai');
    await config.update('pollIntervalSeconds', 0, vscode.ConfigurationTarget.Global);
    try {
      await reload('calls'); // a load that still sees the call running, and does not arm again
      assert.equal(calls.following, false, 'the Calls view follows with polling off');
    } finally {
      await config.update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(() => calls.following, 5_000, 'the Calls view to follow again with polling on');
    await vscode.commands.executeCommand('kallyai.calls.stop', live, undefined, { confirmed: true });
    assert.equal((await sandboxApi(`/v1/calls/${live.call.call_id}`)).status, 'cancelled');
    await placing;
    const node = (await kids(views.testing.providers.calls)).find((n) => n.id === live.id)!;
    assert.notEqual(node.item.contextValue, 'call live');
  });

  test('Calls: Load more pages through 500 calls, 50 at a time, never the whole list', async () => {
    await sandboxJson('/sandbox/seed-calls', { method: 'POST', body: { count: 500 } });
    await reload('calls');
    const total = (await sandboxApi<{ total: number }>('/v1/calls?limit=1')).total;
    await clearSandboxRequests();
    let pages = 0;
    for (;;) {
      const loadMore = await byId(views.testing.providers.calls, 'calls/loadMore');
      if (!loadMore) break;
      assert.equal(loadMore.item.command?.command, 'kallyai.calls.loadMore');
      await vscode.commands.executeCommand('kallyai.calls.loadMore');
      pages++;
      assert.ok(pages < 20, 'too many pages');
    }
    const shown = (await kids(views.testing.providers.calls)).filter((n) => n.kind === 'call');
    assert.equal(shown.length, total);
    assert.equal(new Set(shown.map((n) => n.id)).size, total);
    const sent = await requests(/^\/v1\/calls$/);
    assert.equal(sent.length, pages);
    for (const r of sent) assert.equal(r.query.limit, '50');

    // Calls gone from the server (a reset) do not linger in the loaded pages after a refresh.
    await resetSandbox();
    await reload('calls');
    const now = (await sandboxApi<{ calls: Json[] }>('/v1/calls?limit=50')).calls;
    assert.deepEqual(
      (await kids(views.testing.providers.calls))
        .filter((n) => n.kind === 'call')
        .map((n) => n.id)
        .sort(),
      now.map((c) => `calls/${c.call_id}`).sort(),
    );
    assert.equal(await byId(views.testing.providers.calls, 'calls/loadMore'), undefined);
  });

  test('Inbox: channels, drafts on top, unread marked and counted; open marks read and the badge drops', async () => {
    const { messages } = await sandboxApi<{ messages: Json[] }>('/v1/messages/inbox');
    const drafts = (await sandboxApi<{ emails: Json[] }>('/v1/actions/email/outbox')).emails.filter(
      (e) => e.status === 'pending_approval',
    );
    const roots = await kids(views.testing.providers.inbox);
    assert.equal(roots[0].id, 'inbox/drafts');
    assert.equal((await kids(views.testing.providers.inbox, roots[0])).length, drafts.length);
    const unread = messages.filter((m) => m.unread).length;
    assert.equal(views.testing.treeViews.inbox.badge?.value, unread);
    const email = roots.find((n) => n.id === 'inbox/channel/email')!;
    const emails = await kids(views.testing.providers.inbox, email);
    assert.equal(emails.length, messages.filter((m) => m.channel === 'email').length);
    const target = emails.find((n) => /unread/.test(String(n.item.contextValue)))! as ViewNode & { message: Json };
    assert.match(String(target.item.description), /unread$/);
    assert.equal((target.item.iconPath as vscode.ThemeIcon).id, 'circle-filled');

    await vscode.commands.executeCommand('kallyai.inbox.openMessage', target);
    const doc = await waitFor(
      () =>
        vscode.workspace.textDocuments.find(
          (d) => d.uri.scheme === 'kallyai' && d.uri.path.startsWith(`/inbox/${target.message.id}/`),
        ),
      10_000,
      'the message document',
    );
    assert.ok(unescapeMarkdown(doc.getText()).includes(target.message.subject));
    assert.equal((await sandboxApi(`/v1/messages/inbox/${target.message.id}`)).unread, false);
    assert.equal(views.testing.treeViews.inbox.badge?.value, unread - 1);
  });

  test('Inbox: mark read on a multi-selection; thread document; approve and discard drafts', async () => {
    await reload('inbox');
    const roots = await kids(views.testing.providers.inbox);
    const all: ViewNode[] = [];
    for (const g of roots.filter((n) => n.id.startsWith('inbox/channel/')))
      all.push(...(await kids(views.testing.providers.inbox, g)));
    const unread = all.filter((n) => /unread/.test(String(n.item.contextValue))) as Array<ViewNode & { message: Json }>;
    const before = views.testing.treeViews.inbox.badge?.value ?? 0;
    await vscode.commands.executeCommand('kallyai.inbox.markRead', unread[0], unread.slice(0, 2));
    for (const n of unread.slice(0, 2))
      assert.equal((await sandboxApi(`/v1/messages/inbox/${n.message.id}`)).unread, false);
    assert.equal(views.testing.treeViews.inbox.badge?.value ?? 0, before - 2);

    const threaded = all.find(
      (n) => /threaded/.test(String(n.item.contextValue)) && /Table for 4/.test(nodeLabel(n)),
    ) as ViewNode & { message: Json };
    await vscode.commands.executeCommand('kallyai.inbox.openThread', threaded);
    const thread = await sandboxApi<{ messages: Json[] }>(
      `/v1/messages/conversation/${threaded.message.conversation_id}`,
    );
    const doc = await waitFor(
      () =>
        vscode.workspace.textDocuments.find((d) =>
          d.uri.path.startsWith(`/threads/${threaded.message.conversation_id}/`),
        ),
      10_000,
      'the thread document',
    );
    assert.equal((doc.getText().match(/^## /gm) ?? []).length, thread.messages.length);

    const drafts = (await kids(views.testing.providers.inbox, roots[0])) as Array<ViewNode & { draft: Json }>;
    assert.match(String(drafts[0].item.contextValue), /^draft\b/);
    await vscode.commands.executeCommand('kallyai.inbox.approveEmail', drafts[0], undefined, { confirmed: true });
    await vscode.commands.executeCommand('kallyai.inbox.cancelEmail', drafts[1], undefined, { confirmed: true });
    const outbox = (await sandboxApi<{ emails: Json[] }>('/v1/actions/email/outbox')).emails;
    assert.equal(outbox.find((e) => e.id === drafts[0].draft.id)!.status, 'sent');
    assert.equal(outbox.find((e) => e.id === drafts[1].draft.id)!.status, 'cancelled');
    assert.ok(!(await byId(views.testing.providers.inbox, 'inbox/drafts')), 'the drafts group is still there');
  });

  test('Credits: figures, plan and lazy groups match the sandbox; the status bar shows the balance and warns when low', async () => {
    await reload('credits');
    const b = await sandboxApi('/v1/credits/balance');
    const roots = await kids(views.testing.providers.credits);
    assert.equal(nodeLabel(roots[0]), `${Number(b.credits_remaining)} credits remaining`);
    assert.equal(nodeLabel(roots[1]), `${Number(b.credits_used)} credits used`);
    assert.equal(nodeLabel(roots[2]), `${Number(b.credits_allocated)} credits allocated`);
    assert.match(nodeLabel(roots[3]), new RegExp(`^${b.plan_type}`, 'i'));
    const breakdown = (await sandboxApi<{ items: Json[] }>('/v1/credits/breakdown')).items;
    assert.equal(
      (
        await kids(
          views.testing.providers.credits,
          roots.find((n) => n.id === 'credits/breakdown'),
        )
      ).length,
      breakdown.length,
    );
    const plans = Object.keys((await sandboxApi<{ plans: Json }>('/v1/credits/plans')).plans);
    assert.equal(
      (
        await kids(
          views.testing.providers.credits,
          roots.find((n) => n.id === 'credits/plans'),
        )
      ).length,
      plans.length,
    );
    assert.ok(
      (
        await kids(
          views.testing.providers.credits,
          roots.find((n) => n.id === 'credits/history'),
        )
      ).length > 0,
    );
    assert.equal(roots.at(-1)!.item.command?.command, 'kallyai.billing.openPortal');

    const bar = views.testing.statusBar;
    assert.equal(bar.text, `$(credit-card) ${Number(b.credits_remaining)} credits`);
    assert.equal(
      bar.command && typeof bar.command === 'object' ? bar.command.command : bar.command,
      'kallyai.credits.focus',
    );
    assert.equal(bar.backgroundColor, undefined);
    await sandboxJson('/sandbox/credits', { method: 'POST', body: { remaining: 4.5 } });
    await reload('credits');
    assert.equal(bar.text, '$(credit-card) 4.5 credits');
    assert.equal((bar.backgroundColor as vscode.ThemeColor | undefined)?.id, 'statusBarItem.warningBackground');
  });

  test('Freshness: a burst of refresh clicks sends one request', async () => {
    await reload('goals');
    await clearSandboxRequests();
    await Promise.all(Array.from({ length: 6 }, () => vscode.commands.executeCommand('kallyai.goals.refresh')));
    assert.equal((await requests(/^\/v1\/coordination\/goals$/)).length, 1);
  });

  test('Freshness: the notifications poll refreshes only the views whose counts changed', async () => {
    if (!views.testing.scheduler.focused) {
      // Polling only runs while the window is focused; the workbench window of the test host normally is.
      await waitFor(() => views.testing.scheduler.focused, 10_000, 'the window to be focused');
    }
    await views.testing.scheduler.pollNow(); // baseline
    assert.deepEqual(await views.testing.scheduler.pollNow(), []);
    const unread = (await sandboxApi<{ messages: Json[] }>('/v1/messages/inbox')).messages.filter((m) => m.unread);
    await clearSandboxRequests();
    await sandboxApi('/v1/messages/mark-read', { method: 'POST', body: { message_ids: [unread[0].id] } });
    assert.deepEqual([...(await views.testing.scheduler.pollNow())], ['inbox']);
    await waitFor(
      () =>
        views.testing.treeViews.inbox.badge?.value === unread.length - 1 ||
        (unread.length === 1 && !views.testing.treeViews.inbox.badge),
      10_000,
      'the inbox badge to follow',
    );
    assert.equal(
      (await requests(/^\/v1\/coordination\/goals$/)).length,
      0,
      'the poll refreshed the goals though nothing changed there',
    );
  });

  test('Offline: a 503 or a dropped connection shows one inline "Can\'t reach KallyAI — Retry" node, then recovers', async () => {
    await sandboxJson('/sandbox/faults', {
      method: 'POST',
      body: { path: '^/v1/credits/balance$', status: 503, count: 50 },
    });
    await views.testing.providers.credits.loader.load('user');
    const roots = await kids(views.testing.providers.credits);
    assert.equal(roots.filter((n) => n.kind === 'error').length, 1);
    assert.equal(nodeLabel(roots[0]), "Can't reach KallyAI — Retry");
    assert.equal(roots[0].item.command?.command, 'kallyai.retry');
    await clearSandboxFaults();
    await vscode.commands.executeCommand('kallyai.retry', 'credits');
    assert.equal((await kids(views.testing.providers.credits)).filter((n) => n.kind === 'error').length, 0);

    await sandboxJson('/sandbox/faults', {
      method: 'POST',
      body: { path: '^/v1/coordination/goals$', drop: true, count: 50 },
    });
    await views.testing.providers.goals.loader.load('user');
    assert.equal(nodeLabel((await kids(views.testing.providers.goals))[0]), "Can't reach KallyAI — Retry");
    await clearSandboxFaults();
    await vscode.commands.executeCommand('kallyai.retry', 'goals');
    assert.notEqual((await kids(views.testing.providers.goals))[0].kind, 'error');
  });

  test('A malformed response is an inline error node that names what failed, never a blank view', async () => {
    await sandboxJson('/sandbox/faults', {
      method: 'POST',
      body: { path: '^/v1/messages/inbox$', malformed: true, count: 10 },
    });
    await views.testing.providers.inbox.loader.load('user');
    const first = (await kids(views.testing.providers.inbox))[0];
    assert.equal(first.kind, 'error');
    assert.equal(nodeLabel(first), 'Could not read your inbox from KallyAI — Retry');
    await clearSandboxFaults();
    await vscode.commands.executeCommand('kallyai.retry', 'inbox');
    assert.notEqual((await kids(views.testing.providers.inbox))[0].kind, 'error');
  });

  test('Signed out: every view is empty (the welcome content shows) and the status bar offers Sign in', async () => {
    const auth = await extensionAuth();
    await auth.signOut();
    await waitFor(() => !auth.isSignedIn, 10_000, 'sign-out');
    for (const p of Object.values(views.testing.providers)) assert.deepEqual(await p.getChildren(), []);
    assert.equal(views.testing.statusBar.text, '$(account) Sign in to KallyAI');
    assert.equal(views.testing.treeViews.inbox.badge, undefined);
    await ensureSignedIn();
    await waitFor(
      async () => (await kids(views.testing.providers.credits)).length > 0,
      15_000,
      'the Credits view after signing in again',
    );
  });
});
