// The old CLI flags (contract §8) and their subcommands, as commands of the pipeline, in the real
// extension host against the sandbox: --usage, --subscription, --billing, --history, --call-info,
// --transcript — each shown the way its presentation entry says (notification, document, browser,
// pick list), an id picked from a list or given, never typed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ops } from '../../src/api/catalogue';
import type { Call } from '../../src/api/schemas/calls';
import { errorSentence } from '../../src/format';
import { callLabel } from '../../src/models/call';
import type { Services } from '../../src/services';
import {
  acceptFirstPick,
  activateExtension,
  clearSandboxFaults,
  clearSandboxRequests,
  openPage,
  pageText,
  sandboxJson,
  sandboxRequests,
  sandboxUrl,
  unescapeMarkdown,
  waitFor,
  type RunResult,
} from './helpers';
import { ensureSignedIn } from './signIn';

interface SandboxCall {
  call_id: string;
  status: string;
  business_name?: string;
  submission: { business_name?: string; task_description: string };
}

const run = async (command: string, ...args: unknown[]) => {
  const r = await vscode.commands.executeCommand<RunResult>(command, ...args);
  assert.ok(r && typeof r === 'object', `${command} returned nothing`);
  return r;
};
const documentText = async (uri: unknown) =>
  unescapeMarkdown((await vscode.workspace.openTextDocument(vscode.Uri.parse(String(uri)))).getText());

