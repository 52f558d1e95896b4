/** How the extension reads email and channels (src/models/email.ts, src/models/channel.ts), the
 *  compose page's field checks (an invalid address, an empty subject or body: a sentence next to
 *  the field), the revision request, and local validation that keeps bad input off the network. */
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ops } from '../../src/api/catalogue';
import { KallyApiError } from '../../src/api/errors';
import { verificationToken } from '../../src/api/schemas/channels';
import { describeError } from '../../src/format';
import { canConnect, canDisconnect, canTest, channelName, isPairing, pairingOf } from '../../src/models/channel';
import {
  addressesText,
  ccOf,
  classificationLabel,
  draftIdOf,
  failureOf,
  htmlToText,
  mailText,
  outboxId,
  outboxState,
  recipientsText,
  REVISION_INSTRUCTIONS_MAX,
  replySubject,
  revisionRequest,
  senderName,
} from '../../src/models/email';
import { draftBody, draftErrors } from '../../src/pages/composePage';
import { clearRequests, client, countingFetch, requests, sandbox, type SandboxHandle } from './api.helpers';
import { serviceText as svc } from '../../src/api/serviceText';

describe('outgoing email', () => {
  it('reads every status into pending, sent, failed, discarded, other', () => {
    const states = [
      'pending_approval',
      'sent',
      'failed',
      'cancelled',
      'bounced',
      'delivered',
      'teleported',
      undefined,
    ].map((status) => outboxState({ status: status === undefined ? undefined : svc(status) }));
    assert.deepEqual(states, ['pending', 'sent', 'failed', 'discarded', 'failed', 'sent', 'other', 'other']);
  });

  it('names every recipient, To then Cc, however Cc arrived', () => {
    assert.deepEqual(ccOf({ cc: ['a@x.com', ' b@x.com '] }), ['a@x.com', 'b@x.com']);
    assert.deepEqual(ccOf({ cc: 'a@x.com, b@x.com;c@x.com' }), ['a@x.com', 'b@x.com', 'c@x.com']);
    assert.deepEqual(ccOf({ cc: null }), []);
    assert.equal(recipientsText({ to: svc('to@x.com'), cc: ['a@x.com'] }), 'to@x.com, a@x.com');
    assert.equal(recipientsText({}), '?');
  });

  it('finds the id and the failure wherever the server put them', () => {
    assert.equal(outboxId({ email_id: 'e1' }), 'e1');
    assert.equal(outboxId({ id: 'i1', email_id: 'e1' }), 'i1');
    assert.equal(draftIdOf({ success: true, draft_id: 'd1', draft: { id: 'd2' } }), 'd1');
    assert.equal(draftIdOf({ draft: { id: 'd2' } }), 'd2');
    assert.equal(draftIdOf({ email_id: 7 }), '7');
    assert.equal(draftIdOf({ success: true }), undefined);
    assert.equal(failureOf({ failure_reason: svc('bounced') }), 'bounced');
    assert.equal(failureOf({ error: { message: svc('refused') } }), 'refused');
    assert.equal(failureOf({ error: 'nope' }), 'nope');
  });

  it('asks the coordination AI for a revision with the draft as context, within its 4000 characters', () => {
    const draft = {
      id: 'd-42',
      to: svc('landlord@example.com'),
      cc: ['me@example.com'],
      subject: svc('Kitchen sink leak'),
      body: svc('Hello,\n\nThe sink leaks.\n\nBest'),
    };
    const text = revisionRequest(draft, '  Make it more formal  ');
    assert.match(text, /^Revise my email draft\b/);
    assert.match(text, /^Draft id: d-42$/m);
    assert.match(text, /^Instructions: Make it more formal$/m);
    assert.match(text, /^To: landlord@example\.com$/m);
    assert.match(text, /^Cc: me@example\.com$/m);
    assert.match(text, /^Subject: Kitchen sink leak$/m);
    assert.ok(text.endsWith(draft.body));
    const long = revisionRequest({ ...draft, body: svc('x'.repeat(20_000)) }, 'y'.repeat(REVISION_INSTRUCTIONS_MAX));
    assert.ok(long.length <= 4000, `${long.length} characters`);
    assert.match(long, /the rest of the draft is on the server\]$/);
    assert.doesNotThrow(() => ops.coordination.message.body!.parse({ message: long }));
  });
});

