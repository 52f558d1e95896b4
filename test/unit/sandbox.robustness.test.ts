/** The sandbox answers hostile or careless input with a clear 4xx (or refuses to start with a
 *  clear message) instead of a 500, a crash or a held connection: bad percent-encoding, bad fault
 *  specs, fault patterns that would backtrack forever, state files with missing or wrong parts,
 *  bodies shorter than their Content-Length or too large, an Idempotency-Key reused for another body. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox } from '../../sandbox/server';
import { type SandboxClient, openSandbox } from '../../sandbox/testing';

/** How long `raw` waits for the sandbox to close a connection before it reports it held: one
 *  generous ceiling (a held connection is what it catches; how fast an answer comes is a figure of
 *  `npm run reliability`, not a test). */
const HELD_MS = 30_000;

/** Writes raw bytes to the sandbox and reads what comes back until the socket closes (or HELD_MS pass). */
function raw(url: string, request: string): Promise<{ text: string; closed: boolean }> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, HELD_MS);
    socket.on('data', (d) => {
      text += d.toString();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('error', () => undefined);
    socket.write(request);
  });
}

describe('sandbox: paths and bodies', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox({ bodyTimeoutMs: 500 });
  });
  after(async () => {
    await c.close();
  });

  it('a bad percent-encoding in a path is a 400, not a 500', async () => {
    for (const path of ['/v1/calls/%E0%A4%A', '/v1/calls/%zz', '/v1/coordination/goals/%']) {
      const res = await c.get(path);
      assert.equal(res.status, 400, path);
      assert.equal(res.json.error.code, 'bad_request');
      assert.match(res.json.error.message, /percent-encoding/);
    }
  });

  it('a Content-Length longer than the body gets a 408 after the body timeout, and the connection is closed', async () => {
    const request = `POST /v1/search HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${c.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":`;
    const answer = await raw(c.url, request);
    assert.ok(answer.closed, 'the sandbox let go of the connection');
    // request_timeout is the body timer's answer, and only its answer: the 408 came after it.
    assert.match(answer.text, /^HTTP\/1\.1 408/);
    assert.match(answer.text, /request_timeout/);
  });

  it('a body over 1 MB is a 413, announced or not', async () => {
    // Refused from the header, without waiting for the body: a sandbox that waited would answer
    // 408 (the body never comes) instead of 413.
    const announced = await raw(
      c.url,
      `POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n{`,
    );
    assert.match(announced.text, /^HTTP\/1\.1 413/);
    const big = await c.post('/v1/search', { query: 'x'.repeat(1_100_000) });
    assert.equal(big.status, 413);
    assert.equal(big.json.error.code, 'payload_too_large');
  });
});

describe('sandbox: fault specs', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox();
  });
  after(async () => {
    await c.close();
  });

  const refused = [
    { path: '^/v1/calls$', status: 99 },
    { path: '^/v1/calls$', status: 1000 },
    { path: '^/v1/calls$', status: 'abc' },
    { path: '^/v1/calls$', status: 503.5 },
    { path: '^/v1/calls$', status: 200 },
    { path: '^/v1/calls$', status: 429, retryAfter: '1\r\nSet-Cookie: x=1' },
    { path: '^/v1/calls$', status: 429, retryAfter: -1 },
    { path: '^/v1/calls$', count: 0 },
    { path: '^/v1/calls$', count: 'many' },
    { path: '^/v1/calls$', latencyMs: -5 },
    { path: '^/v1/calls$', latencyMs: 1e9 },
    { path: '^/v1/calls$', method: 'BREW' },
    { path: '^/v1/calls$', code: 'has spaces\r\n' },
    { path: '^/v1/calls$', drop: 'yes' },
    { path: '^/v1/calls$', colour: 'red' },
    { path: '' },
    { path: 42 },
    { path: '^/v1/(?=calls)' },
    { path: '^/v1/(calls)\\1$' },
    { path: '^/v1/calls{1,5000}$' },
    { path: '[unclosed' },
  ];
  for (const spec of refused) {
    it(`refuses ${JSON.stringify(spec)} with a 400 that says why`, async () => {
      const res = await c.post('/sandbox/faults', spec);
      assert.equal(res.status, 400, res.text);
      assert.equal(res.json.error.code, 'invalid_fault');
      assert.ok(res.json.error.message.length > 15);
      assert.deepEqual((await c.get('/sandbox/faults')).json.faults, []);
    });
  }

  // A backtracking engine would take longer than the universe on these (2^5000 paths), so a match
  // that answers at all is linear; how fast it answers is a figure of `npm run reliability`.
  it('patterns that backtrack forever in a regex engine are matched in linear time', async () => {
    const path = `/${'a'.repeat(5000)}!`;
    for (const pattern of ['^/(a+)+$', '^/(a|a)*$', '^/(a|aa)+$', '^/.*.*.*.*x$', '^/(\\w+\\w*)+$']) {
      const added = await c.post('/sandbox/faults', { path: pattern, status: 503 });
      assert.equal(added.status, 200, `${pattern}: ${added.text}`);
      const res = await c.get(path);
      assert.equal(res.status, 404, 'no match: the route is unknown');
      await c.request('DELETE', '/sandbox/faults');
    }
  });

  it('the safe subset still matches what tests use: anchored paths, groups, classes, globs', async () => {
    const cases: Array<[pattern: string, path: string, matches: boolean]> = [
      ['^/v1/calls$', '/v1/calls', true],
      ['^/v1/calls$', '/v1/calls/x', false],
      ['/v1/calls', '/api/v1/calls/x', true],
      ['^/v1/(calls|goals)$', '/v1/goals', true],
      ['^/v1/calls/[0-9a-f-]+$', '/v1/calls/0f-12', true],
      ['^/v1/calls/\\d{3}$', '/v1/calls/123', true],
      ['^/v1/calls/\\d{3}$', '/v1/calls/1234', false],
      ['^/v1/calls/.+/transcript$', '/v1/calls/abc/transcript', true],
      ['/v1/calls/*', '/v1/calls/abc', true],
      ['/v1/calls/*', '/v1/calls/abc/transcript', false],
      ['/v1/**', '/v1/calls/abc/transcript', true],
      ['^/v1/cal?ls$', '/v1/cals', true],
    ];
    for (const [pattern, path, matches] of cases) {
      await c.request('DELETE', '/sandbox/faults');
      assert.equal(
        (await c.post('/sandbox/faults', { path: pattern, status: 418, code: 'teapot' })).status,
        200,
        pattern,
      );
      const res = await c.get(path);
      assert.equal(res.status === 418, matches, `${pattern} on ${path} → ${res.status}`);
    }
    await c.request('DELETE', '/sandbox/faults');
  });

  it('a Retry-After given as an HTTP date is sent as such', async () => {
    const date = new Date(Date.now() + 2000).toUTCString();
    assert.equal((await c.post('/sandbox/faults', { path: '^/v1/calls$', status: 429, retryAfter: date })).status, 200);
    const res = await c.get('/v1/calls');
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), date);
  });
});

