/** The sandbox's email, messages and channels: the provider consent page that connects an account,
 *  drafts with Cc lists, a send the provider refuses (failed), a reply drafted from an email, a
 *  revision asked through the coordination AI (the client's own request text), training the voice
 *  from picked sent emails, connecting a channel as the contract has it (and, opt-in, pairing it from
 *  its link), the SMS channel, older inbox messages
 *  for paging, and the hostile seed of the email surfaces. */
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type SandboxClient, fetchResult, openSandbox } from '../../sandbox/testing';
import { revisionRequest } from '../../src/models/email';

describe('sandbox: email, messages and channels', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox({ timeScale: 1000 });
  });
  after(async () => {
    await c.close();
  });
  beforeEach(async () => {
    await c.post('/sandbox/reset', {});
  });

  const outbox = async () => (await c.get('/v1/actions/email/outbox')).json.emails as Array<Record<string, unknown>>;

  it('the consent page connects the account (again: renewed, not doubled); Deny connects nothing', async () => {
    const url = (await c.get('/v1/email/oauth/outlook/url')).json.url as string;
    const page = await fetchResult(url);
    assert.match(page.text, /id="approve" href="connect-email\/approve\?provider=outlook"/);
    assert.equal((await c.get('/v1/email/accounts')).json.accounts.length, 1, 'showing the page connects nothing');
    await fetchResult(new URL('connect-email/deny?provider=outlook', url).toString());
    assert.equal((await c.get('/v1/email/accounts')).json.accounts.length, 1);
    const done = await fetchResult(new URL('connect-email/approve?provider=outlook', url).toString());
    assert.match(done.text, /id="connected"/);
    const accounts = (await c.get('/v1/email/accounts')).json.accounts as Array<{
      provider: string;
      email: string;
      connected_at: string;
    }>;
    assert.deepEqual(accounts.map((a) => a.provider).sort(), ['gmail', 'outlook']);
    const gmail = accounts.find((a) => a.provider === 'gmail')!;
    await fetchResult(`${c.url}/sandbox/pages/connect-email/approve?provider=gmail`);
    const again = (await c.get('/v1/email/accounts')).json.accounts as Array<{
      provider: string;
      connected_at: string;
    }>;
    assert.equal(again.length, 2);
    assert.notEqual(
      again.find((a) => a.provider === 'gmail')!.connected_at,
      gmail.connected_at,
      'allowing again renews the connection',
    );
  });

  it('under --auto-approve the consent page connects at once', async () => {
    const auto = await openSandbox({ autoApprove: true, empty: true });
    try {
      const url = (await auto.get('/v1/email/oauth/gmail/url')).json.url as string;
      assert.equal((await auto.get('/v1/email/accounts')).json.accounts.length, 0);
      await fetchResult(url);
      assert.equal((await auto.get('/v1/email/accounts')).json.accounts.length, 1);
    } finally {
      await auto.close();
    }
  });

  it('a draft keeps its Cc list; a refused recipient fails the send (500 email_send_failed) and spends nothing', async () => {
    const made = await c.post('/v1/actions/email/send', {
      to: 'a@example.com',
      cc: ['b@example.com', 'c@example.com'],
      subject: 'Hi',
      body: 'Hello',
    });
    assert.equal(made.status, 200);
    assert.deepEqual(made.json.cc, ['b@example.com', 'c@example.com']);
    assert.equal(
      (await c.post('/v1/actions/email/send', { to: 'nope', subject: 'Hi', body: 'Hello' })).json.error.code,
      'validation_error',
    );
    const before = (await c.get('/v1/credits/balance')).json.credits_remaining;
    const bad = await c.post('/v1/actions/email/send', { to: 'someone@fail.example', subject: 'Hi', body: 'Hello' });
    const refused = await c.post(`/v1/actions/email/${bad.json.id}/approve`);
    assert.equal(refused.status, 500);
    assert.equal(refused.json.error.code, 'email_send_failed');
    const failed = (await outbox()).find((e) => e.id === bad.json.id)!;
    assert.equal(failed.status, 'failed');
    assert.match(String(failed.failure_reason), /refused the recipient/);
    assert.equal((await c.get('/v1/credits/balance')).json.credits_remaining, before);
    assert.ok(
      (await outbox()).some((e) => e.status === 'failed' && e.id !== bad.json.id),
      'the seed has a failed email too',
    );
  });

  it('respond drafts a reply to the sender, named in the answer', async () => {
    const message = (await c.get('/v1/email/messages?classification=actionable')).json.messages[0];
    const r = await c.post(`/v1/email/messages/${message.id}/respond`, { instructions: 'Take the refund to my card.' });
    assert.equal(r.json.draft.to, 'care@skyjet.example');
    assert.equal(r.json.draft.subject, 'Re: Your refund options');
    const draft = (await outbox()).find((e) => e.id === r.json.draft_id)!;
    assert.equal(draft.status, 'pending_approval');
    assert.match(String(draft.body), /Take the refund to my card\./);
  });

  it('a revision asked through the coordination AI rewrites the draft in place and names it; other messages are not revisions', async () => {
    const draft = (await outbox()).find((e) => e.subject === 'Kitchen sink leak')!;
    const before = (await c.get('/v1/credits/balance')).json.credits_remaining;
    const r = await c.post('/v1/coordination/message', {
      message: revisionRequest(draft as never, 'Make it more formal and mention that the plumber comes on Tuesday'),
    });
    assert.equal(r.status, 200);
    assert.equal(r.json.draft_id, draft.id);
    assert.deepEqual(r.json.actions_taken, ['email_draft_revised']);
    assert.match(
      r.json.response,
      /^I revised the draft "Kitchen sink leak": made it more formal and added what you asked to mention\. Nothing is sent until you approve it\.$/,
    );
    const after = (await outbox()).find((e) => e.id === draft.id)!;
    assert.equal(after.status, 'pending_approval', 'still a draft');
    assert.notEqual(after.body, draft.body);
    assert.match(
      String(after.body),
      /^Dear all,[\s\S]*\n\nThe plumber comes on Tuesday\.\n\nKind regards,\nDemo User$/,
    );
    assert.match(String(after.body), /Kind regards,\nDemo User$/);
    assert.equal(after.revision, 1);
    assert.equal((await c.get('/v1/credits/balance')).json.credits_remaining, before - 0.1);
    // A sent email is not revised; a plain message is not a revision.
    const sent = (await outbox()).find((e) => e.status === 'sent')!;
    const refused = await c.post('/v1/coordination/message', { message: revisionRequest(sent as never, 'shorter') });
    assert.equal(refused.json.draft_id, undefined);
    assert.match(refused.json.response, /already sent/);
    assert.equal((await c.post('/v1/coordination/message', { message: 'Hello' })).json.intent, 'greeting');
  });

  it('train-voice learns from the sent emails picked, and refuses ids that are not sent emails', async () => {
    const sent = (await outbox()).filter((e) => e.status === 'sent').map((e) => e.id);
    const r = await c.post('/v1/email/voice-profile/train', { email_ids: sent });
    assert.equal(r.json.samples_analyzed, sent.length);
    assert.equal((await c.get('/v1/email/voice-profile')).json.samples_analyzed, sent.length);
    const draft = (await outbox()).find((e) => e.status === 'pending_approval')!;
    assert.equal((await c.post('/v1/email/voice-profile/train', { email_ids: [draft.id] })).status, 422);
    assert.equal((await c.post('/v1/email/voice-profile/train', {})).status, 200, 'no body, as the contract has it');
  });

  it('connecting WhatsApp as the CLI does ({}) answers {success, channel, account_name} and connects it; testing it then works', async () => {
    const r = await c.post('/v1/channels/webhook/whatsapp/connect', {});
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      success: true,
      channel: 'whatsapp',
      account_name: '+1 415 555 0134 (WhatsApp Business)',
    });
    const status = (await c.get('/v1/channels/status')).json.channels.find(
      (x: { channel: string }) => x.channel === 'whatsapp',
    );
    assert.deepEqual(
      [status.connected, status.account_name, status.status],
      [true, '+1 415 555 0134 (WhatsApp Business)', undefined],
    );
    const tested = await c.post('/v1/channels/webhook/whatsapp/test');
    assert.deepEqual(
      [tested.status, tested.json.success, tested.json.account_name],
      [200, true, '+1 415 555 0134 (WhatsApp Business)'],
    );
  });

  it('connect=pairing (opt-in): connecting Telegram without credentials answers a pairing; its link finishes it', async () => {
    await c.post('/v1/channels/disconnect/telegram');
    const wired = await c.post(
      '/v1/channels/webhook/whatsapp/connect',
      {},
      { 'x-sandbox-variant': 'connect.telegram=pairing' },
    );
    assert.equal(
      wired.json.account_name,
      '+1 415 555 0134 (WhatsApp Business)',
      'scoped to Telegram: WhatsApp still connects at once',
    );
    const r = await c.post('/v1/channels/webhook/telegram/connect', {}, { 'x-sandbox-variant': 'connect=pairing' });
    assert.equal(r.json.status, 'pending');
    assert.match(r.json.pairing_code, /^KALLY-\d{6}$/);
    assert.ok(r.json.pairing_url.startsWith(`${c.url}/sandbox/pages/pair-channel?channel=telegram&code=`));
    const pending = (await c.get('/v1/channels/status')).json.channels.find(
      (x: { channel: string }) => x.channel === 'telegram',
    );
    assert.deepEqual([pending.connected, pending.status], [false, 'pairing']);
    assert.equal((await c.post('/v1/channels/webhook/telegram/test', {})).json.error.code, 'channel_not_connected');
    const page = await fetchResult(r.json.pairing_url);
    assert.match(page.text, /id="approve"/);
    await fetchResult(`${r.json.pairing_url}&confirm=1`);
    const done = (await c.get('/v1/channels/status')).json.channels.find(
      (x: { channel: string }) => x.channel === 'telegram',
    );
    assert.deepEqual([done.connected, done.account_name], [true, '@demo_kally_bot']);
    assert.equal((await c.post('/v1/channels/webhook/telegram/test', {})).json.success, true);
    assert.equal(
      (await fetchResult(`${c.url}/sandbox/pages/pair-channel?channel=telegram&code=KALLY-000000`)).status,
      404,
    );
  });

  it('status lists SMS (the KallyAI number) with the contract channels', async () => {
    const channels = (await c.get('/v1/channels/status')).json.channels as Array<{
      channel: string;
      connected: boolean;
      account_name: string;
    }>;
    assert.deepEqual(
      channels.map((x) => x.channel),
      ['email', 'sms', 'whatsapp', 'telegram', 'linkedin', 'instagram', 'twitter'],
    );
    assert.deepEqual(
      channels.filter((x) => x.connected).map((x) => x.channel),
      ['email', 'sms', 'telegram'],
    );
    assert.equal(channels.find((x) => x.channel === 'sms')!.account_name, '+14155550134');
  });

  it('seed-messages adds older messages for paging; the inbox pages by limit and tells the total', async () => {
    const first = (await c.get('/v1/messages/inbox')).json;
    assert.equal(first.total, 10);
    const seeded = await c.post('/sandbox/seed-messages', { count: 73 });
    assert.deepEqual(seeded.json, { added: 73, total: 83 });
    const page = (await c.get('/v1/messages/inbox?limit=50')).json;
    assert.equal(page.messages.length, 50);
    assert.equal(page.total, 83);
    const times = page.messages.map((m: { received_at: string }) => m.received_at);
    assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    assert.equal((await c.get('/v1/messages/inbox?limit=100')).json.messages.length, 83);
    assert.equal(
      (await c.get('/v1/messages/inbox?channel=sms&limit=200')).json.messages.every(
        (m: { channel: string }) => m.channel === 'sms',
      ),
      true,
    );
    assert.equal((await c.post('/sandbox/seed-messages', { count: 0 })).status, 400);
  });

  it('seed-hostile puts the payloads in the draft (To, Cc, subject, body), a sent email and its replies, an email message and a notification address', async () => {
    const payloads = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>'];
    const ids = (await c.post('/sandbox/seed-hostile', { payloads })).json;
    const mail = await outbox();
    const draft = mail.find((e) => e.id === ids.draftId)!;
    assert.deepEqual(draft.cc, [payloads[1], payloads[0]]);
    const sent = mail.find((e) => e.id === ids.sentEmailId)!;
    assert.equal(sent.status, 'sent');
    const replies = (await c.get(`/v1/actions/email/${ids.sentEmailId}/replies`)).json.replies;
    assert.deepEqual(
      replies.map((r: { body: string }) => r.body),
      payloads,
    );
    const message = (await c.get(`/v1/email/messages/${ids.emailMessageId}`)).json;
    assert.equal(message.subject, payloads[0]);
    assert.equal(message.attachments[0].filename, payloads[0]);
    const addresses = (await c.get('/v1/channels/email/list')).json.emails;
    assert.equal(addresses.find((e: { id: string }) => e.id === ids.channelEmailId).label, payloads[0]);
  });
});
