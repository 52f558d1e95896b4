/** §5.11 Budget (under /v1/goals/…): estimate, approve budget, cost breakdown, acknowledge soft cap
 *  (their messages are payloads while the run is hostile, hostileText.ts). */
import { COSTS } from '../credits';
import * as engine from '../goals/engine';
import { bodyObject, fail, ok, str } from '../http';
import { credits } from '../ids';
import type { Router } from '../router';
import { hostileMessage } from '../hostileText';

/** Each type's estimate, made from the price list (sandbox/credits.ts): the price of the action of
 *  that type, a call as its base and three minutes. */
const ESTIMATES: Record<string, Record<string, number>> = {
  call: { call_base: COSTS.call.base, call_minutes: credits(COSTS.call.per_minute * 3) },
  email: { email_send: COSTS.email_send.per_email },
  search: { search: COSTS.search.per_query },
  booking: { booking: COSTS.booking.per_booking },
  ride: { ride: COSTS.ride.per_request },
  food: { food: COSTS.food.per_order },
  errand: { errand: COSTS.errand.per_errand },
};

export function registerBudget(router: Router): void {
  router.post('/v1/goals/estimate', (ctx) => {
    const b = bodyObject(ctx);
    const type = str(b.type) ?? 'call';
    if (!ESTIMATES[type])
      fail(422, 'validation_error', `type must be one of ${Object.keys(ESTIMATES).join(', ')}.`, {
        details: { field: 'type' },
      });
    const description = str(b.description) ?? '';
    const breakdown = { ...ESTIMATES[type] };
    if (/\b(three|3|several|quotes|compare)\b/i.test(description) && breakdown.call_base) {
      breakdown.call_base = credits(COSTS.call.base * 3);
      breakdown.call_minutes = credits(COSTS.call.per_minute * 9);
    }
    const estimated = credits(Object.values(breakdown).reduce((a, n) => a + n, 0));
    return ok({
      estimated_credits: estimated,
      breakdown,
      confidence: description.length > 20 ? 'high' : 'medium',
      type,
    });
  });
  router.post('/v1/goals/{goal_id}/approve-budget', (ctx) =>
    ok(hostileMessage(ctx.sb, 142, engine.approveBudget(ctx.sb, engine.findGoal(ctx.sb, ctx.params.goal_id)))),
  );
  router.get('/v1/goals/{goal_id}/cost-breakdown', (ctx) => {
    const g = engine.findGoal(ctx.sb, ctx.params.goal_id);
    return ok({ goal_id: g.id, total_credits: g.credits_used, items: g.cost_items });
  });
  router.post('/v1/goals/{goal_id}/acknowledge-soft-cap', (ctx) =>
    ok(hostileMessage(ctx.sb, 143, engine.acknowledgeSoftCap(ctx.sb, engine.findGoal(ctx.sb, ctx.params.goal_id)))),
  );
}
