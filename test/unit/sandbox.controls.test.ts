import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type SandboxClient, eventually, fetchResult, openSandbox } from '../../sandbox/testing';

describe('sandbox CLI', () => {
  it('prints the listening line with the real port and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'sandbox/main.ts', '--port', '0', '--empty', '--time-scale', '50'],
      { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /KallyAI sandbox listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      });
      assert.notEqual(new URL(url).port, '0');
      const plans = await fetchResult(`${url}/v1/credits/plans`);
      assert.equal(plans.status, 200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('sandbox faults and request log', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox();
  });
  after(async () => {
    await c.close();
  });

  it('status + code, with Retry-After for 429, for count requests only, matching method', async () => {
    await c.post('/sandbox/faults', {
      path: '^/v1/credits/balance$',
      method: 'GET',
      count: 2,
      status: 503,
      code: 'service_unavailable',
    });
    for (let i = 0; i < 2; i++) {
      const res = await c.get('/v1/credits/balance');
      assert.equal(res.status, 503);
      assert.equal(res.json.error.code, 'service_unavailable');
      assert.ok(res.json.error.correlation_id);
    }
    assert.equal((await c.get('/v1/credits/balance')).status, 200);
    await c.post('/sandbox/faults', { path: '/v1/calls/*', status: 429, retryAfter: 2 });
    assert.equal((await c.get('/v1/calls')).status, 200, 'the glob matches one more segment only');
    const limited = await c.get('/v1/calls/abc');
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    assert.equal(limited.headers.get('retry-after'), '2');
  });

  it('dropped connection and malformed JSON body', async () => {
    await c.post('/sandbox/faults', { path: '^/v1/messages/inbox$', drop: true });
    await assert.rejects(fetch(`${c.url}/v1/messages/inbox`, { headers: { authorization: `Bearer ${c.token}` } }));
    await c.post('/sandbox/faults', { path: '^/v1/messages/inbox$', malformed: true });
    const res = await fetch(`${c.url}/v1/messages/inbox`, { headers: { authorization: `Bearer ${c.token}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /json/);
    await assert.rejects(res.json());
    assert.equal((await c.get('/v1/messages/inbox')).status, 200);
  });

  it('dropResponse: the request is handled (the call is placed), then its answer is lost', async () => {
    await c.post('/sandbox/faults', { path: '^/v1/calls$', method: 'POST', dropResponse: true });
    const description = `Lost answer ${Date.now()}`;
    const body = JSON.stringify({
      submission: { task_category: 'general', task_description: description, respondent_phone: '+12015550102' },
      timezone: 'UTC',
    });
    await assert.rejects(
      fetch(`${c.url}/v1/calls`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
        body,
      }),
    );
    const placed = (await c.get('/sandbox/state')).json.calls.filter(
      (x: { submission: { task_description: string } }) => x.submission.task_description === description,
    );
    assert.equal(placed.length, 1);
  });

  it('latency delays only the matching request', async () => {
    await c.post('/sandbox/faults', { path: '^/v1/credits/history$', latencyMs: 1_000 });
    const order: string[] = [];
    const slow = c.get('/v1/credits/history').then((r) => {
      order.push('slow');
      return r;
    });
    // The fast request goes once the slow one is held (the sandbox logs a request as it arrives).
    await eventually(
      async () =>
        (await c.get('/sandbox/requests')).json.requests.some((r: { path: string }) => r.path === '/v1/credits/history')
          ? true
          : undefined,
      'the slow request to arrive',
    );
    const fast = c.get('/v1/credits/costs').then((r) => {
      order.push('fast');
      return r;
    });
    const [s, f] = await Promise.all([slow, fast]);
    assert.equal(s.status, 200);
    assert.equal(f.status, 200);
    assert.deepEqual(order, ['fast', 'slow']);
  });

  it('DELETE /sandbox/faults clears them; the request log keeps method, path, query, headers without authorization, body', async () => {
    await c.post('/sandbox/faults', { path: '^/v1/search$', status: 500 });
    await c.request('DELETE', '/sandbox/faults');
    await c.request('DELETE', '/sandbox/requests');
    const res = await c.post(
      '/v1/search?source=test',
      { query: 'pizza near me' },
      { 'idempotency-key': 'k-1', 'user-agent': 'SandboxTest/1.0' },
    );
    assert.equal(res.status, 200);
    const log = (await c.get('/sandbox/requests')).json.requests;
    assert.equal(log.length, 1);
    const [entry] = log;
    assert.equal(entry.method, 'POST');
    assert.equal(entry.path, '/v1/search');
    assert.deepEqual(entry.query, { source: 'test' });
    assert.deepEqual(entry.body, { query: 'pizza near me' });
    assert.equal(entry.headers['idempotency-key'], 'k-1');
    assert.equal(entry.headers['user-agent'], 'SandboxTest/1.0');
    assert.equal(entry.headers.authorization, undefined);
    assert.ok(!JSON.stringify(log).includes(c.token));
  });

  it('reset reseeds (or empties) the data and keeps tokens valid', async () => {
    await c.post('/sandbox/reset', { empty: true });
    assert.equal((await c.get('/v1/calls')).json.total, 0);
    assert.equal((await c.get('/v1/credits/balance')).json.credits_remaining, 600);
    await c.post('/sandbox/reset', {});
    assert.equal((await c.get('/v1/calls')).json.total, 14);
    assert.equal((await c.get('/sandbox/state')).json.user.email, 'demo@kallyai.test');
  });
});

describe('sandbox controls refuse values the real service could never hold', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox({ timeScale: 1000 });
  });
  after(async () => {
    await c.close();
  });
  const balance = async () => (await c.get('/v1/credits/balance')).json.credits_remaining;
  const raw = (path: string, text: string) =>
    c.request('POST', path, { body: text, headers: { 'content-type': 'application/json' } });

  it('POST /sandbox/credits: 1e308, 1e999 (Infinity once parsed), negative, text or null is a 400 that says why, and the balance stays a number', async () => {
    const before = await balance();
    const cases: Array<[body: string, says: RegExp]> = [
      [
        '{"remaining": 1e308}',
        /^remaining must be at most 1000000: no plan holds more than 1000000 credits \(got 1e\+308\)\.$/,
      ],
      ['{"remaining": 1e999}', /^remaining must be a finite number \(got Infinity\)\.$/],
      ['{"remaining": -0.5}', /^remaining must be at least 0: a balance cannot be negative \(got -0\.5\)\.$/],
      ['{"remaining": "12"}', /^remaining must be a number \(got "12"\)\.$/],
      ['{"remaining": null}', /^remaining must be a number \(got null\)\.$/],
      ['{}', /^remaining must be a number \(got nothing\)\.$/],
    ];
    for (const [body, says] of cases) {
      const r = await raw('/sandbox/credits', body);
      assert.deepEqual(
        [r.status, r.json.error.code, r.json.error.details],
        [400, 'invalid_control', { field: 'remaining' }],
        body,
      );
      assert.match(r.json.error.message, says, body);
      assert.equal(await balance(), before, `${body} left the balance alone`);
    }
    assert.equal(
      (await c.post('/sandbox/credits', { remaining: 1_000_000 })).json.credits_remaining,
      1_000_000,
      'the largest balance is accepted',
    );
    assert.equal(await balance(), 1_000_000);
    assert.equal((await c.post('/sandbox/credits', { remaining: 0 })).status, 200);
    const call = await c.post('/v1/calls', {
      submission: {
        task_category: 'general',
        task_description: 'Ask about the opening hours.',
        respondent_phone: '+12015550100',
      },
      timezone: 'UTC',
    });
    assert.deepEqual([call.status, call.json.error.code], [402, 'quota_exceeded'], 'out of credits, no call is placed');
  });

  it('counts, durations and flags: fractions, absurd sizes and wrong types are a 400 naming the field', async () => {
    const cases: Array<[path: string, body: string, field: string, says: RegExp]> = [
      ['/sandbox/seed-calls', '{"count": 1e9}', 'count', /at most 100000: seed at most 100000 calls at a time/],
      ['/sandbox/seed-calls', '{"count": 2.5}', 'count', /must be a whole number \(got 2\.5\)/],
      ['/sandbox/seed-messages', '{"count": "10"}', 'count', /must be a number \(got "10"\)/],
      [
        '/sandbox/inbound-call',
        '{"duration_seconds": 1e308}',
        'duration_seconds',
        /at most 3600: a live call lasts at most an hour of real time/,
      ],
      ['/sandbox/inbound-call', '{"duration_seconds": -1}', 'duration_seconds', /at least 1 \(got -1\)/],
      ['/sandbox/reset', '{"empty": "yes"}', 'empty', /must be true or false \(got "yes"\)/],
      ['/sandbox/seed-hostile', '{"payloads": [1]}', 'payloads', /must be a non-empty list of strings/],
    ];
    const total = (await c.get('/v1/calls')).json.total;
    for (const [path, body, field, says] of cases) {
      const r = await raw(path, body);
      assert.deepEqual(
        [r.status, r.json.error.code, r.json.error.details],
        [400, 'invalid_control', { field }],
        `${path} ${body}`,
      );
      assert.match(r.json.error.message, says, `${path} ${body}`);
    }
    assert.equal((await c.get('/v1/calls')).json.total, total, 'nothing was seeded');
  });

  it('a start with an impossible number stops with a message naming the option', async () => {
    await assert.rejects(
      openSandbox({ tokenTtlSeconds: 1e308 }),
      /tokenTtlSeconds \(--token-ttl\) must be a number from 1 to 31536000/,
    );
    await assert.rejects(openSandbox({ timeScale: Number.NaN }), /timeScale \(--time-scale\) must be a number above 0/);
    await assert.rejects(openSandbox({ port: 70_000 }), /port \(--port\) must be a whole number from 0 to 65535/);
  });
});

describe('sandbox --state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kallyai-sandbox-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps state and tokens across a restart', async () => {
    const statePath = join(dir, 'state.json');
    const first = await openSandbox({ statePath, timeScale: 1000 });
    const unread = (await first.get('/v1/messages/inbox?unread=true')).json.messages;
    await first.post('/v1/messages/mark-read', { message_ids: [unread[0].id] });
    const call = await first.post('/v1/calls', {
      submission: {
        task_category: 'general',
        task_description: 'Persisted call check',
        respondent_phone: '+12015550100',
      },
      timezone: 'UTC',
    });
    assert.equal(call.status, 201);
    const token = first.token;
    await first.close();

    const second = await openSandbox({ statePath });
    try {
      const again = await second.request('GET', `/v1/calls/${call.json.call_id}`, { token });
      assert.equal(again.status, 200);
      assert.equal(again.json.status, 'success');
      const msg = await second.get(`/v1/messages/inbox/${unread[0].id}`);
      assert.equal(msg.json.unread, false);
      assert.equal((await second.get('/v1/credits/balance')).json.credits_remaining, 141.3);
    } finally {
      await second.close();
    }
  });
});