suite('CLI parity commands: against the sandbox', () => {
  let services: Services;

  suiteSetup(async function () {
    this.timeout(120_000);
    services = (await activateExtension()).services as Services;
    await ensureSignedIn();
    await clearSandboxFaults();
  });

  setup(() => clearSandboxRequests());

  suiteTeardown(() => sandboxJson('/sandbox/credits', { method: 'POST', body: { remaining: 100 } }));

  test('Show Credit Balance (credits balance, --usage): the balance in words', async () => {
    await sandboxJson('/sandbox/credits', { method: 'POST', body: { remaining: 42.5 } });
    const r = await run('kallyai.credits.showBalance');
    assert.equal(r.outcome, 'done', JSON.stringify(r));
    assert.equal((r.data as { credits_remaining: number }).credits_remaining, 42.5);
    assert.match(String(r.message), /You have 42\.5 credits left/);
    assert.ok(
      (await sandboxRequests()).some((q) => q.path === '/v1/credits/balance'),
      'the balance was asked',
    );
  });

  test('Show Subscription (subscription status, --subscription): both endpoints in one document', async () => {
    const status = await services.client.execute(ops.subscription.status);
    assert.ok(status.plan_type, 'the sandbox has a plan');
    const r = await run('kallyai.subscription.show');
    assert.equal(r.outcome, 'done', JSON.stringify(r));
    const asked = new Set((await sandboxRequests()).map((q) => `${q.method} ${q.path}`));
    assert.ok(
      asked.has('GET /v1/subscriptions/status') && asked.has('GET /v1/users/me/subscription'),
      [...asked].join(', '),
    );
    const text = await documentText(r.documentUri);
    assert.match(text, /^# KallyAI subscription/);
    assert.ok(text.toLowerCase().includes(String(status.plan_type).toLowerCase()), text);
  });

  test('Manage Billing (billing): opens the billing portal the server names', async () => {
    const r = await run('kallyai.billing.openPortal');
    assert.equal(r.outcome, 'done', JSON.stringify(r));
    assert.ok(String(r.url).startsWith(`${sandboxUrl()}/sandbox/pages/billing?customer=`), String(r.url));
    assert.deepEqual(
      (await sandboxRequests()).filter((q) => q.path.startsWith('/v1/stripe/')).map((q) => `${q.method} ${q.path}`),
      ['GET /v1/stripe/billing-portal'],
    );
  });

  test('Call History (calls history, --history): the 10 most recent calls; the chosen one opens its page', async () => {
    await sandboxJson('/sandbox/seed-calls', { method: 'POST', body: { count: 10 } });
    const r = await acceptFirstPick(vscode.commands.executeCommand<RunResult>('kallyai.calls.history'));
    assert.equal(r.outcome, 'done', JSON.stringify(r));
    assert.equal((r.data as { calls: unknown[] }).calls.length, 10);
    const list = (await sandboxRequests()).find((q) => q.method === 'GET' && q.path === '/v1/calls');
    assert.equal(list?.query.limit, '10');
    // The call picked, found by the label the pick answered with (a call an earlier suite started
    // can land in the list, and the item accepted is whichever the quick pick had selected).
    const picked = String(r.picked);
    const candidates = (r.data as { calls: SandboxCall[] }).calls.filter((c) => picked.endsWith(callLabel(c as Call)));
    assert.ok(candidates.length > 0, `the pick answered "${picked}", a call of the list`);
    const page = await waitFor(
      async () => {
        for (const c of candidates) {
          const current = (await openPage('call', c.call_id))?.current;
          if (current) return { current, call: c };
        }
        return undefined;
      },
      10_000,
      `the page of the chosen call ("${picked}")`,
    );
    assert.ok(pageText(page.current.body).includes(page.call.submission.task_description), 'the page names the task');
  });

  test('Open Call Details (calls info, --call-info) with an id, or a bare id string: the call page, one per call', async () => {
    const call = (await sandboxJson<{ calls: SandboxCall[] }>('/sandbox/state')).calls.find(
      (c) => c.status === 'success' && c.submission.business_name,
    );
    assert.ok(call, 'the sandbox has a successful call');
    const r = await run('kallyai.calls.openDetails', { id: call.call_id });
    assert.equal(r.outcome, 'done', JSON.stringify(r));
    assert.equal(r.page, `call:${call.call_id}`);
    const page = (await openPage('call', call.call_id))!;
    const text = pageText(page.current!.body);
    assert.ok(text.includes(call.submission.business_name!), text);
    assert.ok(!text.includes(call.call_id), 'the page shows no id');
    assert.match(
      page.panel.title,
      new RegExp(`^${call.submission.business_name!.replace(/[.*+?^$()|[\]\\]/g, '\\$&')} — call, `),
    );
    const again = await run('kallyai.calls.openDetails', call.call_id);
    assert.equal(again.outcome, 'done');
    assert.equal(await openPage('call', call.call_id), page, 'one tab per call');
  });

  test('Open Call Details with an unknown id: "call_not_found" in words', async () => {
    const r = await run('kallyai.calls.openDetails', { id: 'no-such-call' });
    assert.equal(r.outcome, 'failed', JSON.stringify(r));
    assert.equal(r.code, 'call_not_found');
    assert.equal(r.message, errorSentence('call_not_found'));
  });

  test('Open Transcript (calls transcript, --transcript): every turn; a call without one says why and sends nothing', async () => {
    const calls = (await sandboxJson<{ calls: SandboxCall[] }>('/sandbox/state')).calls;
    const call = calls.find((c) => c.status === 'success')!;
    const r = await run('kallyai.calls.openTranscript', { id: call.call_id });
    assert.equal(r.outcome, 'done', JSON.stringify(r));
    const text = await documentText(r.documentUri);
    const transcript = await services.client.execute(ops.calls.transcript, { path: { call_id: call.call_id } });
    assert.ok(transcript.entries.length > 0);
    for (const e of transcript.entries) assert.ok(text.includes(e.content), `missing turn: ${e.content}`);
    const details = await run('kallyai.calls.openDetails', { id: call.call_id });
    assert.notEqual(details.documentUri, r.documentUri, 'details and transcript have their own tabs');

    const unanswered = calls.find((c) => c.status === 'no_answer')!;
    await clearSandboxRequests();
    const none = await run('kallyai.calls.openTranscript', { id: unanswered.call_id });
    assert.equal(none.outcome, 'unavailable', JSON.stringify(none));
    assert.equal(none.reason, 'Nobody answered, so there is no transcript.');
    assert.deepEqual(
      (await sandboxRequests()).filter((q) => q.path.endsWith('/transcript')),
      [],
      'no transcript was asked for',
    );
  });

  test('commands with wrong arguments say which field is wrong and send nothing', async () => {
    const r = await run('kallyai.calls.history', { limit: 0 });
    assert.equal(r.outcome, 'failed');
    assert.equal(r.code, 'invalid_arguments');
    assert.match(String(r.message), /limit/);
    const bad = await run('kallyai.calls.reschedule', { id: 'x', body: { date: '2026-02-30' } });
    assert.equal(bad.outcome, 'failed');
    assert.equal(bad.code, 'invalid_input');
    assert.deepEqual(
      (await sandboxRequests()).filter((q) => q.path.startsWith('/v1/calls')),
      [],
    );
  });
});