describe('email messages', () => {
  it('shows plain text as is and an HTML email only as its text', () => {
    assert.equal(
      mailText({ body: svc('Hi <b>there</b>') }),
      'Hi <b>there</b>',
      'plain text that mentions a tag stays text',
    );
    assert.equal(mailText({ body_text: svc('plain'), body_html: svc('<p>html</p>') }), 'plain');
    assert.equal(
      mailText({
        body_html: svc(
          '<html><head><style>p{}</style><script>x()</script></head><body><p>Dear Ana,</p><p>See you&nbsp;at 8 &amp; bring <i>wine</i>.<br>B</p></body></html>',
        ),
      }),
      'Dear Ana,\n\nSee you at 8 & bring wine.\nB',
    );
    assert.equal(mailText({ body: svc('<!DOCTYPE html><p>&#x41;&#66;</p>') }), 'AB');
    assert.equal(mailText({ snippet: svc('only a snippet') }), 'only a snippet');
    assert.equal(
      htmlToText('<img src=x onerror=alert(1)>&lt;script&gt;'),
      '<script>',
      'entities come back as text, to be escaped where shown',
    );
  });

  it('reads addresses, senders and classifications for people', () => {
    assert.equal(
      addressesText(['a@x.com', { name: 'Bo', email: 'b@x.com' }, { address: 'c@x.com' }]),
      'a@x.com, Bo <b@x.com>, c@x.com',
    );
    assert.equal(addressesText(undefined), '');
    assert.equal(senderName('SkyJet Customer Care <care@skyjet.example>'), 'SkyJet Customer Care');
    assert.equal(senderName('"Luigi" <l@x.com>'), 'Luigi');
    assert.equal(senderName('plain@x.com'), 'plain@x.com');
    assert.deepEqual(
      ['important', 'actionable', 'informational', 'spam', 'promotions', undefined].map(classificationLabel),
      ['Important', 'Needs action', 'Informational', 'Spam', 'Promotions', 'All mail'],
    );
    assert.equal(replySubject('Table for 4'), 'Re: Table for 4');
    assert.equal(replySubject('RE: Table for 4'), 'RE: Table for 4');
  });
});

describe('channels', () => {
  it('names channels and says what can be done with each', () => {
    assert.deepEqual(['whatsapp', 'sms', 'twitter', 'mastodon'].map(channelName), [
      'WhatsApp',
      'SMS',
      'X (Twitter)',
      'Mastodon',
    ]);
    assert.ok(
      canConnect({ channel: svc('telegram') }) &&
        !canConnect({ channel: svc('linkedin') }) &&
        !canConnect({ channel: svc('email') }),
    );
    assert.ok(
      canTest({ channel: svc('telegram'), connected: true }) &&
        !canTest({ channel: svc('telegram'), connected: false }),
    );
    assert.ok(
      canDisconnect({ channel: svc('email'), connected: true }) &&
        !canDisconnect({ channel: svc('sms'), connected: true }),
    );
    assert.ok(
      isPairing({ status: svc('pairing'), connected: false }) &&
        !isPairing({ status: svc('pairing'), connected: true }),
    );
  });

  it('reads what a connect answer says to finish pairing, under any name; nothing when it simply connected', () => {
    assert.deepEqual(
      pairingOf('telegram', {
        pairing_url: svc('https://t.me/bot?start=K-1'),
        pairing_code: svc('K-1'),
        instructions: svc('Press Start'),
        expires_at: svc('soon'),
      }),
      {
        channel: 'telegram',
        url: 'https://t.me/bot?start=K-1',
        code: 'K-1',
        instructions: 'Press Start',
        expiresAt: 'soon',
      },
    );
    assert.deepEqual(pairingOf('whatsapp', { link: svc('https://wa.me/1?text=A'), code: svc('A') }), {
      channel: 'whatsapp',
      url: 'https://wa.me/1?text=A',
      code: 'A',
      instructions: undefined,
      expiresAt: undefined,
    });
    assert.equal(
      pairingOf('telegram', { deep_link: svc('javascript:alert(1)') }),
      undefined,
      'only http(s) links are offered',
    );
    assert.equal(
      pairingOf('telegram', { success: true, channel: svc('telegram'), account_name: svc('@bot') }),
      undefined,
    );
  });

  it('takes the verification token, or the whole link it came in', () => {
    assert.equal(verificationToken('  abc123 '), 'abc123');
    assert.equal(verificationToken('https://api.kallyai.com/v1/channels/email/verify?token=ab%2Fc&x=1'), 'ab/c');
    assert.deepEqual(ops.channels.verifyEmail.query!.parse({ token: 'https://x.test/verify?token=t0k' }), {
      token: 't0k',
    });
  });
});

