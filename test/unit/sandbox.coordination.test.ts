import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type SandboxClient, openSandbox } from '../../sandbox/testing';

type Goal = {
  id: string;
  title: string;
  status: string;
  waiting_for: string | null;
  parent_goal_id: string | null;
  sub_goal_count: number;
  credits_used: number;
};

describe('sandbox goals, inbox and notifications', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox();
  });
  after(async () => {
    await c.close();
  });
  // Each test starts from the seed data, whatever ran before it (the order is shuffled once to prove it).
  beforeEach(async () => {
    assert.equal((await c.post('/sandbox/reset', {})).status, 200);
  });

  const goals = async (query = ''): Promise<Goal[]> => (await c.get(`/v1/coordination/goals${query}`)).json.goals;
  const byTitle = async (title: string, query = '') => (await goals(query)).find((g) => g.title === title) as Goal;

  it('seeds a goal in each state the extension shows', async () => {
    const open = await goals();
    const waiting = open
      .map((g) => g.waiting_for)
      .filter(Boolean)
      .sort();
    assert.deepEqual(waiting, ['budget_approval', 'outcome_acceptance', 'soft_cap', 'step_approval']);
    for (const status of ['completed', 'cancelled', 'archived'])
      assert.equal((await goals(`?status=${status}`)).length, 1, status);
    const parent = open.find((g) => g.sub_goal_count === 2) as Goal;
    const tree = (await c.get(`/v1/coordination/goals/${parent.id}/tree`)).json;
    assert.equal(tree.goal.id, parent.id);
    assert.equal(tree.sub_goals.length, 2);
    assert.ok(tree.sub_goals.every((s: { goal: Goal }) => s.goal.parent_goal_id === parent.id));
  });

  it('message → goal waiting for step approval → approve → soft cap → acknowledge → outcome → accept', async () => {
    const balance = async () => (await c.get('/v1/credits/balance')).json.credits_remaining as number;
    const start = await balance();
    const reply = await c.post('/v1/coordination/message', {
      message: "Book a table for 4 at Luigi's on Friday at 8pm.",
    });
    assert.equal(reply.status, 200);
    assert.ok(reply.json.response && reply.json.goal_id && reply.json.conversation_id);
    const id = reply.json.goal_id as string;
    let goal = (await c.get(`/v1/coordination/goals/${id}`)).json;
    assert.equal(goal.title, "Book a table for 4 at Luigi's on Friday at 8pm");
    assert.equal(goal.waiting_for, 'step_approval');
    assert.equal(goal.steps.length, 3);
    assert.equal(goal.credits_estimated, 2);

    const approve = () => c.post(`/v1/coordination/goals/${id}/approve-step`);
    assert.equal((await approve()).json.goal.waiting_for, 'step_approval');
    assert.equal((await approve()).json.goal.waiting_for, 'soft_cap');
    const blocked = await approve();
    assert.equal(blocked.status, 402);
    assert.equal(blocked.json.error.code, 'soft_cap_reached');
    assert.equal((await c.post(`/v1/goals/${id}/acknowledge-soft-cap`)).json.goal.waiting_for, 'step_approval');
    const last = await approve();
    assert.equal(last.json.goal.waiting_for, 'outcome_acceptance');
    assert.ok(last.json.goal.outcome);
    const accepted = await c.post(`/v1/coordination/goals/${id}/accept-outcome`);
    assert.equal(accepted.json.goal.status, 'completed');
    assert.equal(
      (await c.post(`/v1/coordination/goals/${id}/accept-outcome`)).json.error.code,
      'goal_already_completed',
    );
    assert.equal((await c.post(`/v1/coordination/goals/${id}/cancel`)).json.error.code, 'goal_already_completed');

    goal = (await c.get(`/v1/coordination/goals/${id}`)).json;
    assert.equal(goal.credits_used, 2);
    assert.equal(await balance(), start - 2);
    const breakdown = (await c.get(`/v1/goals/${id}/cost-breakdown`)).json;
    assert.equal(breakdown.total_credits, 2);
    assert.equal(breakdown.items.length, 3);
    const history = (await c.get(`/v1/coordination/history?conversation_id=${reply.json.conversation_id}`)).json;
    assert.deepEqual(
      history.messages.map((m: { role: string }) => m.role),
      ['user', 'assistant'],
    );
    const conversations = (await c.get('/v1/coordination/conversations')).json.conversations;
    assert.equal(conversations.find((x: { id: string }) => x.id === reply.json.conversation_id).message_count, 2);
  });

  it('budget approval and budget_exceeded gate approve-step until the budget is approved', async () => {
    const plumber = await byTitle('Find a plumber for the kitchen sink');
    assert.equal(plumber.status, 'pending');
    assert.equal(
      (await c.post(`/v1/coordination/goals/${plumber.id}/approve-step`)).json.error.code,
      'budget_approval_required',
    );
    const approved = await c.post(`/v1/goals/${plumber.id}/approve-budget`);
    assert.equal(approved.json.goal.status, 'active');
    assert.equal(approved.json.goal.waiting_for, 'step_approval');
    assert.equal((await c.post(`/v1/coordination/goals/${plumber.id}/approve-step`)).status, 200);

    const internet = await byTitle('Negotiate a lower internet bill');
    assert.equal(
      (await c.post(`/v1/coordination/goals/${internet.id}/approve-step`)).json.error.code,
      'soft_cap_reached',
    );
    await c.post(`/v1/goals/${internet.id}/acknowledge-soft-cap`);
    const over = await c.post(`/v1/coordination/goals/${internet.id}/approve-step`);
    assert.equal(over.status, 402);
    assert.equal(over.json.error.code, 'budget_exceeded');
    await c.post(`/v1/goals/${internet.id}/approve-budget`);
    assert.equal(
      (await c.post(`/v1/coordination/goals/${internet.id}/approve-step`)).json.goal.waiting_for,
      'outcome_acceptance',
    );
    const budget = (await c.get(`/v1/coordination/goals/${internet.id}/budget`)).json;
    assert.equal(budget.credits_used, 10);
    assert.equal(budget.credits_remaining, 0);
  });

  it('continue negotiating, escalate, cascade-cancel, archive and batch-archive', async () => {
    const refund = await byTitle('Get a refund for the cancelled flight');
    const more = await c.post(`/v1/coordination/goals/${refund.id}/continue-negotiating`);
    assert.equal(more.json.goal.waiting_for, 'step_approval');
    const escalated = await c.post(`/v1/coordination/goals/${refund.id}/escalate`);
    assert.equal(escalated.json.goal.escalated, true);

    const offsite = await byTitle('Plan the team offsite in Lisbon');
    const cascade = await c.post(`/v1/coordination/goals/${offsite.id}/cascade-cancel`);
    assert.equal(cascade.json.cancelled_count, 3);
    assert.equal(
      (await c.post(`/v1/coordination/goals/${offsite.id}/cancel`)).json.error.code,
      'goal_already_cancelled',
    );
    const tree = (await c.get(`/v1/coordination/goals/${offsite.id}/tree`)).json;
    assert.ok(tree.sub_goals.every((s: { goal: Goal }) => s.goal.status === 'cancelled'));

    const missing = await c.post('/v1/coordination/goals/nope/archive');
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'goal_not_found');
    const done = await goals('?status=completed');
    const batch = await c.post('/v1/coordination/goals/batch-archive', {
      goal_ids: [...done.map((g) => g.id), 'nope'],
    });
    assert.deepEqual(batch.json.not_found, ['nope']);
    assert.equal((await goals('?status=completed')).length, 0);
  });

  it('mark-read drops the unread count in notifications/pending; approving a draft sends it', async () => {
    const before = (await c.get('/v1/notifications/pending')).json;
    const unread = (await c.get('/v1/messages/inbox?unread=true')).json.messages;
    assert.equal(before.inbox.count, unread.length);
    assert.ok(unread.length >= 2);
    const channels = new Set(
      (await c.get('/v1/messages/inbox')).json.messages.map((m: { channel: string }) => m.channel),
    );
    assert.deepEqual([...channels].sort(), ['call', 'chat', 'email', 'sms']);
    const marked = await c.post('/v1/messages/mark-read', { message_ids: [unread[0].id, unread[1].id] });
    assert.equal(marked.json.marked, 2);
    const after1 = (await c.get('/v1/notifications/pending')).json;
    assert.equal(after1.inbox.count, before.inbox.count - 2);

    const thread = unread.find((m: { subject: string }) => m.subject.includes('Table for 4'));
    const conv = (await c.get(`/v1/messages/conversation/${thread.conversation_id}`)).json;
    assert.equal(conv.messages.length, 3);

    const drafts = (await c.get('/v1/actions/email/outbox')).json.emails.filter(
      (e: { status: string }) => e.status === 'pending_approval',
    );
    assert.equal(drafts.length, 2);
    assert.equal(after1.actions.count, 2);
    const credits = (await c.get('/v1/credits/balance')).json.credits_remaining;
    assert.equal((await c.post(`/v1/actions/email/${drafts[0].id}/approve`)).json.status, 'sent');
    assert.equal((await c.post(`/v1/actions/email/${drafts[0].id}/approve`)).json.error.code, 'email_not_pending');
    assert.equal((await c.post(`/v1/actions/email/${drafts[1].id}/cancel`)).json.status, 'cancelled');
    assert.equal((await c.get('/v1/credits/balance')).json.credits_remaining, Math.round((credits - 0.3) * 100) / 100);
    const after2 = (await c.get('/v1/notifications/pending')).json;
    assert.equal(after2.actions.count, 0);
    assert.equal(after2.total_pending, after2.actions.count + after2.goals.count + after2.inbox.count);
  });

  it('undo: undoable actions once, others 409 action_not_undoable', async () => {
    const actions = (await c.get('/v1/actions/log')).json.actions as { id: string; undoable: boolean }[];
    const undoable = actions.find((a) => a.undoable) as { id: string };
    const fixed = actions.find((a) => !a.undoable) as { id: string };
    assert.equal((await c.post(`/v1/actions/${undoable.id}/undo`)).json.status, 'undone');
    assert.equal((await c.post(`/v1/actions/${undoable.id}/undo`)).json.error.code, 'action_not_undoable');
    assert.equal((await c.post(`/v1/actions/${fixed.id}/undo`)).status, 409);
  });
});
