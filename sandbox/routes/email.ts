/** §5.8 Email accounts: accounts, OAuth connect URLs (to a sandbox consent page), disconnect, messages, respond (creates a draft;
 *  its body is a payload while the run is hostile, hostileText.ts), voice profile. */
import { infoPage } from '../auth/pages';
import { iso } from '../clock';
import { bodyObject, escapeHtml, fail, html, intQuery, ok, str } from '../http';
import { COSTS, requireCredits, spend } from '../credits';
import { newId } from '../ids';
import type { Sandbox } from '../context';
import type { Router } from '../router';
import { wording } from '../hostileText';
import type { OutboxEmail } from '../state';

export function registerEmail(router: Router): void {
  router.get('/v1/email/accounts', (ctx) => ok({ accounts: ctx.sb.state.emailAccounts }));
  router.get('/v1/email/oauth/gmail/url', (ctx) =>
    ok({ url: `${ctx.sb.baseUrl}/sandbox/pages/connect-email?provider=gmail`, provider: 'gmail' }),
  );
  router.get('/v1/email/oauth/outlook/url', (ctx) =>
    ok({ url: `${ctx.sb.baseUrl}/sandbox/pages/connect-email?provider=outlook`, provider: 'outlook' }),
  );
  router.delete('/v1/email/accounts/{id}', (ctx) => {
    const before = ctx.sb.state.emailAccounts.length;
    ctx.sb.state.emailAccounts = ctx.sb.state.emailAccounts.filter((a) => a.id !== ctx.params.id);
    if (ctx.sb.state.emailAccounts.length === before)
      fail(404, 'account_not_found', `No email account with id ${ctx.params.id}.`);
    return ok({ success: true, id: ctx.params.id });
  });
  router.get('/v1/email/messages', (ctx) => {
    if (ctx.sb.state.emailAccounts.length === 0)
      fail(400, 'email_not_connected', 'Connect an email account first (Gmail or Outlook).');
    const classification = ctx.query.get('classification');
    const limit = intQuery(ctx, 'limit', 20, 1, 200);
    const list = ctx.sb.state.emailMessages.filter((m) => !classification || m.classification === classification);
    return ok({ messages: list.slice(0, limit).map(({ body: _b, ...m }) => m), total: list.length });
  });
  router.get('/v1/email/messages/{id}', (ctx) => {
    const m = ctx.sb.state.emailMessages.find((x) => x.id === ctx.params.id);
    if (!m) fail(404, 'message_not_found', `No email with id ${ctx.params.id}.`);
    return ok({ ...m, headers: { From: m.from, To: m.to, Subject: m.subject, Date: m.received_at } });
  });
  router.post('/v1/email/messages/{id}/respond', (ctx) => {
    const m = ctx.sb.state.emailMessages.find((x) => x.id === ctx.params.id);
    if (!m) fail(404, 'message_not_found', `No email with id ${ctx.params.id}.`);
    const instructions = str(bodyObject(ctx).instructions);
    requireCredits(ctx.sb, COSTS.email_draft.per_draft);
    const to = /<([^<>]+)>[^<]*$/.exec(String(m.from))?.[1] ?? String(m.from);
    const draft: OutboxEmail = {
      id: newId(),
      to,
      subject: `Re: ${m.subject}`,
      status: 'pending_approval',
      created_at: iso(),
      replies: [],
      reply_to: m.id as string,
      body: wording(
        ctx.sb,
        176,
        `Hi,\n\nThank you for your message.${instructions ? ` ${instructions}` : ' I will get back to you shortly.'}\n\nBest, Demo`,
      ),
    };
    ctx.sb.state.outbox.unshift(draft);
    spend(ctx.sb, COSTS.email_draft.per_draft, 'email', `Drafted a reply to "${m.subject}"`);
    ctx.sb.changed();
    return ok({
      success: true,
      draft_id: draft.id,
      status: draft.status,
      draft,
      credits_used: COSTS.email_draft.per_draft,
    });
  });
  router.get('/v1/email/voice-profile', (ctx) => ok(ctx.sb.state.voiceProfile));
  router.post('/v1/email/voice-profile/train', (ctx) => {
    // The contract documents no body; `email_ids` (sent emails the person picked) is honoured when given.
    const ids = bodyObject(ctx).email_ids;
    if (ids !== undefined && (!Array.isArray(ids) || ids.length === 0 || ids.some((x) => typeof x !== 'string')))
      fail(422, 'validation_error', 'email_ids must be a non-empty list of email ids.', {
        details: { field: 'email_ids' },
      });
    const picked = (ids as string[] | undefined)?.map((id) => ctx.sb.state.outbox.find((e) => e.id === id));
    if (picked?.some((e) => !e || e.status !== 'sent'))
      fail(422, 'validation_error', 'email_ids must name sent emails.', { details: { field: 'email_ids' } });
    const samples = picked
      ? picked.length
      : ctx.sb.state.outbox.filter((e) => e.status === 'sent').length + ctx.sb.state.emailMessages.length * 12;
    ctx.sb.state.voiceProfile = {
      ...ctx.sb.state.voiceProfile,
      trained: true,
      samples_analyzed: samples,
      tone: 'friendly and concise',
      updated_at: iso(),
    };
    ctx.sb.changed();
    return ok({
      success: true,
      status: 'trained',
      samples_analyzed: samples,
      ...(picked ? { email_ids: ids } : {}),
      profile: ctx.sb.state.voiceProfile,
    });
  });
  // The provider's consent page the OAuth URLs open (Allow connects a demo account; --auto-approve allows at once).
  router.get(
    '/sandbox/pages/connect-email',
    (ctx) => {
      const provider = ctx.query.get('provider') === 'outlook' ? 'outlook' : 'gmail';
      const name = provider === 'outlook' ? 'Outlook' : 'Gmail';
      if (ctx.sb.options.autoApprove) return connected(ctx.sb, provider);
      return html(
        infoPage(
          `Connect ${name}`,
          `<p>KallyAI (sandbox) asks to read, classify and send email from your ${escapeHtml(name)} account.</p>
<p><a class="button" id="approve" href="connect-email/approve?provider=${provider}">Allow</a><a class="secondary" id="deny" href="connect-email/deny?provider=${provider}">Deny</a></p>`,
        ),
      );
    },
    { public: true },
  );
  router.get(
    '/sandbox/pages/connect-email/approve',
    (ctx) => connected(ctx.sb, ctx.query.get('provider') === 'outlook' ? 'outlook' : 'gmail'),
    { public: true },
  );
  router.get(
    '/sandbox/pages/connect-email/deny',
    () =>
      html(infoPage('Not connected', '<p>You did not allow KallyAI to use this account. You can close this tab.</p>')),
    { public: true },
  );
}

function connected(sb: Sandbox, provider: 'gmail' | 'outlook') {
  const address = provider === 'outlook' ? 'demo@outlook.test' : 'demo@kallyai.test';
  const existing = sb.state.emailAccounts.find((a) => a.provider === provider && a.email === address);
  // Allowing an account again renews its connection.
  if (existing) Object.assign(existing, { connected_at: iso(), status: 'connected' });
  else sb.state.emailAccounts.push({ id: newId(), provider, email: address, connected_at: iso(), status: 'connected' });
  sb.changed();
  return html(
    infoPage(
      'Connected',
      `<p id="connected">Your ${provider === 'outlook' ? 'Outlook' : 'Gmail'} account ${escapeHtml(address)} is connected to KallyAI (sandbox). You can close this tab.</p>`,
    ),
  );
}
