/** The sandbox's variant switch (sandbox/variants.ts): every resource at once or one resource
 *  alone, per request through X-Sandbox-Variant, per run through --variant and /sandbox/variant,
 *  applied centrally to list answers and error bodies of /v1 only; and the list-route table kept
 *  equal to the client's list operations. */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { allOperations } from '../../src/api/catalogue';
import { listKeyOf } from '../../src/api/schemas/common';
import { LIST_RESOURCES, LIST_ROUTES, resourceOf, routeKey } from '../../sandbox/listRoutes';
import { Router } from '../../sandbox/router';
import { registerAllRoutes } from '../../sandbox/routes';
import { type SandboxClient, fetchResult, openSandbox } from '../../sandbox/testing';

describe('sandbox variants per request (X-Sandbox-Variant)', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox();
  });
  after(async () => {
    await c.close();
  });
  const get = (path: string, variant?: string) =>
    c.request('GET', path, { headers: variant ? { 'x-sandbox-variant': variant } : {} });

  it('envelope: documented key, items, or a bare array; extras kept where there is an object', async () => {
    const documented = await get('/v1/calls?limit=5');
    assert.equal(documented.json.calls.length, 5);
    assert.equal(documented.json.total, 14);
    const items = await get('/v1/calls?limit=5', 'envelope=items');
    assert.deepEqual(items.json.items, documented.json.calls);
    assert.equal(items.json.calls, undefined);
    assert.equal(items.json.total, 14);
    const bare = await get('/v1/calls?limit=5', 'envelope=bare');
    assert.deepEqual(bare.json, documented.json.calls);
    assert.ok(
      !Array.isArray((await get('/v1/credits/balance', 'envelope=bare')).json),
      'what is not a list is left alone',
    );
  });

  it('envelope for one resource: the call list under items, its transcript still under entries', async () => {
    const calls = await get('/v1/calls?limit=5', 'envelope.calls=items');
    assert.deepEqual([Array.isArray(calls.json.items), calls.json.calls, calls.json.total], [true, undefined, 14]);
    const id = calls.json.items.find((x: { status: string }) => x.status === 'success').call_id;
    assert.ok(Array.isArray((await get(`/v1/calls/${id}/transcript`, 'envelope.calls=items')).json.entries));
    assert.ok(
      Array.isArray((await get('/v1/inbound/calls', 'envelope.calls=items')).json.calls),
      'inbound.calls is another resource',
    );
    // The reverse: every list under items but the transcript.
    const reverse = 'envelope=items,envelope.calls.transcript=documented';
    assert.ok(Array.isArray((await get('/v1/calls', reverse)).json.items));
    assert.ok(Array.isArray((await get(`/v1/calls/${id}/transcript`, reverse)).json.entries));
    assert.ok(Array.isArray((await get('/v1/credits/history', reverse)).json.items));
  });

  it('error and unauthorized for one resource; a route with its own shape can be set to the standard one', async () => {
    const call = (await get('/v1/calls/nope', 'error.calls=details')).json;
    assert.deepEqual(
      [call.error.code, typeof call.error.details.message, call.error.message],
      ['call_not_found', 'string', undefined],
    );
    const goal = (await get('/v1/coordination/goals/nope', 'error.calls=details')).json;
    assert.deepEqual(
      [goal.error.code, typeof goal.error.message],
      ['goal_not_found', 'string'],
      'another resource keeps its shape',
    );
    const phone = (await get('/v1/phone-numbers/none', 'error=flat,error.phone-numbers=nested')).json;
    assert.deepEqual(
      [phone.error.code, typeof phone.error.message],
      ['phone_number_not_found', 'string'],
      'the MCP-shaped route served nested',
    );
    const noToken = (path: string) =>
      c.request('GET', path, {
        token: null,
        headers: { 'x-sandbox-variant': 'unauthorized.credits.balance=token_expired' },
      });
    assert.equal((await noToken('/v1/credits/balance')).json.error.code, 'token_expired');
    assert.equal((await noToken('/v1/credits/history')).json.error.code, 'missing_token');
  });

  it('error: nested, details, flat or FastAPI, with the same code and words', async () => {
    const path = '/v1/calls/no-such-call';
    const nested = (await get(path, 'error=nested')).json;
    assert.equal(nested.error.code, 'call_not_found');
    const words = nested.error.message;
    assert.deepEqual((await get(path, 'error=details')).json.error.details.message, words);
    const flat = (await get(path, 'error=flat')).json;
    assert.deepEqual([flat.error, flat.message], ['call_not_found', words]);
    assert.deepEqual((await get(path, 'error=fastapi')).json, { detail: words });
    const phone = (await get('/v1/phone-numbers/none', 'error=flat')).json;
    assert.equal(typeof phone.error, 'string', 'overrides a route with its own shape too');
  });

  it('unauthorized: the code of every 401', async () => {
    const noToken = (variant: string) =>
      c.request('GET', '/v1/credits/balance', { token: null, headers: { 'x-sandbox-variant': variant } });
    assert.equal((await noToken('unauthorized=token_expired')).json.error.code, 'token_expired');
    const forged = await c.request('GET', '/v1/credits/balance', {
      token: 'a.b.c',
      headers: { 'x-sandbox-variant': 'unauthorized=missing_token' },
    });
    assert.equal(forged.json.error.code, 'missing_token');
    assert.equal((await noToken('')).json.error.code, 'missing_token');
  });

  it('a bad header is a 400 that says why; controls and pages are never transformed', async () => {
    const bad = await get('/v1/calls', 'envelope=wrapped');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'invalid_variant');
    assert.match(bad.json.error.message, /envelope must be one of documented, items, bare/);
    assert.equal((await get('/v1/calls', 'colour=red')).status, 400);
    const scoped = async (variant: string, says: RegExp) => {
      const r = await get('/v1/calls', variant);
      assert.deepEqual([r.status, r.json.error.code], [400, 'invalid_variant'], variant);
      assert.match(r.json.error.message, says, variant);
    };
    await scoped(
      'envelope.calls.cancel=items',
      /envelope\.calls\.cancel: no list resource "calls\.cancel" \(known: .*calls\.transcript/,
    );
    await scoped('envelope.=items', /no list resource ""/);
    await scoped('error.nowhere=flat', /error\.nowhere: no resource "nowhere" \(GET \/sandbox\/variant lists them\)/);
    await scoped('connect.sms=pairing', /connect\.sms: no channel "sms" \(known: whatsapp, telegram\)/);
    await scoped('envelope.calls=pairing', /envelope\.calls must be one of documented, items, bare \(got "pairing"\)/);
    const faults = await c.request('GET', '/sandbox/faults', { headers: { 'x-sandbox-variant': 'envelope=bare' } });
    assert.deepEqual(faults.json, { faults: [] });
  });
});

