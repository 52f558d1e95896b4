// "KallyAI: Make a Call…" in the real extension host against the sandbox (time scale 100: a call
// lasts about a second, the long test number about six). The command runs with its arguments and
// `confirmed: true`, the test seam that records the pipeline's consent without showing its modal
// (ExtensionMode.Test only).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ops } from '../../src/api/catalogue';
import { outcomeText } from '../../src/commands/calls/callOutcome';
import type { MakeCallResult } from '../../src/commands/calls/makeCall';
import { describeCallStatus, errorSentence } from '../../src/format';
import type { Services } from '../../src/services';
import {
  activateExtension,
  clearSandboxFaults,
  clearSandboxRequests,
  inDays,
  sandboxJson,
  sandboxRequests,
  unescapeMarkdown,
  waitFor,
} from './helpers';
import { ensureSignedIn } from './signIn';

interface SandboxCall {
  call_id: string;
  status: string;
  to: string;
  created_at: string;
  submission: Record<string, unknown>;
}

const callPosts = async () => (await sandboxRequests()).filter((r) => r.method === 'POST' && r.path === '/v1/calls');
const sandboxCalls = async () => (await sandboxJson<{ calls: SandboxCall[] }>('/sandbox/state')).calls;
const setCredits = (remaining: number) => sandboxJson('/sandbox/credits', { method: 'POST', body: { remaining } });
const addFault = (fault: Record<string, unknown>) => sandboxJson('/sandbox/faults', { method: 'POST', body: fault });

/** Every question answered: the wizard asks nothing. */
function request(overrides: Record<string, unknown> = {}) {
  return {
    phone: '+12015550100',
    category: 'restaurant',
    task: 'Book a table for two tonight, a quiet table if possible',
    businessName: "Luigi's Trattoria",
    userName: 'Alex Tester',
    date: inDays(10),
    time: '20:30',
    partySize: 2,
    language: 'en',
    callLanguage: 'en',
    timezone: 'Europe/Madrid',
    confirmed: true,
    ...overrides,
  };
}

async function makeCall(args: Record<string, unknown>): Promise<MakeCallResult> {
  const result = await vscode.commands.executeCommand<MakeCallResult>('kallyai.makeCall', args);
  assert.ok(result && typeof result === 'object', 'kallyai.makeCall returned no result');
  return result;
}

