/** A hostile world to test against (issue 21): the payload corpus (test/shared/hostileText.json),
 *  POST /sandbox/seed-hostile putting it in every text field the service sends, the hostile run
 *  that words the sandbox's own answers with it until /sandbox/reset, faults whose error carries a
 *  hostile message in every error shape, and live calls with any caller name. Every route is read
 *  over real HTTP by the extension's own client (src/api/client.ts with the catalogue), so a
 *  payload that broke a schema would fail here, not in a view. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ops } from '../../src/api/catalogue';
import type { KallyClient } from '../../src/api/client';
import { HOSTILE_URLS } from '../../sandbox/hostileText';
import { type SandboxClient, eventually, openSandbox } from '../../sandbox/testing';
import { HOSTILE_TEXT_FILE, asciiJson, buildHostileText } from '../shared/hostileText';
import { client, failure } from './api.helpers';

const corpus = JSON.parse(readFileSync(HOSTILE_TEXT_FILE, 'utf8')) as ReturnType<typeof buildHostileText>;
const P: readonly string[] = corpus.payloads;
const ALL = P.join(' ');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A payload, exactly (a name-like field holds one). */
function isPayload(value: unknown, what: string): void {
  assert.ok(
    typeof value === 'string' && P.includes(value),
    `${what} is a payload (got ${JSON.stringify(value)?.slice(0, 80)})`,
  );
}
const payloadsIn = (values: unknown[], what: string) => values.forEach((v, i) => isPayload(v, `${what}[${i}]`));
const byId = <T extends { id?: unknown }>(list: readonly T[] | null | undefined, id: string): T => {
  const found = list?.find((x) => x.id === id);
  assert.ok(found, `id ${id} is in the list`);
  return found;
};

const SEED_IDS = [
  'goalId',
  'conversationId',
  'callId',
  'messageId',
  'draftId',
  'sentEmailId',
  'emailMessageId',
  'channelEmailId',
  'inboundCallId',
  'contactId',
  'voicemailId',
  'ruleId',
  'phoneNumberId',
  'forwardingTargetId',
  'outreachTaskId',
  'creditEntryId',
  'actionId',
  'bookingActionId',
  'calendarEventId',
  'bookingId',
  'searchId',
  'emailAccountId',
  'channelMessageId',
];

