import type { Goal } from '../api/schemas/coordination';
import { codeLabel, oneLine, t } from '../format';

/** How the extension reads a goal: which group it sits in, what waits on the user, and the
 *  space-separated context tokens that package.json's `viewItem =~ /…/` menus match. */

export type GoalGroup = 'needsYou' | 'active' | 'pending' | 'completed' | 'cancelled' | 'archived' | 'other';
export const GOAL_GROUPS: readonly GoalGroup[] = [
  'needsYou',
  'active',
  'pending',
  'completed',
  'cancelled',
  'archived',
  'other',
];

export type WaitingFor = 'step_approval' | 'budget_approval' | 'soft_cap' | 'outcome_acceptance';

const OPEN_STATUSES = new Set(['active', 'pending', 'in_progress', 'needs_input', 'waiting', 'paused']);
const FINISHED_STATUSES = new Set(['completed', 'cancelled', 'failed']);

export function goalStatus(goal: Goal): string {
  return (goal.status ?? '').toLowerCase();
}

/** What the goal waits for from the user, if anything. */
export function waitingFor(goal: Goal): WaitingFor | 'input' | undefined {
  const w = (goal.waiting_for ?? '').toLowerCase();
  if (w === 'step_approval' || w === 'budget_approval' || w === 'soft_cap' || w === 'outcome_acceptance') return w;
  if (w) return 'input';
  if (goalStatus(goal) === 'needs_input') return 'input';
  return undefined;
}

export function isOpen(goal: Goal): boolean {
  return OPEN_STATUSES.has(goalStatus(goal));
}

/** KallyAI handed the goal to the person (Escalate to Me): it waits for them, not for KallyAI. */
export function isEscalated(goal: Goal): boolean {
  return goal.escalated === true || goalStatus(goal) === 'escalated';
}

/** Escalate to Me is offered: the goal is open and not handed over yet. */
export const canEscalate = (goal: Goal) => isOpen(goal) && !isEscalated(goal);

export function goalGroup(goal: Goal): GoalGroup {
  const status = goalStatus(goal);
  if (status === 'archived') return 'archived';
  if (waitingFor(goal) && !FINISHED_STATUSES.has(status)) return 'needsYou';
  if (status === 'active' || status === 'in_progress') return 'active';
  if (status === 'pending' || status === 'needs_input' || status === 'waiting' || status === 'paused') return 'pending';
  if (status === 'completed') return 'completed';
  if (status === 'cancelled' || status === 'failed') return 'cancelled';
  return 'other';
}

export function subGoalCount(goal: Goal): number {
  return typeof goal.sub_goal_count === 'number' && goal.sub_goal_count > 0 ? goal.sub_goal_count : 0;
}

/** e.g. "goal open waitingStep hasSubgoals". Tokens never contain one another's names by accident
 *  (the menus use unanchored regexes such as /open/ and /goal\b/). */
export function goalContextValue(goal: Goal): string {
  const tokens = ['goal'];
  const status = goalStatus(goal);
  const open = isOpen(goal);
  if (open) tokens.push('open');
  if (canEscalate(goal)) tokens.push('escalatable');
  const w = waitingFor(goal);
  if (open || w) {
    if (w === 'step_approval') tokens.push('waitingStep');
    if (w === 'outcome_acceptance') tokens.push('outcome');
    if (w === 'budget_approval') tokens.push('budgetApproval');
    if (w === 'soft_cap') tokens.push('softCap');
  }
  if (open && subGoalCount(goal) > 0) tokens.push('hasSubgoals');
  if (status === 'completed' || status === 'cancelled' || status === 'failed') tokens.push('archivable');
  return tokens.join(' ');
}

/** Budget figures of a goal: estimated, used and what is left. */
export function goalBudget(goal: Goal): { estimated?: number; used?: number; remaining?: number } {
  const estimated = goal.credits_estimated ?? undefined;
  const used = goal.credits_used ?? undefined;
  const remaining = estimated !== undefined && used !== undefined ? Math.max(0, estimated - used) : undefined;
  return { estimated, used, remaining };
}

