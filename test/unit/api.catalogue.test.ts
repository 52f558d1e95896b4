/** The catalogue: one entry per method+path of contract §5, consistent flags, and every
 *  operation executed once through KallyClient against the sandbox with its response parsed. */
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { allOperations, ops } from '../../src/api/catalogue';
import { KallyApiError } from '../../src/api/errors';
import { defineDomain } from '../../src/api/operation';
import { client, control, sandbox, type SandboxHandle } from './api.helpers';
import { SAMPLES } from './api.samples';
import { sampleOf } from '../shared/schemaSample';
import { CONTRACT } from '../shared/contract';

describe('operation catalogue', () => {
  it('has the method+path pairs of contract §5, each once', () => {
    const pairs = allOperations.map((op) => `${op.method} ${op.path}`);
    assert.deepEqual([...pairs].sort(), [...CONTRACT].sort());
    assert.equal(new Set(pairs).size, CONTRACT.length);
    assert.equal(new Set(allOperations.map((op) => op.id)).size, CONTRACT.length);
  });

  it('has the per-domain split of contract §5.18: each domain holds the contract pairs under its path', () => {
    // The domain of a contract pair is its first path segment (§5's sections), with three names that
    // differ: the counts come from the contract list and the catalogue, never typed here.
    const SEGMENT_OF_DOMAIN: Record<string, string> = {
      phone: 'phone-numbers',
      budget: 'goals',
      subscription: 'subscriptions',
    };
    const segment = (pair: string) => pair.split(' ')[1].split('/')[2];
    const domains = [...new Set(allOperations.map((op) => op.domain))];
    const expected = Object.fromEntries(
      domains.map((d) => [d, CONTRACT.filter((pair) => segment(pair) === (SEGMENT_OF_DOMAIN[d] ?? d)).sort()]),
    );
    const actual = Object.fromEntries(
      domains.map((d) => [
        d,
        allOperations
          .filter((op) => op.domain === d)
          .map((op) => `${op.method} ${op.path}`)
          .sort(),
      ]),
    );
    assert.deepEqual(actual, expected);
    assert.equal(
      Object.values(expected).reduce((n, pairs) => n + pairs.length, 0),
      CONTRACT.length,
      'every contract pair belongs to a domain',
    );
  });

  it('derives ids, path params and concrete flags for every entry', () => {
    for (const op of allOperations) {
      assert.equal(op.id, `${op.domain}.${op.name}`);
      assert.match(op.path, /^\/v1\//);
      assert.deepEqual(
        [...op.pathParams],
        [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        op.id,
      );
      for (const flag of ['costsCredits', 'contactsPeople', 'irreversible', 'idempotent'] as const)
        assert.equal(typeof op[flag], 'boolean', `${op.id}.${flag}`);
      assert.ok(op.summary.length > 5, op.id);
      if (op.method === 'GET') assert.equal(op.idempotent, true, op.id);
      if (op.method === 'GET') assert.equal(op.body, undefined, op.id);
    }
  });

  it('marks calls.create as the one creating, long-running, costly, people-contacting operation', () => {
    const creating = allOperations.filter((op) => op.creates);
    assert.deepEqual(
      creating.map((op) => op.id),
      ['calls.create'],
    );
    const c = ops.calls.create;
    assert.deepEqual(
      [c.method, c.path, c.longRunning, c.costsCredits, c.contactsPeople, c.irreversible, c.idempotent],
      ['POST', '/v1/calls', true, true, true, true, false],
    );
  });

  it('uses form encoding only for the GPT token exchange and no bearer only for public endpoints', () => {
    assert.deepEqual(
      allOperations.filter((op) => op.bodyEncoding === 'form').map((op) => op.id),
      ['auth.gptToken'],
    );
    assert.deepEqual(
      allOperations
        .filter((op) => op.auth === 'none')
        .map((op) => op.id)
        .sort(),
      [
        'auth.appleToken',
        'auth.authorize',
        'auth.cli',
        'auth.googleValidate',
        'auth.gptToken',
        'auth.refresh',
        'channels.verifyEmail',
        'credits.costs',
        'credits.plans',
        'referrals.track',
        'referrals.validate',
        'stripe.plans',
      ],
    );
  });

  it('flags the operations that dial, email or spend', () => {
    for (const id of [
      'calls.create',
      'calls.reschedule',
      'coordination.approveStep',
      'actions.approveEmail',
      'outreach.create',
      'inbound.transfer',
    ]) {
      assert.equal(allOperations.find((op) => op.id === id)?.contactsPeople, true, id);
    }
    for (const id of ['phone.release', 'calls.stop', 'coordination.cancelGoal', 'actions.approveEmail']) {
      assert.equal(allOperations.find((op) => op.id === id)?.irreversible, true, id);
    }
  });

  it('Ask (coordination.message) costs credits but contacts nobody itself: goal steps ask again before anyone is called', () => {
    const m = ops.coordination.message;
    assert.deepEqual([m.costsCredits, m.contactsPeople, m.irreversible], [true, false, false]);
  });

  it('declares what each operation changes: every write at least one kind of data, no read any', () => {
    // Writes with nothing to show afterwards: sign-in, the estimate, public referral calls, a channel test, a code sent by SMS.
    const noVisibleChange = new Set([
      'budget.estimate',
      'referrals.track',
      'channels.test',
      'phone.verifyStart',
      'coordination.history',
    ]);
    // A GET that changes something: the verification link of a notification email.
    const changingGets = new Set(['channels.verifyEmail']);
    for (const op of allOperations) {
      if (op.domain === 'auth' || noVisibleChange.has(op.id)) continue;
      if (op.method === 'GET' && !changingGets.has(op.id)) assert.deepEqual([...op.changes], [], `${op.id} is a read`);
      else assert.ok(op.changes.length > 0, `${op.id} declares no changes`);
    }
    assert.deepEqual([...ops.coordination.approveStep.changes].sort(), ['credits', 'goals']);
    assert.deepEqual([...ops.calls.create.changes].sort(), ['calls', 'credits']);
  });

  it('derives read-only in one place: a GET with no flag and no change, or a POST declared to only read (the estimate)', () => {
    for (const op of allOperations) {
      const flagged = op.costsCredits || op.contactsPeople || op.irreversible;
      if (op.readOnly) {
        assert.ok(!flagged && op.changes.length === 0, `${op.id} is read-only yet flagged or changing`);
        assert.ok(
          op.method === 'GET' || op.reads === true,
          `${op.id}: a ${op.method} is read-only only when declared to read`,
        );
      } else {
        assert.ok(
          flagged || op.changes.length > 0 || op.method !== 'GET',
          `${op.id} changes nothing yet is not read-only`,
        );
      }
    }
    assert.deepEqual(
      allOperations.filter((op) => op.readOnly && op.method !== 'GET').map((op) => op.id),
      ['budget.estimate'],
    );
    assert.equal(ops.channels.verifyEmail.readOnly, false, 'a GET that changes something');
    assert.equal(ops.referrals.track.readOnly, false, 'a POST that changes nothing visible still is not read-only');
    assert.throws(
      () =>
        defineDomain('x', {
          y: {
            method: 'POST',
            path: '/v1/x',
            response: 'empty',
            reads: true,
            costsCredits: true,
            summary: 'A contradiction',
          },
        }),
      /only reads has no flags and changes nothing/,
    );
    assert.throws(() =>
      defineDomain('x', {
        y: {
          method: 'POST',
          path: '/v1/x',
          response: 'empty',
          reads: true,
          changes: ['calls'],
          summary: 'A contradiction',
        },
      }),
    );
  });

  it('calls.reschedule moves a call that will reach a business: it contacts a person', () => {
    const r = ops.calls.reschedule;
    assert.deepEqual([r.costsCredits, r.contactsPeople, r.irreversible, r.readOnly], [false, true, false, false]);
  });

  it('prices what costs credits: an estimate type or a price-list entry for each priced action', () => {
    for (const op of allOperations.filter((o) => o.estimate || o.cost)) assert.equal(op.costsCredits, true, op.id);
    assert.equal(ops.calls.create.estimate, 'call');
    assert.equal(ops.actions.approveEmail.cost, 'email_send');
  });

  it('makes a sample from a schema for an operation without a written one: the required fields, checked', () => {
    // Adding an operation needs no sample: test/unit/api.samples.ts derives one from the entry.
    assert.deepEqual(
      allOperations.map((op) => op.id).filter((id) => !SAMPLES[id]),
      [],
    );
    assert.deepEqual(sampleOf(ops.search.quick.body, 'search.quick'), { query: 'sample' });
    assert.equal(sampleOf(ops.credits.history.query, 'credits.history'), undefined, 'every field optional: none sent');
    assert.equal(sampleOf(undefined, 'no schema'), undefined);
    assert.throws(() => sampleOf(ops.calls.create.body, 'calls.create'), /calls\.create.*write one/);
  });
});

describe('every operation once against the sandbox', () => {
  let sb: SandboxHandle;
  // timeScale 100: the 10-minute test call runs 6 s, a window calls.stop can hit even on a busy machine.
  before(async () => {
    sb = await sandbox(100);
  });
  after(async () => {
    await sb.close();
  });
  // Each operation on the seed data: one that deletes or disconnects (an email account) must not
  // take away what a later one needs, whatever the order.
  beforeEach(async () => {
    await control(sb, 'POST', '/sandbox/reset', {});
  });

  for (const op of allOperations) {
    it(`${op.id}: ${op.method} ${op.path}`, async () => {
      const c = client(sb);
      const input = await SAMPLES[op.id]({ client: c, sb });
      let out: unknown;
      try {
        out = await c.execute(op, input as never, { timeoutMs: 60_000 });
      } catch (e) {
        if (e instanceof KallyApiError)
          assert.fail(`${op.id} → ${e.code} (${e.status}) ${e.message}${e.field ? ` [${e.field}]` : ''}`);
        throw e;
      }
      assert.ok(out && typeof out === 'object', `${op.id} returned ${typeof out}`);
      if (op.response === 'text') assert.equal(typeof (out as { text: unknown }).text, 'string');
    });
  }
});
