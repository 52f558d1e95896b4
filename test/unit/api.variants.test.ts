/** The client against every variant the contract says it must accept (§6, §7.1, §12), served by
 *  the sandbox's --variant switch: every list operation under every envelope (documented key,
 *  `items`, bare array), a set of server-side errors under every error shape (nested,
 *  details.message, flat, FastAPI {detail}), a 401 under either code, and the whole catalogue
 *  once under the harshest combination. So a change of shape on the real service cannot break
 *  us silently. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { allOperations, ops } from '../../src/api/catalogue';
import type { KallyClient } from '../../src/api/client';
import { KallyApiError, type UserActionKind } from '../../src/api/errors';
import { listKeyOf } from '../../src/api/schemas/common';
import { startSandbox } from '../../sandbox/server';
import { ENVELOPES, ERROR_SHAPES, UNAUTHORIZED_CODES, type Variant } from '../../sandbox/variants';
import { client, control, failure, SandboxTokenSource, type SandboxHandle } from './api.helpers';
import { SAMPLES } from './api.samples';

const LIST_OPS = allOperations.filter((op) => listKeyOf(op.response));
const open = (variant: Variant, timeScale = 1000) => startSandbox({ port: 0, timeScale, quiet: true, variant });

describe('list envelopes: every list operation under every envelope', () => {
  // How many there are is the catalogue's to say (no count typed here); the envelopes below run every one.
  it('covers the list operations of the catalogue', () => assert.ok(LIST_OPS.length > 0, 'the catalogue has list operations'));

  for (const envelope of ENVELOPES) {
    describe(`envelope=${envelope}`, () => {
      let sb: SandboxHandle;
      let c: KallyClient;
      const bodies: unknown[] = [];
      before(async () => {
        sb = await open({ envelope });
        // Real HTTP; the wrapper only keeps a copy of what the sandbox sent, to check the variant was served.
        const keep: typeof fetch = async (input, init) => {
          const res = await globalThis.fetch(input, init);
          bodies.push(await res.clone().json().catch(() => undefined));
          return res;
        };
        c = client(sb, { fetch: keep });
      });
      after(() => sb.close());

      for (const op of LIST_OPS) {
        it(`${op.id} (${listKeyOf(op.response)})`, async () => {
          const input = await SAMPLES[op.id]({ client: c, sb });
          bodies.length = 0;
          const out = (await c.execute(op, input as never, { timeoutMs: 60_000 })) as Record<string, unknown>;
          const key = listKeyOf(op.response)!;
          assert.ok(Array.isArray(out[key]), `${op.id} has no ${key} list`);
          const sent = bodies.at(-1);
          if (envelope === 'bare') assert.ok(Array.isArray(sent), 'the sandbox sent a bare array');
          else assert.ok(sent && !Array.isArray(sent) && Array.isArray((sent as Record<string, unknown>)[envelope === 'items' ? 'items' : key]));
        });
      }
    });
  }
});

interface ErrorCase {
  name: string;
  status: number;
  code: string;
  /** The action the UI offers, whatever the shape (only where the status alone implies it). */
  action?: UserActionKind;
  run: (c: KallyClient, sb: SandboxHandle) => Promise<unknown>;
}

