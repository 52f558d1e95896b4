import { defineDomain } from '../operation';
import * as s from '../schemas/messages';

/** The unified inbox (contract §5.6). */
export const messages = defineDomain('messages', {
  inbox: {
    method: 'GET',
    path: '/v1/messages/inbox',
    query: s.InboxQuery,
    response: s.Inbox,
    summary: 'Inbox across channels',
  },
  message: { method: 'GET', path: '/v1/messages/inbox/{id}', response: s.Message, summary: 'A message' },
  conversation: {
    method: 'GET',
    path: '/v1/messages/conversation/{conversation_id}',
    response: s.Thread,
    summary: 'A message thread',
  },
  markRead: {
    method: 'POST',
    path: '/v1/messages/mark-read',
    body: s.MarkReadBody,
    response: s.MarkReadResult,
    idempotent: true,
    changes: ['inbox'],
    summary: 'Mark messages as read',
  },
});
