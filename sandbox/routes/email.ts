/** §5.8 Email accounts: accounts, OAuth connect URLs (to a sandbox page), disconnect, messages, respond (creates a draft), voice profile. */
import { iso } from '../clock';
import { bodyObject, fail, intQuery, ok, str } from '../http';
import { newId } from '../ids';
import type { Router } from '../router';
import type { OutboxEmail } from '../state';

export function registerEmail(router: Router): void {
  router.get('/v1/email/accounts', (ctx) => ok({ accounts: ctx.sb.state.emailAccounts }));
  router.get('/v1/email/oauth/gmail/url', (ctx) => ok({ url: `${ctx.sb.baseUrl}/sandbox/pages/connect-email?provider=gmail`, provider: 'gmail' }));
  router.get('/v1/email/oauth/outlook/url', (ctx) => ok({ url: `${ctx.sb.baseUrl}/sandbox/pages/connect-email?provider=outlook`, provider: 'outlook' }));
  router.delete('/v1/email/accounts/{id}', (ctx) => {
    const before = ctx.sb.state.emailAccounts.length;
    ctx.sb.state.emailAccounts = ctx.sb.state.emailAccounts.filter((a) => a.id !== ctx.params.id);
    if (ctx.sb.state.emailAccounts.length === before) fail(404, 'account_not_found', `No email account with id ${ctx.params.id}.`);
    return ok({ success: true, id: ctx.params.id });
  });
  router.get('/v1/email/messages', (ctx) => {
    if (ctx.sb.state.emailAccounts.length === 0) fail(400, 'email_not_connected', 'Connect an email account first (Gmail or Outlook).');
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
    const to = String(m.from).replace(/^.*<([^>]+)>.*$/, '$1');
    const draft: OutboxEmail = {
      id: newId(), to, subject: `Re: ${m.subject}`, status: 'pending_approval', created_at: iso(), replies: [],
      body: `Hi,\n\nThank you for your message.${instructions ? ` ${instructions}` : ' I will get back to you shortly.'}\n\nBest, Demo`,
    };
    ctx.sb.state.outbox.unshift(draft);
    return ok({ success: true, draft_id: draft.id, status: draft.status, draft });
  });
  router.get('/v1/email/voice-profile', (ctx) => ok(ctx.sb.state.voiceProfile));
  router.post('/v1/email/voice-profile/train', (ctx) => {
    const samples = ctx.sb.state.emailMessages.length * 12;
    ctx.sb.state.voiceProfile = { ...ctx.sb.state.voiceProfile, trained: true, samples_analyzed: samples, tone: 'friendly and concise', updated_at: iso() };
    return ok({ success: true, status: 'trained', samples_analyzed: samples, profile: ctx.sb.state.voiceProfile });
  });
  // The page that the OAuth URLs open: its button connects a demo account.
  router.get('/sandbox/pages/connect-email/approve', (ctx) => {
    const provider = ctx.query.get('provider') === 'outlook' ? 'outlook' : 'gmail';
    ctx.sb.state.emailAccounts.push({ id: newId(), provider, email: provider === 'outlook' ? 'demo@outlook.test' : 'demo@kallyai.test', connected_at: iso(), status: 'connected' });
    ctx.sb.changed();
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<!doctype html><title>Connected</title><p>Your ${provider} account is connected to KallyAI (sandbox). You can close this tab.</p>` };
  }, { public: true });
}
