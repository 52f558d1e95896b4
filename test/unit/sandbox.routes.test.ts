import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { type SandboxClient, openSandbox } from '../../sandbox/testing';

/** The 146 method+path pairs of contract §5 (kallyai-api.md). */
const CONTRACT = [
  'GET /v1/auth/cli',
  'GET /v1/auth/authorize',
  'POST /v1/auth/gpt/token',
  'POST /v1/auth/google/validate',
  'POST /v1/auth/apple/token',
  'POST /v1/auth/refresh',
  'POST /v1/coordination/message',
  'GET /v1/coordination/history',
  'GET /v1/coordination/conversations',
  'POST /v1/coordination/conversations',
  'GET /v1/coordination/goals',
  'GET /v1/coordination/goals/{id}',
  'GET /v1/coordination/goals/{id}/tree',
  'POST /v1/coordination/goals/{id}/cancel',
  'POST /v1/coordination/goals/{id}/cascade-cancel',
  'POST /v1/coordination/goals/{id}/escalate',
  'POST /v1/coordination/goals/{id}/approve-step',
  'POST /v1/coordination/goals/{id}/accept-outcome',
  'POST /v1/coordination/goals/{id}/continue-negotiating',
  'POST /v1/coordination/goals/{id}/archive',
  'POST /v1/coordination/goals/batch-archive',
  'GET /v1/coordination/goals/{id}/budget',
  'POST /v1/calls',
  'GET /v1/calls',
  'GET /v1/calls/{call_id}',
  'GET /v1/calls/{call_id}/transcript',
  'GET /v1/calls/{call_id}/recording',
  'GET /v1/calls/{call_id}/calendar.ics',
  'POST /v1/calls/{call_id}/cancel',
  'POST /v1/calls/{call_id}/reschedule',
  'POST /v1/calls/{call_id}/stop',
  'GET /v1/inbound/calls',
  'DELETE /v1/inbound/calls',
  'GET /v1/inbound/calls/summary',
  'GET /v1/inbound/calls/analytics',
  'GET /v1/inbound/calls/{id}',
  'GET /v1/inbound/calls/{id}/transcript',
  'GET /v1/inbound/calls/{id}/recording',
  'PATCH /v1/inbound/calls/{id}/action-items/{index}',
  'POST /v1/inbound/calls/{id}/transfer',
  'POST /v1/inbound/calls/{id}/takeover',
  'POST /v1/inbound/calls/{id}/reject',
  'GET /v1/inbound/rules',
  'POST /v1/inbound/rules',
  'PUT /v1/inbound/rules/{id}',
  'DELETE /v1/inbound/rules/{id}',
  'GET /v1/inbound/voicemails',
  'GET /v1/inbound/voicemails/{id}',
  'GET /v1/inbound/voicemails/{id}/playback',
  'GET /v1/inbound/contacts',
  'POST /v1/inbound/contacts',
  'PUT /v1/inbound/contacts/{id}',
  'DELETE /v1/inbound/contacts/{id}',
  'POST /v1/inbound/contacts/import',
  'GET /v1/inbound/events',
  'GET /v1/inbound/stream/info',
  'GET /v1/phone-numbers',
  'GET /v1/phone-numbers/{id}',
  'GET /v1/phone-numbers/{id}/details',
  'GET /v1/phone-numbers/supported-countries',
  'GET /v1/phone-numbers/available',
  'POST /v1/phone-numbers/provision',
  'GET /v1/phone-numbers/forwarding-targets',
  'POST /v1/phone-numbers/forwarding',
  'PUT /v1/phone-numbers/{id}/forwarding',
  'DELETE /v1/phone-numbers/{id}/forwarding',
  'POST /v1/phone-numbers/verify/start',
  'POST /v1/phone-numbers/verify/check',
  'POST /v1/phone-numbers/verify/configure',
  'POST /v1/phone-numbers/{id}/verify',
  'PUT /v1/phone-numbers/{id}/caller-id',
  'DELETE /v1/phone-numbers/{id}',
  'POST /v1/actions/calendar/events',
  'GET /v1/actions/calendar/slots',
  'POST /v1/actions/calendar/sync',
  'DELETE /v1/actions/calendar/events/{id}',
  'POST /v1/actions/bookings/restaurants/search',
  'POST /v1/actions/bookings',
  'DELETE /v1/actions/bookings/{id}',
  'POST /v1/actions/bills/analyze',
  'POST /v1/actions/bills/dispute',
  'POST /v1/actions/tasks/ride',
  'POST /v1/actions/tasks/food',
  'POST /v1/actions/tasks/errand',
  'POST /v1/actions/email/send',
  'POST /v1/actions/email/{id}/approve',
  'POST /v1/actions/email/{id}/cancel',
  'GET /v1/actions/email/outbox',
  'GET /v1/actions/email/{id}/replies',
  'GET /v1/actions/log',
  'POST /v1/actions/{id}/undo',
  'GET /v1/messages/inbox',
  'GET /v1/messages/inbox/{id}',
  'GET /v1/messages/conversation/{conversation_id}',
  'POST /v1/messages/mark-read',
  'POST /v1/search',
  'POST /v1/search/quick',
  'GET /v1/search/history',
  'GET /v1/search/sources',
  'GET /v1/email/accounts',
  'GET /v1/email/oauth/gmail/url',
  'GET /v1/email/oauth/outlook/url',
  'DELETE /v1/email/accounts/{id}',
  'GET /v1/email/messages',
  'GET /v1/email/messages/{id}',
  'POST /v1/email/messages/{id}/respond',
  'GET /v1/email/voice-profile',
  'POST /v1/email/voice-profile/train',
  'GET /v1/channels/status',
  'POST /v1/channels/email/add',
  'GET /v1/channels/email/list',
  'PUT /v1/channels/email/{id}',
  'DELETE /v1/channels/email/{id}',
  'GET /v1/channels/email/verify',
  'GET /v1/channels/mailbox',
  'POST /v1/channels/webhook/{channel}/connect',
  'POST /v1/channels/webhook/{channel}/test',
  'POST /v1/channels/disconnect/{channel}',
  'GET /v1/outreach/tasks',
  'GET /v1/outreach/tasks/{id}',
  'POST /v1/outreach/tasks',
  'POST /v1/outreach/tasks/{id}/retry',
  'POST /v1/outreach/tasks/{id}/cancel',
  'POST /v1/goals/estimate',
  'POST /v1/goals/{goal_id}/approve-budget',
  'GET /v1/goals/{goal_id}/cost-breakdown',
  'POST /v1/goals/{goal_id}/acknowledge-soft-cap',
  'GET /v1/credits/balance',
  'GET /v1/credits/history',
  'GET /v1/credits/costs',
  'GET /v1/credits/breakdown',
  'GET /v1/credits/plans',
  'GET /v1/subscriptions/status',
  'POST /v1/subscriptions/change-plan',
  'DELETE /v1/subscriptions/pending-change',
  'GET /v1/referrals/code',
  'GET /v1/referrals/stats',
  'GET /v1/referrals/history',
  'GET /v1/referrals/validate/{code}',
  'POST /v1/referrals/track',
  'GET /v1/notifications/pending',
  'GET /v1/stripe/plans',
  'POST /v1/stripe/trial-checkout',
  'GET /v1/stripe/billing-portal',
  'GET /v1/users/me/subscription',
  'GET /v1/users/me/statistics',
];

