/** The client against every response variant the contract says it must accept (§5.9, §6, §7.1,
 *  §12), each served by the sandbox for one resource alone (sandbox/variants.ts): every list
 *  operation under every envelope (documented key, `items`, bare array) with the others untouched,
 *  a set of server-side errors under every error shape (`error.message`, `error.details.message`,
 *  flat, FastAPI `{detail}`) — each read by a client that reads only that shape, and by ours —,
 *  every authenticated endpoint's 401 under every shape and code, a channel connect as the contract has it and as a pairing, and the whole
 *  catalogue once under the harshest combination. The lists of cases come from data (the
 *  catalogue, the sandbox's dimensions), so a new list operation or variant is covered at once. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { allOperations, ops } from '../../src/api/catalogue';
import type { KallyClient } from '../../src/api/client';
import { KallyApiError, parseErrorResponse, type UserActionKind } from '../../src/api/errors';
import type { Operation } from '../../src/api/operation';
import { WEBHOOK_CHANNELS } from '../../src/api/schemas/channels';
import { listKeyOf } from '../../src/api/schemas/common';
import { startSandbox } from '../../sandbox/server';
import { resourceOf } from '../../sandbox/listRoutes';
import {
  CONNECT_FLOWS,
  ENVELOPES,
  ERROR_SHAPES,
  UNAUTHORIZED_CODES,
  VARIANT_HEADER,
  type Variant,
} from '../../sandbox/variants';
import { client, control, failure, SandboxTokenSource, type SandboxHandle } from './api.helpers';
import { SAMPLES } from './api.samples';

type Json = Record<string, unknown>;
const LIST_OPS = allOperations.filter((op) => listKeyOf(op.response));
const open = (variant: Variant, timeScale = 1000) => startSandbox({ port: 0, timeScale, quiet: true, variant });

/** The client over real HTTP; its fetch adds the X-Sandbox-Variant header (when `variant()` gives
 *  one) and keeps a copy of each body the sandbox sent, to check which variant was served. */
function variantClient(
  sb: SandboxHandle,
  variant: () => string | undefined,
  options: Parameters<typeof client>[1] = {},
  bodies: unknown[] = [],
) {
  const fetchWithVariant: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const v = variant();
    if (v) headers.set(VARIANT_HEADER, v);
    const res = await globalThis.fetch(input, { ...init, headers });
    bodies.push(
      await res
        .clone()
        .json()
        .catch(() => undefined),
    );
    return res;
  };
  return { c: client(sb, { fetch: fetchWithVariant, ...options }), bodies };
}

/** The resource a catalogue operation's route is served under (the scope of its variants). */
const resource = (op: Operation) => resourceOf(op.path);

describe('list envelopes: every list operation under every envelope, for its resource alone', () => {
  let sb: SandboxHandle;
  let header: string | undefined;
  let c: KallyClient;
  let bodies: unknown[];
  before(async () => {
    sb = await open({});
    ({ c, bodies } = variantClient(sb, () => header));
  });
  after(() => sb.close());

  /** Runs the operation with `variant` on its own request only (the sample's set-up requests go out plain). */
  const run = async (op: Operation, variant: string) => {
    header = undefined;
    const input = await SAMPLES[op.id]({ client: c, sb });
    header = variant;
    bodies.length = 0;
    try {
      return { out: (await c.execute(op, input as never, { timeoutMs: 60_000 })) as Json, sent: bodies.at(-1) };
    } finally {
      header = undefined;
    }
  };

  for (const envelope of ENVELOPES) {
    for (const op of LIST_OPS) {
      const key = listKeyOf(op.response)!;
      it(`envelope.${resource(op)}=${envelope}: ${op.id} reads its ${key}`, async () => {
        const { out, sent } = await run(op, `envelope.${resource(op)}=${envelope}`);
        assert.ok(Array.isArray(out[key]), `${op.id} has no ${key} list`);
        if (envelope === 'bare') assert.ok(Array.isArray(sent), 'the sandbox sent a bare array');
        else
          assert.ok(
            sent && !Array.isArray(sent) && Array.isArray((sent as Json)[envelope === 'items' ? 'items' : key]),
            `the sandbox sent the list under ${envelope === 'items' ? 'items' : key}`,
          );
      });
    }
  }

  for (const op of LIST_OPS) {
    const others = LIST_OPS.filter((o) => resource(o) !== resource(op));
    it(`${op.id} stays under ${listKeyOf(op.response)} while every other list resource is set to bare`, async () => {
      const { sent } = await run(op, others.map((o) => `envelope.${resource(o)}=bare`).join(','));
      assert.ok(sent && !Array.isArray(sent) && Array.isArray((sent as Json)[listKeyOf(op.response)!]));
    });
  }
});

interface ErrorCase {
  name: string;
  /** The operation that fails (its resource is the variant's scope). */
  op: Operation;
  status: number;
  code: string;
  /** The action the UI offers, whatever the shape (only where the status alone implies it). */
  action?: UserActionKind;
  run: (c: KallyClient, sb: SandboxHandle, signedOut: KallyClient) => Promise<unknown>;
}

