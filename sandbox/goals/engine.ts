/** Goal transitions: approve a step, soft cap, budget, outcome, escalate, cancel, archive. */
import { iso } from '../clock';
import type { Sandbox } from '../context';
import { requireCredits, spend } from '../credits';
import { fail } from '../http';
import { credits, newId } from '../ids';
import type { GoalRecord, WaitingFor } from '../state';
import { goalView } from './model';

export function findGoal(sb: Sandbox, id: string): GoalRecord {
  const goal = sb.state.goals.find((g) => g.id === id);
  if (!goal) fail(404, 'goal_not_found', `No goal with id ${id}.`);
  return goal;
}

export function ensureOpen(goal: GoalRecord): void {
  if (goal.status === 'completed')
    fail(409, 'goal_already_completed', `The goal "${goal.title}" is already completed.`);
  if (goal.status === 'cancelled')
    fail(409, 'goal_already_cancelled', `The goal "${goal.title}" is already cancelled.`);
  if (goal.status === 'archived') fail(409, 'goal_archived', `The goal "${goal.title}" is archived.`);
}

function touch(sb: Sandbox, goal: GoalRecord): void {
  goal.updated_at = iso();
  sb.changed();
}

function nextStep(goal: GoalRecord) {
  return goal.steps.find((s) => s.status === 'pending' || s.status === 'in_progress');
}

function softCapHit(goal: GoalRecord): boolean {
  return goal.credits_used >= goal.budget.soft_cap && !goal.budget.soft_cap_acknowledged;
}

/** What the goal waits for once nothing blocks it. */
function settle(goal: GoalRecord): WaitingFor {
  if (!goal.budget.approved) return 'budget_approval';
  if (softCapHit(goal)) return 'soft_cap';
  const next = nextStep(goal);
  if (next && !(next.status === 'in_progress' && (next.credits ?? 0) === 0)) return 'step_approval';
  if (!goal.outcome)
    goal.outcome = `Done: ${goal.title}. Every step finished within ${credits(goal.credits_used)} credits.`;
  return 'outcome_acceptance';
}

export function result(goal: GoalRecord, message: string) {
  return {
    success: true,
    message,
    goal_id: goal.id,
    status: goal.status,
    waiting_for: goal.waiting_for,
    goal: goalView(goal),
  };
}

export function approveStep(sb: Sandbox, goal: GoalRecord) {
  ensureOpen(goal);
  if (!goal.budget.approved || goal.waiting_for === 'budget_approval') {
    fail(
      402,
      'budget_approval_required',
      `Approve the budget of about ${goal.credits_estimated} credits for "${goal.title}" first.`,
      { details: { goal_id: goal.id, credits_estimated: goal.credits_estimated } },
    );
  }
  if (goal.waiting_for === 'soft_cap' || softCapHit(goal)) {
    goal.waiting_for = 'soft_cap';
    fail(
      402,
      'soft_cap_reached',
      `"${goal.title}" reached its soft cap of ${goal.budget.soft_cap} credits. Acknowledge it to continue.`,
      { details: { goal_id: goal.id, soft_cap: goal.budget.soft_cap, credits_used: goal.credits_used } },
    );
  }
  if (goal.waiting_for === 'outcome_acceptance')
    fail(409, 'no_step_waiting', 'This goal waits for you to accept its outcome or continue negotiating.');
  const step = nextStep(goal);
  if (!step) fail(409, 'no_step_waiting', 'This goal has no step waiting for approval.');
  const cost = step.credits ?? 0;
  if (credits(goal.credits_used + cost) > goal.budget.hard_cap) {
    fail(
      402,
      'budget_exceeded',
      `The next step would take "${goal.title}" over its budget of ${goal.budget.hard_cap} credits. Approve more budget or cancel the goal.`,
      {
        details: {
          goal_id: goal.id,
          hard_cap: goal.budget.hard_cap,
          credits_used: goal.credits_used,
          step_credits: cost,
        },
      },
    );
  }
  requireCredits(sb, cost);
  step.status = 'completed';
  goal.credits_used = credits(goal.credits_used + cost);
  goal.cost_items.push({ action: step.description, credits: cost, timestamp: iso() });
  spend(sb, cost, 'goal_step', `${goal.title}: ${step.description}`, goal.id);
  if (goal.status === 'pending') goal.status = 'active';
  goal.waiting_for = settle(goal);
  touch(sb, goal);
  return result(goal, `Step ${step.step} done: ${step.description}.`);
}

