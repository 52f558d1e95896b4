/** §5.12 Credits: balance, history, costs (public), breakdown, plans (public; their names are
 *  payloads while the run is hostile, hostileText.ts — their ids, which a plan change sends back, are not). */
import { COSTS } from '../credits';
import { intQuery, ok } from '../http';
import { credits } from '../ids';
import type { Router } from '../router';
import { wording } from '../hostileText';

export const PLANS = {
  starter: {
    name: 'Starter',
    credits_allocated: 200,
    price_monthly: 19,
    price_annual_monthly: 15,
    overage_rate: '0.15',
  },
  pro: { name: 'Pro', credits_allocated: 600, price_monthly: 49, price_annual_monthly: 39, overage_rate: '0.10' },
  power: { name: 'Power', credits_allocated: 1500, price_monthly: 99, price_annual_monthly: 79, overage_rate: '0.08' },
  business: {
    name: 'Business',
    credits_allocated: 4500,
    price_monthly: 249,
    price_annual_monthly: 239,
    overage_rate: '0.05',
  },
} as const;

export function registerCredits(router: Router): void {
  router.get('/v1/credits/balance', (ctx) => {
    const c = ctx.sb.state.credits;
    return ok({
      credits_remaining: c.remaining,
      credits_used: credits(Math.max(0, c.allocated - c.remaining)),
      credits_allocated: c.allocated,
      plan_type: c.plan_type,
      period_start: c.period_start,
      period_end: c.period_end,
    });
  });
  router.get('/v1/credits/history', (ctx) => {
    const limit = intQuery(ctx, 'limit', 50, 1, 500);
    return ok({ entries: ctx.sb.state.creditHistory.slice(0, limit), total: ctx.sb.state.creditHistory.length });
  });
  router.get('/v1/credits/costs', () => ok({ costs: COSTS }), { public: true });
  router.get('/v1/credits/breakdown', (ctx) => {
    const byType = new Map<string, { credits_total: number; transaction_count: number }>();
    for (const e of ctx.sb.state.creditHistory) {
      if (e.credits >= 0) continue;
      const row = byType.get(e.type) ?? { credits_total: 0, transaction_count: 0 };
      row.credits_total = credits(row.credits_total - e.credits);
      row.transaction_count += 1;
      byType.set(e.type, row);
    }
    const items = [...byType.entries()]
      .map(([action_type, r]) => ({ action_type, ...r }))
      .sort((a, b) => b.credits_total - a.credits_total);
    const c = ctx.sb.state.credits;
    return ok({
      items,
      total_spent: credits(items.reduce((s, i) => s + i.credits_total, 0)),
      period_start: c.period_start,
      period_end: c.period_end,
    });
  });
  router.get(
    '/v1/credits/plans',
    (ctx) =>
      ok({
        plans: Object.fromEntries(
          Object.entries(PLANS).map(([k, p], i) => [
            k,
            {
              name: wording(ctx.sb, 120 + i, p.name),
              credits_allocated: p.credits_allocated,
              price_monthly: p.price_monthly,
              overage_rate: p.overage_rate,
            },
          ]),
        ),
      }),
    { public: true },
  );
}
