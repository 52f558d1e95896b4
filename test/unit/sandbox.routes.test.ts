import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type SandboxClient, openSandbox } from '../../sandbox/testing';
import { allOperations } from '../../src/api/catalogue';
import { CONTRACT } from '../shared/contract';

describe('sandbox routes', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox({ timeScale: 1000 });
  });
  after(async () => {
    await c.close();
  });
  // Each test starts from the seed data: "answers every contract endpoint" spends credits, places
  // and cancels things, and the balance check after it must not depend on that (nor on the order).
  beforeEach(async () => {
    assert.equal((await c.post('/sandbox/reset', {})).status, 200);
  });

  it('lists the method+path pairs of the catalogue, each once', () => {
    // The count is the catalogue's, never typed here (test/unit/api.catalogue.test.ts checks the
    // catalogue against contract §5).
    const pairs = allOperations.map((op) => `${op.method} ${op.path}`);
    assert.equal(new Set(CONTRACT).size, CONTRACT.length, 'no pair twice');
    assert.deepEqual([...CONTRACT].sort(), [...new Set(pairs)].sort());
  });

  it('answers every contract endpoint (no route-not-found, no 405, no 5xx)', async () => {
    for (const pair of CONTRACT) {
      const [method, template] = pair.split(' ');
      const path = template
        .replace(/\{index\}/g, '0')
        .replace(/\{channel\}/g, 'telegram')
        .replace(/\{code\}/g, 'DEMO-KALLY')
        .replace(/\{[^}]+\}/g, 'unknown-id');
      const res = await c.request(method, path, method === 'GET' || method === 'DELETE' ? {} : { body: {} });
      assert.ok(res.status < 500, `${pair} → ${res.status}`);
      assert.notEqual(res.status, 405, pair);
      if (res.status === 404) assert.notEqual(res.json?.error?.code, 'not_found', `${pair} has no route`);
    }
    const unknown = await c.get('/v1/not-a-thing');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'not_found');
  });

  it('documented list keys, 201 creates and the 204 delete', async () => {
    const keys: [string, string][] = [
      ['/v1/calls', 'calls'],
      ['/v1/coordination/goals', 'goals'],
      ['/v1/messages/inbox', 'messages'],
      ['/v1/actions/email/outbox', 'emails'],
      ['/v1/credits/history', 'entries'],
      ['/v1/credits/breakdown', 'items'],
      ['/v1/coordination/conversations', 'conversations'],
      ['/v1/phone-numbers', 'phone_numbers'],
      ['/v1/inbound/calls', 'calls'],
      ['/v1/inbound/voicemails', 'voicemails'],
      ['/v1/actions/log', 'actions'],
      ['/v1/email/accounts', 'accounts'],
      ['/v1/channels/email/list', 'emails'],
      ['/v1/channels/status', 'channels'],
      ['/v1/outreach/tasks', 'tasks'],
      ['/v1/referrals/history', 'referrals'],
      ['/v1/inbound/rules', 'rules'],
      ['/v1/inbound/contacts', 'contacts'],
    ];
    for (const [path, key] of keys) {
      const res = await c.get(path);
      assert.equal(res.status, 200, path);
      assert.ok(Array.isArray(res.json[key]) && res.json[key].length > 0, `${path} → ${key}`);
    }
    assert.equal(typeof (await c.get('/v1/credits/plans')).json.plans.pro, 'object');
    const balance = (await c.get('/v1/credits/balance')).json;
    assert.deepEqual([balance.credits_remaining, balance.credits_allocated, balance.plan_type], [142.5, 600, 'pro']);
    const added = await c.post('/v1/channels/email/add', { email_address: 'work@example.com', label: 'Work' });
    assert.equal(added.status, 201);
    const dup = await c.post('/v1/channels/email/add', { email_address: 'work@example.com' });
    assert.equal(dup.status, 409);
    assert.equal(typeof dup.json.detail, 'string');
    const removed = await c.request('DELETE', `/v1/channels/email/${added.json.id}`);
    assert.equal(removed.status, 204);
    assert.equal(removed.text, '');
    assert.equal(
      (await c.post('/v1/outreach/tasks', { goal: 'Ask for the invoice', recipient_identifier: 'billing@example.com' }))
        .status,
      201,
    );
    assert.equal(
      (
        await c.post('/v1/outreach/tasks', {
          channel: 'call',
          target: '+12015550100',
          description: 'Confirm the delivery',
        })
      ).status,
      201,
    );
    const tracked = await c.request('POST', '/v1/referrals/track', {
      body: { code: 'DEMO-KALLY', email: 'friend@example.com' },
      token: null,
    });
    assert.equal(tracked.status, 201);
    const badRef = await c.request('POST', '/v1/referrals/track', {
      body: { code: 'NOPE', email: 'friend@example.com' },
      token: null,
    });
    assert.equal(badRef.json.error, 'invalid_referral_code');
    const portal = (await c.get('/v1/stripe/billing-portal')).json;
    assert.equal(portal.url, portal.portal_url);
    assert.equal((await fetch(portal.url)).status, 200);
  });

  it('phone numbers use the MCP error shape; provision and release move the list', async () => {
    const bad = await c.post('/v1/phone-numbers/provision', { country: 'CN' });
    assert.equal(bad.status, 403);
    assert.equal(bad.json.error.code, 'unsupported_country');
    assert.ok(bad.json.error.details.message);
    const provisioned = await c.post('/v1/phone-numbers/provision', { country: 'US', area_code: '415' });
    assert.match(provisioned.json.phone_number, /^\+1415/);
    assert.equal((await c.get('/v1/phone-numbers')).json.phone_numbers.length, 2);
    assert.equal((await c.request('DELETE', `/v1/phone-numbers/${provisioned.json.id}`)).json.status, 'released');
    assert.equal((await c.get('/v1/phone-numbers')).json.phone_numbers.length, 1);
  });

  it('subscription change-plan: upgrade, scheduled downgrade, pending_change_exists, rate limit', async () => {
    const up = await c.post('/v1/subscriptions/change-plan', { target_plan: 'power' });
    assert.equal(up.json.change_type, 'upgrade');
    assert.equal((await c.get('/v1/credits/balance')).json.credits_allocated, 1500);
    const down = await c.post('/v1/subscriptions/change-plan', { new_plan: 'starter', annual: false });
    assert.equal(down.json.change_type, 'downgrade_scheduled');
    assert.equal(
      (await c.post('/v1/subscriptions/change-plan', { target_plan: 'pro' })).json.error.code,
      'pending_change_exists',
    );
    assert.equal((await c.request('DELETE', '/v1/subscriptions/pending-change')).json.success, true);
    const third = await c.post('/v1/subscriptions/change-plan', { target_plan: 'business' });
    assert.equal(third.json.change_type, 'upgrade');
    const limited = await c.post('/v1/subscriptions/change-plan', { target_plan: 'business' });
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });
});
