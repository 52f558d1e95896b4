/** Credit balance, history, prices (contract §5.12). */
import * as z from 'zod/mini';
import { limit, loose, optStr, optNum, optId, listOf, anyObject } from './common';

export const Balance = loose({
  credits_remaining: optNum,
  credits_used: optNum,
  credits_allocated: optNum,
  plan_type: optStr,
  period_start: optStr,
  period_end: optStr,
});
export type Balance = z.output<typeof Balance>;
export const HistoryQuery = z.strictObject({ limit: z.optional(limit(500)) });
export const HistoryEntry = loose({
  id: optId,
  type: optStr,
  description: optStr,
  credits: optNum,
  timestamp: optStr,
  goal_id: optId,
});
export const History = listOf('entries', HistoryEntry);
export const Costs = loose({ costs: z.optional(z.record(z.string(), z.unknown())) });
export const Breakdown = listOf(
  'items',
  loose({ action_type: optStr, credits_total: optNum, transaction_count: optNum }),
  { total_spent: optNum, period_start: optStr, period_end: optStr },
);
export const Plan = loose({ name: optStr, credits_allocated: optNum, price_monthly: optNum, overage_rate: optNum });
/** An object keyed by plan id (not an array). */
export const Plans = loose({ plans: z.optional(z.record(z.string(), Plan)) });
export const Result = anyObject;