const finiteNumber = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

/** A goal's spending caps, when the service sends them (`budget: {soft_cap, hard_cap}`, or the same
 *  names on the goal itself): past the soft cap it asks, past the hard cap it stops. */
export function goalCaps(goal: Goal): { soft?: number; hard?: number } {
  const g = goal as Record<string, unknown>;
  const budget = (g.budget && typeof g.budget === 'object' ? g.budget : {}) as Record<string, unknown>;
  return { soft: finiteNumber(budget.soft_cap ?? g.soft_cap), hard: finiteNumber(budget.hard_cap ?? g.hard_cap) };
}

/** The credits the steps not yet done still need, by their own estimates (undefined when no step says). */
export function creditsStillNeeded(goal: Goal): number | undefined {
  const open = (goal.steps ?? []).filter(
    (s) => !['completed', 'done', 'skipped', 'cancelled', 'failed'].includes((s.status ?? '').toLowerCase()),
  );
  const figures = open
    .map((s) => finiteNumber((s as Record<string, unknown>).credits))
    .filter((n): n is number => n !== undefined);
  return figures.length ? Math.round(figures.reduce((a, n) => a + n, 0) * 100) / 100 : undefined;
}

/** The hard cap and what is left under it, when the goal has one. */
export function hardCapRoom(goal: Goal): { cap: number; left: number } | undefined {
  const cap = goalCaps(goal).hard;
  if (cap === undefined) return undefined;
  return { cap, left: Math.max(0, Math.round((cap - (goal.credits_used ?? 0)) * 100) / 100) };
}

/** The next step needs more than is left under the hard cap: the service refuses it (budget_exceeded)
 *  until more budget is approved. */
export function nextStepPassesCap(goal: Goal): boolean {
  const room = hardCapRoom(goal);
  const step = waitingStep(goal)?.credits;
  return room !== undefined && step !== undefined && step > room.left;
}

/** A goal that can take more budget: open, and waiting for its budget to be approved, or stopped
 *  (or about to be) by its hard cap — or one whose cap the service does not say, which may be. */
export function canTakeMoreBudget(goal: Goal): boolean {
  if (!isOpen(goal)) return false;
  if (waitingFor(goal) === 'budget_approval') return true;
  const room = hardCapRoom(goal);
  return room === undefined || room.left <= 0 || nextStepPassesCap(goal);
}

/** Top-level goals: those without a parent in the list. Sub-goals show under their parent (from
 *  the goal tree); a sub-goal that waits on the user also shows in "Needs you". */
export function groupGoals(goals: readonly Goal[]): Map<GoalGroup, Goal[]> {
  const ids = new Set(goals.map((g) => g.id).filter(Boolean));
  const groups = new Map<GoalGroup, Goal[]>(GOAL_GROUPS.map((g) => [g, []]));
  for (const goal of goals) {
    const group = goalGroup(goal);
    const hasParentHere = !!goal.parent_goal_id && ids.has(goal.parent_goal_id);
    if (hasParentHere && group !== 'needsYou') continue;
    groups.get(group)!.push(goal);
  }
  const newest = (a: Goal, b: Goal) =>
    (b.updated_at ?? b.created_at ?? '').localeCompare(a.updated_at ?? a.created_at ?? '');
  for (const list of groups.values()) list.sort(newest);
  return groups;
}

/** What a goal waits for, else its status, in words ("Approve the next step", "Active"). */
export function goalStateLabel(goal: Goal): string {
  const w = waitingFor(goal);
  if (w) return codeLabel('waitingFor', w);
  if (isEscalated(goal) && isOpen(goal)) return t('Handed to you');
  return codeLabel('goalStatus', goal.status) || t('Unknown');
}

/** A goal's name for people (never its id). */
export function goalTitle(goal: Goal): string {
  return goal.title?.trim() || goal.description?.trim() || t('Untitled goal');
}

export type GoalStep = NonNullable<Goal['steps']>[number];

