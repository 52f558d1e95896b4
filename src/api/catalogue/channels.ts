import { defineDomain } from '../operation';
import * as s from '../schemas/channels';

/** Messaging channels (contract §5.9). `{channel}` is whatsapp | telegram (| email for disconnect). */
export const channels = defineDomain('channels', {
  status: { method: 'GET', path: '/v1/channels/status', response: s.ChannelStatus, summary: 'Connected channels' },
  addEmail: {
    method: 'POST',
    path: '/v1/channels/email/add',
    body: s.AddEmailBody,
    response: s.ChannelEmail,
    contactsPeople: true,
    changes: ['channels'],
    summary: 'Add a notification email (sends a verification email)',
  },
  listEmails: {
    method: 'GET',
    path: '/v1/channels/email/list',
    response: s.ChannelEmails,
    summary: 'Notification emails',
  },
  updateEmail: {
    method: 'PUT',
    path: '/v1/channels/email/{id}',
    body: s.UpdateEmailBody,
    response: s.ChannelEmail,
    changes: ['channels'],
    summary: 'Change a notification email',
  },
  deleteEmail: {
    method: 'DELETE',
    path: '/v1/channels/email/{id}',
    response: 'empty',
    irreversible: true,
    changes: ['channels'],
    summary: 'Remove a notification email',
  },
  verifyEmail: {
    method: 'GET',
    path: '/v1/channels/email/verify',
    query: s.VerifyEmailQuery,
    response: 'text',
    auth: 'none',
    changes: ['channels'],
    summary: 'Verify a notification email (link from the email)',
  },
  mailbox: {
    method: 'GET',
    path: '/v1/channels/mailbox',
    response: s.Mailbox,
    summary: 'Your KallyAI mailbox address',
  },
  connect: {
    method: 'POST',
    path: '/v1/channels/webhook/{channel}/connect',
    body: s.WebhookCredentials,
    response: s.ChannelResult,
    changes: ['channels'],
    summary: 'Connect WhatsApp or Telegram',
  },
  test: {
    method: 'POST',
    path: '/v1/channels/webhook/{channel}/test',
    body: s.WebhookCredentials,
    response: s.ChannelResult,
    idempotent: true,
    contactsPeople: true,
    summary: 'Test channel credentials (nothing saved)',
  },
  disconnect: {
    method: 'POST',
    path: '/v1/channels/disconnect/{channel}',
    response: s.ChannelResult,
    irreversible: true,
    changes: ['channels'],
    summary: 'Disconnect a channel',
  },
});
