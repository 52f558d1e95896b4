/** §5.9 Channels: status, notification emails (add 201 / list / update / delete 204 / verify without auth), mailbox, webhooks.
 *  Connecting WhatsApp or Telegram answers `{success, channel, account_name}` and connects at once,
 *  with credentials (REF-B) or without (the CLI sends `{}`), as the contract has it. Under the opt-in
 *  variant `connect=pairing` (or `connect.whatsapp=pairing`, variants.ts) a connect without
 *  credentials answers a pairing to finish elsewhere instead — a link to open and a code to send —
 *  and the sandbox page that link opens finishes it (at once under --auto-approve). While the run is
 *  hostile (hostileText.ts) the status names every connected account with a payload, and one more
 *  channel whose very name is a payload. */
import { randomBytes, randomInt } from 'node:crypto';
import { MINUTE, iso } from '../clock';
import { infoPage } from '../auth/pages';
import type { Sandbox } from '../context';
import { bodyObject, created, escapeHtml, fail, html, noContent, ok, redirect, str } from '../http';
import { newId } from '../ids';
import type { Router } from '../router';
import type { Json } from '../state';
import { settingFor } from '../variants';
import { hostileOf, pick } from '../hostileText';

export const WEBHOOK_CHANNELS: readonly string[] = ['whatsapp', 'telegram'];
const ACCOUNT_NAMES: Record<string, string> = {
  telegram: '@demo_kally_bot',
  whatsapp: '+1 415 555 0134 (WhatsApp Business)',
};

/** The channel is connected (a connect, or a pairing finished). */
function connectChannel(sb: Sandbox, channel: string): void {
  sb.state.webhooks[channel] = { connected: true, account_name: ACCOUNT_NAMES[channel], connected_at: iso() };
  sb.changed();
}

function publicEmail(e: Json): Json {
  const { verification_token: _t, ...rest } = e;
  return rest;
}

