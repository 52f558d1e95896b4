/** §5.9 Channels: status, notification emails (add 201 / list / update / delete 204 / verify without auth), mailbox, webhooks. */
import { randomBytes } from 'node:crypto';
import { iso } from '../clock';
import { bodyObject, created, fail, noContent, ok, redirect, str } from '../http';
import { newId } from '../ids';
import type { Router } from '../router';
import type { Json } from '../state';

const WEBHOOK_CHANNELS = ['whatsapp', 'telegram'];

function publicEmail(e: Json): Json {
  const { verification_token: _t, ...rest } = e;
  return rest;
}

export function registerChannels(router: Router): void {
  const mailbox = (userId: string) => `assistant-${userId.slice(0, 8)}@kallyai.com`;
  router.get('/v1/channels/status', (ctx) => {
    const s = ctx.sb.state;
    const primary = s.channelEmails.find((e) => e.is_primary) ?? s.channelEmails[0];
    const channels = ['email', 'whatsapp', 'telegram', 'linkedin', 'instagram', 'twitter'].map((channel) => {
      if (channel === 'email') return { channel, connected: s.emailAccounts.length > 0, account_name: (s.emailAccounts[0]?.email as string) ?? null, connected_at: (s.emailAccounts[0]?.connected_at as string) ?? null };
      const w = s.webhooks[channel];
      return { channel, connected: !!w?.connected, account_name: w?.connected ? w.account_name : null, connected_at: w?.connected ? w.connected_at : null };
    });
    return ok({ channels, email: { connected: s.channelEmails.length > 0, contact_count: s.contacts.length, primary_email: primary?.email_address ?? null, kally_mailbox: mailbox(s.user.id) } });
  });
  router.post('/v1/channels/email/add', (ctx) => {
    const b = bodyObject(ctx);
    const address = str(b.email_address);
    if (!address || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) fail(422, 'validation_error', 'email_address must be a valid email address.', { details: { field: 'email_address' } });
    // The contract documents this 409 with no code: answered FastAPI-style, {detail: "..."} (no error key).
    if (ctx.sb.state.channelEmails.some((e) => String(e.email_address).toLowerCase() === address?.toLowerCase())) fail(409, 'conflict', 'This email address is already registered.', { shape: 'detail' });
    const label = str(b.label) ?? str(b.display_name) ?? null;
    const isPrimary = b.is_primary === true;
    if (isPrimary) for (const e of ctx.sb.state.channelEmails) e.is_primary = false;
    const entry = { id: newId(), email_address: address, label, display_name: label, is_primary: isPrimary, receives_copies: true, receives_notifications: true, verified: false, verified_at: null, created_at: iso(), verification_token: randomBytes(12).toString('hex') };
    ctx.sb.state.channelEmails.push(entry);
    return created(publicEmail(entry));
  });
  router.get('/v1/channels/email/list', (ctx) => ok({ emails: ctx.sb.state.channelEmails.map(publicEmail), total: ctx.sb.state.channelEmails.length, kally_mailbox: mailbox(ctx.sb.state.user.id) }));
  router.get('/v1/channels/email/verify', (ctx) => {
    const token = ctx.query.get('token') ?? '';
    const entry = ctx.sb.state.channelEmails.find((e) => token && e.verification_token === token);
    if (entry) {
      entry.verified = true;
      entry.verified_at = iso();
      delete entry.verification_token;
      ctx.sb.changed();
    }
    return redirect(`${ctx.sb.baseUrl}/sandbox/pages/settings?${entry ? 'email_verified=1' : 'error=invalid_token'}`);
  }, { public: true });
  router.put('/v1/channels/email/{id}', (ctx) => {
    const entry = ctx.sb.state.channelEmails.find((e) => e.id === ctx.params.id);
    if (!entry) fail(404, 'email_not_found', `No notification email with id ${ctx.params.id}.`);
    const b = bodyObject(ctx);
    const label = str(b.label) ?? str(b.display_name);
    if (label) { entry.label = label; entry.display_name = label; }
    if (typeof b.is_primary === 'boolean') {
      if (b.is_primary) for (const e of ctx.sb.state.channelEmails) e.is_primary = false;
      entry.is_primary = b.is_primary;
    }
    for (const k of ['receives_copies', 'receives_notifications']) if (typeof b[k] === 'boolean') entry[k] = b[k];
    return ok(publicEmail(entry));
  });
  router.delete('/v1/channels/email/{id}', (ctx) => {
    const before = ctx.sb.state.channelEmails.length;
    ctx.sb.state.channelEmails = ctx.sb.state.channelEmails.filter((e) => e.id !== ctx.params.id);
    if (ctx.sb.state.channelEmails.length === before) fail(404, 'email_not_found', `No notification email with id ${ctx.params.id}.`);
    return noContent();
  });
  router.get('/v1/channels/mailbox', (ctx) => ok({ mailbox: mailbox(ctx.sb.state.user.id), user_id: ctx.sb.state.user.id }));
  const webhook = (action: 'connect' | 'test') => router.post(`/v1/channels/webhook/{channel}/${action}`, (ctx) => {
    const channel = ctx.params.channel;
    if (!WEBHOOK_CHANNELS.includes(channel)) fail(422, 'validation_error', 'channel must be whatsapp or telegram.', { details: { field: 'channel' } });
    const b = bodyObject(ctx);
    if (b.bot_token !== undefined && !/^\d+:[\w-]{10,}$/.test(String(b.bot_token))) fail(400, 'invalid_credentials', 'The Telegram bot token is not valid.');
    const accountName = channel === 'telegram' ? '@demo_kally_bot' : '+1 415 555 0134 (WhatsApp Business)';
    if (action === 'test') return ok({ success: true, account_name: accountName });
    ctx.sb.state.webhooks[channel] = { connected: true, account_name: accountName, connected_at: iso() };
    return ok({ success: true, channel, account_name: accountName });
  });
  webhook('connect');
  webhook('test');
  router.post('/v1/channels/disconnect/{channel}', (ctx) => {
    const channel = ctx.params.channel;
    if (channel === 'email') ctx.sb.state.emailAccounts = [];
    else if (WEBHOOK_CHANNELS.includes(channel)) ctx.sb.state.webhooks[channel] = undefined;
    else fail(422, 'validation_error', 'channel must be whatsapp, telegram or email.', { details: { field: 'channel' } });
    return ok({ success: true, channel });
  });
}