describe('the compose page: every field checked, a sentence next to each', () => {
  it('accepts a complete email and splits Cc', () => {
    assert.deepEqual(draftErrors({ to: ' landlord@example.com ', subject: 'Heating', body: 'It broke.' }), {});
    assert.deepEqual(draftBody({ to: ' a@x.com ', cc: 'b@x.com, c@x.com; d@x.com', subject: 'S', body: 'B' }), {
      to: 'a@x.com',
      subject: 'S',
      body: 'B',
      cc: ['b@x.com', 'c@x.com', 'd@x.com'],
    });
    assert.equal('cc' in draftBody({ to: 'a@x.com', cc: '  ', subject: 'S', body: 'B' }), false);
  });

  it('an invalid address, an empty subject or body, a bad Cc: one clear sentence per field', () => {
    assert.deepEqual(draftErrors({ to: 'not-an-address', subject: '   ', body: '' }), {
      to: 'Use an email address such as name@example.com.',
      subject: 'Subject must not be empty.',
      body: 'Body must not be empty.',
    });
    assert.deepEqual(draftErrors({ to: '', subject: 's', body: 'b' }), {
      to: 'Use an email address such as name@example.com.',
    });
    assert.deepEqual(draftErrors({ to: 'a@x.com', cc: 'b@x.com, nope', subject: 's', body: 'b' }), {
      cc: 'Use an email address such as name@example.com. (Cc address 2)',
    });
    assert.deepEqual(draftErrors({ to: 'a@x.com', subject: 'x'.repeat(301), body: 'b' }), {
      subject: 'Subject must be at most 300 characters.',
    });
  });
});

describe('bad input never reaches the network', () => {
  let sb: SandboxHandle;
  before(async () => {
    sb = await sandbox();
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(() => clearRequests(sb));

  const refused = async (run: () => Promise<unknown>, sentence: RegExp) => {
    const counting = countingFetch();
    await assert.rejects(run, (e: KallyApiError) => {
      assert.equal(e.code, 'invalid_input');
      assert.match(
        describeError(e, { classification: 'Classification', subject: 'Subject', body: 'Body' }).sentence,
        sentence,
      );
      return true;
    });
    return counting;
  };

  it('an invalid address, an empty subject or body, an unknown classification', async () => {
    const c = client(sb);
    await refused(
      () =>
        c.execute(ops.actions.sendEmail, {
          body: { to: 'landlord(at)example.com', subject: 'Heating', body: 'Broken.' },
        }),
      /^Use an email address such as name@example\.com\.$/,
    );
    await refused(
      () => c.execute(ops.actions.sendEmail, { body: { to: 'landlord@example.com', subject: '  ', body: 'Broken.' } }),
      /^Subject must not be empty\.$/,
    );
    await refused(
      () =>
        c.execute(ops.actions.sendEmail, { body: { to: 'landlord@example.com', subject: 'Heating', body: '\n\n' } }),
      /^Body must not be empty\.$/,
    );
    await refused(
      () =>
        c.execute(ops.actions.sendEmail, {
          body: { to: 'landlord@example.com', cc: ['ok@example.com', 'bad'], subject: 'Heating', body: 'Broken.' },
        }),
      /^Use an email address/,
    );
    await refused(
      () => c.execute(ops.email.messages, { query: { classification: 'urgent' as never } }),
      /^Classification must be one of: important, actionable, informational, spam\.$/,
    );
    await refused(
      () => c.execute(ops.email.respond, { path: { id: 'm1' }, body: { instructions: 'x'.repeat(2001) } }),
      /at most 2000 characters/,
    );
    await refused(() => c.execute(ops.email.trainVoice, { body: { email_ids: [] } }), /needs at least 1/);
    await refused(() => c.execute(ops.channels.addEmail, { body: { email_address: 'nope' } }), /^Use an email address/);
    assert.deepEqual(await requests(sb), [], 'nothing was sent');
  });
});