describe('sandbox routes', () => {
  let c: SandboxClient;
  before(async () => { c = await openSandbox({ timeScale: 1000 }); });
  after(async () => { await c.close(); });

  it('lists 146 distinct method+path pairs', () => {
    assert.equal(CONTRACT.length, 146);
    assert.equal(new Set(CONTRACT).size, 146);
  });

  it('answers every contract endpoint (no route-not-found, no 405, no 5xx)', async () => {
    for (const pair of CONTRACT) {
      const [method, template] = pair.split(' ');
      const path = template.replace(/\{index\}/g, '0').replace(/\{channel\}/g, 'telegram').replace(/\{code\}/g, 'DEMO-KALLY').replace(/\{[^}]+\}/g, 'unknown-id');
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
      ['/v1/calls', 'calls'], ['/v1/coordination/goals', 'goals'], ['/v1/messages/inbox', 'messages'], ['/v1/actions/email/outbox', 'emails'],
      ['/v1/credits/history', 'entries'], ['/v1/credits/breakdown', 'items'], ['/v1/coordination/conversations', 'conversations'],
      ['/v1/phone-numbers', 'phone_numbers'], ['/v1/inbound/calls', 'calls'], ['/v1/inbound/voicemails', 'voicemails'], ['/v1/actions/log', 'actions'],
      ['/v1/email/accounts', 'accounts'], ['/v1/channels/email/list', 'emails'], ['/v1/channels/status', 'channels'], ['/v1/outreach/tasks', 'tasks'],
      ['/v1/referrals/history', 'referrals'], ['/v1/inbound/rules', 'rules'], ['/v1/inbound/contacts', 'contacts'],
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
    assert.equal((await c.post('/v1/outreach/tasks', { goal: 'Ask for the invoice', recipient_identifier: 'billing@example.com' })).status, 201);
    assert.equal((await c.post('/v1/outreach/tasks', { channel: 'call', target: '+12015550100', description: 'Confirm the delivery' })).status, 201);
    const tracked = await c.request('POST', '/v1/referrals/track', { body: { code: 'DEMO-KALLY', email: 'friend@example.com' }, token: null });
    assert.equal(tracked.status, 201);
    const badRef = await c.request('POST', '/v1/referrals/track', { body: { code: 'NOPE', email: 'friend@example.com' }, token: null });
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
    assert.equal((await c.post('/v1/subscriptions/change-plan', { target_plan: 'pro' })).json.error.code, 'pending_change_exists');
    assert.equal((await c.request('DELETE', '/v1/subscriptions/pending-change')).json.success, true);
    const third = await c.post('/v1/subscriptions/change-plan', { target_plan: 'business' });
    assert.equal(third.json.change_type, 'upgrade');
    const limited = await c.post('/v1/subscriptions/change-plan', { target_plan: 'business' });
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });
});
