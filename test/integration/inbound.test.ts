// The receptionist in the real extension host against the sandbox: the Receptionist view (live calls
// first, the status filter, voicemails counted in the badge, rules, contacts), a call that arrives
// live and is announced, the consent of transfer / take over / reject / delete naming the caller,
// bad input refused before anything is sent, the call page, the player (audio handed to the page as
// bytes, no token or address in it), the analytics page with its charts, the event log.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommandsModule } from '../../src/app';
import type { Stakes } from '../../src/pipeline/consent/stakes';
import type { Views } from '../../src/views';
import {
  answerConsents,
  clearSandboxRequests,
  activateExtension,
  nodeLabel,
  openPage,
  pageText,
  resetSandbox,
  sandboxJson,
  sandboxRequests,
  sandboxWrites,
  unescapeMarkdown,
  waitFor,
  type RunResult,
} from './helpers';
import { signInToFreshSandbox } from './signIn';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Page {
  current?: { title: string; body: { text: string } };
  deliver(m: unknown): Promise<string>;
  panel: vscode.WebviewPanel;
  mediaDelivered?: { bytes?: number; mimeType?: string; error?: string };
  violations: unknown[];
}

let commands: CommandsModule;
let views: Views;
const state = () => sandboxJson<Json>('/sandbox/state');
const receptionist = () => views.testing.providers.receptionist;
const page = async (kind: string, id: string) => (await openPage(kind, id)) as unknown as Page;
const answer = (yes: boolean) => answerConsents(commands, yes);
const stakesText = (s: Stakes) => [s.question, ...s.lines].join('\n');

