// Email, messages and channels (issue 12) in the real extension host against the sandbox: the
// Email view (accounts, mail by classification, the outbox with replies as a thread, the voice
// profile), connecting an account without a refresh, disconnecting, reading and answering an
// email, writing one on the compose page (bad input said next to its field, nothing sent), the
// draft page (Approve & Send names the recipients and the cost; Discard; Ask KallyAI to Revise),
// the Inbox's filters and paging, the Channels page (pairing, test, disconnect, notification
// addresses, the mailbox), and every email surface rendering hostile text as text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommandsModule } from '../../src/app';
import type { Views, ViewNode } from '../../src/views';
import { escapeHtml } from '../../src/format';
import {
  answerConsents,
  changesNothing,
  clearSandboxRequests,
  nodeLabel,
  openPage,
  pageText,
  resetSandbox,
  sandboxApi,
  sandboxFetch,
  sandboxJson,
  sandboxRequests,
  sandboxWrites,
  waitFor,
  type RunResult,
} from './helpers';
import { signInToFreshSandbox } from './signIn';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Page {
  current?: { title: string; body: { text: string } };
  deliver(m: unknown): Promise<string>;
  panel: vscode.WebviewPanel;
  ignored: number;
}

let commands: CommandsModule;
let views: Views;

const state = () => sandboxJson<Json>('/sandbox/state');
const page = async (kind: string, id: string) => (await openPage(kind, id)) as unknown as Page | undefined;
const text = (p: Page) => pageText(p.current!.body);
const kids = (n?: ViewNode) => views.testing.providers.email.getChildren(n);
const node = async (id: string, parent?: ViewNode) => (await kids(parent)).find((n) => n.id === id);
const answer = (yes: boolean) => answerConsents(commands, yes);
const reloadEmail = () => views.testing.providers.email.loader.load('mutation');

