/** §5.1 Coordination: message → goal, conversations, history, goals and their actions, goal budget.
 *  While the run is hostile (hostileText.ts) KallyAI's replies, their suggestions, the steps it plans
 *  and the messages of goal actions are payloads (the reply also carries a link to a script). */
import { iso } from '../clock';
import type { Sandbox } from '../context';
import * as engine from '../goals/engine';
import { goalTree, goalView, makeGoal, recountSubGoals } from '../goals/model';
import { BUDGET_APPROVAL_ABOVE, intentOf, planSteps, titleFrom } from '../goals/planner';
import { type Ctx, bodyObject, fail, intQuery, ok, str } from '../http';
import { credits, newId } from '../ids';
import type { Router } from '../router';
import type { Conversation, GoalRecord } from '../state';
import { COSTS, spend } from '../credits';
import { HOSTILE_URLS, hostileMessage, hostileOf, pick } from '../hostileText';
import { type RevisionRequest, revise, revisionRequestOf } from './emailRevision';
import { chooseOffer, outcomeChoiceOf } from './outcomeChoice';

function findConversation(sb: Sandbox, id: string): Conversation {
  const c = sb.state.conversations.find((x) => x.id === id);
  if (!c) fail(404, 'conversation_not_found', `No conversation with id ${id}.`);
  return c;
}

function newConversation(sb: Sandbox, title: string): Conversation {
  const c: Conversation = { id: newId(), title, created_at: iso(), messages: [] };
  sb.state.conversations.unshift(c);
  return c;
}

function message(ctx: Ctx) {
  const { sb } = ctx;
  const b = bodyObject(ctx);
  const text = str(b.message);
  if (!text) fail(422, 'validation_error', 'message is required.', { details: { field: 'message' } });
  const conversationId = str(b.conversation_id);
  const conversation = conversationId
    ? findConversation(sb, conversationId)
    : newConversation(sb, titleFrom(text as string));
  if (conversation.messages.length === 0 && conversation.title === 'New conversation')
    conversation.title = titleFrom(text as string);
  conversation.messages.push({ id: newId(), role: 'user', content: text as string, created_at: iso() });

  const revision = revisionRequestOf(text as string);
  if (revision) return reviseReply(sb, conversation, revision);
  const choice = outcomeChoiceOf(text as string);
  if (choice) return choiceReply(sb, conversation, chooseOffer(sb, choice), choice.goalId);

  const intent = intentOf(text as string);
  let reply: string;
  let goal: GoalRecord | undefined;
  let suggestions: string[];
  if (intent === 'greeting') {
    reply =
      'Hi! Tell me what you need: I can call businesses, book tables and appointments, send emails and track errands for you.';
    suggestions = ['Book a table for 2 tonight', 'Find a plumber for tomorrow', 'What is my credit balance?'];
  } else if (intent === 'balance') {
    const c = sb.state.credits;
    reply = `You have ${c.remaining} credits left of ${c.allocated} on the ${c.plan_type} plan.`;
    suggestions = ['Show my credit history', 'Upgrade my plan'];
  } else {
    const steps = hostileSteps(sb, planSteps(text as string));
    const estimate = credits(steps.reduce((sum, s) => sum + s[2], 0));
    const needsBudget = estimate > BUDGET_APPROVAL_ABOVE;
    goal = makeGoal({
      id: newId(),
      title: titleFrom(text as string),
      description: text as string,
      status: needsBudget ? 'pending' : 'active',
      createdMs: Date.now(),
      steps,
      waitingFor: needsBudget ? 'budget_approval' : 'step_approval',
      creditsEstimated: estimate,
      conversationId: conversation.id,
      budgetApproved: !needsBudget,
    });
    sb.state.goals.unshift(goal);
    reply = needsBudget
      ? `I can do that. It will cost about ${estimate} credits; approve the budget and I will start with: ${steps[0][0]}.`
      : `I can do that in ${steps.length} steps (about ${estimate} credits). First: ${steps[0][0]}. Approve the step to start.`;
    suggestions = needsBudget
      ? ['Approve the budget', 'Cancel the goal']
      : ['Approve the next step', 'Show the goal budget'];
  }
  const hostile = hostileOf(sb);
  if (hostile) {
    reply = `${pick(hostile, 130)} [${pick(hostile, 131)}](${HOSTILE_URLS[0]}) ${pick(hostile, 132)}`;
    suggestions = [pick(hostile, 133), pick(hostile, 134), pick(hostile, 135)];
  }
  const turn = {
    id: newId(),
    role: 'assistant' as const,
    content: reply,
    created_at: iso(),
    goal_id: goal?.id ?? null,
  };
  conversation.messages.push(turn);
  sb.changed();
  return ok({
    response: reply,
    message: reply,
    goal_id: goal?.id ?? null,
    conversation_id: conversation.id,
    actions_taken: goal ? ['goal_created'] : [],
    triggered_actions: [],
    intent: intent === 'task' ? 'create_goal' : intent,
    suggestions,
    credits_used: '0.0',
    message_id: turn.id,
    goal_completed: false,
    ...(goal ? { goal: goalView(goal) } : {}),
  });
}