describe('test/shared/hostileText.json', () => {
  const has = (text: string) => assert.ok(P.includes(text), `the corpus has ${JSON.stringify(text)}`);
  const some = (what: string, test: (p: string) => boolean) => assert.ok(P.some(test), `the corpus has ${what}`);

  it('is what test/shared/hostileText.ts writes, in ASCII, each payload named', () => {
    assert.equal(
      readFileSync(HOSTILE_TEXT_FILE, 'utf8'),
      asciiJson(buildHostileText()),
      'regenerate it: npx tsx test/shared/hostileText.ts',
    );
    assert.doesNotMatch(readFileSync(HOSTILE_TEXT_FILE, 'utf8'), /[^\n\x20-\x7e]/);
    assert.equal(corpus.names.length, P.length);
    assert.equal(new Set(P).size, P.length, 'no payload twice');
  });

  it('links every surface might follow, to a command, a script, a file, the editor, a tracker; the canary in each form', () => {
    for (const link of [
      '[x](javascript:alert(1))',
      '[x](file:///etc/passwd)',
      '[x](vscode://settings)',
      '![](https://evil.example/p.gif)',
      '<https://evil.example>',
      '<command:kallyai.signOut>',
      'command:workbench.action.terminal.new',
      '[click](command:kallyai.test.canary)',
      '<command:kallyai.test.canary>',
    ])
      has(link);
    some('the terminal sendSequence link', (p) =>
      p.includes(
        '[see details](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20PWNED%5Cn%22%7D)',
      ),
    );
    assert.equal(corpus.canary, 'kallyai.test.canary');
    some('an HTML anchor to the canary', (p) => p.includes('<a href="command:kallyai.test.canary">'));
    some('HTML that would run', (p) => p.startsWith('<img src=x onerror='));
    some('codicon syntax', (p) => p.includes('$(zap)'));
  });

  it('bidi overrides and isolates, marks, tag characters and zero-width characters', () => {
    some('a right-to-left override before "fdp.exe"', (p) => p.includes('\u202Efdp.exe'));
    for (const c of [
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200F',
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u061C',
      '\u200B',
      '\u200C',
      '\u200D',
      '\uFEFF',
      '\u2060',
    ]) {
      some(`U+${c.charCodeAt(0).toString(16).toUpperCase()}`, (p) => p.includes(c));
    }
    some('tag characters (U+E0041…)', (p) => p.includes('\u{E0041}'));
  });

  it('values of 10,000 characters, and each catastrophic shape at 10–20 KB (a run of "<", "<a", spaces and tabs, unclosed tags, a link and 10,000 ")", runs of "[", long addresses)', () => {
    const sized = (name: string, test: (p: string) => boolean) => {
      const i = corpus.names.indexOf(name);
      assert.ok(i >= 0, `the corpus has "${name}"`);
      const text = P[i];
      assert.ok(text.length >= 10_000 && text.length <= 20_500, `"${name}" is 10–20 KB (${text.length})`);
      assert.ok(test(text), `"${name}" has its shape`);
    };
    sized('10,000 characters without a break', (t) => t.length === 10_000);
    sized('20,000 <', (t) => /^<+$/.test(t));
    sized('10,000 <a', (t) => t.startsWith('<a<a<a'));
    sized('spaces and tabs', (t) => t.startsWith(' \t \t'));
    sized('unclosed tags', (t) => !t.includes('>'));
    sized('a link and 10,000 )', (t) => t.endsWith(')'.repeat(10_000)) && t.startsWith('[x]('));
    sized('20,000 [', (t) => /^\[+$/.test(t));
    sized('10,000 [ before a link', (t) => t.startsWith('[[[[') && t.endsWith('](command:kallyai.test.canary)'));
    sized('very long email address', (t) => t.includes('@'));
    sized('very long web address', (t) => t.startsWith('https://'));
    const bytes = Buffer.byteLength(JSON.stringify({ payloads: P }));
    assert.ok(bytes < 500_000, `the corpus posts in well under the sandbox's 1 MB body limit (${bytes} bytes)`);
  });
});

describe("POST /sandbox/seed-hostile with the corpus: every text field the service sends, read by the extension's client", () => {
  let c: SandboxClient;
  let api: KallyClient;
  let ids: Record<string, string>;
  before(async () => {
    c = await openSandbox({ timeScale: 1000 });
    api = client(c.sandbox);
    const seeded = await c.post('/sandbox/seed-hostile', { payloads: P });
    assert.equal(seeded.status, 200, seeded.text.slice(0, 200));
    ids = seeded.json;
  });
  after(() => c.close());

  it('answers the id of every hostile thing it made, as a test control (not logged as an API request)', async () => {
    assert.deepEqual(Object.keys(ids).sort(), [...SEED_IDS].sort());
    for (const key of SEED_IDS) assert.match(ids[key], /^[0-9a-f-]{36}$/, key);
    const logged = (await c.get('/sandbox/requests')).json.requests as Json[];
    assert.ok(
      !logged.some((r) => r.path === '/sandbox/seed-hostile'),
      'its 300 KB body is not kept in the request log',
    );
  });

  it('receptionist: a finished inbound call (caller, summary, action items, transcript), its voicemail, a VIP contact, a rule with hostile keywords', async () => {
    const call = byId((await api.execute(ops.inbound.calls, { query: { limit: 100 } })).calls, ids.inboundCallId);
    isPayload(call.caller_name, 'caller_name');
    assert.equal(call.caller_number, '+12015550187', 'the number stays valid');
    assert.equal(call.summary, ALL);
    assert.deepEqual(
      (call.action_items as Json[]).map((x) => x.description),
      P,
    );
    assert.equal(
      (await api.execute(ops.inbound.call, { path: { id: ids.inboundCallId } })).caller_name,
      call.caller_name,
    );
    const transcript = await api.execute(ops.inbound.transcript, { path: { id: ids.inboundCallId } });
    assert.ok(
      transcript.entries.some((e) => e.content?.includes(call.caller_name as string)),
      'the transcript names the hostile caller',
    );
    const voicemail = byId((await api.execute(ops.inbound.voicemails)).voicemails, ids.voicemailId);
    isPayload(voicemail.caller_name, 'voicemail caller_name');
    assert.equal(voicemail.transcription, ALL);
    assert.equal(call.voicemail_id, ids.voicemailId);
    const contact = byId((await api.execute(ops.inbound.contacts)).contacts, ids.contactId);
    isPayload(contact.name, 'contact name');
    assert.deepEqual([contact.notes, contact.phone_number, contact.is_vip], [ALL, '+12015550187', true]);
    const rules = (await api.execute(ops.inbound.rules)).rules;
    assert.equal(rules[0].id, ids.ruleId, 'the hostile rule comes first (priority 1)');
    isPayload(rules[0].name, 'rule name');
    assert.deepEqual((rules[0].conditions as Json).keywords, P);
  });

  it('numbers: a provisioned number with a hostile friendly name and caller ID, a forwarding target with a hostile label', async () => {
    const number = byId((await api.execute(ops.phone.list)).phone_numbers, ids.phoneNumberId);
    payloadsIn([number.friendly_name, number.caller_id_name], 'number');
    assert.equal(number.phone_number, '+14155550177', 'the number stays valid');
    assert.equal(
      (await api.execute(ops.phone.get, { path: { id: ids.phoneNumberId } })).friendly_name,
      number.friendly_name,
    );
    const targets = (await api.execute(ops.phone.forwardingTargets)).targets as Json[];
    const target = byId(targets, ids.forwardingTargetId);
    isPayload(target.label, 'forwarding label');
    assert.equal(target.phone_number, number.forwarding_number);
  });

  it('outreach, credits, actions, search history, email accounts and the voice profile', async () => {
    const task = byId((await api.execute(ops.outreach.tasks)).tasks, ids.outreachTaskId);
    payloadsIn([task.goal, task.recipient_name], 'outreach task');
    assert.equal(task.completion_summary, ALL);
    assert.equal((await api.execute(ops.outreach.task, { path: { id: ids.outreachTaskId } })).goal, task.goal);
    const history = (await api.execute(ops.credits.history, { query: { limit: 500 } })).entries;
    isPayload(byId(history, ids.creditEntryId).description, 'credit description');
    assert.ok(
      history.some((e) => P.includes(e.type as string) && P.includes(e.description as string)),
      'an entry of a hostile type',
    );
    assert.ok(
      (await api.execute(ops.credits.breakdown)).items.some((i) => P.includes(i.action_type as string)),
      'the breakdown groups by the hostile type',
    );
    const log = (await api.execute(ops.actions.log, { query: { limit: 200 } })).actions;
    for (const [id, target] of [
      [ids.actionId, ids.calendarEventId],
      [ids.bookingActionId, ids.bookingId],
    ]) {
      const entry = byId(log, id);
      isPayload(entry.description, 'action description');
      assert.deepEqual([entry.target_id, entry.undoable], [target, true]);
    }
    isPayload(byId((await api.execute(ops.search.history)).searches, ids.searchId).query, 'past search');
    isPayload(byId((await api.execute(ops.email.accounts)).accounts, ids.emailAccountId).email, 'email account');
    const profile = await api.execute(ops.email.voiceProfile);
    payloadsIn([profile.tone, profile.formality, profile.typical_greeting, profile.typical_sign_off], 'voice profile');
    const state = (await c.get('/sandbox/state')).json;
    const event = byId<Json>(state.calendarEvents, ids.calendarEventId);
    payloadsIn([event.title, event.location], 'calendar event');
    assert.equal(event.description, ALL);
    const booking = byId<Json>(state.bookings, ids.bookingId);
    payloadsIn([booking.name, booking.confirmation_code], 'booking');
    assert.equal(booking.notes, ALL);
  });

  it('channels: every connected account named with a payload, and a channel the service names itself', async () => {
    const { channels } = await api.execute(ops.channels.status);
    const connected = channels!.filter((ch) => ch.connected);
    assert.ok(['email', 'sms', 'telegram', 'whatsapp'].every((name) => connected.some((ch) => ch.channel === name)));
    payloadsIn(
      connected.map((ch) => ch.account_name),
      'account_name',
    );
    assert.ok(
      connected.some((ch) => P.includes(ch.channel as string)),
      'a channel whose name is a payload',
    );
  });

  it('notifications: what waits for the person names hostile goals, drafts, senders and channels', async () => {
    const pending = await api.execute(ops.notifications.pending);
    assert.ok(
      pending.goals?.items?.some((g) => g.id === ids.goalId && g.summary?.startsWith(P[0])),
      'the hostile goal waits, by its title',
    );
    assert.ok(
      pending.actions?.items?.some((a) => a.id === ids.draftId && P.some((p) => a.summary?.endsWith(p))),
      'the hostile draft waits, by its subject',
    );
    const message = byId(pending.inbox?.items, ids.channelMessageId);
    payloadsIn([message.channel, message.preview, (message as Json).from], 'pending message');
    assert.equal(pending.active_goal?.id, ids.goalId);
    payloadsIn([pending.active_goal?.summary, pending.active_goal?.current_step_description], 'active goal');
    const inbox = await api.execute(ops.messages.message, { path: { id: ids.channelMessageId } });
    assert.equal(inbox.channel, message.channel);
  });

  it('while the run is hostile, the answers the sandbox words itself carry payloads, and websites are links never to follow', async () => {
    const search = await api.execute(ops.search.run, { body: { query: 'pizza near me' } });
    for (const r of search.results)
      payloadsIn([r.title, r.name, r.description, r.address, r.source, r.price_range], 'search result');
    const urls = search.results.flatMap((r) => [r.url, (r as Json).website]);
    for (const url of ['javascript:', 'file:', 'command:', 'vscode:'])
      assert.ok(
        urls.some((u) => u?.startsWith(url)),
        `a ${url} website`,
      );
    assert.ok(
      search.results.every((r) => /^\+1201555\d{4}$/.test(r.phone ?? '')),
      'phones stay valid',
    );
    const quick = await api.execute(ops.search.quick, { body: { query: 'pizza' } });
    assert.ok(
      P.some((p) => quick.answer?.startsWith(p)) && quick.answer?.includes(`](${HOSTILE_URLS[0]})`),
      'the quick answer is hostile and links to a script',
    );
    payloadsIn(
      quick.results.map((r) => r.title),
      'quick result',
    );
    payloadsIn(
      ((await api.execute(ops.search.sources)).sources as Json[]).map((s) => s.name),
      'source',
    );
    const plans = (await api.execute(ops.credits.plans)).plans!;
    assert.deepEqual(Object.keys(plans), ['starter', 'pro', 'power', 'business'], 'plan ids stay usable');
    payloadsIn(
      Object.values(plans).map((p) => p.name),
      'plan name',
    );
    payloadsIn(
      ((await api.execute(ops.stripe.plans)) as Json).plans.map((p: Json) => p.name),
      'stripe plan name',
    );
    const restaurants = (
      await api.execute(ops.actions.searchRestaurants, { body: { query: 'italian', party_size: 2 } })
    ).results;
    for (const r of restaurants)
      payloadsIn([r.name, r.cuisine, r.address, r.price_range, ...(r.availability as string[])], 'restaurant');
    assert.ok(
      restaurants.every((r) => /^rest-hostile-\d$/.test(r.id ?? '')),
      'restaurant ids stay usable',
    );
    const bill = await api.execute(ops.actions.analyzeBill, { body: { description: 'Internet bill', amount: 90 } });
    payloadsIn([...(bill.analysis?.recommendations ?? []), bill.analysis?.fair_price_range], 'bill analysis');
    const countries = ((await api.execute(ops.phone.supportedCountries)) as Json).countries as Json[];
    payloadsIn(
      countries.map((x) => x.name),
      'country',
    );
    payloadsIn(
      (((await api.execute(ops.phone.available, { query: { country: 'US' } })) as Json).numbers as Json[]).map(
        (n) => n.locality,
      ),
      'locality',
    );
    isPayload(
      ((await api.execute(ops.phone.details, { path: { id: ids.phoneNumberId } })) as Json).configuration.greeting,
      'greeting',
    );
  });

  it("coordination: KallyAI's reply, its suggestions, the steps it plans and the messages of goal actions", async () => {
    const reply = await api.execute(ops.coordination.message, { body: { message: 'Book a table for two tonight' } });
    assert.ok(
      P.some((p) => reply.response?.startsWith(p)) && reply.response?.includes(`](${HOSTILE_URLS[0]})`),
      'the reply is hostile and links to a script',
    );
    assert.equal(reply.message, reply.response);
    payloadsIn(reply.suggestions ?? [], 'suggestion');
    const goal = await api.execute(ops.coordination.goal, { path: { id: reply.goal_id! } });
    payloadsIn(
      (goal.steps ?? []).map((s) => s.description),
      'planned step',
    );
    const done = await api.execute(ops.coordination.approveStep, { path: { id: reply.goal_id! } });
    isPayload(done.message, 'goal action message');
    const history = await api.execute(ops.coordination.history, { query: { conversation_id: reply.conversation_id! } });
    assert.equal(
      (history.messages as Json[]).at(-1)!.content,
      reply.response,
      'the conversation keeps the hostile reply',
    );
  });

  it('a call that ends, an email reply drafted and an outreach task that completes while the run is hostile are worded with payloads', async () => {
    const call = await api.execute(ops.calls.create, {
      body: {
        submission: {
          task_category: 'general',
          task_description: 'Ask about the opening hours.',
          respondent_phone: '+12015550100',
        },
        timezone: 'UTC',
      },
    });
    assert.equal(call.status, 'success');
    isPayload(call.highlights, 'highlights');
    assert.equal(call.next_steps, P.map((p) => `- ${p}`).join('\n'));
    assert.equal((call as Json).transcript, undefined, 'the transcript is served by its endpoint only');
    const transcript = await api.execute(ops.calls.transcript, { path: { call_id: call.call_id! } });
    assert.deepEqual(
      transcript.entries.map((e) => e.content),
      P,
    );
    const drafted = await api.execute(ops.email.respond, { path: { id: ids.emailMessageId }, body: {} });
    isPayload(drafted.draft?.body, 'drafted reply');
    const task = await api.execute(ops.outreach.create, {
      body: { goal: 'Ask the landlord about the heating', recipient_identifier: 'landlord@example.com' },
    });
    const finished = await eventually(async () => {
      const t = await api.execute(ops.outreach.task, { path: { id: task.id! } });
      return t.status === 'completed' ? t : undefined;
    }, 'the outreach task to complete');
    isPayload(finished.completion_summary, 'completion summary');
  });

  it("a live inbound call while the run is hostile: KallyAI's words about it are payloads until it ends with hostile action items", async () => {
    const live = (
      await c.post('/sandbox/inbound-call', {
        caller_number: '+12015550136',
        duration_seconds: 1,
        outcome: 'completed',
      })
    ).json;
    isPayload(live.summary, 'live summary');
    const ended = await eventually(async () => {
      const x = await api.execute(ops.inbound.call, { path: { id: live.id } });
      return x.status === 'completed' ? x : undefined;
    }, 'the live call to end');
    isPayload(ended.summary, 'summary at the end');
    payloadsIn(
      (ended.action_items as Json[]).map((x) => x.description),
      'action item',
    );
  });
});

describe('POST /sandbox/reset ends the hostile run', () => {
  let c: SandboxClient;
  let api: KallyClient;
  const few = ['[x](command:kallyai.test.canary)', '\u202Efdp.exe'];
  before(async () => {
    c = await openSandbox();
    api = client(c.sandbox);
  });
  after(() => c.close());

  it('answers are worded as usual again and the hostile things are gone', async () => {
    const ids = (await c.post('/sandbox/seed-hostile', { payloads: few })).json;
    assert.ok(few.includes((await api.execute(ops.credits.plans)).plans!.pro.name!), 'hostile before the reset');
    assert.equal((await c.post('/sandbox/reset', {})).status, 200);
    const plans = (await api.execute(ops.credits.plans)).plans!;
    assert.deepEqual(
      Object.values(plans).map((p) => p.name),
      ['Starter', 'Pro', 'Power', 'Business'],
    );
    const search = await api.execute(ops.search.run, { body: { query: 'pizza' } });
    assert.ok(search.results.every((r) => r.url?.startsWith('https://') && !few.includes(r.title as string)));
    const reply = await api.execute(ops.coordination.message, { body: { message: 'hello' } });
    assert.match(reply.response ?? '', /^Hi! Tell me what you need/);
    const { channels } = await api.execute(ops.channels.status);
    assert.deepEqual(
      channels!.map((ch) => ch.channel),
      ['email', 'sms', 'whatsapp', 'telegram', 'linkedin', 'instagram', 'twitter'],
    );
    assert.ok(channels!.every((ch) => !few.includes(ch.account_name as string)));
    const pending = JSON.stringify(await api.execute(ops.notifications.pending));
    assert.ok(
      few.every((p) => !pending.includes(p)),
      'nothing hostile waits',
    );
    assert.equal((await c.get(`/v1/inbound/calls/${ids.inboundCallId}`)).status, 404);
  });
});

describe('faults with a message: the error carries it in whichever shape is served', () => {
  let c: SandboxClient;
  let api: KallyClient;
  const long = `${'<'.repeat(10_000)}[x](command:kallyai.test.canary)${')'.repeat(9_968)}`;
  before(async () => {
    c = await openSandbox();
    api = client(c.sandbox, { retry: { retries: 0 } });
  });
  after(() => c.close());
  const fault = (body: Json) => c.post('/sandbox/faults', body);

  it('20,000 characters, served whole in the nested, details, flat and FastAPI shapes, for every resource or one', async () => {
    assert.equal(long.length, 20_000);
    const shapes: Array<[variant: string | undefined, path: string, read: (j: Json) => unknown]> = [
      ['error=nested', '/v1/calls', (j) => j.error.message],
      ['error=details', '/v1/calls', (j) => j.error.details.message],
      ['error=flat', '/v1/calls', (j) => j.message],
      ['error=fastapi', '/v1/calls', (j) => j.detail],
      [undefined, '/v1/calls', (j) => j.error.message],
      ['error.phone-numbers=details', '/v1/phone-numbers', (j) => j.error.details.message],
    ];
    for (const [variant, path, read] of shapes) {
      assert.equal(
        (await fault({ path: `^${path}$`, status: 503, code: 'service_unavailable', message: long })).status,
        200,
      );
      const r = await c.request('GET', path, { headers: variant ? { 'x-sandbox-variant': variant } : {} });
      assert.equal(r.status, 503, `${variant ?? 'default'} ${path}`);
      assert.equal(read(r.json), long, `${variant ?? 'default'} ${path}`);
    }
  });

  it("the extension's client reads a hostile message as what the server said, in every shape", async () => {
    for (const variant of ['nested', 'details', 'flat', 'fastapi']) {
      await fault({ path: '^/v1/credits/balance$', status: 422, code: 'validation_error', message: P[0] });
      await c.post('/sandbox/variant', { variant: `error=${variant}` });
      const error = await failure(api.execute(ops.credits.balance));
      assert.equal(error.serverMessage, P[0], variant);
      assert.equal(error.status, 422);
    }
    await c.request('DELETE', '/sandbox/variant');
  });

  it('a message is checked when the fault is posted: text of 1 to 20,000 characters, with a status', async () => {
    const cases: Array<[Json, RegExp]> = [
      [{ path: '/v1/calls', status: 500, message: 5 }, /message must be text of 1 to 20000 characters/],
      [{ path: '/v1/calls', status: 500, message: '' }, /message must be text of 1 to 20000 characters/],
      [
        { path: '/v1/calls', status: 500, message: 'x'.repeat(20_001) },
        /message must be text of 1 to 20000 characters/,
      ],
      [{ path: '/v1/calls', message: 'no status' }, /message needs a status/],
    ];
    for (const [body, says] of cases) {
      const r = await fault(body);
      assert.deepEqual([r.status, r.json.error.code], [400, 'invalid_fault'], JSON.stringify(body).slice(0, 80));
      assert.match(r.json.error.message, says);
    }
    assert.deepEqual((await c.get('/sandbox/faults')).json.faults, [], 'none was added');
  });
});

describe('POST /sandbox/inbound-call takes the name a caller gives, up to 10,000 characters', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox();
  });
  after(() => c.close());

  it("a 10,000-character name is the call's name; 10,001 is refused naming the field", async () => {
    const name = `${'\u202E'.repeat(10)}[see details](command:kallyai.test.canary)${'<a'.repeat(4_974)}`;
    assert.equal(name.length, 10_000);
    const live = await c.post('/sandbox/inbound-call', {
      caller_number: '+12015550138',
      caller_name: name,
      duration_seconds: 3600,
    });
    assert.equal(live.status, 200, live.text.slice(0, 200));
    assert.equal(live.json.caller_name, name);
    const listed = (await c.get('/v1/inbound/calls')).json.calls.find((x: Json) => x.id === live.json.id);
    assert.equal(listed.caller_name, name);
    const refused = await c.post('/sandbox/inbound-call', { caller_name: 'x'.repeat(10_001) });
    assert.deepEqual(
      [refused.status, refused.json.error.code, refused.json.error.details],
      [400, 'invalid_control', { field: 'caller_name' }],
    );
    assert.match(refused.json.error.message, /at most 10000 characters/);
  });
});