suite('Email, messages and channels', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    const exports = await signInToFreshSandbox();
    commands = exports.commands();
    views = exports.views;
    // Tests here count the requests the sandbox heard ("nothing was asked of the server"). Polling
    // off stops the timers that would add theirs at any moment: the live-call probe (every 10 s
    // while the window has the focus), the notifications poll and the views following live calls.
    // (Connect Gmail's own watch is not one of them: it runs while the command waits.)
    await vscode.workspace
      .getConfiguration('kallyai')
      .update('pollIntervalSeconds', 0, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.kallyai');
    await views.email.setClassification(undefined);
    await views.inbox.setFilter({});
    await reloadEmail();
  });

  setup(async () => {
    await resetSandbox();
    await reloadEmail();
  });

  teardown(() => commands.pipeline.consent.answerWith(undefined));

  suiteTeardown(async () => {
    await vscode.workspace
      .getConfiguration('kallyai')
      .update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await views.email.setClassification(undefined);
    await views.inbox.setFilter({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSandbox();
  });

  test('the Email view: accounts, all mail, the outbox by state, the voice profile, the channels; the drafts badge', async () => {
    const s = await state();
    const roots = await kids();
    assert.deepEqual(
      roots.map((n) => n.id),
      ['email/accounts', 'email/mail', 'email/outbox', 'email/voice', 'email/channels'],
    );
    const accounts = await kids(roots[0]);
    assert.deepEqual(
      accounts.map(nodeLabel),
      s.emailAccounts.map((a: Json) => a.email),
    );
    assert.equal(accounts[0].item.contextValue, 'emailAccount');
    assert.equal(nodeLabel(roots[1]), 'Mail — All mail');
    const mail = await kids(roots[1]);
    assert.deepEqual(mail.map(nodeLabel).sort(), s.emailMessages.map((m: Json) => m.subject).sort());
    assert.match(String(mail.find((n) => /unread/.test(String(n.item.contextValue)))?.item.description), /unread$/);
    const groups = await kids(roots[2]);
    assert.deepEqual(
      groups.map((g) => g.id),
      ['email/outbox/pending', 'email/outbox/failed', 'email/outbox/sent', 'email/outbox/discarded'],
    );
    const count = (status: string) => s.outbox.filter((e: Json) => e.status === status).length;
    for (const [g, status] of [
      [groups[0], 'pending_approval'],
      [groups[1], 'failed'],
      [groups[2], 'sent'],
      [groups[3], 'cancelled'],
    ] as const) {
      assert.equal((await kids(g)).length, count(status), `${g.id}`);
    }
    assert.equal(
      groups[3].item.collapsibleState,
      vscode.TreeItemCollapsibleState.Collapsed,
      'discarded email stays folded',
    );
    const draft = (await kids(groups[0]))[0];
    assert.match(String(draft.item.contextValue), /^draft awaitingApproval/);
    assert.equal(draft.item.command?.command, 'kallyai.inbox.openDraft');
    assert.equal(views.testing.treeViews.email.badge?.value, count('pending_approval'));
    for (const n of [...accounts, ...mail])
      assert.ok(
        n.item.id && n.item.tooltip && n.item.iconPath && n.item.accessibilityInformation?.label,
        `${n.id} lacks id/tooltip/icon/a11y`,
      );
  });

  test('the mail filter in the view title: a classification from the contract, said in the title; an unknown one is refused and asks nothing', async () => {
    await clearSandboxRequests();
    const r = await vscode.commands.executeCommand<Json>('kallyai.email.filterMail', 'important');
    assert.equal(r.outcome, 'filtered');
    assert.equal(views.testing.treeViews.email.description, 'Important');
    const sent = (await sandboxRequests()).filter((q) => q.path === '/v1/email/messages');
    assert.deepEqual(
      sent.map((q) => q.query.classification),
      ['important'],
    );
    const mailGroup = (await node('email/mail'))!;
    assert.equal(nodeLabel(mailGroup), 'Mail — Important');
    const important = (await sandboxApi<{ messages: Json[] }>('/v1/email/messages?classification=important')).messages;
    assert.deepEqual(
      (await kids(mailGroup)).map(nodeLabel),
      important.map((m) => m.subject),
    );

    await clearSandboxRequests();
    const bad = await vscode.commands.executeCommand<Json>('kallyai.email.filterMail', 'urgent');
    assert.deepEqual([bad.outcome, bad.code], ['failed', 'invalid_input']);
    assert.equal(
      bad.message,
      '"urgent" is not a mail classification. Choose important, actionable, informational or spam.',
    );
    assert.deepEqual(await sandboxRequests(), [], 'nothing was asked of the server');
    assert.equal(views.email.classification(), 'important', 'the filter is unchanged');
    // The operation itself refuses an unknown classification before the network.
    const op = await vscode.commands.executeCommand<Json>('kallyai.email.list', {
      query: { classification: 'urgent' },
      quiet: true,
    });
    assert.deepEqual([op.outcome, op.code], ['failed', 'invalid_input']);
    assert.equal(op.message, 'Classification must be one of: important, actionable, informational, spam.');
    assert.deepEqual(await sandboxRequests(), []);
    await vscode.commands.executeCommand('kallyai.email.filterMail', 'all');
    assert.equal(views.testing.treeViews.email.description, undefined);
  });

  test('no email account: "Connect an email account" in the view, and email_not_connected anywhere offers the same button', async () => {
    for (const a of (await state()).emailAccounts) await sandboxApi(`/v1/email/accounts/${a.id}`, { method: 'DELETE' });
    await reloadEmail();
    const accounts = await kids((await node('email/accounts'))!);
    assert.deepEqual(
      accounts.map((n) => [nodeLabel(n), n.item.command?.command]),
      [['Connect an email account', 'kallyai.email.connect']],
    );
    const mail = await kids((await node('email/mail'))!);
    assert.deepEqual(
      mail.map((n) => [nodeLabel(n), n.item.command?.command]),
      [['Connect an email account', 'kallyai.email.connect']],
    );
    const r = await vscode.commands.executeCommand<Json>('kallyai.email.write', {
      to: 'landlord@example.com',
      subject: 'Heating',
      body: 'Broken again.',
    });
    assert.deepEqual(
      [r.outcome, r.code, r.action, r.message],
      ['failed', 'email_not_connected', 'connectEmail', 'Connect an email account first.'],
    );
    const list = await vscode.commands.executeCommand<Json>('kallyai.email.list', { query: {}, quiet: true });
    assert.deepEqual([list.code, list.action], ['email_not_connected', 'connectEmail']);
  });

  test('Connect Gmail opens the consent page; once allowed, the account appears in the view without a refresh, and the watch stops', async () => {
    for (const a of (await state()).emailAccounts) await sandboxApi(`/v1/email/accounts/${a.id}`, { method: 'DELETE' });
    await reloadEmail();
    await clearSandboxRequests();
    const r = await vscode.commands.executeCommand<Json>('kallyai.email.connectGmail');
    assert.deepEqual([r.outcome, r.provider, r.watching], ['opened', 'gmail', true]);
    assert.match(String(r.url), /\/sandbox\/pages\/connect-email\?provider=gmail$/);
    // The person allows it in the browser (the tab the command opened may do it first: auto-approve).
    await sandboxFetch('/sandbox/pages/connect-email/approve?provider=gmail');
    const shown = await waitFor(
      async () => (await kids((await node('email/accounts'))!)).find((n) => n.item.contextValue === 'emailAccount'),
      20_000,
      'the account in the Email view',
    );
    assert.equal(nodeLabel(shown), 'demo@kallyai.test');
    // Bounded: once it appeared, nothing polls the accounts any more: the watch (which polls every
    // 2.5 s while it runs) has ended by itself, with the account it saw connected.
    assert.ok(r.watch instanceof Promise, 'the command hands back its watch');
    const watched = await r.watch;
    assert.equal(watched?.email, 'demo@kallyai.test', 'the watch stopped, having seen the account');
  });

  test('Disconnect asks first, naming the address; "Keep Account" keeps it; the view follows', async () => {
    const account = (await kids((await node('email/accounts'))!))[0];
    const declined = answer(false);
    await vscode.commands.executeCommand('kallyai.email.disconnect', account);
    assert.equal(declined.length, 1);
    assert.equal(declined[0].question, 'Disconnect demo@kallyai.test from KallyAI?');
    assert.deepEqual([declined[0].confirm, declined[0].decline], ['Disconnect Account', 'Keep Account']);
    assert.ok(declined[0].lines.includes('This cannot be undone.'));
    assert.equal((await state()).emailAccounts.length, 1, 'kept');
    answer(true);
    await vscode.commands.executeCommand('kallyai.email.disconnect', account);
    assert.equal((await state()).emailAccounts.length, 0);
    await waitFor(
      async () => nodeLabel((await kids((await node('email/accounts'))!))[0]) === 'Connect an email account',
      10_000,
      'the view to follow',
    );
  });

  test('reading an email opens its page; Draft a Reply (with instructions) asks with its cost, and the draft opens for review', async () => {
    const m = (await state()).emailMessages.find((x: Json) => x.classification === 'actionable');
    const mailNode = (await kids((await node('email/mail'))!)).find((n) => nodeLabel(n) === m.subject)!;
    await vscode.commands.executeCommand(mailNode.item.command!.command, ...(mailNode.item.command!.arguments ?? []));
    const p = (await page('mail', m.id))!;
    assert.equal(p.panel.title, `${m.subject} — email`);
    const t = text(p);
    for (const s of [m.from, m.body, 'Needs action']) assert.ok(t.includes(s), `"${s}" is on the page`);
    assert.ok(!t.includes(m.id), 'no id on the page');
    assert.match(p.current!.body.text, /<form data-action="respond" data-fields>/);

    await clearSandboxRequests();
    const asked = answer(true);
    assert.equal(
      await p.deliver({
        type: 'action',
        action: 'respond',
        fields: { instructions: 'Take the refund to my card, please.' },
      }),
      'ran',
    );
    assert.equal(asked.length, 1);
    assert.equal(asked[0].question, 'Ask KallyAI to draft a reply to "Your refund options"?');
    const lines = asked[0].lines.join('\n');
    assert.match(lines, /following your instructions: Take the refund to my card, please\./);
    assert.match(lines, /Estimated cost: about [\d.]+ credits/);
    assert.match(lines, /Your balance: [\d.]+ credits/);
    const respond = (await sandboxRequests()).filter((q) => !changesNothing(q));
    assert.deepEqual(
      respond.map((q) => [q.path, q.body?.instructions]),
      [[`/v1/email/messages/${m.id}/respond`, 'Take the refund to my card, please.']],
    );
    const draft = (await state()).outbox.find((e: Json) => e.reply_to === m.id);
    assert.equal(draft.status, 'pending_approval');
    const draftPage = await waitFor(() => page('draft', draft.id), 10_000, 'the draft page');
    assert.ok(text(draftPage).includes('Re: Your refund options') && text(draftPage).includes('care@skyjet.example'));
    await waitFor(
      async () =>
        (await kids((await kids((await node('email/outbox'))!)).find((g) => g.id === 'email/outbox/pending'))).some(
          (n) => n.target?.id === draft.id,
        ),
      10_000,
      'the reply in Drafts',
    );
    // Without instructions KallyAI decides; the body may be empty.
    await clearSandboxRequests();
    await p.deliver({ type: 'action', action: 'respond', fields: { instructions: '   ' } });
    assert.deepEqual(
      (await sandboxRequests()).filter((q) => !changesNothing(q)).map((q) => q.body),
      [{}],
    );
  });

  test('writing an email: the compose page says what is wrong next to each field and sends nothing; a valid one becomes a draft, not sent', async () => {
    const r = await vscode.commands.executeCommand<Json>('kallyai.email.write');
    assert.equal(r.outcome, 'composing');
    const [, composeId] = String(r.page).split(':');
    const p = (await page('compose', composeId))!;
    assert.match(p.current!.body.text, /<form data-action="save" data-fields class="compose">/);
    await clearSandboxRequests();
    await p.deliver({
      type: 'action',
      action: 'save',
      fields: { to: 'landlord(at)example.com', cc: 'ok@example.com, nope', subject: '  ', body: '' },
    });
    const t = text(p);
    for (const s of [
      'Use an email address such as name@example.com.',
      'Use an email address such as name@example.com. (Cc address 2)',
      'Subject must not be empty.',
      'Body must not be empty.',
    ])
      assert.ok(t.includes(s), `"${s}" on the page: ${t}`);
    assert.match(p.current!.body.text, /value="landlord\(at\)example\.com"/, 'what was typed is kept');
    assert.deepEqual(await sandboxWrites(), [], 'nothing was sent');

    const body = 'Hello,\n\nThe heating is broken again.\n\n<b>Thanks</b>';
    await p.deliver({
      type: 'action',
      action: 'save',
      fields: { to: 'landlord@example.com', cc: 'me@example.com', subject: 'Heating', body },
    });
    assert.deepEqual(await sandboxWrites(), ['POST /v1/actions/email/send']);
    const sent = (await sandboxRequests()).find((q) => q.method === 'POST')!;
    assert.deepEqual(sent.body, { to: 'landlord@example.com', subject: 'Heating', body, cc: ['me@example.com'] });
    const draft = (await state()).outbox.find((e: Json) => e.subject === 'Heating');
    assert.equal(draft.status, 'pending_approval', 'nothing is sent until approved');
    const draftPage = await waitFor(() => page('draft', draft.id), 10_000, 'the draft page');
    assert.equal(draftPage.panel.title, 'Draft — Heating');
    await waitFor(async () => !(await page('compose', composeId)), 10_000, 'the compose page to close');
    // A complete email from code is checked the same way: bad input is refused with a sentence.
    for (const [args, sentence] of [
      [{ to: 'nope', subject: 'S', body: 'B' }, 'Use an email address such as name@example.com.'],
      [{ to: 'a@example.com', subject: 'S', body: ' \n ', compose: false }, undefined],
    ] as const) {
      await clearSandboxRequests();
      const out = await vscode.commands.executeCommand<Json>('kallyai.email.write', args);
      if (sentence) assert.deepEqual([out.outcome, out.code, out.message], ['failed', 'invalid_input', sentence]);
      else assert.equal(out.outcome, 'composing', 'an empty body opens the page to finish it');
      assert.deepEqual(await sandboxWrites(), []);
    }
  });

  test('the draft page: To, Cc, Subject, Body; Approve & Send names every recipient and the cost, and "Don\'t Send" sends nothing; Discard asks too', async () => {
    const made = await sandboxApi('/v1/actions/email/send', {
      method: 'POST',
      body: {
        to: 'landlord@example.com',
        cc: ['me@example.com', 'agent@example.com'],
        subject: 'Heating',
        body: 'Hello,\n\nIt is broken.',
      },
    });
    await vscode.commands.executeCommand('kallyai.inbox.openDraft', { id: made.id });
    const p = (await page('draft', made.id))!;
    const t = text(p);
    for (const s of [
      'To landlord@example.com',
      'Cc me@example.com, agent@example.com',
      'Subject Heating',
      'It is broken.',
      'Waiting for your approval',
      'Nothing is sent until you approve it',
    ])
      assert.ok(t.includes(s), `"${s}" on the page: ${t}`);
    assert.ok(
      /data-action="approve"/.test(p.current!.body.text) &&
        /data-action="discard"/.test(p.current!.body.text) &&
        /<form data-action="revise">/.test(p.current!.body.text),
    );

    const declined = answer(false);
    await p.deliver({ type: 'action', action: 'approve' });
    assert.equal(
      declined[0].question,
      'Send the email "Heating" to landlord@example.com, me@example.com, agent@example.com?',
    );
    assert.deepEqual([declined[0].confirm, declined[0].decline], ['Send Email', "Don't Send"]);
    const lines = declined[0].lines.join('\n');
    assert.match(lines, /KallyAI will contact landlord@example\.com, me@example\.com, agent@example\.com\./);
    assert.match(lines, /Estimated cost: about [\d.]+ credits/, 'the send consent names its credits');
    assert.match(lines, /Your balance: [\d.]+ credits/);
    assert.ok(declined[0].lines.includes('This cannot be undone.'));
    assert.equal(
      (await state()).outbox.find((e: Json) => e.id === made.id).status,
      'pending_approval',
      'declined: not sent',
    );

    answer(true);
    await p.deliver({ type: 'action', action: 'approve' });
    assert.equal((await state()).outbox.find((e: Json) => e.id === made.id).status, 'sent');
    await waitFor(
      () => text(p).includes('Sent') && text(p).includes('No replies yet.'),
      10_000,
      'the page to show it sent',
    );
    assert.equal(p.panel.title, 'Email — Heating');
    await waitFor(
      async () =>
        (await kids((await kids((await node('email/outbox'))!)).find((g) => g.id === 'email/outbox/sent'))).some(
          (n) => n.target?.id === made.id,
        ),
      10_000,
      'it shows as sent in the outbox',
    );

    const other = await sandboxApi('/v1/actions/email/send', {
      method: 'POST',
      body: { to: 'x@example.com', subject: 'Other', body: 'B' },
    });
    await vscode.commands.executeCommand('kallyai.inbox.openDraft', other.id);
    const q = (await page('draft', other.id))!;
    const keep = answer(false);
    await q.deliver({ type: 'action', action: 'discard' });
    assert.deepEqual(
      [keep[0].question, keep[0].confirm, keep[0].decline],
      ['Discard the draft "Other" to x@example.com?', 'Discard Draft', 'Keep Draft'],
    );
    answer(true);
    await q.deliver({ type: 'action', action: 'discard' });
    assert.equal((await state()).outbox.find((e: Json) => e.id === other.id).status, 'cancelled');
    await waitFor(
      () => /data-action="writeAgain"/.test(q.current!.body.text),
      10_000,
      'Write It Again on the discarded email',
    );
  });

  test('Ask KallyAI to revise: the instructions go to the coordination AI with the draft; the revised draft replaces it on the page', async () => {
    const draft = (await state()).outbox.find((e: Json) => e.subject === 'Kitchen sink leak');
    await vscode.commands.executeCommand('kallyai.inbox.openDraft', { id: draft.id });
    const p = (await page('draft', draft.id))!;
    const before = text(p);
    const asked = answer(false);
    await clearSandboxRequests();
    await p.deliver({
      type: 'action',
      action: 'revise',
      text: 'Make it more formal and mention that the plumber comes on Tuesday',
    });
    assert.deepEqual(asked, [], 'the form named the stakes: no modal');
    const sent = (await sandboxRequests()).filter((q) => q.method === 'POST');
    assert.deepEqual(
      sent.map((q) => q.path),
      ['/v1/coordination/message'],
    );
    const message = String(sent[0].body?.message);
    assert.match(message, new RegExp(`^Draft id: ${draft.id}$`, 'm'));
    assert.match(message, /^Instructions: Make it more formal and mention that the plumber comes on Tuesday$/m);
    assert.ok(message.includes(draft.body), 'the draft is the context');
    const after = text(p);
    assert.notEqual(after, before);
    assert.ok(after.includes('The plumber comes on Tuesday.') && after.includes('Kind regards,'), after);
    assert.ok(after.includes('I revised the draft "Kitchen sink leak"'), 'KallyAI says what it did');
    assert.equal(
      (await state()).outbox.find((e: Json) => e.id === draft.id).status,
      'pending_approval',
      'still waiting for approval',
    );
    // Too long instructions are refused on the page; nothing is sent.
    await clearSandboxRequests();
    await p.deliver({ type: 'action', action: 'revise', text: 'x'.repeat(1500) });
    assert.ok(text(p).includes('Say it in at most 1000 characters.'));
    assert.deepEqual(await sandboxWrites(), []);
  });

  test('the outbox: a failed email says why; a sent one shows its replies as a thread (Show Replies too)', async () => {
    const s = await state();
    const failed = s.outbox.find((e: Json) => e.status === 'failed');
    await vscode.commands.executeCommand('kallyai.inbox.openDraft', { id: failed.id });
    const f = (await page('draft', failed.id))!;
    assert.ok(text(f).includes(failed.failure_reason) && /data-action="writeAgain"/.test(f.current!.body.text));
    const r = await f.deliver({ type: 'action', action: 'writeAgain' });
    assert.equal(r, 'ran');

    const sent = s.outbox.find((e: Json) => e.status === 'sent' && e.replies.length);
    const sentGroup = (await kids((await node('email/outbox'))!)).find((g) => g.id === 'email/outbox/sent')!;
    const sentNode = (await kids(sentGroup)).find((n) => n.target?.id === sent.id)!;
    assert.match(String(sentNode.item.contextValue), /\bsent\b.+\bhasReplies\b/);
    const replies = await kids(sentNode);
    assert.equal(replies.length, sent.replies.length);
    replies.forEach((n, i) => assert.ok(nodeLabel(n).startsWith(sent.replies[i].body.slice(0, 60)), nodeLabel(n)));
    await clearSandboxRequests();
    const shown = await vscode.commands.executeCommand<RunResult>('kallyai.email.replies', sentNode);
    assert.equal(shown.outcome, 'done');
    assert.equal((await sandboxRequests()).filter((q) => q.path === `/v1/actions/email/${sent.id}/replies`).length, 1);
    const p = (await page('draft', sent.id))!;
    const t = text(p);
    assert.ok(t.includes('Replies') && t.includes(sent.body) && t.includes(sent.replies[0].body), t);
    assert.ok(t.indexOf(sent.body) < t.indexOf(sent.replies[0].body), 'the sent email, then its reply');
  });

  test('the voice profile as a document; Train Voice learns from the sent emails picked', async () => {
    await vscode.commands.executeCommand('kallyai.email.voiceProfile');
    const doc = await waitFor(
      () =>
        vscode.workspace.textDocuments.find(
          (d) => d.uri.scheme === 'kallyai' && d.uri.path.startsWith('/email/voice-profile/'),
        ),
      10_000,
      'the voice profile',
    );
    assert.match(doc.getText(), /\| Tone \| friendly and concise \|/);
    const sent = (await state()).outbox.filter((e: Json) => e.status === 'sent').map((e: Json) => e.id);
    await clearSandboxRequests();
    const r = await vscode.commands.executeCommand<RunResult>('kallyai.email.trainVoice', {
      body: { email_ids: sent },
    });
    assert.equal(r.outcome, 'done');
    assert.deepEqual(
      (await sandboxRequests()).filter((q) => q.method === 'POST').map((q) => q.body),
      [{ email_ids: sent }],
    );
    assert.equal((await state()).voiceProfile.samples_analyzed, sent.length);
  });

  test('the Inbox: channel and unread filters in the view title, "Load more" for a long inbox, threads from a message', async () => {
    const inbox = views.testing.providers.inbox;
    await sandboxJson('/sandbox/seed-messages', { method: 'POST', body: { count: 73 } });
    await clearSandboxRequests();
    await inbox.loader.load('mutation');
    const all = async () => {
      const out: ViewNode[] = [];
      for (const g of (await inbox.getChildren()).filter((n) => n.id.startsWith('inbox/channel/')))
        out.push(...(await inbox.getChildren(g)));
      return out;
    };
    assert.equal((await all()).length, 50);
    const more = (await inbox.getChildren()).at(-1)!;
    assert.deepEqual(
      [more.kind, nodeLabel(more), more.item.description, more.item.command?.command],
      ['loadMore', 'Load more', '50 of 83 shown', 'kallyai.inbox.loadMore'],
    );
    await vscode.commands.executeCommand('kallyai.inbox.loadMore');
    assert.equal((await all()).length, 83);
    assert.ok(!(await inbox.getChildren()).some((n) => n.kind === 'loadMore'), 'everything is shown');
    const limits = (await sandboxRequests()).filter((q) => q.path === '/v1/messages/inbox').map((q) => q.query.limit);
    assert.ok(
      limits.includes('50') && limits.includes('100') && limits.every((l) => l === '50' || l === '100'),
      limits.join(),
    );

    await clearSandboxRequests();
    await vscode.commands.executeCommand('kallyai.inbox.filterChannel', 'sms');
    assert.equal(views.testing.treeViews.inbox.description, 'SMS');
    assert.deepEqual(
      (await inbox.getChildren()).filter((n) => n.id.startsWith('inbox/channel/')).map((n) => n.id),
      ['inbox/channel/sms'],
    );
    assert.equal(nodeLabel((await inbox.getChildren()).find((n) => n.id === 'inbox/filter')!), 'Filtered: SMS');
    await vscode.commands.executeCommand('kallyai.inbox.showUnreadOnly');
    assert.equal(views.testing.treeViews.inbox.description, 'SMS · unread');
    const queries = (await sandboxRequests())
      .filter((q) => q.path === '/v1/messages/inbox')
      .map((q) => `${q.query.channel}/${q.query.unread ?? '-'}`);
    assert.ok(
      queries.includes('sms/-') && queries.includes('sms/true') && queries.every((q) => q.startsWith('sms/')),
      queries.join(),
    );
    for (const n of await all()) assert.match(String(n.item.contextValue), /\bunread\b/);
    await clearSandboxRequests();
    const bad = await vscode.commands.executeCommand<Json>('kallyai.inbox.filterChannel', 'fax');
    assert.deepEqual(
      [bad.outcome, bad.message],
      ['failed', '"fax" is not an inbox channel. Choose email, sms, call or chat.'],
    );
    assert.deepEqual(await sandboxRequests(), []);
    await vscode.commands.executeCommand('kallyai.inbox.showAllMessages');
    await vscode.commands.executeCommand('kallyai.inbox.filterChannel', 'all');
    assert.equal(views.testing.treeViews.inbox.description, undefined);

    // Luigi's thread: its messages offer Open Thread inline.
    await resetSandbox();
    await inbox.loader.load('mutation');
    const luigi = (await all()).filter((n) => /Table for 4/.test(nodeLabel(n)));
    assert.equal(luigi.length, 3);
    for (const n of luigi) assert.match(String(n.item.contextValue), /\binThread\b/);
    await vscode.commands.executeCommand('kallyai.inbox.openThread', luigi[0]);
    await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.path.startsWith('/threads/')),
      10_000,
      'the thread document',
    );
  });

  test('the Channels page: every channel and its state; Connect as the contract has it connects at once; under the pairing variant it shows the pairing link and code and follows it until connected', async () => {
    const r = await vscode.commands.executeCommand<RunResult>('kallyai.channels.status');
    assert.equal(r.outcome, 'done');
    const p = (await page('channels', 'all'))!;
    const t = text(p);
    for (const s of [
      'Email',
      'SMS',
      'WhatsApp',
      'Telegram',
      'LinkedIn',
      'Instagram',
      'X (Twitter)',
      '@demo_kally_bot',
      '+1 415 555 0134',
      'Your KallyAI mailbox',
      'Notification email addresses',
      'demo@kallyai.test',
    ])
      assert.ok(t.includes(s), `"${s}" on the page`);
    assert.match(p.current!.body.text, /data-action="connect" data-arg="whatsapp"/);
    assert.match(p.current!.body.text, /data-action="test" data-arg="telegram"/);
    assert.match(p.current!.body.text, /data-action="disconnect" data-arg="telegram"/);
    assert.doesNotMatch(p.current!.body.text, /data-arg="linkedin"/, 'LinkedIn is connected in the app, not here');

    // As the contract has it: {success, channel, account_name}, connected at once.
    await clearSandboxRequests();
    await p.deliver({ type: 'action', action: 'connect', arg: 'whatsapp' });
    assert.deepEqual(await sandboxWrites(), ['POST /v1/channels/webhook/whatsapp/connect']);
    assert.equal((await state()).webhooks.whatsapp.connected, true);
    // (The notice "WhatsApp is connected (…)" shows for one render only: the row is what lasts.)
    await waitFor(
      () => /data-action="test" data-arg="whatsapp"/.test(p.current!.body.text),
      10_000,
      'the page to show WhatsApp connected',
    );
    assert.doesNotMatch(p.current!.body.text, /data-action="openPairing"/);

    try {
      // The pairing variant (opt-in; /sandbox/reset returns to the contract's).
      await resetSandbox();
      await sandboxJson('/sandbox/variant', { method: 'POST', body: { variant: 'connect=pairing' } });
      await p.deliver({ type: 'action', action: 'refresh' });
      assert.match(p.current!.body.text, /data-action="connect" data-arg="whatsapp"/);
      await clearSandboxRequests();
      await p.deliver({ type: 'action', action: 'connect', arg: 'whatsapp' });
      assert.deepEqual(await sandboxWrites(), ['POST /v1/channels/webhook/whatsapp/connect']);
      const pending = (await state()).webhooks.whatsapp;
      const withPairing = text(p);
      assert.ok(
        withPairing.includes('Finish connecting WhatsApp') && withPairing.includes(pending.pairing_code),
        withPairing,
      );
      assert.match(p.current!.body.text, /data-action="openPairing"/);
      assert.match(p.current!.body.text, /data-action="copyCode"/);
      await p.deliver({ type: 'action', action: 'copyCode' });
      assert.equal(await vscode.env.clipboard.readText(), pending.pairing_code);
      await sandboxFetch(`/sandbox/pages/pair-channel?channel=whatsapp&code=${pending.pairing_code}&confirm=1`);
      // The page follows the pairing until it is done: WhatsApp's row turns connected (the notice
      // "WhatsApp is connected (…)" shows for one render only, and a busy host may render again
      // before it is read: the row is what lasts).
      await waitFor(
        () =>
          /data-action="test" data-arg="whatsapp"/.test(p.current!.body.text) &&
          !/data-action="openPairing"/.test(p.current!.body.text),
        15_000,
        'the page to see the pairing finished',
      );
      assert.doesNotMatch(p.current!.body.text, /data-action="openPairing"/);
      // A connect command from the palette hands its answer to the open page.
      await resetSandbox();
      await sandboxJson('/sandbox/variant', { method: 'POST', body: { variant: 'connect=pairing' } });
      await vscode.commands.executeCommand('kallyai.channels.disconnect', {
        path: { channel: 'telegram' },
        confirmed: true,
      });
      const c = await vscode.commands.executeCommand<RunResult>('kallyai.channels.connect', {
        path: { channel: 'telegram' },
        body: {},
      });
      assert.equal(c.outcome, 'done');
      await waitFor(() => text(p).includes('Finish connecting Telegram'), 10_000, 'the pairing on the page');
    } finally {
      await sandboxFetch('/sandbox/variant', { method: 'DELETE' });
    }
  });

  test('the Channels page: Test and Disconnect ask first (declined: nothing sent); notification addresses: add, verify with the emailed code, make primary, remove; the mailbox copies', async () => {
    await vscode.commands.executeCommand('kallyai.channels.status');
    const p = (await page('channels', 'all'))!;
    await clearSandboxRequests();
    const asked = answer(false);
    await p.deliver({ type: 'action', action: 'test', arg: 'telegram' });
    await p.deliver({ type: 'action', action: 'disconnect', arg: 'telegram' });
    assert.deepEqual(
      asked.map((s) => s.question),
      ['Send a test message on Telegram (@demo_kally_bot)?', 'Disconnect Telegram (@demo_kally_bot)?'],
    );
    assert.match(asked[0].lines.join('\n'), /KallyAI will contact Telegram \(@demo_kally_bot\)\./);
    assert.ok(asked[1].lines.includes('This cannot be undone.'));
    assert.deepEqual([asked[1].confirm, asked[1].decline], ['Disconnect', 'Stay Connected']);
    assert.deepEqual(await sandboxWrites(), [], 'declined: nothing sent');
    answer(true);
    await p.deliver({ type: 'action', action: 'test', arg: 'telegram' });
    await p.deliver({ type: 'action', action: 'disconnect', arg: 'telegram' });
    assert.deepEqual(await sandboxWrites(), [
      'POST /v1/channels/webhook/telegram/test',
      'POST /v1/channels/disconnect/telegram',
    ]);
    assert.equal((await state()).webhooks.telegram, undefined);
    // A channel the page did not offer is ignored.
    await clearSandboxRequests();
    await p.deliver({ type: 'action', action: 'disconnect', arg: 'linkedin' });
    await p.deliver({ type: 'action', action: 'connect', arg: 'evil' });
    assert.deepEqual(await sandboxWrites(), []);

    const added = answer(true);
    await vscode.commands.executeCommand('kallyai.channels.addEmail', {
      body: { email_address: 'work@example.com', label: 'Work' },
    });
    assert.equal(added[0].question, 'Send a verification email to work@example.com?');
    const entry = (await state()).channelEmails.find((e: Json) => e.email_address === 'work@example.com');
    await waitFor(
      () => text(p).includes('work@example.com') && text(p).includes('Not verified'),
      10_000,
      'the new address on the page',
    );
    const wrong = await vscode.commands.executeCommand<Json>('kallyai.channels.verifyEmail', {
      query: { token: 'not-the-token' },
    });
    assert.equal(wrong.outcome, 'done');
    assert.equal(
      wrong.message,
      'That code was not accepted. Copy it again from the newest verification email, or add the address again for a new one.',
    );
    const link = `http://127.0.0.1/v1/channels/email/verify?token=${entry.verification_token}`;
    const ok = await vscode.commands.executeCommand<Json>('kallyai.channels.verifyEmail', { query: { token: link } });
    assert.equal(ok.message, 'The address is verified: KallyAI sends your notifications there.');
    assert.equal((await state()).channelEmails.find((e: Json) => e.id === entry.id).verified, true);
    await p.deliver({ type: 'action', action: 'refresh' });
    await p.deliver({ type: 'action', action: 'makePrimary', arg: entry.id });
    assert.equal((await state()).channelEmails.find((e: Json) => e.id === entry.id).is_primary, true);
    const removing = answer(false);
    await p.deliver({ type: 'action', action: 'remove', arg: entry.id });
    assert.deepEqual(
      [removing[0].question, removing[0].confirm, removing[0].decline],
      ['Remove work@example.com from your notification addresses?', 'Remove Address', 'Keep Address'],
    );
    assert.ok(
      (await state()).channelEmails.some((e: Json) => e.id === entry.id),
      'kept',
    );
    answer(true);
    await p.deliver({ type: 'action', action: 'remove', arg: entry.id });
    assert.ok(!(await state()).channelEmails.some((e: Json) => e.id === entry.id));

    await p.deliver({ type: 'action', action: 'copyMailbox' });
    const mailbox = (await sandboxApi('/v1/channels/mailbox')).mailbox;
    assert.equal(await vscode.env.clipboard.readText(), mailbox);
    const shown = await vscode.commands.executeCommand<Json>('kallyai.channels.mailbox');
    assert.equal(shown.message, `Your KallyAI mailbox is ${mailbox}. Email sent or forwarded there reaches KallyAI.`);
  });

  test('hostile text on every email surface renders as text: the draft, a sent email and its replies, an email message, the compose page, the Channels page', async () => {
    const payloads = [
      '<img src=x onerror="window.__kallyaiPwned=1">',
      '<script>window.__kallyaiPwned=1</script>',
      '"><svg onload=alert(1)>',
      "' onmouseover='alert(1)",
      '</textarea><img src=x onerror=alert(1)>',
      '<a href="command:kallyai.signOut">x</a>',
      '\u202Eevil',
    ];
    const ids = await sandboxJson<Json>('/sandbox/seed-hostile', { method: 'POST', body: { payloads } });
    await vscode.commands.executeCommand('kallyai.inbox.openDraft', { id: ids.draftId });
    await vscode.commands.executeCommand('kallyai.inbox.openDraft', { id: ids.sentEmailId });
    await vscode.commands.executeCommand('kallyai.email.read', { id: ids.emailMessageId });
    await vscode.commands.executeCommand('kallyai.channels.status');
    const compose = await vscode.commands.executeCommand<Json>('kallyai.email.write', {
      to: payloads[0],
      subject: payloads[1],
      body: payloads[4],
      compose: true,
    });
    const OWN = new Set([
      'section',
      'h1',
      'h2',
      'p',
      'br',
      'span',
      'div',
      'strong',
      'button',
      'table',
      'tr',
      'th',
      'td',
      'ul',
      'li',
      'form',
      'label',
      'textarea',
      'input',
      'code',
    ]);
    for (const [kind, id] of [
      ['draft', ids.draftId],
      ['draft', ids.sentEmailId],
      ['mail', ids.emailMessageId],
      ['channels', 'all'],
      ['compose', String(compose.page).split(':')[1]],
    ] as const) {
      const p = await waitFor(async () => (await page(kind, id))?.current, 10_000, `the ${kind} page`);
      const body = p.body.text;
      for (const [tag, name, attrs] of body.matchAll(/<\/?([a-zA-Z0-9]+)([^>]*)>/g)) {
        assert.ok(OWN.has(name.toLowerCase()), `${kind}: a <${name}> tag survived: ${tag}`);
        // Attribute values are escaped (no quote inside): only the attribute names can matter.
        assert.ok(!/\s(on[a-z]+|href|src|style)\s*=/i.test(attrs.replace(/"[^"]*"/g, '""')), `${kind}: ${tag}`);
      }
      assert.ok(
        payloads.some((x) => x.length > 10 && body.includes(escapeHtml(x))),
        `${kind} shows the payloads as text`,
      );
      assert.ok(!body.includes('\u202E'), `${kind}: a bidirectional override survived`);
      assert.equal(
        (body.match(/<\/textarea>/g) ?? []).length,
        (body.match(/<textarea/g) ?? []).length,
        `${kind}: no textarea closed early`,
      );
    }
    const sentText = text((await page('draft', ids.sentEmailId))!);
    assert.ok(
      payloads.every((x) => sentText.includes(x.replace('\u202E', ''))),
      'every hostile reply is in the thread, as text',
    );
  });
});
