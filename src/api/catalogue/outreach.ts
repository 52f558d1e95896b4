import { defineDomain } from '../operation';
import * as s from '../schemas/outreach';

/** Outreach tasks: KallyAI contacts someone over the best channel (contract §5.10). */
export const outreach = defineDomain('outreach', {
  tasks: {
    method: 'GET',
    path: '/v1/outreach/tasks',
    query: s.TasksQuery,
    response: s.OutreachTasks,
    summary: 'Outreach tasks',
  },
  task: {
    method: 'GET',
    path: '/v1/outreach/tasks/{id}',
    response: s.OutreachTask,
    summary: 'An outreach task with its attempts',
  },
  // Priced as a call unless the consent names the channel's own type (an email or message: 'email').
  create: {
    method: 'POST',
    path: '/v1/outreach/tasks',
    body: s.CreateTaskBody,
    response: s.OutreachTask,
    costsCredits: true,
    contactsPeople: true,
    changes: ['outreach', 'credits'],
    estimate: 'call',
    cost: 'call',
    summary: 'Create an outreach task',
  },
  retry: {
    method: 'POST',
    path: '/v1/outreach/tasks/{id}/retry',
    response: s.OutreachTask,
    costsCredits: true,
    contactsPeople: true,
    changes: ['outreach', 'credits'],
    estimate: 'call',
    cost: 'call',
    summary: 'Retry an outreach task',
  },
  cancel: {
    method: 'POST',
    path: '/v1/outreach/tasks/{id}/cancel',
    response: s.OutreachTask,
    irreversible: true,
    changes: ['outreach'],
    summary: 'Cancel an outreach task',
  },
});
