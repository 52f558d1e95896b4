import { defineDomain } from '../operation';
import * as s from '../schemas/email';

/** Connected email accounts (contract §5.8). */
export const email = defineDomain('email', {
  accounts: {
    method: 'GET',
    path: '/v1/email/accounts',
    response: s.EmailAccounts,
    summary: 'Connected email accounts',
  },
  gmailUrl: {
    method: 'GET',
    path: '/v1/email/oauth/gmail/url',
    response: s.OAuthUrl,
    summary: 'Link to connect Gmail',
  },
  outlookUrl: {
    method: 'GET',
    path: '/v1/email/oauth/outlook/url',
    response: s.OAuthUrl,
    summary: 'Link to connect Outlook',
  },
  disconnect: {
    method: 'DELETE',
    path: '/v1/email/accounts/{id}',
    response: s.Result,
    irreversible: true,
    changes: ['email', 'channels'],
    summary: 'Disconnect an email account',
  },
  messages: {
    method: 'GET',
    path: '/v1/email/messages',
    query: s.EmailMessagesQuery,
    response: s.EmailMessages,
    summary: 'Classified email messages',
  },
  message: { method: 'GET', path: '/v1/email/messages/{id}', response: s.EmailMessage, summary: 'An email message' },
  respond: {
    method: 'POST',
    path: '/v1/email/messages/{id}/respond',
    body: s.RespondBody,
    response: s.RespondResult,
    costsCredits: true,
    changes: ['email', 'inbox', 'credits'],
    estimate: 'email',
    cost: 'email_draft',
    summary: 'Draft a reply to an email',
  },
  voiceProfile: {
    method: 'GET',
    path: '/v1/email/voice-profile',
    response: s.VoiceProfile,
    summary: 'Your writing-voice profile',
  },
  trainVoice: {
    method: 'POST',
    path: '/v1/email/voice-profile/train',
    body: s.TrainVoiceBody,
    response: s.Result,
    changes: ['email'],
    summary: 'Train the writing-voice profile',
  },
});
