import { defineDomain } from '../operation';
import * as subS from '../schemas/subscription';

/** Subscription (contract §5.13). */
export const subscription = defineDomain('subscription', {
  status: { method: 'GET', path: '/v1/subscriptions/status', response: subS.Status, summary: 'Subscription status' },
  changePlan: {
    method: 'POST',
    path: '/v1/subscriptions/change-plan',
    body: subS.ChangePlanBody,
    response: subS.ChangePlanResult,
    costsCredits: true,
    changes: ['account', 'credits'],
    summary: 'Change plan (upgrades now, downgrades next period)',
  },
  cancelPendingChange: {
    method: 'DELETE',
    path: '/v1/subscriptions/pending-change',
    response: subS.CancelChangeResult,
    changes: ['account'],
    summary: 'Cancel a scheduled plan change',
  },
});
