/** Goal records: construction, public view and tree. */
import { iso } from '../clock';
import type { GoalRecord, GoalStep, SandboxState, WaitingFor } from '../state';

export interface GoalInit {
  id: string;
  title: string;
  description?: string;
  status?: GoalRecord['status'];
  createdMs: number;
  steps: [string, GoalStep['status'], number?][];
  waitingFor?: WaitingFor;
  creditsUsed?: number;
  creditsEstimated: number;
  parentId?: string | null;
  outcome?: string | null;
  conversationId?: string | null;
  softCap?: number;
  hardCap?: number;
  budgetApproved?: boolean;
}

export function makeGoal(g: GoalInit): GoalRecord {
  const created = iso(g.createdMs);
  return {
    id: g.id,
    title: g.title,
    status: g.status ?? 'active',
    description: g.description ?? g.title,
    created_at: created,
    updated_at: created,
    credits_used: g.creditsUsed ?? 0,
    credits_estimated: g.creditsEstimated,
    parent_goal_id: g.parentId ?? null,
    sub_goal_count: 0,
    steps: g.steps.map(([description, status, credits], i) => ({
      step: i + 1,
      description,
      status,
      credits: credits ?? 1,
    })),
    waiting_for: g.waitingFor ?? null,
    outcome: g.outcome ?? null,
    conversation_id: g.conversationId ?? null,
    escalated: false,
    budget: {
      approved: g.budgetApproved ?? true,
      soft_cap: g.softCap ?? Math.max(1, Math.round(g.creditsEstimated * 0.8 * 10) / 10),
      hard_cap: g.hardCap ?? Math.round(g.creditsEstimated * 1.5 * 10) / 10,
      soft_cap_acknowledged: false,
    },
    cost_items: [],
  };
}

/** Recount sub_goal_count of every goal. */
export function recountSubGoals(state: SandboxState): void {
  const counts = new Map<string, number>();
  for (const g of state.goals)
    if (g.parent_goal_id) counts.set(g.parent_goal_id, (counts.get(g.parent_goal_id) ?? 0) + 1);
  for (const g of state.goals) g.sub_goal_count = counts.get(g.id) ?? 0;
}

/** The goal as the API shows it (REF-B fields plus the sandbox extras waiting_for, outcome, budget). */
export function goalView(g: GoalRecord): Record<string, unknown> {
  const { cost_items: _costItems, ...rest } = g;
  return {
    ...rest,
    current_step: g.steps.find((s) => s.status === 'pending' || s.status === 'in_progress')?.step ?? null,
  };
}

export function goalTree(state: SandboxState, g: GoalRecord): { goal: Record<string, unknown>; sub_goals: unknown[] } {
  return {
    goal: goalView(g),
    sub_goals: state.goals.filter((c) => c.parent_goal_id === g.id).map((c) => goalTree(state, c)),
  };
}