describe('sandbox: Idempotency-Key', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox({ timeScale: 1000 });
  });
  after(async () => {
    await c.close();
  });
  const body = (description: string) => ({
    submission: { task_category: 'general', task_description: description, respondent_phone: '+12015550102' },
    timezone: 'UTC',
  });

  it('the same key with another body is a 422 idempotency_key_reused; with the same body, the earlier call', async () => {
    const first = await c.post('/v1/calls', body('Ask about the opening hours'), { 'idempotency-key': 'key-reuse-1' });
    assert.equal(first.status, 201);
    const same = await c.post(
      '/v1/calls',
      {
        timezone: 'UTC',
        submission: {
          respondent_phone: '+12015550102',
          task_description: 'Ask about the opening hours',
          task_category: 'general',
        },
      },
      { 'idempotency-key': 'key-reuse-1' },
    );
    assert.equal(same.status, 201, 'key order does not matter');
    assert.equal(same.json.call_id, first.json.call_id);
    const other = await c.post('/v1/calls', body('Book a table for six people'), { 'idempotency-key': 'key-reuse-1' });
    assert.equal(other.status, 422);
    assert.equal(other.json.error.code, 'idempotency_key_reused');
    const calls = (await c.get('/v1/calls?limit=200')).json.calls;
    assert.equal(
      calls.filter(
        (x: { submission: { task_description: string } }) =>
          x.submission.task_description === 'Book a table for six people',
      ).length,
      0,
    );
  });
});

describe('sandbox: state files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kallyai-state-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('{"version":1,"calls":[]} starts with defaults for the missing parts, and signed-in calls work', async () => {
    const c = await openSandbox({ statePath: file('minimal.json', '{"version":1,"calls":[]}') });
    try {
      assert.equal((await c.get('/v1/calls')).status, 200);
      assert.equal((await c.get('/v1/calls')).json.total, 0);
      assert.equal((await c.get('/v1/credits/balance')).json.credits_remaining, 600);
      assert.equal((await c.get('/v1/coordination/goals')).status, 200);
    } finally {
      await c.close();
    }
  });

  const broken: Array<[name: string, content: string, says: RegExp]> = [
    ['null-call.json', '{"version":1,"calls":[null]}', /calls\[0\] must be an object/],
    ['no-version.json', '{"calls":[null]}', /version must be 1/],
    ['string-calls.json', '{"version":1,"calls":"none"}', /calls must be a list/],
    ['call-no-id.json', '{"version":1,"calls":[{"status":"success"}]}', /calls\[0\]\.call_id must be a string/],
    ['bad-auth.json', '{"version":1,"auth":{"secret":""}}', /auth\.secret must be a non-empty string/],
    ['bad-credits.json', '{"version":1,"credits":{"remaining":"lots"}}', /credits\.remaining must be a number/],
    [
      'huge-credits.json',
      '{"version":1,"credits":{"remaining":1e308}}',
      /credits\.remaining must be from 0 to 1000000 credits \(got 1e\+308\)/,
    ],
    [
      'infinite-credits.json',
      '{"version":1,"credits":{"remaining":1e999}}',
      /credits\.remaining must be a number \(got number\)/,
    ],
    [
      'negative-credits.json',
      '{"version":1,"credits":{"remaining":-3}}',
      /credits\.remaining must be from 0 to 1000000 credits \(got -3\)/,
    ],
    ['bad-goal.json', '{"version":1,"goals":[{"id":"g","steps":{}}]}', /goals\[0\]\.\w+ must be/],
    ['not-json.json', '{"version":1,', /not valid JSON/],
    ['array.json', '[]', /must be a JSON object/],
  ];
  for (const [name, content, says] of broken) {
    it(`${content} is a startup error that names what is wrong`, async () => {
      const path = file(name, content);
      await assert.rejects(startSandbox({ port: 0, quiet: true, statePath: path }), (e: Error) => {
        assert.ok(!(e instanceof TypeError), `a raw ${e.name}: ${e.message}`);
        assert.match(e.message, says);
        assert.ok(e.message.includes(path), 'names the file');
        return true;
      });
    });
  }
});