describe("the run's variants: the header laid over them, and /sandbox/variant", () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox({ variant: { 'envelope.calls': 'items', error: 'flat' } });
  });
  after(async () => {
    await c.close();
  });
  const get = (path: string, variant?: string) =>
    c.request('GET', path, { headers: variant ? { 'x-sandbox-variant': variant } : {} });

  it('a scoped header setting replaces that scope only; an unscoped one replaces every setting of its dimension', async () => {
    assert.ok(Array.isArray((await get('/v1/calls')).json.items));
    assert.ok(
      Array.isArray((await get('/v1/calls', 'envelope.credits.history=bare')).json.items),
      "another scope: the run's calls=items stays",
    );
    assert.ok(Array.isArray((await get('/v1/credits/history', 'envelope.credits.history=bare')).json));
    assert.ok(
      Array.isArray((await get('/v1/calls', 'envelope=bare')).json),
      "unscoped: the run's calls=items is replaced",
    );
    assert.ok(Array.isArray((await get('/v1/calls', 'envelope=documented')).json.calls));
    assert.equal(
      (await get('/v1/calls/nope', 'envelope=bare')).json.error,
      'call_not_found',
      "another dimension: the run's error=flat stays",
    );
  });

  it("GET shows them with every dimension, its values and scopes; POST replaces them; DELETE and reset return to the start's", async () => {
    const view = (await c.get('/sandbox/variant')).json;
    assert.deepEqual(
      [view.variant, view.start],
      ['envelope.calls=items,error=flat', 'envelope.calls=items,error=flat'],
    );
    assert.deepEqual(view.dimensions.envelope.scopes, Object.keys(LIST_RESOURCES).sort());
    assert.deepEqual(view.dimensions.connect, { values: ['contract', 'pairing'], scopes: ['whatsapp', 'telegram'] });
    assert.ok(
      view.dimensions.error.scopes.includes('phone-numbers.available') &&
        !view.dimensions.error.scopes.includes('sandbox.faults'),
    );

    assert.equal(
      (await c.post('/sandbox/variant', { variant: 'connect.whatsapp=pairing' })).json.variant,
      'connect.whatsapp=pairing',
    );
    assert.ok(Array.isArray((await get('/v1/calls')).json.calls), 'replaced, not added to');
    assert.equal((await c.post('/v1/channels/webhook/whatsapp/connect', {})).json.status, 'pending');
    await c.post('/sandbox/reset', {});
    assert.equal(
      (await c.get('/sandbox/variant')).json.variant,
      'envelope.calls=items,error=flat',
      "reset returns to the start's",
    );
    assert.equal((await c.post('/v1/channels/webhook/whatsapp/connect', {})).json.success, true);

    await c.post('/sandbox/variant', { variant: '' });
    assert.ok(Array.isArray((await get('/v1/calls')).json.calls));
    assert.equal((await c.request('DELETE', '/sandbox/variant')).json.variant, 'envelope.calls=items,error=flat');
    assert.ok(Array.isArray((await get('/v1/calls')).json.items));

    const bad = await c.post('/sandbox/variant', { variant: 'envelope.nowhere=items' });
    assert.deepEqual([bad.status, bad.json.error.code], [400, 'invalid_variant']);
    assert.match(bad.json.error.message, /no list resource "nowhere"/);
    assert.deepEqual(
      [(await c.post('/sandbox/variant', { variant: 3 })).status, (await c.get('/sandbox/variant')).json.variant],
      [400, 'envelope.calls=items,error=flat'],
    );
  });
});

