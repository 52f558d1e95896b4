// The old CLI flags as palette commands (contract §8), in the real extension host against the
// sandbox: --usage, --subscription, --billing, --history, --call-info, --transcript.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ops } from '../../src/api/catalogue';
import { describeErrorCode } from '../../src/api/errors';
import type { Services } from '../../src/services';
import { activateExtension, sandboxFetch, sandboxJson, sandboxUrl } from './helpers';
import { ensureSignedIn } from './signIn';

interface LoggedRequest { method: string; path: string; query: Record<string, string> }
interface SandboxCall { call_id: string; status: string; business_name?: string; submission: { business_name?: string; task_description: string } }
type Result = { outcome: string; [key: string]: unknown };

const requests = async () => (await sandboxJson<{ requests: LoggedRequest[] }>('/sandbox/requests')).requests;
const run = async (command: string, args?: unknown) => {
  const r = await vscode.commands.executeCommand<Result>(command, args);
  assert.ok(r && typeof r === 'object', `${command} returned nothing`);
  return r;
};
/** The document's text with Markdown escapes removed (`\\!` → `!`), to look for what the server said. */
const unescapeMarkdown = (text: string) => text.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
const documentText = async (uri: unknown) => unescapeMarkdown((await vscode.workspace.openTextDocument(vscode.Uri.parse(String(uri)))).getText());

async function acceptFirstPick<T>(pending: Thenable<T>): Promise<T> {
  let done = false;
  const settled = Promise.resolve(pending).finally(() => { done = true; });
  while (!done) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await Promise.race([settled, new Promise((r) => setTimeout(r, 150))]);
  }
  return settled;
}

suite('CLI parity commands: against the sandbox', () => {
  let services: Services;

  suiteSetup(async function () {
    this.timeout(120_000);
    services = (await activateExtension()).services as Services;
    await ensureSignedIn();
    await sandboxFetch('/sandbox/faults', { method: 'DELETE' });
  });

  setup(() => sandboxFetch('/sandbox/requests', { method: 'DELETE' }));

  suiteTeardown(() => sandboxJson('/sandbox/credits', { method: 'POST', body: { remaining: 100 } }));

  test('Show Usage (--usage): the credit balance, in words', async () => {
    await sandboxJson('/sandbox/credits', { method: 'POST', body: { remaining: 42.5 } });
    const r = await run('kallyai.showUsage');
    assert.equal(r.outcome, 'shown', JSON.stringify(r));
    assert.equal((r.balance as { credits_remaining: number }).credits_remaining, 42.5);
    assert.match(String(r.message), /42\.5 KallyAI credits left/);
    assert.equal((await requests()).filter((q) => q.path === '/v1/credits/balance').length >= 1, true, 'the balance was asked');
  });

  test('Show Subscription (--subscription): plan and status from both endpoints, as a message and a document', async () => {
    const status = await services.client.execute(ops.subscription.status);
    assert.ok(status.plan_type, 'the sandbox has a plan');
    const r = await run('kallyai.showSubscription');
    assert.equal(r.outcome, 'shown', JSON.stringify(r));
    assert.ok(String(r.message).includes(String(status.plan_type)), String(r.message));
    // (The Credits view may ask for the status too while this runs.)
    const asked = new Set((await requests()).map((q) => `${q.method} ${q.path}`));
    assert.ok(asked.has('GET /v1/subscriptions/status') && asked.has('GET /v1/users/me/subscription'), [...asked].join(', '));
    const text = await documentText(r.documentUri);
    assert.match(text, /^# KallyAI subscription/);
    assert.ok(text.includes(String(status.plan_type)), text);
  });

  test('Manage Billing (--billing): opens the billing portal the server names', async () => {
    const r = await run('kallyai.openBillingPortal');
    assert.equal(r.outcome, 'opened', JSON.stringify(r));
    assert.ok(String(r.url).startsWith(`${sandboxUrl()}/sandbox/pages/billing?customer=`), String(r.url));
    assert.equal(typeof r.opened, 'boolean');
    assert.deepEqual((await requests()).filter((q) => q.path.startsWith('/v1/stripe/')).map((q) => `${q.method} ${q.path}`), ['GET /v1/stripe/billing-portal']);
  });

  test('Call History (--history): the 10 most recent calls in a quick pick; the chosen one opens its details', async () => {
    await sandboxJson('/sandbox/seed-calls', { method: 'POST', body: { count: 10 } });
    const newest = (await sandboxJson<{ calls: SandboxCall[] }>('/sandbox/state')).calls[0];
    const r = await acceptFirstPick(vscode.commands.executeCommand<Result>('kallyai.callHistory'));
    assert.equal(r.outcome, 'opened', JSON.stringify(r));
    assert.equal(r.callId, newest.call_id);
    assert.equal(r.listed, 10);
    const list = (await requests()).find((q) => q.method === 'GET' && q.path === '/v1/calls');
    assert.equal(list?.query.limit, '10');
    const text = await documentText(r.documentUri);
    assert.ok(text.includes(newest.submission.task_description), `the details name the task:\n${text}`);
  });

  test('Call Info (--call-info) with an id: the call details document', async () => {
    const call = (await sandboxJson<{ calls: SandboxCall[] }>('/sandbox/state')).calls.find((c) => c.status === 'success' && c.submission.business_name);
    assert.ok(call, 'the sandbox has a successful call');
    const r = await run('kallyai.callInfo', { callId: call.call_id });
    assert.equal(r.outcome, 'opened', JSON.stringify(r));
    const text = await documentText(r.documentUri);
    assert.ok(text.includes(call.submission.business_name!), text);
    // A bare string is accepted too (executeCommand('kallyai.callInfo', id)).
    const again = await run('kallyai.callInfo', call.call_id);
    assert.equal(again.callId, call.call_id);
  });

  test('Call Info with an unknown id: "call_not_found" in words', async () => {
    const r = await run('kallyai.callInfo', { callId: 'no-such-call' });
    assert.equal(r.outcome, 'failed', JSON.stringify(r));
    assert.equal(r.code, 'call_not_found');
    assert.equal(r.message, describeErrorCode('call_not_found').sentence);
  });

  test('Call Transcript (--transcript) with an id: the transcript document with every turn', async () => {
    const call = (await sandboxJson<{ calls: SandboxCall[] }>('/sandbox/state')).calls.find((c) => c.status === 'success');
    assert.ok(call);
    const r = await run('kallyai.callTranscript', { callId: call.call_id });
    assert.equal(r.outcome, 'opened', JSON.stringify(r));
    const text = await documentText(r.documentUri);
    const transcript = await services.client.execute(ops.calls.transcript, { path: { call_id: call.call_id } });
    assert.ok(transcript.entries.length > 0);
    for (const e of transcript.entries) assert.ok(text.includes(e.content), `missing turn: ${e.content}`);
  });

  test('signed-in commands with wrong arguments say which field is wrong', async () => {
    const r = await run('kallyai.callHistory', { limit: 0 });
    assert.equal(r.outcome, 'failed');
    assert.equal(r.code, 'invalid_arguments');
    assert.match(String(r.message), /limit/);
  });
});
