/** §5.13 Subscription and §5.17 users/me: status, change plan (with its documented errors), cancel a pending change. */
import { HOUR, iso } from '../clock';
import type { Sandbox } from '../context';
import { type Ctx, bodyObject, fail, ok, str } from '../http';
import { credits } from '../ids';
import type { Router } from '../router';
import { hostileMessage } from '../hostileText';
import { PLANS } from './credits';

const MAX_CHANGES_PER_HOUR = 3;

function changePlan(ctx: Ctx) {
  const { sb } = ctx;
  const sub = sb.state.subscription;
  const b = bodyObject(ctx);
  const target = str(b.target_plan) ?? str(b.new_plan);
  if (!target)
    fail(422, 'validation_error', 'target_plan (or new_plan) is required.', { details: { field: 'target_plan' } });
  const plan = PLANS[target as keyof typeof PLANS];
  if (!plan)
    fail(422, 'validation_error', `Unknown plan "${target}". Plans: ${Object.keys(PLANS).join(', ')}.`, {
      details: { field: 'target_plan' },
    });
  if (sub.status !== 'active') fail(400, 'no_active_subscription', 'You have no active subscription to change.');
  if (sub.plan_type === 'trial')
    fail(400, 'trial_requires_checkout', 'Trial users choose a plan through Stripe Checkout.');
  const now = Date.now();
  sub.change_times = sub.change_times.filter((t) => t > now - HOUR);
  if (sub.change_times.length >= MAX_CHANGES_PER_HOUR) {
    const retryAfter = Math.ceil((sub.change_times[0] + HOUR - now) / 1000);
    fail(429, 'rate_limited', 'You can change your plan at most 3 times per hour.', {
      headers: { 'retry-after': String(retryAfter) },
    });
  }
  if (sub.pending_change)
    fail(
      400,
      'pending_change_exists',
      `A change to ${sub.pending_change.new_plan} is already scheduled; cancel it first.`,
    );
  sub.change_times.push(now);
  const current = PLANS[sub.plan_type as keyof typeof PLANS];
  if (typeof b.annual === 'boolean') sub.annual = b.annual;
  let changeType: 'upgrade' | 'downgrade_scheduled' | 'refresh';
  let bonus = 0;
  if (target === sub.plan_type) {
    changeType = 'refresh';
  } else if (!current || plan.credits_allocated > current.credits_allocated) {
    changeType = 'upgrade';
    bonus = plan.credits_allocated - (current?.credits_allocated ?? 0);
    applyPlan(sb, target as string, bonus);
  } else {
    changeType = 'downgrade_scheduled';
    sub.pending_change = { new_plan: target as string, effective_date: sub.current_period_end };
  }
  sb.changed();
  return ok({
    success: true,
    change_type: changeType,
    new_plan: target,
    bonus_minutes: 0,
    bonus_credits: bonus,
    new_period_start: sub.current_period_start,
    new_period_end: sub.current_period_end,
    pending_change: sub.pending_change,
  });
}

function applyPlan(sb: Sandbox, plan: string, bonus: number): void {
  const p = PLANS[plan as keyof typeof PLANS];
  sb.state.subscription.plan_type = plan;
  sb.state.credits.plan_type = plan;
  sb.state.credits.allocated = p.credits_allocated;
  sb.state.credits.remaining = credits(sb.state.credits.remaining + bonus);
  if (bonus > 0)
    sb.state.creditHistory.unshift({
      id: `upgrade-${Date.now()}`,
      type: 'allocation',
      description: `Upgrade to ${p.name}: extra credits`,
      credits: bonus,
      timestamp: iso(),
      goal_id: null,
    });
}

export function registerSubscription(router: Router): void {
  router.get('/v1/subscriptions/status', (ctx) => {
    const { change_times: _t, ...sub } = ctx.sb.state.subscription;
    return ok(sub);
  });
  router.post('/v1/subscriptions/change-plan', changePlan);
  router.delete('/v1/subscriptions/pending-change', (ctx) => {
    const sub = ctx.sb.state.subscription;
    if (!sub.pending_change) fail(400, 'no_pending_change', 'There is no pending plan change to cancel.');
    const was = sub.pending_change.new_plan;
    sub.pending_change = null;
    ctx.sb.changed();
    return ok(
      hostileMessage(ctx.sb, 144, {
        success: true,
        message: `The scheduled change to ${was} is cancelled; you stay on ${sub.plan_type}.`,
      }),
    );
  });

  router.get('/v1/users/me/subscription', (ctx) => {
    const sub = ctx.sb.state.subscription;
    const type = sub.plan_type === 'trial' ? 'trial' : sub.plan_type === 'business' ? 'business' : 'personal';
    return ok({
      has_active_subscription: sub.status === 'active',
      provider: 'stripe',
      plan: {
        type,
        id: sub.plan_type,
        period: sub.annual ? 'annual' : 'monthly',
        minutes_included: ctx.sb.state.credits.allocated,
      },
      status: sub.status,
      expires_at: sub.current_period_end,
      auto_renew: !sub.pending_change,
      management_url: `${ctx.sb.baseUrl}/sandbox/pages/billing`,
    });
  });
  router.get('/v1/users/me/statistics', (ctx) => {
    const c = ctx.sb.state.credits;
    const used = credits(Math.max(0, c.allocated - c.remaining));
    const callsUsed = ctx.sb.state.calls.filter((x) => x.status !== 'scheduled').length;
    return ok({
      plan_type: c.plan_type,
      minutes_allocated: c.allocated,
      minutes_used: used,
      minutes_remaining: c.remaining,
      calls_allocated: 500,
      calls_used: callsUsed,
      calls_remaining: Math.max(0, 500 - callsUsed),
      period_start: c.period_start,
      period_end: c.period_end,
      usage_percentage: Math.round((used / c.allocated) * 1000) / 10,
      subscription_status: ctx.sb.state.subscription.status,
    });
  });
}
