/** Goal budgets: estimates, approval, cost breakdown, soft cap (contract §5.11). */
import * as z from 'zod/mini';
import { ESTIMATE_TYPES } from '../resources';
import { bounded, loose, opt, optStr, optNum, optId, listOf, anyObject } from './common';

export const EstimateBody = z.strictObject({ type: z.enum(ESTIMATE_TYPES), description: bounded(1, 2000) });
export const Estimate = loose({
  estimated_credits: optNum,
  breakdown: z.optional(z.unknown()),
  confidence: opt(z.union([z.string(), z.number()])),
});
export const CostBreakdown = listOf('items', loose({ action: optStr, credits: optNum, timestamp: optStr }), {
  goal_id: optId,
  total_credits: optNum,
});
export const Result = anyObject;