describe('a client that reads items for calls and entries for transcripts (--variant envelope.calls=items)', () => {
  it('reads both lists where it looks for them', async () => {
    const c = await openSandbox({ variant: 'envelope.calls=items' });
    try {
      const list = (await c.get('/v1/calls?limit=50')).json;
      const items = list.items as Array<{ call_id: string; status: string }>;
      assert.ok(items.length > 0 && list.total >= items.length);
      const transcript = (await c.get(`/v1/calls/${items.find((x) => x.status === 'success')!.call_id}/transcript`))
        .json;
      assert.ok(
        transcript.entries.length > 0 &&
          transcript.entries.every((e: { speaker: string; content: string }) => e.speaker && e.content),
      );
    } finally {
      await c.close();
    }
  });
});

describe('sandbox list routes', () => {
  it('each has a resource name of its own, read off its path', () => {
    assert.deepEqual(Object.values(LIST_RESOURCES).sort(), Object.keys(LIST_ROUTES).sort());
    for (const [name, key] of Object.entries(LIST_RESOURCES)) assert.equal(resourceOf(key.split(' ')[1]), name);
    assert.deepEqual(
      [
        resourceOf('/v1/calls/{call_id}/transcript'),
        resourceOf('GET /v1/inbound/calls/{}/transcript'),
        resourceOf('/v1/goals/{goal_id}/cost-breakdown'),
      ],
      ['calls.transcript', 'inbound.calls.transcript', 'goals.cost-breakdown'],
    );
  });

  it('are exactly the client catalogue list operations, under the same keys', () => {
    const fromClient = Object.fromEntries(
      allOperations
        .filter((op) => listKeyOf(op.response))
        .map((op) => [routeKey(op.method, op.path), listKeyOf(op.response)]),
    );
    assert.deepEqual(LIST_ROUTES, fromClient);
  });

  it('are all routes the sandbox serves', () => {
    const router = new Router();
    registerAllRoutes(router, () => undefined);
    const served = new Set(router.routes.map((r) => routeKey(r.method, r.pattern)));
    assert.deepEqual(
      Object.keys(LIST_ROUTES).filter((k) => !served.has(k)),
      [],
    );
  });
});

describe('sandbox variants per run (--variant)', () => {
  it('startSandbox({variant}) and the CLI flag serve it by default; the header still wins', async () => {
    const c = await openSandbox({ variant: 'envelope=items,error=flat' });
    try {
      assert.ok(Array.isArray((await c.get('/v1/calls')).json.items));
      assert.equal((await c.get('/v1/calls/nope')).json.error, 'call_not_found');
      const header = await c.request('GET', '/v1/calls', { headers: { 'x-sandbox-variant': 'envelope=bare' } });
      assert.ok(Array.isArray(header.json));
    } finally {
      await c.close();
    }
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'sandbox/main.ts',
        '--port',
        '0',
        '--quiet',
        '--variant',
        'error=fastapi,envelope.calls=bare',
      ],
      { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      });
      const res = await fetchResult(`${url}/v1/no-such-endpoint`);
      assert.equal(res.status, 404);
      assert.deepEqual(Object.keys(res.json), ['detail']);
      const token = (await fetchResult(`${url}/sandbox/tokens`, { method: 'POST' })).json.access_token;
      const list = await fetchResult(`${url}/v1/calls`, { headers: { authorization: `Bearer ${token}` } });
      assert.ok(Array.isArray(list.json), 'the scoped setting from the flag');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('an unknown --variant stops the start with a clear message', async () => {
    await assert.rejects(openSandbox({ variant: 'envelope=sideways' }), /envelope must be one of/);
    await assert.rejects(
      openSandbox({ variant: { 'envelope.nowhere': 'items' } }),
      /envelope\.nowhere: no list resource "nowhere"/,
    );
  });
});
