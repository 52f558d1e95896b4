/** The sandbox's variant switch (sandbox/variants.ts): per request through X-Sandbox-Variant,
 *  per run through --variant, applied centrally to list answers and error bodies of /v1 only;
 *  and the list-route table kept equal to the client's list operations. */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { allOperations } from '../../src/api/catalogue';
import { listKeyOf } from '../../src/api/schemas/common';
import { LIST_ROUTES, routeKey } from '../../sandbox/listRoutes';
import { Router } from '../../sandbox/router';
import { registerAllRoutes } from '../../sandbox/routes';
import { type SandboxClient, fetchResult, openSandbox } from '../../sandbox/testing';

describe('sandbox variants per request (X-Sandbox-Variant)', () => {
  let c: SandboxClient;
  before(async () => { c = await openSandbox(); });
  after(async () => { await c.close(); });
  const get = (path: string, variant?: string) => c.request('GET', path, { headers: variant ? { 'x-sandbox-variant': variant } : {} });

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
    assert.ok(!Array.isArray((await get('/v1/credits/balance', 'envelope=bare')).json), 'what is not a list is left alone');
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
    const noToken = (variant: string) => c.request('GET', '/v1/credits/balance', { token: null, headers: { 'x-sandbox-variant': variant } });
    assert.equal((await noToken('unauthorized=token_expired')).json.error.code, 'token_expired');
    const forged = await c.request('GET', '/v1/credits/balance', { token: 'a.b.c', headers: { 'x-sandbox-variant': 'unauthorized=missing_token' } });
    assert.equal(forged.json.error.code, 'missing_token');
    assert.equal((await noToken('')).json.error.code, 'missing_token');
  });

  it('a bad header is a 400 that says why; controls and pages are never transformed', async () => {
    const bad = await get('/v1/calls', 'envelope=wrapped');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'invalid_variant');
    assert.match(bad.json.error.message, /envelope must be one of documented, items, bare/);
    assert.equal((await get('/v1/calls', 'colour=red')).status, 400);
    const faults = await c.request('GET', '/sandbox/faults', { headers: { 'x-sandbox-variant': 'envelope=bare' } });
    assert.deepEqual(faults.json, { faults: [] });
  });
});

describe('sandbox list routes', () => {
  it('are exactly the client catalogue list operations, under the same keys', () => {
    const fromClient = Object.fromEntries(allOperations.filter((op) => listKeyOf(op.response)).map((op) => [routeKey(op.method, op.path), listKeyOf(op.response)]));
    assert.deepEqual(LIST_ROUTES, fromClient);
  });

  it('are all routes the sandbox serves', () => {
    const router = new Router();
    registerAllRoutes(router, () => undefined);
    const served = new Set(router.routes.map((r) => routeKey(r.method, r.pattern)));
    assert.deepEqual(Object.keys(LIST_ROUTES).filter((k) => !served.has(k)), []);
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
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--port', '0', '--quiet', '--variant', 'error=fastapi'], { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
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
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('an unknown --variant stops the start with a clear message', async () => {
    await assert.rejects(openSandbox({ variant: 'envelope=sideways' }), /envelope must be one of/);
  });
});