export function approveBudget(sb: Sandbox, goal: GoalRecord) {
  ensureOpen(goal);
  goal.budget.approved = true;
  const remaining = goal.steps
    .filter((s) => s.status === 'pending' || s.status === 'in_progress')
    .reduce((sum, s) => sum + (s.credits ?? 0), 0);
  goal.budget.hard_cap = Math.max(
    goal.budget.hard_cap,
    credits(goal.credits_used + remaining),
    credits(goal.credits_estimated * 1.5),
  );
  if (goal.status === 'pending') goal.status = 'active';
  goal.waiting_for = settle(goal);
  touch(sb, goal);
  return result(goal, `Budget of ${goal.credits_estimated} credits approved for "${goal.title}".`);
}

export function acknowledgeSoftCap(sb: Sandbox, goal: GoalRecord) {
  ensureOpen(goal);
  goal.budget.soft_cap_acknowledged = true;
  goal.waiting_for = settle(goal);
  touch(sb, goal);
  return result(goal, `Soft cap acknowledged; "${goal.title}" can continue up to ${goal.budget.hard_cap} credits.`);
}

export function acceptOutcome(sb: Sandbox, goal: GoalRecord) {
  ensureOpen(goal);
  if (goal.waiting_for !== 'outcome_acceptance')
    fail(409, 'no_outcome_pending', 'This goal has no outcome waiting for acceptance.');
  goal.status = 'completed';
  goal.waiting_for = null;
  for (const s of goal.steps) if (s.status === 'in_progress' || s.status === 'pending') s.status = 'completed';
  touch(sb, goal);
  return { ...result(goal, `Outcome accepted: ${goal.outcome}`), goal_completed: true };
}

export function continueNegotiating(sb: Sandbox, goal: GoalRecord) {
  ensureOpen(goal);
  if (goal.waiting_for !== 'outcome_acceptance')
    fail(409, 'no_outcome_pending', 'There is no outcome to negotiate further.');
  for (const s of goal.steps) if (s.status === 'in_progress') s.status = 'completed';
  goal.steps.push({
    step: goal.steps.length + 1,
    description: 'Negotiate further and ask for a better offer',
    status: 'pending',
    credits: 1.5,
  });
  goal.credits_estimated = credits(goal.credits_estimated + 1.5);
  goal.budget.hard_cap = Math.max(goal.budget.hard_cap, credits(goal.credits_used + 1.5));
  goal.outcome = null;
  goal.waiting_for = settle(goal);
  touch(sb, goal);
  return result(goal, 'KallyAI will keep negotiating. Approve the next step when ready.');
}

export function escalate(sb: Sandbox, goal: GoalRecord) {
  ensureOpen(goal);
  goal.escalated = true;
  goal.status = 'pending';
  goal.waiting_for = null;
  sb.state.inbox.unshift({
    id: newId(),
    from: 'KallyAI',
    subject: `Needs you: ${goal.title}`,
    channel: 'chat',
    preview: `I escalated "${goal.title}" to you. Reply here with how you want to proceed.`,
    body: `I escalated "${goal.title}" to you. Reply here with how you want to proceed.`,
    unread: true,
    received_at: iso(),
    conversation_id: goal.conversation_id ?? newId(),
  });
  touch(sb, goal);
  return result(goal, `"${goal.title}" is escalated to you.`);
}

export function cancelGoal(sb: Sandbox, goal: GoalRecord) {
  ensureOpen(goal);
  goal.status = 'cancelled';
  goal.waiting_for = null;
  for (const s of goal.steps) if (s.status === 'pending' || s.status === 'in_progress') s.status = 'skipped';
  touch(sb, goal);
  return result(goal, `"${goal.title}" is cancelled.`);
}

export function cascadeCancel(sb: Sandbox, goal: GoalRecord) {
  ensureOpen(goal);
  const ids: string[] = [];
  const visit = (g: GoalRecord) => {
    if (g.status !== 'completed' && g.status !== 'cancelled' && g.status !== 'archived') {
      cancelGoal(sb, g);
      ids.push(g.id);
    }
    for (const child of sb.state.goals.filter((c) => c.parent_goal_id === g.id)) visit(child);
  };
  visit(goal);
  return {
    ...result(goal, `Cancelled "${goal.title}" and ${ids.length - 1} sub-goal(s).`),
    cancelled_goal_ids: ids,
    cancelled_count: ids.length,
  };
}

export function archiveGoal(sb: Sandbox, goal: GoalRecord) {
  if (goal.status !== 'archived') {
    goal.status = 'archived';
    goal.waiting_for = null;
    touch(sb, goal);
  }
  return result(goal, `"${goal.title}" is archived.`);
}