export function registerChannels(router: Router): void {
  const mailbox = (userId: string) => `assistant-${userId.slice(0, 8)}@kallyai.com`;
  router.get('/v1/channels/status', (ctx) => {
    const s = ctx.sb.state;
    const primary = s.channelEmails.find((e) => e.is_primary) ?? s.channelEmails[0];
    const sms = s.phoneNumbers.find((n) => (n.capabilities as { sms?: boolean } | undefined)?.sms);
    const channels = ['email', 'sms', 'whatsapp', 'telegram', 'linkedin', 'instagram', 'twitter'].map((channel) => {
      if (channel === 'email')
        return {
          channel,
          connected: s.emailAccounts.length > 0,
          account_name: (s.emailAccounts[0]?.email as string) ?? null,
          connected_at: (s.emailAccounts[0]?.connected_at as string) ?? null,
        };
      if (channel === 'sms')
        return {
          channel,
          connected: !!sms,
          account_name: (sms?.phone_number as string) ?? null,
          connected_at: (sms?.created_at as string) ?? null,
        };
      const w = s.webhooks[channel];
      return {
        channel,
        connected: !!w?.connected,
        account_name: w?.connected ? w.account_name : null,
        connected_at: w?.connected ? w.connected_at : null,
        ...(w && !w.connected && w.pairing_code ? { status: 'pairing' } : {}),
      };
    });
    const hostile = hostileOf(ctx.sb);
    if (hostile) {
      // Every connected channel's account name is a payload, and the service names a channel of its own.
      channels.forEach((c, i) => {
        if (c.connected) c.account_name = pick(hostile, 150 + i);
      });
      channels.push({
        channel: pick(hostile, 158),
        connected: true,
        account_name: pick(hostile, 159),
        connected_at: iso(),
      });
    }
    return ok({
      channels,
      email: {
        connected: s.channelEmails.length > 0,
        contact_count: s.contacts.length,
        primary_email: primary?.email_address ?? null,
        kally_mailbox: mailbox(s.user.id),
      },
    });
  });
  router.post('/v1/channels/email/add', (ctx) => {
    const b = bodyObject(ctx);
    const address = str(b.email_address);
    if (!address || !/^[^@\s]+@[^@\s][^@\s.]*\.[^@\s]+$/.test(address))
      fail(422, 'validation_error', 'email_address must be a valid email address.', {
        details: { field: 'email_address' },
      });
    // The contract documents this 409 with no code: answered FastAPI-style, {detail: "..."} (no error key).
    if (ctx.sb.state.channelEmails.some((e) => String(e.email_address).toLowerCase() === address?.toLowerCase()))
      fail(409, 'conflict', 'This email address is already registered.', { shape: 'detail' });
    const label = str(b.label) ?? str(b.display_name) ?? null;
    const isPrimary = b.is_primary === true;
    if (isPrimary) for (const e of ctx.sb.state.channelEmails) e.is_primary = false;
    const entry = {
      id: newId(),
      email_address: address,
      label,
      display_name: label,
      is_primary: isPrimary,
      receives_copies: true,
      receives_notifications: true,
      verified: false,
      verified_at: null,
      created_at: iso(),
      verification_token: randomBytes(12).toString('hex'),
    };
    ctx.sb.state.channelEmails.push(entry);
    return created(publicEmail(entry));
  });
  router.get('/v1/channels/email/list', (ctx) =>
    ok({
      emails: ctx.sb.state.channelEmails.map(publicEmail),
      total: ctx.sb.state.channelEmails.length,
      kally_mailbox: mailbox(ctx.sb.state.user.id),
    }),
  );
  router.get(
    '/v1/channels/email/verify',
    (ctx) => {
      const token = ctx.query.get('token') ?? '';
      const entry = ctx.sb.state.channelEmails.find((e) => token && e.verification_token === token);
      if (entry) {
        entry.verified = true;
        entry.verified_at = iso();
        delete entry.verification_token;
        ctx.sb.changed();
      }
      return redirect(`${ctx.sb.baseUrl}/sandbox/pages/settings?${entry ? 'email_verified=1' : 'error=invalid_token'}`);
    },
    { public: true },
  );
  router.put('/v1/channels/email/{id}', (ctx) => {
    const entry = ctx.sb.state.channelEmails.find((e) => e.id === ctx.params.id);
    if (!entry) fail(404, 'email_not_found', `No notification email with id ${ctx.params.id}.`);
    const b = bodyObject(ctx);
    const label = str(b.label) ?? str(b.display_name);
    if (label) {
      entry.label = label;
      entry.display_name = label;
    }
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
    if (ctx.sb.state.channelEmails.length === before)
      fail(404, 'email_not_found', `No notification email with id ${ctx.params.id}.`);
    return noContent();
  });
  router.get('/v1/channels/mailbox', (ctx) =>
    ok({ mailbox: mailbox(ctx.sb.state.user.id), user_id: ctx.sb.state.user.id }),
  );
  const webhook = (action: 'connect' | 'test') =>
    router.post(`/v1/channels/webhook/{channel}/${action}`, (ctx) => {
      const channel = ctx.params.channel;
      if (!WEBHOOK_CHANNELS.includes(channel))
        fail(422, 'validation_error', 'channel must be whatsapp or telegram.', { details: { field: 'channel' } });
      const b = bodyObject(ctx);
      if (b.bot_token !== undefined && !/^\d+:[\w-]{10,}$/.test(String(b.bot_token)))
        fail(400, 'invalid_credentials', 'The Telegram bot token is not valid.');
      const credentials = ['bot_token', 'phone_number_id', 'access_token', 'business_account_id'].some(
        (k) => b[k] !== undefined,
      );
      const accountName = ACCOUNT_NAMES[channel];
      const current = ctx.sb.state.webhooks[channel];
      if (action === 'test') {
        if (!credentials && !current?.connected)
          fail(400, 'channel_not_connected', `Connect ${channel} before testing it.`);
        return ok({
          success: true,
          channel,
          account_name: accountName,
          message: `A test message was sent to ${accountName}.`,
        });
      }
      if (credentials || settingFor(ctx.variant, 'connect', channel) !== 'pairing') {
        connectChannel(ctx.sb, channel);
        return ok({ success: true, channel, account_name: accountName });
      }
      // The pairing variant, no credentials: a pairing the person finishes in the app.
      const code = `KALLY-${randomInt(100000, 999999)}`;
      const expires = iso(Date.now() + 15 * MINUTE);
      ctx.sb.state.webhooks[channel] = {
        connected: false,
        account_name: null,
        connected_at: null,
        pairing_code: code,
        pairing_expires_at: expires,
      };
      ctx.sb.changed();
      const bot = channel === 'telegram' ? '@KallyAISandboxBot' : '+1 415 555 0199';
      return ok({
        success: true,
        channel,
        status: 'pending',
        pairing_url: `${ctx.sb.baseUrl}/sandbox/pages/pair-channel?channel=${channel}&code=${code}`,
        pairing_code: code,
        instructions: `Open the link, or send the code ${code} to ${bot} on ${channel === 'telegram' ? 'Telegram' : 'WhatsApp'}.`,
        expires_at: expires,
      });
    });
  webhook('connect');
  webhook('test');
  // The page a pairing link opens: its button (or --auto-approve) finishes the pairing.
  router.get(
    '/sandbox/pages/pair-channel',
    (ctx) => {
      const channel = ctx.query.get('channel') ?? '';
      const code = ctx.query.get('code') ?? '';
      const pending = ctx.sb.state.webhooks[channel];
      const name = channel === 'telegram' ? 'Telegram' : channel === 'whatsapp' ? 'WhatsApp' : channel;
      if (!WEBHOOK_CHANNELS.includes(channel) || !pending?.pairing_code || pending.pairing_code !== code) {
        return html(
          infoPage(
            'Pairing not found',
            `<p>This pairing link is not valid any more. Connect ${escapeHtml(name)} again from KallyAI.</p>`,
          ),
          404,
        );
      }
      if (ctx.sb.options.autoApprove || ctx.query.get('confirm') === '1') {
        connectChannel(ctx.sb, channel);
        return html(
          infoPage(
            `${name} connected`,
            `<p id="paired">${escapeHtml(name)} is connected to KallyAI (sandbox). You can close this tab.</p>`,
          ),
        );
      }
      return html(
        infoPage(
          `Connect ${name}`,
          `<p>Pair ${escapeHtml(name)} with your KallyAI account using the code <code>${escapeHtml(code)}</code>.</p><p><a class="button" id="approve" href="pair-channel?channel=${encodeURIComponent(channel)}&amp;code=${encodeURIComponent(code)}&amp;confirm=1">Pair ${escapeHtml(name)}</a></p>`,
        ),
      );
    },
    { public: true },
  );
  router.post('/v1/channels/disconnect/{channel}', (ctx) => {
    const channel = ctx.params.channel;
    if (channel === 'email') ctx.sb.state.emailAccounts = [];
    else if (WEBHOOK_CHANNELS.includes(channel)) ctx.sb.state.webhooks[channel] = undefined;
    else
      fail(422, 'validation_error', 'channel must be whatsapp, telegram or email.', { details: { field: 'channel' } });
    return ok({ success: true, channel });
  });
}