const call = (phone: string, extra: Record<string, unknown> = {}) => ({ body: { submission: { task_category: 'general' as const, task_description: 'Ask about the opening hours.', respondent_phone: phone, ...extra }, timezone: 'UTC' } });
const ERROR_CASES: ErrorCase[] = [
  { name: 'unknown call', status: 404, code: 'call_not_found', run: (c) => c.execute(ops.calls.get, { path: { call_id: 'no-such-call' } }) },
  { name: 'no transcript for a busy call', status: 404, code: 'transcript_not_found', run: async (c) => {
    const busy = (await c.execute(ops.calls.list)).calls.find((x) => x.status === 'busy')!;
    return c.execute(ops.calls.transcript, { path: { call_id: busy.call_id } });
  } },
  { name: 'blocked number', status: 403, code: 'blocked_number', run: (c) => c.execute(ops.calls.create, call('+12015550142')) },
  { name: 'date in the past', status: 422, code: 'scheduling_violation', action: 'editRequest', run: (c) => c.execute(ops.calls.create, call('+12015550100', { appointment_date: '2020-01-01' })) },
  { name: 'goal already completed', status: 409, code: 'goal_already_completed', run: async (c) => {
    const done = (await c.execute(ops.coordination.goals, { query: { status: 'completed' } })).goals[0];
    return c.execute(ops.coordination.cancelGoal, { path: { id: String(done.id) } });
  } },
  { name: 'out of credits', status: 402, code: 'quota_exceeded', action: 'openPricing', run: async (c, sb) => {
    await control(sb, 'POST', '/sandbox/credits', { remaining: 0 });
    try {
      return await c.execute(ops.calls.create, call('+12015550100'));
    } finally {
      await control(sb, 'POST', '/sandbox/credits', { remaining: 100 });
    }
  } },
  { name: 'no token', status: 401, code: 'missing_token', action: 'signIn', run: (_c, sb) => client(sb, { tokenSource: undefined }).execute(ops.credits.balance) },
];

describe('error shapes: a set of server-side errors under every shape', () => {
  for (const error of ERROR_SHAPES) {
    describe(`error=${error}`, () => {
      let sb: SandboxHandle;
      let c: KallyClient;
      before(async () => {
        sb = await open({ error });
        c = client(sb, { retry: { retries: 0 } });
      });
      after(() => sb.close());

      for (const e of ERROR_CASES) {
        it(`${e.name}: ${e.status} ${e.code}`, async () => {
          const got = await failure(e.run(c, sb));
          assert.equal(got.status, e.status);
          // FastAPI's {detail: "…"} carries no code: the status stands for it.
          assert.equal(got.code, error === 'fastapi' ? `http_${e.status}` : e.code);
          assert.ok(got.serverMessage && got.serverMessage.length > 5, `the server's words are kept (${got.serverMessage})`);
          assert.ok(got.message.length > 10);
          if (e.action) assert.equal(got.action.kind, e.action);
        });
      }
    });
  }
});

describe('401 codes: either one makes the client refresh once and retry', () => {
  for (const unauthorized of UNAUTHORIZED_CODES) {
    it(`unauthorized=${unauthorized}`, async () => {
      const sb = await open({ unauthorized });
      try {
        const source = new SandboxTokenSource(sb);
        const c = client(sb, { tokenSource: source });
        await c.execute(ops.credits.balance);
        await control(sb, 'POST', '/sandbox/expire-tokens');
        const balance = await c.execute(ops.credits.balance);
        assert.equal(typeof balance, 'object');
        assert.equal(source.refreshes, 1);
        const raw = await fetch(`${sb.url}/v1/credits/balance`);
        assert.equal(((await raw.json()) as { error: { code: string } }).error.code, unauthorized, 'the variant was served');
      } finally {
        await sb.close();
      }
    });
  }
});

describe('the whole catalogue under envelope=bare, error=fastapi', () => {
  let sb: SandboxHandle;
  before(async () => { sb = await open({ envelope: 'bare', error: 'fastapi' }, 100); });
  after(() => sb.close());

  it('every operation succeeds', async () => {
    const failed: string[] = [];
    for (const op of allOperations) {
      const c = client(sb);
      try {
        const input = await SAMPLES[op.id]({ client: c, sb });
        await c.execute(op, input as never, { timeoutMs: 60_000 });
      } catch (e) {
        failed.push(`${op.id}: ${e instanceof KallyApiError ? `${e.code} ${e.message}` : String(e)}`);
      }
    }
    assert.deepEqual(failed, []);
  });
});
