/** The plans a person can move to (GET /v1/credits/plans, an object keyed by plan) beside the one
 *  they are on (GET /v1/subscriptions/status), and what a change means: an upgrade takes effect
 *  now, a downgrade at the end of the period (contract §5.13). No `vscode`. */
import { PLANS } from '../api/schemas/subscription';
import { codeLabel } from '../format';

export interface PlanChoice {
  /** The plan id the API takes: starter, pro, power, business. */
  readonly key: string;
  readonly name: string;
  readonly credits?: number;
  /** US dollars a month. */
  readonly priceMonthly?: number;
  readonly overageRate?: number;
  readonly current: boolean;
  /** The plan a scheduled change moves to. */
  readonly pending: boolean;
}

/** What a change-plan consent and result need to know. */
export interface PlanChange {
  readonly plan: PlanChoice;
  readonly current?: PlanChoice;
  readonly kind: 'upgrade' | 'downgrade' | 'same';
  /** When a downgrade takes effect: the end of the current period. */
  readonly periodEnd?: string;
}

type PlanData = {
  name?: string | null;
  credits_allocated?: number | null;
  price_monthly?: number | null;
  overage_rate?: number | null;
};
type StatusData = {
  plan_type?: string | null;
  current_period_end?: string | null;
  pending_change?: { new_plan?: string | null; effective_date?: string | null } | null;
};

const rank = (key: string) => {
  const i = (PLANS as readonly string[]).indexOf(key);
  return i < 0 ? PLANS.length : i;
};

/** The plans, smallest first, marked current and pending. */
export function planChoices(plans: Record<string, PlanData> | null | undefined, status?: StatusData): PlanChoice[] {
  const current = status?.plan_type?.toLowerCase();
  const pending = status?.pending_change?.new_plan?.toLowerCase();
  return Object.entries(plans ?? {})
    .map(([key, p]): PlanChoice => ({
      key,
      name: p.name || codeLabel('plan', key),
      credits: p.credits_allocated ?? undefined,
      priceMonthly: p.price_monthly ?? undefined,
      overageRate: p.overage_rate ?? undefined,
      current: key.toLowerCase() === current,
      pending: key.toLowerCase() === pending,
    }))
    .sort((a, b) => (a.credits ?? Infinity) - (b.credits ?? Infinity) || rank(a.key) - rank(b.key));
}

/** Moving from one plan to another: more credits (or a later plan in the list) is an upgrade. */
export function planChange(plan: PlanChoice, choices: readonly PlanChoice[], status?: StatusData): PlanChange {
  const current = choices.find((c) => c.current);
  let kind: PlanChange['kind'] = 'upgrade';
  if (current) {
    if (current.key === plan.key) kind = 'same';
    else if (current.credits !== undefined && plan.credits !== undefined)
      kind = plan.credits > current.credits ? 'upgrade' : 'downgrade';
    else kind = rank(plan.key) > rank(current.key) ? 'upgrade' : 'downgrade';
  }
  return { plan, current, kind, periodEnd: status?.current_period_end ?? undefined };
}