suite('Make a Call: against the sandbox', () => {
  suiteSetup(async function () {
    this.timeout(120_000);
    await activateExtension();
    await ensureSignedIn();
  });

  setup(async () => {
    await clearSandboxFaults();
    await setCredits(100);
    await clearSandboxRequests();
  });

  suiteTeardown(async () => {
    await clearSandboxFaults();
    await setCredits(100);
  });

  test('the happy path: every argument given, the call ends in success, placed once with the request as asked', async () => {
    const args = request();
    const result = await makeCall(args);
    assert.equal(result.outcome, 'completed', JSON.stringify(result));
    if (result.outcome !== 'completed') return;
    assert.equal(result.status, 'success');
    assert.equal(result.statusLabel, describeCallStatus('success').label);
    assert.equal(result.stoppedByUser, false);
    assert.ok(result.call.highlights && /Luigi/.test(result.call.highlights), `highlights: ${result.call.highlights}`);

    const posts = await callPosts();
    assert.equal(posts.length, 1, 'exactly one POST /v1/calls');
    assert.match(posts[0].headers['idempotency-key'] ?? '', /^[0-9a-f-]{36}$/, 'a UUID Idempotency-Key');
    assert.deepEqual(posts[0].body, {
      submission: {
        task_category: 'restaurant',
        task_description: args.task,
        respondent_phone: '+12015550100',
        business_name: "Luigi's Trattoria",
        user_name: 'Alex Tester',
        appointment_date: args.date,
        appointment_time: '20:30',
        party_size: 2,
        language: 'en',
        call_language: 'en',
      },
      timezone: 'Europe/Madrid',
    });

    // The pipeline's consent named the stakes (the modal itself is skipped by the test seam).
    const all = await sandboxRequests();
    assert.equal(
      all.find((r) => r.method === 'POST' && r.path === '/v1/goals/estimate'),
      undefined,
      'a consent names the price list, not the budget estimate',
    );
    const stakes = result.stakes!;
    assert.equal(stakes.question, "Call Luigi's Trattoria now?");
    assert.deepEqual(
      stakes.credits,
      { kind: 'perMinute', base: 1, perMinute: 0.1 },
      'the price of a call: a base and each minute',
    );
    assert.equal(stakes.balance, 100);
    assert.equal(stakes.whom, "Luigi's Trattoria at +1 201 555 0100");
    const detail = stakes.lines.join('\n');
    for (const text of [
      args.task,
      'Party size: 2',
      'Booking name: Alex Tester',
      'Estimated cost: about',
      'This cannot be undone.',
    ])
      assert.ok(detail.includes(text), `the consent names "${text}":\n${detail}`);
    assert.deepEqual([stakes.confirm, stakes.decline], ['Place Call', "Don't Call"]);

    const calls = (await sandboxCalls()).filter((c) => c.call_id === result.callId);
    assert.equal(calls.length, 1, 'the call is in the sandbox once');
    assert.equal(calls[0].status, 'success');
  });

  test('a national number is read with kallyai.defaultCountry (US) and sent as E.164', async () => {
    const result = await makeCall(request({ phone: '(201) 555-0100' }));
    assert.equal(result.outcome, 'completed', JSON.stringify(result));
    const posts = await callPosts();
    assert.equal(posts.length, 1);
    assert.equal(
      (posts[0].body as { submission: { respondent_phone: string } }).submission.respondent_phone,
      '+12015550100',
    );
  });

  const statuses: Array<[string, string]> = [
    ['+12015550101', 'no_answer'],
    ['+12015550102', 'busy'],
    ['+12015550103', 'voicemail'],
    ['+12015550104', 'failed'],
    ['+12015550105', 'terminated'],
  ];
  for (const [phone, status] of statuses) {
    test(`outcome ${status}: reported with its status in plain words`, async () => {
      const result = await makeCall(
        request({
          phone,
          category: 'general',
          task: 'Ask whether they are open this Saturday',
          partySize: null,
          businessName: 'City Hardware',
        }),
      );
      assert.equal(result.outcome, 'completed', JSON.stringify(result));
      if (result.outcome !== 'completed') return;
      assert.equal(result.status, status);
      const described = describeCallStatus(status);
      assert.equal(result.statusLabel, described.label);
      const text = outcomeText(result.call, 'City Hardware');
      assert.ok(text.includes(described.label) && text.includes(described.explanation), text);
      assert.ok(!text.includes('_'), `the raw status code leaks into the text: ${text}`);
      assert.equal((await callPosts()).length, 1);
    });
  }

  const localRefusals: Array<[string, string]> = [
    ['911', 'emergency_number'],
    ['112', 'emergency_number'],
    ['+1911', 'emergency_number'],
    ['+34112', 'emergency_number'],
    ['+19005550100', 'toll_number'],
    ['+8613800138000', 'unsupported_country'],
    ['+79161234567', 'unsupported_country'],
    ['call me maybe', 'missing_phone_number'],
  ];
  for (const [phone, code] of localRefusals) {
    test(`${phone} is refused on the spot (${code}) and nothing reaches the server`, async () => {
      const result = await makeCall(request({ phone }));
      assert.equal(result.outcome, 'refused', JSON.stringify(result));
      if (result.outcome !== 'refused') return;
      assert.equal(result.code, code);
      assert.ok(result.message.length > 20, result.message);
      const reached = (await sandboxRequests()).filter(
        (r) => r.path.startsWith('/v1/calls') || r.path === '/v1/goals/estimate',
      );
      assert.deepEqual(
        reached.map((r) => `${r.method} ${r.path}`),
        [],
      );
    });
  }

  /** The server refuses: the result carries the API's code, its sentence and its action; no call exists. */
  async function assertServerRefusal(args: Record<string, unknown>, code: string, expectedAction?: string) {
    const before = (await sandboxCalls()).length;
    const result = await makeCall(args);
    assert.equal(result.outcome, 'failed', JSON.stringify(result));
    if (result.outcome !== 'failed') return;
    assert.equal(result.code, code);
    assert.equal(result.message, errorSentence(code));
    if (expectedAction) assert.equal(result.action, expectedAction);
    assert.equal((await callPosts()).length, 1, 'sent once: a refusal is not retried');
    assert.equal((await sandboxCalls()).length, before, 'no call was created');
  }

  test('quota_exceeded (no credits left) comes back with "Open Pricing"', async () => {
    await setCredits(0);
    await assertServerRefusal(request(), 'quota_exceeded', 'openPricing');
  });

  test('blocked_number (the sandbox flags +12015550142)', async () => {
    await assertServerRefusal(request({ phone: '+12015550142' }), 'blocked_number');
  });

  test('suppression_violation (+12015550143 is on a do-not-call list)', async () => {
    await assertServerRefusal(request({ phone: '+12015550143' }), 'suppression_violation');
  });

  test('safety_violation (the task breaks the guidelines)', async () => {
    await assertServerRefusal(request({ task: 'Say something [unsafe] to them on the phone' }), 'safety_violation');
  });

  test('scheduling_violation (a date in the past, which the wizard would refuse but arguments may carry)', async () => {
    await assertServerRefusal(request({ date: inDays(-3) }), 'scheduling_violation');
  });

  // Codes this client never provokes itself (it refuses those numbers and languages locally), as a
  // server would still send them: injected on POST /v1/calls.
  for (const [status, code] of [
    [403, 'country_restriction'],
    [403, 'unsupported_country'],
    [422, 'emergency_number'],
    [422, 'toll_number'],
    [402, 'budget_exceeded'],
    [422, 'unsupported_language'],
  ] as const) {
    test(`${code} from the server is shown with its sentence and action`, async () => {
      await addFault({ path: '^/v1/calls$', method: 'POST', status, code, count: 1 });
      await assertServerRefusal(request({ phone: '+12015550107' }), code);
    });
  }

  test('a POST that fails with 503 is retried with the same Idempotency-Key: one call, not two', async () => {
    await addFault({ path: '^/v1/calls$', method: 'POST', status: 503, count: 1 });
    const before = new Set((await sandboxCalls()).map((c) => c.call_id));
    const result = await makeCall(request({ phone: '+12015550108' }));
    assert.equal(result.outcome, 'completed', JSON.stringify(result));
    const posts = await callPosts();
    assert.equal(posts.length, 2, 'the first attempt and one retry');
    assert.equal(posts[0].headers['idempotency-key'], posts[1].headers['idempotency-key']);
    const added = (await sandboxCalls()).filter((c) => !before.has(c.call_id));
    assert.equal(added.length, 1, 'one call placed');
  });

  test('the answer is lost on every attempt: "may have gone through"; Retry of the same call reuses the key, so the server does not dial twice', async function () {
    this.timeout(90_000);
    // The sandbox places the call, then drops the connection: on the first try and on each of the client's retries.
    await addFault({ path: '^/v1/calls$', method: 'POST', dropResponse: true, count: 10 });
    const before = new Set((await sandboxCalls()).map((c) => c.call_id));
    const args = request({ phone: '+12015550109', businessName: 'Lost Answer Deli' });
    const lost = await makeCall(args);
    assert.equal(lost.outcome, 'failed', JSON.stringify(lost));
    const keys = new Set((await callPosts()).map((p) => p.headers['idempotency-key']));
    assert.equal(keys.size, 1, 'one key for every attempt');
    await clearSandboxFaults();
    await clearSandboxRequests();
    const retried = await makeCall(args);
    assert.equal(retried.outcome, 'completed', JSON.stringify(retried));
    const [post] = await callPosts();
    assert.equal(post.headers['idempotency-key'], [...keys][0], "the retry sends the lost attempt's key");
    const added = (await sandboxCalls()).filter((c) => !before.has(c.call_id));
    assert.equal(added.length, 1, `one call placed, not ${added.length}`);
    // A new call after that one succeeded gets a new key.
    await clearSandboxRequests();
    await makeCall(args);
    assert.notEqual((await callPosts())[0].headers['idempotency-key'], [...keys][0]);
  });

  test('cancelled while running and told to stop: stopped on the server, placed once, reported as cancelled', async function () {
    this.timeout(90_000);
    const before = new Set((await sandboxCalls()).map((c) => c.call_id));
    const cancel = new vscode.CancellationTokenSource();
    const running = makeCall(request({ phone: '+12015550199', cancellation: cancel.token, whenCancelled: 'stop' }));
    const live = await waitFor(
      async () => (await sandboxCalls()).find((c) => !before.has(c.call_id) && c.status === 'in_progress'),
      20_000,
      'the call to be in progress',
    );
    cancel.cancel();
    const result = await running;
    assert.equal(result.outcome, 'completed', JSON.stringify(result));
    if (result.outcome !== 'completed') return;
    assert.equal(result.callId, live.call_id);
    assert.equal(result.status, 'cancelled');
    assert.equal(result.stoppedByUser, true);
    const log = await sandboxRequests();
    assert.equal(log.filter((r) => r.method === 'POST' && r.path === '/v1/calls').length, 1, 'one POST /v1/calls');
    assert.deepEqual(
      log.filter((r) => r.method === 'POST' && /\/stop$/.test(r.path)).map((r) => r.path),
      [`/v1/calls/${live.call_id}/stop`],
    );
    const added = (await sandboxCalls()).filter((c) => !before.has(c.call_id));
    assert.deepEqual(
      added.map((c) => [c.call_id, c.status]),
      [[live.call_id, 'cancelled']],
    );
    cancel.dispose();
  });

  test('cancelled while running and told to keep it: the call goes on to its outcome, nothing is stopped', async function () {
    this.timeout(90_000);
    const before = new Set((await sandboxCalls()).map((c) => c.call_id));
    const cancel = new vscode.CancellationTokenSource();
    const running = makeCall(request({ phone: '+12015550199', cancellation: cancel.token, whenCancelled: 'keep' }));
    await waitFor(
      async () => (await sandboxCalls()).find((c) => !before.has(c.call_id) && c.status === 'in_progress'),
      20_000,
      'the call to be in progress',
    );
    cancel.cancel();
    const result = await running;
    assert.equal(result.outcome, 'completed', JSON.stringify(result));
    if (result.outcome !== 'completed') return;
    assert.equal(result.status, 'success');
    assert.equal(result.stoppedByUser, false);
    const log = await sandboxRequests();
    assert.equal(log.filter((r) => /\/stop$/.test(r.path)).length, 0, 'no stop request');
    assert.equal(log.filter((r) => r.method === 'POST' && r.path === '/v1/calls').length, 1);
    cancel.dispose();
  });

  test('after a call: the transcript document (summary on top, every turn) and the .ics calendar entry', async () => {
    const args = request({
      phone: '+12015550109',
      businessName: 'Casa Lucio',
      date: inDays(12),
      time: '21:15',
      partySize: 4,
    });
    const result = await makeCall(args);
    assert.equal(result.outcome, 'completed', JSON.stringify(result));
    if (result.outcome !== 'completed') return;
    const services = (await activateExtension()).services as Services;

    const opened = await vscode.commands.executeCommand<{ outcome: string; documentUri: string }>(
      'kallyai.calls.openTranscript',
      { id: result.callId },
    );
    assert.equal(opened.outcome, 'done', JSON.stringify(opened));
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(opened.documentUri));
    const text = unescapeMarkdown(doc.getText());
    const transcript = await services.client.execute(ops.calls.transcript, { path: { call_id: result.callId } });
    assert.ok(transcript.entries.length >= 2, 'the sandbox wrote a transcript');
    let at = text.indexOf(result.call.highlights ?? '\u0000');
    assert.ok(at >= 0, `the summary is in the document:\n${text}`);
    for (const entry of transcript.entries) {
      const next = text.indexOf(entry.content, at);
      assert.ok(next > at, `turn "${entry.content}" appears, in order, after the summary`);
      at = next;
    }

    const target = vscode.Uri.joinPath(services.context.globalStorageUri, 'test-calendar', `${result.callId}.ics`);
    const saved = await vscode.commands.executeCommand<{ outcome: string; saved?: string }>(
      'kallyai.calls.addToCalendar',
      { id: result.callId, saveTo: target.toString() },
    );
    assert.equal(saved.outcome, 'done', JSON.stringify(saved));
    assert.equal(saved.saved, target.toString());
    const ics = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(ics, /^BEGIN:VCALENDAR\r?\n/);
    assert.match(ics, /\r?\nBEGIN:VEVENT\r?\n[\s\S]*\r?\nEND:VEVENT\r?\n/);
    assert.match(ics, /END:VCALENDAR\s*$/);
    const compactDate = String(args.date).replace(/-/g, '');
    // 21:15 in Madrid is 19:15 or 20:15 UTC: the same calendar day.
    assert.match(
      ics,
      new RegExp(`\\nDTSTART:${compactDate}T(1915|2015)00Z\\r?\\n`),
      'DTSTART at the booked date and time',
    );
    assert.match(ics, /Casa Lucio/);
    assert.equal(
      vscode.window.activeTextEditor?.document.uri.toString(),
      target.toString(),
      'the saved .ics is opened',
    );
  });

  test('invalid arguments are refused with the field that is wrong, and nothing is sent', async () => {
    const result = await vscode.commands.executeCommand<{ outcome: string; code: string; message: string }>(
      'kallyai.makeCall',
      request({ partySize: 80 }),
    );
    assert.equal(result.outcome, 'failed');
    assert.equal(result.code, 'invalid_arguments');
    assert.match(result.message, /partySize/);
    assert.deepEqual(
      (await sandboxRequests()).filter((r) => r.path.startsWith('/v1/')).map((r) => r.path),
      [],
    );
  });
});