const call = (phone: string, extra: Record<string, unknown> = {}) => ({
  body: {
    submission: {
      task_category: 'general' as const,
      task_description: 'Ask about the opening hours.',
      respondent_phone: phone,
      ...extra,
    },
    timezone: 'UTC',
  },
});
const ERROR_CASES: ErrorCase[] = [
  {
    name: 'unknown call',
    op: ops.calls.get,
    status: 404,
    code: 'call_not_found',
    run: (c) => c.execute(ops.calls.get, { path: { call_id: 'no-such-call' } }),
  },
  {
    name: 'no transcript for a busy call',
    op: ops.calls.transcript,
    status: 404,
    code: 'transcript_not_found',
    run: async (c) => {
      const busy = (await c.execute(ops.calls.list)).calls.find((x) => x.status === 'busy')!;
      return c.execute(ops.calls.transcript, { path: { call_id: busy.call_id } });
    },
  },
  {
    name: 'blocked number',
    op: ops.calls.create,
    status: 403,
    code: 'blocked_number',
    run: (c) => c.execute(ops.calls.create, call('+12015550142')),
  },
  {
    name: 'date in the past',
    op: ops.calls.create,
    status: 422,
    code: 'scheduling_violation',
    action: 'editRequest',
    run: (c) => c.execute(ops.calls.create, call('+12015550100', { appointment_date: '2020-01-01' })),
  },
  {
    name: 'goal already completed',
    op: ops.coordination.cancelGoal,
    status: 409,
    code: 'goal_already_completed',
    run: async (c) => {
      const done = (await c.execute(ops.coordination.goals, { query: { status: 'completed' } })).goals[0];
      return c.execute(ops.coordination.cancelGoal, { path: { id: String(done.id) } });
    },
  },
  {
    name: 'out of credits',
    op: ops.calls.create,
    status: 402,
    code: 'quota_exceeded',
    action: 'openPricing',
    run: async (c, sb) => {
      await control(sb, 'POST', '/sandbox/credits', { remaining: 0 });
      try {
        return await c.execute(ops.calls.create, call('+12015550100'));
      } finally {
        await control(sb, 'POST', '/sandbox/credits', { remaining: 100 });
      }
    },
  },
  {
    name: 'no token',
    op: ops.credits.balance,
    status: 401,
    code: 'missing_token',
    action: 'signIn',
    run: (_c, _sb, signedOut) => signedOut.execute(ops.credits.balance),
  },
];

/** Where a client that reads only one error shape finds the server's words. */
const READERS: Record<(typeof ERROR_SHAPES)[number], (body: Json) => unknown> = {
  nested: (b) => (b.error as Json | undefined)?.message, // REF-B's standard; the CLI's first choice
  details: (b) => ((b.error as Json | undefined)?.details as Json | undefined)?.message, // what MCP reads
  flat: (b) => b.message,
  fastapi: (b) => b.detail,
};

describe('error shapes: a set of server-side errors under every shape, for the failing resource alone', () => {
  let sb: SandboxHandle;
  let header: string | undefined;
  let c: KallyClient;
  let signedOut: KallyClient;
  let bodies: unknown[];
  before(async () => {
    sb = await open({});
    ({ c, bodies } = variantClient(sb, () => header, { retry: { retries: 0 } }));
    signedOut = variantClient(sb, () => header, { retry: { retries: 0 }, tokenSource: undefined }, bodies).c;
  });
  after(() => sb.close());

  for (const error of ERROR_SHAPES) {
    for (const e of ERROR_CASES) {
      it(`error.${resource(e.op)}=${error}: ${e.name}, ${e.status} ${e.code}`, async () => {
        header = `error.${resource(e.op)}=${error}`;
        bodies.length = 0;
        const got = await failure(e.run(c, sb, signedOut));
        const sent = bodies.at(-1) as Json;
        assert.equal(got.status, e.status);
        // FastAPI's {detail: "…"} carries no code: the status stands for it.
        assert.equal(got.code, error === 'fastapi' ? `http_${e.status}` : e.code);
        assert.ok(
          got.serverMessage && got.serverMessage.length > 5,
          `the server's words are kept (${got.serverMessage})`,
        );
        assert.equal(
          READERS[error](sent),
          got.serverMessage,
          `a client that reads only the ${error} shape reads the same words: ${JSON.stringify(sent)}`,
        );
        for (const [other, read] of Object.entries(READERS))
          if (other !== error) assert.equal(read(sent), undefined, `not also in the ${other} shape`);
        assert.ok(got.message.length > 10);
        if (e.action) assert.equal(got.action.kind, e.action);
      });
    }
  }

  for (const e of ERROR_CASES) {
    it(`${e.name}: the route's own shape while every other resource is set to fastapi`, async () => {
      const scopes = (await control<{ dimensions: { error: { scopes: string[] } } }>(sb, 'GET', '/sandbox/variant'))
        .dimensions.error.scopes;
      header = scopes
        .filter((s) => s !== resource(e.op))
        .map((s) => `error.${s}=fastapi`)
        .join(',');
      bodies.length = 0;
      const got = await failure(e.run(c, sb, signedOut));
      assert.equal(got.code, e.code);
      assert.equal(READERS.nested(bodies.at(-1) as Json), got.serverMessage);
    });
  }
});