/** "Revise my email draft…": the draft is rewritten in place and named in the answer. */
function reviseReply(sb: Sandbox, conversation: Conversation, request: RevisionRequest) {
  const draft = sb.state.outbox.find((e) => e.id === request.draftId);
  let reply: string;
  let revised = false;
  if (!draft) reply = 'I could not find that draft. It may have been discarded.';
  else if (draft.status !== 'pending_approval')
    reply = `That email is already ${draft.status === 'cancelled' ? 'discarded' : draft.status}, so I did not change it.`;
  else {
    const what = revise(sb, draft, request.instructions);
    spend(sb, COSTS.email_draft.per_draft, 'email', `Revised the email draft "${draft.subject}"`);
    reply = `I revised the draft "${draft.subject}": ${what}. Nothing is sent until you approve it.`;
    revised = true;
  }
  const hostile = hostileOf(sb);
  if (hostile) reply = pick(hostile, 136);
  const turn = { id: newId(), role: 'assistant' as const, content: reply, created_at: iso(), goal_id: null };
  conversation.messages.push(turn);
  sb.changed();
  return ok({
    response: reply,
    message: reply,
    goal_id: null,
    conversation_id: conversation.id,
    actions_taken: revised ? ['email_draft_revised'] : [],
    triggered_actions: [],
    intent: 'revise_email_draft',
    suggestions: [],
    credits_used: revised ? String(COSTS.email_draft.per_draft) : '0.0',
    message_id: turn.id,
    goal_completed: false,
    ...(revised && draft
      ? {
          draft_id: draft.id,
          draft: {
            id: draft.id,
            to: draft.to,
            cc: draft.cc ?? null,
            subject: draft.subject,
            body: draft.body,
            status: draft.status,
            revision: draft.revision,
          },
        }
      : {}),
  });
}

/** "I accept one of the offers…": KallyAI notes the offer chosen; no goal is started. */
function choiceReply(sb: Sandbox, conversation: Conversation, reply: string, goalId: string) {
  const turn = { id: newId(), role: 'assistant' as const, content: reply, created_at: iso(), goal_id: goalId };
  conversation.messages.push(turn);
  sb.changed();
  return ok({
    response: reply,
    message: reply,
    goal_id: goalId,
    conversation_id: conversation.id,
    actions_taken: ['outcome_offer_chosen'],
    triggered_actions: [],
    intent: 'choose_outcome',
    suggestions: [],
    credits_used: '0.0',
    message_id: turn.id,
    goal_completed: false,
  });
}

/** The planned steps, with payloads for their descriptions while the run is hostile. */
function hostileSteps(sb: Sandbox, steps: [string, GoalRecord['steps'][number]['status'], number][]) {
  const hostile = hostileOf(sb);
  return hostile
    ? steps.map(([, status, cost], i) => [pick(hostile, 137 + i), status, cost] as (typeof steps)[number])
    : steps;
}

