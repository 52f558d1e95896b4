import { defineDomain } from '../operation';
import * as creditsS from '../schemas/credits';

/** Credits (contract §5.12). Costs and plans are public. */
export const credits = defineDomain('credits', {
  balance: { method: 'GET', path: '/v1/credits/balance', response: creditsS.Balance, summary: 'Credit balance' },
  history: {
    method: 'GET',
    path: '/v1/credits/history',
    query: creditsS.HistoryQuery,
    response: creditsS.History,
    summary: 'Credit transactions',
  },
  costs: {
    method: 'GET',
    path: '/v1/credits/costs',
    response: creditsS.Costs,
    auth: 'none',
    summary: 'What each action costs',
  },
  breakdown: {
    method: 'GET',
    path: '/v1/credits/breakdown',
    response: creditsS.Breakdown,
    summary: 'Spending by action type',
  },
  plans: {
    method: 'GET',
    path: '/v1/credits/plans',
    response: creditsS.Plans,
    auth: 'none',
    summary: 'Plans and prices',
  },
});