describe('every authenticated endpoint of the catalogue, signed out, under every error shape and 401 code for its resource alone', () => {
  const AUTHENTICATED = allOperations.filter((op) => op.auth === 'bearer');
  let sb: SandboxHandle;
  before(async () => {
    assert.ok(
      AUTHENTICATED.length > 0 && AUTHENTICATED.length < allOperations.length,
      'the catalogue marks which operations need a token',
    );
    sb = await open({});
  });
  after(() => sb.close());
  /** The operation sent with no token (path parameters filled with "x"), under `variant`. */
  const signedOut = async (op: Operation, variant: string) => {
    const res = await fetch(`${sb.url}${op.path.replace(/\{[^}]+\}/g, 'x')}`, {
      method: op.method,
      headers: {
        [VARIANT_HEADER]: variant,
        ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
      },
      body: op.method === 'GET' || op.method === 'DELETE' ? undefined : '{}',
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      body: JSON.parse(text) as Json,
      parsed: parseErrorResponse(res.status, text, res.headers),
    };
  };

  for (const error of ERROR_SHAPES) {
    it(`error.<resource>=${error}: the reader of that shape and the client's parser read the same words`, async () => {
      const wrong: string[] = [];
      for (const op of AUTHENTICATED) {
        const r = await signedOut(op, `error.${resource(op)}=${error}`);
        const words = READERS[error](r.body);
        const code = error === 'fastapi' ? 'http_401' : 'missing_token';
        if (r.status !== 401 || typeof words !== 'string' || words !== r.parsed.serverMessage || r.parsed.code !== code)
          wrong.push(`${op.id}: ${r.status} ${r.text}`);
      }
      assert.deepEqual(wrong, []);
    });
  }

  for (const unauthorized of UNAUTHORIZED_CODES) {
    it(`unauthorized.<resource>=${unauthorized}: the code the client reads`, async () => {
      const wrong: string[] = [];
      for (const op of AUTHENTICATED) {
        const r = await signedOut(op, `unauthorized.${resource(op)}=${unauthorized}`);
        if (r.status !== 401 || r.parsed.code !== unauthorized || r.parsed.action.kind !== 'signIn')
          wrong.push(`${op.id}: ${r.status} ${r.text}`);
      }
      assert.deepEqual(wrong, []);
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
        assert.equal(
          ((await raw.json()) as { error: { code: string } }).error.code,
          unauthorized,
          'the variant was served',
        );
      } finally {
        await sb.close();
      }
    });
  }
});

describe('channel connect: as the contract has it, and as a pairing (opt-in)', () => {
  let sb: SandboxHandle;
  let header: string | undefined;
  let c: KallyClient;
  before(async () => {
    sb = await open({});
    ({ c } = variantClient(sb, () => header));
  });
  after(() => sb.close());

  const connect = (channel: (typeof WEBHOOK_CHANNELS)[number]) =>
    c.execute(ops.channels.connect, { path: { channel }, body: {} });
  const connected = async (channel: string) =>
    (await c.execute(ops.channels.status)).channels?.find((x) => x.channel === channel)?.connected;
  /** What a client reading each flow gets from a connect sent as the CLI sends it ({}). */
  const EXPECT: Record<(typeof CONNECT_FLOWS)[number], (r: Awaited<ReturnType<typeof connect>>) => void> = {
    contract: (r) => {
      assert.equal(r.success, true);
      assert.ok(r.account_name, 'the account it connected');
      assert.equal(r.pairing_url, undefined);
    },
    pairing: (r) => {
      assert.equal(r.status, 'pending');
      assert.match(String(r.pairing_url), /^http:\/\/127\.0\.0\.1:\d+\/sandbox\/pages\/pair-channel\?/);
      assert.match(String(r.pairing_code), /^KALLY-\d{6}$/);
    },
  };

  for (const flow of CONNECT_FLOWS) {
    for (const channel of WEBHOOK_CHANNELS) {
      it(`connect.${channel}=${flow}`, async () => {
        await control(sb, 'POST', '/sandbox/reset', {});
        await c.execute(ops.channels.disconnect, { path: { channel } });
        header = `connect.${channel}=${flow}`;
        try {
          EXPECT[flow](await connect(channel));
        } finally {
          header = undefined;
        }
        assert.equal(await connected(channel), flow === 'contract');
        if (flow === 'contract')
          assert.equal(
            (await c.execute(ops.channels.test, { path: { channel } })).success,
            true,
            'then testing it works',
          );
      });
    }
  }
});

describe('the whole catalogue under envelope=bare, error=fastapi', () => {
  let sb: SandboxHandle;
  before(async () => {
    sb = await open({ envelope: 'bare', error: 'fastapi' }, 100);
  });
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
