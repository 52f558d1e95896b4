import { defineDomain } from '../operation';
import * as subS from '../schemas/subscription';

/** Older call-era account endpoints (contract §5.17). */
export const users = defineDomain('users', {
  subscription: {
    method: 'GET',
    path: '/v1/users/me/subscription',
    response: subS.UserSubscription,
    summary: 'Subscription (legacy shape)',
  },
  statistics: {
    method: 'GET',
    path: '/v1/users/me/statistics',
    response: subS.UserStatistics,
    summary: 'Usage statistics (legacy minutes fields)',
  },
});