/** The step awaiting approval: one marked so, else the first that is not done. */
export function currentStepIndex(goal: Goal): number {
  const steps = goal.steps ?? [];
  const marked = steps.findIndex((s) => /approv|waiting/.test((s.status ?? '').toLowerCase()));
  if (marked >= 0) return marked;
  return steps.findIndex((s) => !['completed', 'done', 'skipped'].includes((s.status ?? '').toLowerCase()));
}

/** The step the goal waits on, with its own credit estimate when the server gives one. */
export function waitingStep(goal: Goal): { index: number; description?: string; credits?: number } | undefined {
  const index = currentStepIndex(goal);
  const step = index >= 0 ? goal.steps?.[index] : undefined;
  if (!step) return undefined;
  const credits = Number((step as Record<string, unknown>).credits);
  return { index, description: step.description ?? undefined, credits: Number.isFinite(credits) ? credits : undefined };
}

// ---------- an outcome with several offers ----------

const ARTICLE = /^(?:a|an|the|one|un|una|el|la)$/i;

function itemText(v: unknown): string {
  if (typeof v === 'string') return oneLine(v, 300);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const text = [o.description, o.label, o.text, o.title, o.summary].find((x) => typeof x === 'string' && x.trim());
    return typeof text === 'string' ? oneLine(text, 300) : '';
  }
  return '';
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The offers an outcome leaves to choose from: a list the server sends (`options`, `alternatives`,
 *  `choices`, `offers`), or a sentence that names them joined by "or" ("a $320 refund to your card
 *  within 7 days, or a $400 travel voucher valid for a year"). Fewer than two: none to choose. */
export function outcomeAlternatives(outcome: unknown): string[] {
  let value = outcome;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const list = [o.options, o.alternatives, o.choices, o.offers].find(Array.isArray) as unknown[] | undefined;
    if (list) {
      const items = list.map(itemText).filter(Boolean).slice(0, 10);
      return items.length >= 2 ? items.map(capital) : [];
    }
    value = [o.summary, o.text, o.description].find((x) => typeof x === 'string');
  }
  if (Array.isArray(value)) {
    const items = value.map(itemText).filter(Boolean).slice(0, 10);
    return items.length >= 2 ? items.map(capital) : [];
  }
  if (typeof value !== 'string') return [];
  let sentence = oneLine(value, 1000);
  while (/[.;!]$/.test(sentence)) sentence = sentence.slice(0, -1);
  const parts = sentence.split(/,? (?:or|o) /i).map((p) => p.trim());
  if (parts.length < 2 || parts.length > 5) return [];
  // The words before the first offer ("The airline offered") are not part of it: the first offer
  // starts where its article does, like the next one's ("a $400 …").
  const lead = parts[1].split(' ')[0];
  const first = parts[0].split(' ');
  const start =
    ARTICLE.test(lead) || /^[$€£\d]/.test(lead)
      ? first.findIndex(
          (w, i) => i > 0 && (ARTICLE.test(lead) ? w.toLowerCase() === lead.toLowerCase() : /^[$€£\d]/.test(w)),
        )
      : -1;
  parts[0] = (start > 0 ? first.slice(start) : first).join(' ').replace(/^either /i, '');
  if (parts.some((p) => p.split(' ').length < 2)) return [];
  return parts.map(capital);
}

/** The message that tells KallyAI which offer the person accepts. The contract's accept-outcome
 *  takes no body: the choice goes to POST /v1/coordination/message in the goal's conversation,
 *  in English for the AI (as a message typed to Ask), before the outcome is accepted. The sandbox
 *  reads its "Goal id:" and "Chosen offer:" lines. */
export function outcomeChoiceMessage(goal: Goal, choice: string): string {
  return [
    'I accept one of the offers for my goal. Complete the goal with this offer and decline the others.',
    `Goal id: ${goal.id ?? ''}`,
    `Goal: ${oneLine(goalTitle(goal), 200)}`,
    `Chosen offer: ${oneLine(choice, 300)}`,
  ].join('\n');
}
