import { defineDomain } from '../operation';
import * as notS from '../schemas/notifications';

/** What needs the user now (contract §5.15). */
export const notifications = defineDomain('notifications', {
  pending: {
    method: 'GET',
    path: '/v1/notifications/pending',
    response: notS.Pending,
    summary: 'Pending approvals, goals and inbox items',
  },
});
