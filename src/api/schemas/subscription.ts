/** Subscription plan and plan changes (contract §5.13, §5.17). */
import * as z from 'zod/mini';
import { loose, opt, optStr, optNum, optBool, anyObject } from './common';

export const PLANS = ['starter', 'pro', 'power', 'business'] as const;
export const Status = loose({
  plan_type: optStr,
  status: optStr,
  current_period_start: optStr,
  current_period_end: optStr,
  pending_change: opt(loose({ new_plan: optStr, effective_date: optStr })),
});
export type Status = z.output<typeof Status>;
/** CLI sends `target_plan`, REF-B `new_plan` (+ `annual`): either or both. */
export const ChangePlanBody = z
  .strictObject({
    target_plan: z.optional(z.enum(PLANS)),
    new_plan: z.optional(z.enum(PLANS)),
    annual: z.optional(z.boolean()),
  })
  .check(
    z.refine((b) => Boolean(b.target_plan || b.new_plan), {
      message: 'Choose a plan: starter, pro, power or business.',
      path: ['new_plan'],
    }),
  );
export const ChangePlanResult = loose({
  success: optBool,
  change_type: optStr,
  new_plan: optStr,
  bonus_minutes: optNum,
  new_period_start: optStr,
  new_period_end: optStr,
});
export const CancelChangeResult = loose({ success: optBool, message: optStr });
export const UserSubscription = loose({
  has_active_subscription: optBool,
  provider: optStr,
  plan: opt(loose({ type: optStr, period: optStr, minutes_included: optNum })),
  status: optStr,
  expires_at: optStr,
  auto_renew: optBool,
  management_url: optStr,
});
export const UserStatistics = loose({
  plan_type: optStr,
  minutes_allocated: optNum,
  minutes_used: optNum,
  minutes_remaining: optNum,
  calls_allocated: optNum,
  calls_used: optNum,
  calls_remaining: optNum,
  period_start: optStr,
  period_end: optStr,
  usage_percentage: optNum,
  subscription_status: optStr,
});
export const Result = anyObject;