suite('Receptionist: the view, live calls, consent, pages', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    const exports = await signInToFreshSandbox();
    views = exports.views;
    commands = exports.commands();
    await vscode.commands.executeCommand('workbench.view.extension.kallyai');
    await views.filterReceptionist(undefined);
  });

  teardown(() => commands.pipeline.consent.answerWith(undefined));

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await views.filterReceptionist(undefined);
    await resetSandbox();
  });

  test('the view: the live call first, then the calls (caller by name, time, duration, outcome), voicemails with the new one in the badge, rules, contacts', async () => {
    await receptionist().loader.load('user');
    const roots = await receptionist().getChildren();
    assert.deepEqual(roots.map(nodeLabel), ['Live now', 'Calls', 'Voicemails', 'Rules', 'Contacts']);
    const [live] = await receptionist().getChildren(roots[0]);
    assert.equal(nodeLabel(live), 'Alex Rivera');
    assert.match(String(live.item.description), /^Live · \d+:\d\d · VIP$/);
    assert.match(String(live.item.contextValue), /\bliveCall\b/);
    const calls = await receptionist().getChildren(roots[1]);
    const seeded = (await state()).inboundCalls.filter((c: Json) => c.status !== 'active');
    assert.equal(calls.length, seeded.length);
    const courier = calls.find((n) => nodeLabel(n) === 'QuickShip Courier')!;
    assert.match(String(courier.item.description), /1:14 · The courier will deliver/);
    const unknown = calls.find((n) => nodeLabel(n) === '+1 201 555 0132');
    assert.ok(unknown, 'a caller without a name shows the number as people read it');
    assert.deepEqual((await receptionist().getChildren(courier)).map(nodeLabel), [
      'Details',
      'Transcript',
      'Recording',
    ]);
    assert.deepEqual(
      (await receptionist().getChildren(unknown)).map(nodeLabel),
      ['Details'],
      'a missed call has no transcript or recording',
    );
    assert.equal(roots[2].item.description, '1 new');
    assert.equal(views.testing.treeViews.receptionist.badge?.value, 1);
    assert.equal(views.testing.treeViews.receptionist.badge?.tooltip, '1 new voicemail');
    const rules = await receptionist().getChildren(roots[3]);
    assert.deepEqual(
      rules.map(nodeLabel),
      ['Transfer VIP callers to me', 'Block sales calls', 'Take a message'],
      'first match first',
    );
    assert.match(String(rules[0].item.description), /VIP callers → Transfer the call to \+1 201 555 0177/);
    const contacts = await receptionist().getChildren(roots[4]);
    assert.deepEqual(contacts.map(nodeLabel), ['Alex Rivera', 'Mom', 'Bright Smile Dental'], 'VIPs first');
    assert.match(String(contacts[0].item.contextValue), /\bvip\b/);
  });

  test('the status filter in the view title: only missed calls, live calls still first; back to every call', async () => {
    await clearSandboxRequests();
    const r = await vscode.commands.executeCommand<Json>('kallyai.receptionist.filter', 'missed');
    assert.equal(r.filter, 'missed');
    const roots = await receptionist().getChildren();
    assert.deepEqual(roots.slice(0, 2).map(nodeLabel), ['Live now', 'Missed calls']);
    const shown = await receptionist().getChildren(roots[1]);
    assert.deepEqual(shown.map(nodeLabel), ['+1 201 555 0132']);
    assert.equal(
      views.testing.treeViews.receptionist.description,
      'filtered: missed calls',
      'the filter in words, not its code',
    );
    assert.ok((await sandboxRequests()).some((q) => q.path === '/v1/inbound/calls' && q.query.status === 'missed'));
    await vscode.commands.executeCommand('kallyai.receptionist.filter', 'all');
    assert.equal(nodeLabel((await receptionist().getChildren())[1]), 'Calls');
    assert.equal(views.testing.treeViews.receptionist.description, undefined);
  });

  test('a call that arrives is announced once, shows live first in the view, and the view follows it', async () => {
    await views.testing.liveCalls.probeNow(); // the baseline: calls already live are not announced
    const call = await sandboxJson<Json>('/sandbox/inbound-call', {
      method: 'POST',
      body: { caller_number: '+12015550136', duration_seconds: 120, outcome: 'completed' },
    });
    const announced = await views.testing.liveCalls.probeNow();
    assert.deepEqual(
      announced.map((c) => c.id),
      [call.id],
    );
    assert.ok(views.testing.liveCalls.announced.includes(call.id));
    assert.deepEqual(
      (await views.testing.liveCalls.probeNow()).map((c) => c.id),
      [],
      'announced once',
    );
    const liveNames = await waitFor(
      async () => {
        const roots = await receptionist().getChildren();
        const names = (await receptionist().getChildren(roots[0])).map(nodeLabel);
        return names.includes('Jamie Chen') ? names : undefined;
      },
      10_000,
      'the new call in Live now',
    );
    assert.deepEqual(liveNames.sort(), ['Alex Rivera', 'Jamie Chen']);
  });

  test("a live call's notification lasts as long as KallyAI answers it: Take Over, Transfer… and Open are links to our commands with the call, and it ends when the call does, or at once when you take it over", async () => {
    const { shown } = await activateExtension();
    const watcher = views.testing.liveCalls;
    await watcher.probeNow();
    const from = shown.length;
    // Inbound calls run in real seconds: this one ends by itself after 3.
    const short = await sandboxJson<Json>('/sandbox/inbound-call', {
      method: 'POST',
      body: { caller_number: '+12015550139', caller_name: 'Morgan Lee', duration_seconds: 3, outcome: 'completed' },
    });
    await watcher.probeNow();
    assert.ok(watcher.notified.includes(short.id), 'its notification shows');
    const title = shown
      .slice(from)
      .filter((x) => x.surface === 'progress')
      .flatMap((x) => x.texts)
      .find((t) => t.includes('Morgan Lee (+1 201 555 0139) is calling; KallyAI is answering.'));
    assert.ok(title, 'a progress notification, which ends with the call');
    const links = [...title.matchAll(/\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: "[^"]*")?\)/g)].map(
      (m) => [m[1], m[2].replace(/\?.*$/, ''), JSON.parse(decodeURIComponent(m[2].slice(m[2].indexOf('?') + 1)))],
    );
    assert.deepEqual(links, [
      ['Take Over', 'command:kallyai.receptionist.takeOver', [{ id: short.id }]],
      ['Transfer…', 'command:kallyai.receptionist.transfer', [{ id: short.id }]],
      ['Open', 'command:kallyai.receptionist.openCall', [{ id: short.id }]],
    ]);
    assert.deepEqual(
      shown.slice(from).filter((x) => x.surface === 'notification'),
      [],
      'no notification whose buttons would outlive the call',
    );
    await waitFor(
      async () => {
        await watcher.probeNow();
        return !watcher.notified.includes(short.id);
      },
      20_000,
      'the notification to end with the call',
    );

    const long = await sandboxJson<Json>('/sandbox/inbound-call', {
      method: 'POST',
      body: { caller_number: '+12015550141', caller_name: 'Riley Park', duration_seconds: 20, outcome: 'completed' },
    });
    await watcher.probeNow();
    assert.ok(watcher.notified.includes(long.id));
    answer(true);
    const taken = await vscode.commands.executeCommand<RunResult>('kallyai.receptionist.takeOver', { id: long.id });
    assert.equal(taken.outcome, 'done', JSON.stringify(taken));
    await waitFor(() => !watcher.notified.includes(long.id), 10_000, 'the notification to end once the call is yours');
  });

  test('Transfer, Take Over and Reject ask first, naming the caller and what happens; declined, nothing is sent', async () => {
    const live = (await state()).inboundCalls.find(
      (c: Json) => c.status === 'active' && c.caller_name === 'Alex Rivera',
    );
    const asked = answer(false);
    await clearSandboxRequests();
    const transfer = await vscode.commands.executeCommand<RunResult>('kallyai.receptionist.transfer', {
      id: live.id,
      body: { target_number: '+12015550177' },
    });
    const takeOver = await vscode.commands.executeCommand<RunResult>('kallyai.receptionist.takeOver', { id: live.id });
    const reject = await vscode.commands.executeCommand<RunResult>('kallyai.receptionist.reject', {
      id: live.id,
      body: { reason: 'busy' },
    });
    assert.deepEqual([transfer.outcome, takeOver.outcome, reject.outcome], ['dismissed', 'dismissed', 'dismissed']);
    assert.deepEqual(await sandboxWrites(), [], 'nothing sent');
    const [t, o, r] = asked;
    assert.equal(t.question, 'Transfer the call from Alex Rivera to +1 201 555 0177?');
    assert.match(
      stakesText(t),
      /KallyAI hands the call from Alex Rivera \(\+1 201 555 0130\) over to \+1 201 555 0177 and leaves it\./,
    );
    assert.match(stakesText(t), /KallyAI will contact \+1 201 555 0177\./);
    assert.deepEqual([t.confirm, t.decline], ['Transfer Call', 'Keep Answering']);
    assert.equal(o.question, 'Take over the call from Alex Rivera?');
    assert.match(stakesText(o), /KallyAI connects Alex Rivera \(\+1 201 555 0130\) to you/);
    // Which of your phones rings: the verified hand-off phone, by its name and number.
    assert.match(
      stakesText(o),
      /Your phone "My mobile" \(\+1 201 555 0177\) rings: answer it to talk to Alex Rivera\./,
    );
    assert.deepEqual([o.confirm, o.decline], ['Take Over', 'Let KallyAI Answer']);
    assert.equal(r.question, 'Reject the call from Alex Rivera?');
    assert.match(stakesText(r), /Reason noted: busy/);
    for (const s of asked) assert.ok(s.lines.includes('This cannot be undone.'), s.question);

    answer(true);
    const taken = await vscode.commands.executeCommand<RunResult>('kallyai.receptionist.takeOver', { id: live.id });
    assert.equal(taken.outcome, 'done');
    const after = (await state()).inboundCalls.find((c: Json) => c.id === live.id);
    assert.equal(after.taken_over, true);
    // Taken over: the page and the view no longer say KallyAI is answering it, nor offer Take Over again.
    await vscode.commands.executeCommand('kallyai.receptionist.openCall', { id: live.id });
    const p = await page('inboundCall', live.id);
    await waitFor(
      () => /You are on this call/.test(pageText(p.current!.body)),
      10_000,
      'the page to say you are on the call',
    );
    const text = pageText(p.current!.body);
    assert.doesNotMatch(text, /KallyAI is answering/);
    assert.ok(!p.current!.body.text.includes('data-action="takeOver"'), 'no Take Over on a call you took over');
    await views.reload('receptionist');
    const row = await waitFor(
      async () => {
        const roots = await receptionist().getChildren();
        const nodes = await receptionist().getChildren(roots[0]);
        return nodes.find((n) => nodeLabel(n) === 'Alex Rivera');
      },
      10_000,
      'the call in Live now',
    );
    assert.equal(row.item.contextValue, 'inboundCall liveCall', 'no answeringCall token: Take Over is not offered');
    assert.match(String(row.item.description), /You are on the call/);
    const again = await vscode.commands.executeCommand<RunResult>('kallyai.receptionist.takeOver', { id: live.id });
    assert.equal(again.outcome, 'unavailable');
  });

  test('deleting a rule, a contact or a call record asks first and names it', async () => {
    const s = await state();
    const asked = answer(false);
    await vscode.commands.executeCommand('kallyai.receptionist.deleteRule', {
      id: s.rules.find((r: Json) => r.name === 'Block sales calls').id,
    });
    await vscode.commands.executeCommand('kallyai.receptionist.deleteContact', {
      id: s.contacts.find((c: Json) => c.name === 'Mom').id,
    });
    await vscode.commands.executeCommand('kallyai.receptionist.deleteCall', {
      body: { call_ids: [s.inboundCalls.find((c: Json) => c.status === 'missed').id] },
    });
    assert.equal(asked[0].question, 'Delete the rule "Block sales calls"?');
    assert.match(stakesText(asked[0]), /mentions offer, solar, warranty → Reject the call/);
    assert.deepEqual([asked[0].confirm, asked[0].decline], ['Delete Rule', 'Keep Rule']);
    assert.equal(asked[1].question, 'Delete the contact Mom?');
    assert.match(stakesText(asked[1]), /\+1 201 555 0135/);
    assert.deepEqual([asked[1].confirm, asked[1].decline], ['Delete Contact', 'Keep Contact']);
    assert.equal(asked[2].question, 'Delete 1 call record?');
    for (const a of asked) assert.ok(a.lines.includes('This cannot be undone.'));
    assert.equal((await state()).rules.length, s.rules.length, 'nothing deleted');
  });

  test('bad input is refused with a clear message before anything is sent', async () => {
    const live = (await state()).inboundCalls.find((c: Json) => c.status === 'active');
    answer(true);
    await clearSandboxRequests();
    const emergency = await vscode.commands.executeCommand<Json>('kallyai.receptionist.transfer', {
      id: live.id,
      body: { target_number: '911' },
    });
    assert.equal(emergency.outcome, 'failed');
    assert.match(emergency.message, /Emergency/);
    const garbage = await vscode.commands.executeCommand<Json>('kallyai.receptionist.transfer', {
      id: live.id,
      body: { target_number: 'call me' },
    });
    assert.equal(garbage.code, 'invalid_input');
    assert.match(garbage.message, /not a phone number/);
    const premium = await vscode.commands.executeCommand<Json>('kallyai.receptionist.transfer', {
      id: live.id,
      body: { target_number: '+19005550100' },
    });
    assert.match(premium.message, /Premium-rate/);
    const noName = await vscode.commands.executeCommand<Json>('kallyai.receptionist.addRule', {
      body: { name: '', action: 'take_message' },
    });
    assert.equal(noName.code, 'invalid_input');
    assert.match(noName.message, /must not be empty/);
    const badContact = await vscode.commands.executeCommand<Json>('kallyai.receptionist.addContact', {
      body: { name: 'Someone', phone_number: '12' },
    });
    assert.equal(badContact.outcome, 'failed');
    assert.deepEqual(await sandboxWrites(), [], 'nothing was sent');
    assert.ok(!(await sandboxRequests()).some((q) => /transfer/.test(q.path)));
  });

  test('the page of a live call offers its actions (each with its consent); a past call shows its summary, action items (Mark Done), transcript', async () => {
    const s = await state();
    const live = s.inboundCalls.find((c: Json) => c.status === 'active' && c.caller_name === 'Jamie Chen');
    await vscode.commands.executeCommand('kallyai.receptionist.openCall', { id: live.id });
    const p = await page('inboundCall', live.id);
    for (const action of ['takeOver', 'transfer', 'reject'])
      assert.ok(p.current!.body.text.includes(`data-action="${action}"`), action);
    assert.match(pageText(p.current!.body), /KallyAI is answering this call now/);
    const asked = answer(false);
    await p.deliver({ type: 'action', action: 'takeOver' });
    assert.equal(asked[0]?.question, 'Take over the call from Jamie Chen?');

    const dentist = s.inboundCalls.find((c: Json) => c.caller_name === 'Bright Smile Dental');
    await vscode.commands.executeCommand('kallyai.receptionist.openCall', { id: dentist.id });
    const q = await page('inboundCall', dentist.id);
    const text = pageText(q.current!.body);
    assert.ok(
      text.includes(dentist.summary) && text.includes('Confirm the check-up by SMS') && text.includes('Transcript'),
      text,
    );
    assert.equal(q.panel.title.startsWith('Bright Smile Dental — call'), true, q.panel.title);
    await clearSandboxRequests();
    await q.deliver({ type: 'action', action: 'done', arg: '0' });
    assert.deepEqual(await sandboxWrites(), [`PATCH /v1/inbound/calls/${dentist.id}/action-items/0`]);
    assert.match(pageText(q.current!.body), /Confirm the check-up by SMS/);
    await clearSandboxRequests();
    await q.deliver({ type: 'action', action: 'done', arg: '7' });
    assert.deepEqual(await sandboxWrites(), [], 'an item the page did not offer does nothing');
  });

  test('a voicemail plays in the editor: the extension fetches the audio and hands the page its bytes (no address, no token); it is then heard', async () => {
    const voicemail = (await state()).voicemails.find((v: Json) => v.caller_name === 'ProPaint Co.');
    const r = await vscode.commands.executeCommand<RunResult>('kallyai.receptionist.playVoicemail', {
      id: voicemail.id,
    });
    assert.equal(r.outcome, 'done', JSON.stringify(r));
    const p = await page('player', `voicemail:${voicemail.id}`);
    assert.equal(p.panel.title.startsWith('ProPaint Co. — voicemail'), true, p.panel.title);
    // The page asks for its audio once its webview has loaded (seconds on a busy machine).
    const delivered = await waitFor(() => p.mediaDelivered, 60_000, 'the audio handed to the page');
    assert.equal(delivered.mimeType, 'audio/wav');
    assert.equal(delivered.bytes, 44 + Math.round(voicemail.duration_seconds * 8000));
    // The page's markup may break a tag over lines: read it with each run of white space as one space.
    const html = p.current!.body.text.replace(/\s+/g, ' ');
    assert.ok(/<audio data-player/.test(html) && /data-player-toggle/.test(html));
    assert.ok(
      !/https?:\/\//.test(html) && !/Bearer|token|signature/i.test(html),
      'the page holds no address and no token',
    );
    assert.ok(
      pageText(p.current!.body).includes('The quote is $850 including materials'),
      'the transcript is under the player',
    );
    assert.equal((await state()).voicemails.find((v: Json) => v.id === voicemail.id).listened, true);
    await waitFor(
      async () => (
        await receptionist().loader.load('mutation'),
        views.testing.treeViews.receptionist.badge === undefined
      ),
      10_000,
      'the badge to clear',
    );
    assert.deepEqual(p.violations, []);
  });

  test("an outbound call's recording plays in the editor too (the call page's Play Recording)", async () => {
    const call = (await state()).calls.find((c: Json) => c.status === 'success');
    await vscode.commands.executeCommand('kallyai.calls.openDetails', { id: call.call_id });
    const callPage = await page('call', call.call_id);
    assert.match(callPage.current!.body.text, /data-action="recording"[^>]*>.*Play Recording/);
    await callPage.deliver({ type: 'action', action: 'recording' });
    const p = await page('player', `call:${call.call_id}`);
    const delivered = await waitFor(() => p.mediaDelivered, 60_000, 'the recording handed to the page');
    assert.equal(delivered.bytes, 44 + Math.round(call.duration_seconds * 8000));
    assert.ok(
      p.current!.body.text.includes('data-action="browser"') && p.current!.body.text.includes('data-action="save"'),
      'the fallbacks',
    );
  });

  test('summary and analytics open one page with the figures and SVG charts; its range buttons read again for that range', async () => {
    await vscode.commands.executeCommand('kallyai.receptionist.summary');
    const p = await page('receptionistAnalytics', 'receptionist');
    const text = pageText(p.current!.body);
    assert.ok(
      text.includes('Calls per day') && text.includes('Calls by outcome') && text.includes('Average length'),
      text,
    );
    assert.match(p.current!.body.text, /<svg class="chart"[^>]*role="img"/);
    assert.match(p.current!.body.text.replace(/\s+/g, ' '), /<rect class="bar outcome-completed"/);
    await clearSandboxRequests();
    await p.deliver({ type: 'action', action: 'range', arg: '7' });
    const asked = (await sandboxRequests()).find((q) => q.path === '/v1/inbound/calls/analytics');
    const sevenDaysAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    assert.equal(asked?.query.date_from, sevenDaysAgo);
    assert.equal(
      (p.current!.body.text.replace(/\s+/g, ' ').match(/<rect class="bar(?: empty)?"/g) ?? []).length,
      7,
      'one bar a day',
    );
    await clearSandboxRequests();
    await p.deliver({ type: 'action', action: 'range', arg: '12' });
    assert.ok(
      !(await sandboxRequests()).some(
        (q) => q.query.date_from === new Date(Date.now() - 11 * 86_400_000).toISOString().slice(0, 10),
      ),
      'a range the page did not offer is ignored',
    );
  });

  test('a caller name from the server is text everywhere: the view, the notification, the page', async () => {
    const hostile = '<img src=x onerror="alert(1)"> `Bob` & <script>x</script>';
    await views.testing.liveCalls.probeNow();
    const call = await sandboxJson<Json>('/sandbox/inbound-call', {
      method: 'POST',
      body: { caller_number: '+12015550138', caller_name: hostile, duration_seconds: 60 },
    });
    await views.testing.liveCalls.probeNow();
    await receptionist().loader.load('mutation');
    const live = await receptionist().getChildren((await receptionist().getChildren())[0]);
    assert.ok(
      live.some((n) => nodeLabel(n) === hostile),
      'the tree item label is the plain text',
    );
    await vscode.commands.executeCommand('kallyai.receptionist.openCall', { id: call.id });
    const p = await page('inboundCall', call.id);
    const html = p.current!.body.text;
    assert.ok(!html.includes('<img') && !html.includes('<script>x'), 'no markup from the server');
    assert.ok(
      html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &#96;Bob&#96; &amp; &lt;script&gt;'),
      'escaped',
    );
  });

  test('the event log is a readable document: what happened, who called, in words', async () => {
    const r = await vscode.commands.executeCommand<RunResult>('kallyai.receptionist.events', { query: {} });
    assert.equal(r.outcome, 'done', JSON.stringify(r));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(String(r.documentUri)));
    const text = unescapeMarkdown(doc.getText());
    assert.match(text, /# Receptionist event log/);
    assert.match(text, /\| When \| What happened \| Caller \| Details \|/);
    assert.match(text, /KallyAI answered a call \| Jamie Chen/);
    assert.match(text, /You took over a call \| Alex Rivera/);
    assert.ok(!/call\.active|"type"/.test(text), 'no raw event names or JSON');
  });
});
