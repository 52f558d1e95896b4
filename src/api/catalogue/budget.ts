import { defineDomain } from '../operation';
import * as budgetS from '../schemas/budget';

/** Goal budgets (contract §5.11): under /v1/goals, not /v1/coordination/goals. */
export const budget = defineDomain('budget', {
  estimate: {
    method: 'POST',
    path: '/v1/goals/estimate',
    body: budgetS.EstimateBody,
    response: budgetS.Estimate,
    idempotent: true,
    reads: true,
    summary: 'Estimate the credits a task needs',
  },
  approve: {
    method: 'POST',
    path: '/v1/goals/{goal_id}/approve-budget',
    response: budgetS.Result,
    costsCredits: true,
    changes: ['goals', 'credits'],
    summary: "Approve a goal's budget",
  },
  costBreakdown: {
    method: 'GET',
    path: '/v1/goals/{goal_id}/cost-breakdown',
    response: budgetS.CostBreakdown,
    summary: 'What a goal has spent',
  },
  acknowledgeSoftCap: {
    method: 'POST',
    path: '/v1/goals/{goal_id}/acknowledge-soft-cap',
    response: budgetS.Result,
    costsCredits: true,
    changes: ['goals', 'credits'],
    summary: "Acknowledge a goal's soft cap and continue",
  },
});
