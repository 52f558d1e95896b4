/** KallyClient over real HTTP against the sandbox: retries, Idempotency-Key, Retry-After,
 *  timeouts, cancellation, dropped connections, malformed bodies, 401 refresh, headers, logging. */
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ops } from '../../src/api/catalogue';
import { KallyClient } from '../../src/api/client';
import { KallyApiError } from '../../src/api/errors';
import type { TokenSource } from '../../src/api/tokenSource';
import {
  addFault,
  arrived,
  clearFaults,
  clearRequests,
  client,
  control,
  countingFetch,
  requests,
  sandbox,
  SandboxTokenSource,
  type SandboxHandle,
} from './api.helpers';

const rejects = async (p: Promise<unknown>, code: string): Promise<KallyApiError> => {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof KallyApiError, `expected KallyApiError, got ${e}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}, but it succeeded`);
};
const callBody = (description: string, phone = '+12015550100') => ({
  submission: { task_category: 'general' as const, task_description: description, respondent_phone: phone },
  timezone: 'America/New_York',
});

describe('KallyClient against the sandbox', () => {
  let sb: SandboxHandle;
  before(async () => {
    sb = await sandbox();
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(async () => {
    await clearFaults(sb);
    await clearRequests(sb);
  });

  it('retries a timed-out POST /v1/calls with the same Idempotency-Key and places exactly one call', async () => {
    const description = `Idempotency check ${Date.now()}`;
    // The long-call number runs 600 simulated seconds: 1.5 s on a sandbox at time scale 400. The first
    // attempt times out after 1 s while the call it placed still runs; the retry (same key) is answered
    // with that call when it ends, half a second later. Nothing to wait for before counting: the
    // sandbox logs each attempt as it arrives.
    const slow = await sandbox(400);
    try {
      const c = client(slow, { longTimeoutMs: 1_000 });
      const call = await c.execute(ops.calls.create, { body: callBody(description, '+12015550199') });
      assert.equal(typeof call.call_id, 'string');
      const posts = await requests(slow, { method: 'POST', path: '/v1/calls' });
      assert.equal(posts.length, 2);
      const keys = posts.map((r) => r.headers['idempotency-key']);
      assert.ok(typeof keys[0] === 'string' && keys[0].length >= 16);
      assert.equal(keys[0], keys[1]);
      const list = await c.execute(ops.calls.list, { query: { limit: 200 } });
      assert.equal(list.calls.filter((x) => x.submission?.task_description === description).length, 1);
    } finally {
      await slow.close();
    }
  });

  it('sends the caller-given Idempotency-Key, and a fresh one for each new creating call', async () => {
    const c = client(sb);
    await c.execute(
      ops.calls.create,
      { body: callBody('Key given by the caller') },
      { idempotencyKey: 'caller-key-0001' },
    );
    await c.execute(ops.calls.create, { body: callBody('Key made by the client A') });
    await c.execute(ops.calls.create, { body: callBody('Key made by the client B') });
    const keys = (await requests(sb, { method: 'POST', path: '/v1/calls' })).map((r) => r.headers['idempotency-key']);
    assert.equal(keys[0], 'caller-key-0001');
    assert.equal(new Set(keys).size, 3);
  });

  it('honours Retry-After on a 429 before retrying a GET', async () => {
    await addFault(sb, { path: '^/v1/calls$', method: 'GET', count: 1, status: 429, retryAfter: 1 });
    const list = await client(sb).execute(ops.calls.list);
    assert.ok(Array.isArray(list.calls));
    const gets = await requests(sb, { method: 'GET', path: '/v1/calls' });
    assert.equal(gets.length, 2);
    const waited = Date.parse(String(gets[1].at)) - Date.parse(String(gets[0].at));
    assert.ok(waited >= 1000 - 5, `waited ${waited} ms after Retry-After: 1`);
  });

  it('retries a GET after 5xx answers, and gives up with the status sentence when they persist', async () => {
    await addFault(sb, { path: '^/v1/calls$', method: 'GET', count: 2, status: 503 });
    await client(sb).execute(ops.calls.list);
    assert.equal((await requests(sb, { method: 'GET', path: '/v1/calls' })).length, 3);

    await clearRequests(sb);
    await addFault(sb, { path: '^/v1/calls$', method: 'GET', count: 10, status: 500 });
    const err = await rejects(
      client(sb, { retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20 } }).execute(ops.calls.list),
      'internal_error',
    );
    assert.equal(err.status, 500);
    assert.equal(err.retryable, true);
    assert.equal(err.action.kind, 'retry');
    assert.equal((await requests(sb, { method: 'GET', path: '/v1/calls' })).length, 3);
  });

  it('never retries a non-idempotent POST without a key (coordination.message) after a 5xx', async () => {
    await addFault(sb, { path: '^/v1/coordination/message$', method: 'POST', count: 1, status: 500 });
    await rejects(client(sb).execute(ops.coordination.message, { body: { message: 'Hello there' } }), 'internal_error');
    const posts = await requests(sb, { method: 'POST', path: '/v1/coordination/message' });
    assert.equal(posts.length, 1);
    assert.equal(posts[0].headers['idempotency-key'], undefined);
  });

  it('retries a GET whose connection was dropped', async () => {
    await addFault(sb, { path: '^/v1/calls$', method: 'GET', count: 1, drop: true });
    const list = await client(sb).execute(ops.calls.list);
    assert.ok(list.calls.length > 0);
    assert.equal((await requests(sb, { method: 'GET', path: '/v1/calls' })).length, 2);
  });

  it('reports a dropped connection as network_error when retries run out', async () => {
    await addFault(sb, { path: '^/v1/calls$', method: 'GET', count: 5, drop: true });
    const err = await rejects(
      client(sb, { retry: { retries: 1, baseDelayMs: 5 } }).execute(ops.calls.list),
      'network_error',
    );
    assert.equal(err.status, 0);
    assert.equal(err.action.kind, 'retry');
  });

  it('tells its listeners how each request ended, once per request (not per attempt): answered, an error answer, or no answer', async () => {
    const c = client(sb, { retry: { retries: 2, baseDelayMs: 5 } });
    const heard: Array<{ op: string; code?: string; status?: number }> = [];
    const stop = c.onSettled((o) => heard.push({ op: o.op.id, code: o.error?.code, status: o.error?.status }));
    await c.execute(ops.calls.list);
    await addFault(sb, { path: '^/v1/calls$', method: 'GET', count: 3, drop: true });
    await rejects(c.execute(ops.calls.list), 'network_error');
    await addFault(sb, { path: '^/v1/credits/balance$', method: 'GET', count: 1, status: 404 });
    await rejects(c.execute(ops.credits.balance), 'not_found');
    assert.equal(
      (await requests(sb, { method: 'GET', path: '/v1/calls' })).length,
      4,
      'the dropped request was tried three times',
    );
    assert.deepEqual(heard, [
      { op: ops.calls.list.id, code: undefined, status: undefined },
      { op: ops.calls.list.id, code: 'network_error', status: 0 },
      { op: ops.credits.balance.id, code: 'not_found', status: 404 },
    ]);
    // Bad input (nothing sent) and a cancelled request say nothing about the service.
    await rejects(c.execute(ops.calls.get, { path: { call_id: '' } }), 'invalid_input');
    const controller = new AbortController();
    controller.abort();
    await rejects(c.execute(ops.calls.list, undefined, { signal: controller.signal }), 'cancelled');
    // A listener that throws does not change the caller's answer.
    c.onSettled(() => {
      throw new Error('listener failure');
    });
    assert.ok(Array.isArray((await c.execute(ops.calls.list)).calls));
    stop();
    await c.execute(ops.calls.list);
    assert.equal(heard.length, 4, 'the last requests after the bad input: one heard, then none once stopped');
  });

  it('turns a malformed JSON body into invalid_response with a clear sentence', async () => {
    await addFault(sb, { path: '^/v1/calls$', method: 'GET', count: 1, malformed: true });
    const err = await rejects(client(sb).execute(ops.calls.list), 'invalid_response');
    assert.match(err.message, /could not be read: it sent .* that is not valid JSON/);
    assert.equal((await requests(sb, { method: 'GET', path: '/v1/calls' })).length, 1);
  });

  it('times out a slow GET, retries it, then reports timeout', async () => {
    await addFault(sb, { path: '^/v1/calls$', method: 'GET', count: 2, latencyMs: 600 });
    const err = await rejects(
      client(sb, { timeoutMs: 150, retry: { retries: 1, baseDelayMs: 5 } }).execute(ops.calls.list),
      'timeout',
    );
    assert.match(err.message, /did not answer/);
    assert.equal((await requests(sb, { method: 'GET', path: '/v1/calls' })).length, 2);
  });

  it('gives up within the deadline, retries included (a view load: one quiet error, not minutes of spinner)', async (t) => {
    // 1. The sandbox answers after 2 s and each attempt may take 30 s: only the 700 ms deadline can
    //    stop the first attempt with a timeout, and no retry may start after it.
    await addFault(sb, { path: '^/v1/calls$', method: 'GET', count: 10, latencyMs: 2_000 });
    const counted = countingFetch();
    await rejects(
      client(sb, { fetch: counted.fetch, timeoutMs: 30_000, retry: { retries: 3, baseDelayMs: 10 } }).execute(
        ops.calls.list,
        undefined,
        { deadlineMs: 700 },
      ),
      'timeout',
    );
    assert.equal(counted.count(), 1, 'no retry started once the deadline was reached');
    await clearFaults(sb);
    await clearRequests(sb);
    // 2. Retries after 503s: a fake clock (Date.now, which the client's deadline reads) stands still
    //    except that each attempt takes 250 ms of it, so which retries fit before the 1 s deadline does
    //    not depend on how fast this machine is. Every attempt must start before the deadline.
    await addFault(sb, { path: '^/v1/calls$', method: 'GET', count: 10, status: 503 });
    let now = Date.now();
    const t0 = now;
    const startedAt: number[] = [];
    const timed: typeof fetch = (input, init) => {
      startedAt.push(now - t0);
      now += 250;
      return globalThis.fetch(input, init);
    };
    t.mock.method(Date, 'now', () => now);
    try {
      await rejects(
        client(sb, { fetch: timed, retry: { retries: 10, baseDelayMs: 400, maxDelayMs: 400 } }).execute(
          ops.calls.list,
          { query: { limit: 7 } },
          { deadlineMs: 1_000 },
        ),
        'service_unavailable',
      );
    } finally {
      t.mock.restoreAll();
    }
    // Back-off has full jitter (0–400 ms here), so how many attempts fit varies; what may not vary
    // is that each one starts before the deadline, and that the ten retries allowed were not all used.
    assert.ok(startedAt.length >= 1, 'the request was sent');
    assert.ok(startedAt.length < 11, `${startedAt.length} attempts: the deadline did not stop the retries`);
    const late = startedAt.filter((ms) => ms > 1_000);
    assert.deepEqual(
      late,
      [],
      `attempts started past the 1 s deadline (ms after the start, on the fake clock): ${late.join(', ')}`,
    );
    const sent = (await requests(sb, { method: 'GET', path: '/v1/calls' })).filter(
      (r) => (r.query as Record<string, string>).limit === '7',
    );
    assert.equal(sent.length, startedAt.length, 'every attempt reached the sandbox');
  });

  it("stops at once when the caller's AbortSignal fires, without retrying", async () => {
    // The sandbox holds the request for 3 s; the caller cancels as soon as the sandbox has it.
    await addFault(sb, { path: '^/v1/calls$', method: 'GET', count: 3, latencyMs: 3_000 });
    const controller = new AbortController();
    const pending = client(sb).execute(ops.calls.list, undefined, { signal: controller.signal });
    await arrived(sb, 'GET', '/v1/calls');
    controller.abort();
    const err = await rejects(pending, 'cancelled');
    assert.equal(err.action.kind, 'none');
    assert.equal((await requests(sb, { method: 'GET', path: '/v1/calls' })).length, 1);
  });

  it('refreshes exactly once after a 401 and retries once with the new token', async () => {
    const real = new SandboxTokenSource(sb);
    let refreshes = 0;
    const source: TokenSource = {
      getToken: async () => 'stale.token.value',
      refreshAfterUnauthorized: async (rejected) => {
        refreshes++;
        assert.equal(rejected, 'stale.token.value');
        return real.getToken();
      },
    };
    const c = new KallyClient({ baseUrl: sb.url, tokenSource: source });
    const list = await c.execute(ops.calls.list);
    assert.ok(list.calls.length > 0);
    assert.equal(refreshes, 1);
    assert.equal((await requests(sb, { method: 'GET', path: '/v1/calls' })).length, 2);
  });

  it('asks the user to sign in when the refreshed token is refused too (one refresh, two requests)', async () => {
    let refreshes = 0;
    const source: TokenSource = {
      getToken: async () => 'stale.one',
      refreshAfterUnauthorized: async () => {
        refreshes++;
        return 'stale.two';
      },
    };
    const err = await new KallyClient({ baseUrl: sb.url, tokenSource: source }).execute(ops.calls.list).then(
      () => assert.fail('succeeded'),
      (e: KallyApiError) => e,
    );
    assert.ok(['token_expired', 'missing_token'].includes(err.code), err.code);
    assert.equal(err.status, 401);
    assert.equal(err.action.kind, 'signIn');
    assert.equal(refreshes, 1);
    assert.equal((await requests(sb, { method: 'GET', path: '/v1/calls' })).length, 2);
  });

  it('recovers from server-side token expiry through the real refresh endpoint', async () => {
    const source = new SandboxTokenSource(sb);
    const c = new KallyClient({ baseUrl: sb.url, tokenSource: source });
    await c.execute(ops.calls.list);
    await control(sb, 'POST', '/sandbox/expire-tokens');
    await c.execute(ops.calls.list);
    assert.equal(source.refreshes, 1);
  });

  it('sends User-Agent and the bearer token, but no bearer to auth:none operations', async () => {
    const seen: Array<{ url: string; auth: string | null }> = [];
    const inspect: typeof fetch = (input, init) => {
      seen.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
      return globalThis.fetch(input, init);
    };
    const c = client(sb, { fetch: inspect, userAgent: 'KallyAI-VSCode/9.9' });
    await c.execute(ops.calls.list);
    const refresh = (await control<{ refresh_token: string }>(sb, 'POST', '/sandbox/tokens')).refresh_token;
    await c.execute(ops.auth.refresh, { body: { refresh_token: refresh } });
    assert.match(seen[0].auth ?? '', /^Bearer \S+/);
    assert.equal(seen[1].auth, null);
    const logged = await requests(sb, { method: 'GET', path: '/v1/calls' });
    assert.equal(logged[0].headers['user-agent'], 'KallyAI-VSCode/9.9');
  });

  it('form-encodes the GPT token exchange', async () => {
    await rejects(
      client(sb).execute(ops.auth.gptToken, {
        body: {
          grant_type: 'authorization_code',
          client_id: 'kallyai-vscode',
          code: 'not-a-real-code',
          client_secret: 'sandbox-secret',
        },
      }),
      'invalid_grant',
    );
    const [req] = await requests(sb, { method: 'POST', path: '/v1/auth/gpt/token' });
    assert.match(String(req.headers['content-type']), /application\/x-www-form-urlencoded/);
  });

  it('returns non-JSON answers as { contentType, text }', async () => {
    const c = client(sb);
    const call = (await c.execute(ops.calls.list)).calls.find(
      (x) => x.status === 'success' && x.submission?.appointment_date,
    )!;
    const ics = await c.execute(ops.calls.calendar, { path: { call_id: call.call_id } });
    assert.match(ics.contentType, /text\/calendar/);
    assert.match(ics.text, /BEGIN:VCALENDAR/);
  });

  it('logs one redacted line per attempt, with no token', async () => {
    const lines: string[] = [];
    const source = new SandboxTokenSource(sb);
    const c = new KallyClient({ baseUrl: sb.url, tokenSource: source, log: (l) => lines.push(l) });
    await c.execute(ops.calls.list, { query: { limit: 5 } });
    await c.execute(ops.auth.cli, { query: { redirect_uri: 'http://127.0.0.1:8741/', state: 'secret-state-value' } });
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^GET \/v1\/calls\?limit=5 → 200 in \d+ ms$/);
    const token = (await source.getToken())!;
    for (const line of lines) {
      assert.ok(!line.includes(token));
      assert.ok(!line.includes('secret-state-value'), line);
    }
  });

  it('validates input before any network I/O', async () => {
    const counter = countingFetch();
    const c = client(sb, { fetch: counter.fetch });
    const err = await rejects(
      c.execute(ops.calls.create, { body: callBody('Call the emergency line', '911') }),
      'invalid_input',
    );
    assert.equal(err.field, 'submission.respondent_phone');
    assert.equal(err.status, 0);
    assert.match(err.message, /Emergency/);
    await rejects(c.execute(ops.calls.get, { path: { call_id: '' } }), 'invalid_input');
    assert.equal(counter.count(), 0);
    assert.equal((await requests(sb)).length, 0);
  });
});