function listGoals(ctx: Ctx) {
  const status = ctx.query.get('status');
  const limit = intQuery(ctx, 'limit', 50, 1, 200);
  const offset = intQuery(ctx, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const valid = ['active', 'pending', 'completed', 'cancelled', 'archived'];
  if (status && !valid.includes(status))
    fail(422, 'validation_error', `status must be one of ${valid.join(', ')}.`, { details: { field: 'status' } });
  const all = ctx.sb.state.goals.filter((g) => (status ? g.status === status : g.status !== 'archived'));
  return ok({ goals: all.slice(offset, offset + limit).map(goalView), total: all.length, limit, offset });
}

export function registerCoordination(router: Router): void {
  router.post('/v1/coordination/message', message);
  router.get('/v1/coordination/history', (ctx) => {
    const id = ctx.query.get('conversation_id');
    const limit = intQuery(ctx, 'limit', 50, 1, 500);
    const conversation = id ? findConversation(ctx.sb, id) : ctx.sb.state.conversations[0];
    const messages = conversation ? conversation.messages.slice(-limit) : [];
    return ok({ conversation_id: conversation?.id ?? null, messages, total: conversation?.messages.length ?? 0 });
  });
  router.get('/v1/coordination/conversations', (ctx) =>
    ok({
      conversations: ctx.sb.state.conversations.map((c) => ({
        id: c.id,
        title: c.title,
        created_at: c.created_at,
        message_count: c.messages.length,
      })),
    }),
  );
  router.post('/v1/coordination/conversations', (ctx) =>
    ok({ conversation_id: newConversation(ctx.sb, 'New conversation').id }),
  );
  router.get('/v1/coordination/goals', listGoals);
  router.post('/v1/coordination/goals/batch-archive', (ctx) => {
    const ids = bodyObject(ctx).goal_ids;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === 'string'))
      fail(422, 'validation_error', 'goal_ids must be a non-empty list of goal ids.', {
        details: { field: 'goal_ids' },
      });
    const archived: string[] = [];
    const notFound: string[] = [];
    for (const id of ids as string[]) {
      const goal = ctx.sb.state.goals.find((g) => g.id === id);
      if (!goal) notFound.push(id);
      else {
        engine.archiveGoal(ctx.sb, goal);
        archived.push(id);
      }
    }
    return ok({ success: notFound.length === 0, archived, archived_count: archived.length, not_found: notFound });
  });
  router.get('/v1/coordination/goals/{id}', (ctx) => ok(goalView(engine.findGoal(ctx.sb, ctx.params.id))));
  router.get('/v1/coordination/goals/{id}/tree', (ctx) =>
    ok(goalTree(ctx.sb.state, engine.findGoal(ctx.sb, ctx.params.id))),
  );
  router.get('/v1/coordination/goals/{id}/budget', (ctx) => {
    const g = engine.findGoal(ctx.sb, ctx.params.id);
    const breakdown = g.steps.map((s) => ({ action: s.description, credits: s.credits ?? 0, status: s.status }));
    return ok({
      goal_id: g.id,
      credits_estimated: g.credits_estimated,
      credits_used: g.credits_used,
      credits_remaining: credits(Math.max(0, g.credits_estimated - g.credits_used)),
      soft_cap: g.budget.soft_cap,
      hard_cap: g.budget.hard_cap,
      budget_approved: g.budget.approved,
      soft_cap_acknowledged: g.budget.soft_cap_acknowledged,
      breakdown,
    });
  });
  const action = (name: string, fn: (sb: Sandbox, g: GoalRecord) => unknown) =>
    router.post(`/v1/coordination/goals/{id}/${name}`, (ctx) => {
      const out = ok(hostileMessage(ctx.sb, 141, fn(ctx.sb, engine.findGoal(ctx.sb, ctx.params.id))));
      recountSubGoals(ctx.sb.state);
      return out;
    });
  action('cancel', engine.cancelGoal);
  action('cascade-cancel', engine.cascadeCancel);
  action('escalate', engine.escalate);
  action('approve-step', engine.approveStep);
  action('accept-outcome', engine.acceptOutcome);
  action('continue-negotiating', engine.continueNegotiating);
  action('archive', engine.archiveGoal);
}
