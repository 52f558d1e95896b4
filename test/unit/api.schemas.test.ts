/** Lenient on what we receive: envelopes under the documented key, `items` or a bare array;
 *  numbers as strings; unknown statuses; extra fields kept; nulls tolerated. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ops } from '../../src/api/catalogue';
import { readSuccessBody } from '../../src/api/responseBody';
import { KallyApiError } from '../../src/api/errors';
import { callCreatedAt, callSummary } from '../../src/api/schemas/calls';
import { replyText } from '../../src/api/schemas/coordination';
import { portalUrl } from '../../src/api/schemas/stripe';
import { describeCallStatus } from '../../src/format';
import type { Operation } from '../../src/api/operation';
import { serviceText as svc } from '../../src/api/serviceText';

const read = (op: Operation, body: unknown, status = 200, type = 'application/json') =>
  readSuccessBody(
    op,
    { status, headers: new Headers({ 'content-type': type }) },
    typeof body === 'string' ? body : JSON.stringify(body),
  ) as Record<string, unknown>;
const call = { call_id: 'c1', status: 'success' };

describe('envelope leniency', () => {
  it('calls.list: documented key, items, or a bare array all become { calls }', () => {
    for (const body of [{ calls: [call], total: 1 }, { items: [call], total: '1' }, [call]]) {
      const out = read(ops.calls.list, body) as { calls: Array<{ call_id: string }>; total?: number };
      assert.equal(out.calls[0].call_id, 'c1');
      if (!Array.isArray(body)) assert.equal(out.total, 1);
    }
  });

  it('every documented list key accepts `items` and bare arrays', () => {
    const lists: Array<[Operation, string, unknown]> = [
      [ops.coordination.goals, 'goals', { id: 'g1', title: 'T', status: 'active' }],
      [ops.messages.inbox, 'messages', { id: 'm1', from: 'a', subject: 's', channel: 'email' }],
      [ops.actions.emailOutbox, 'emails', { id: 'e1', status: 'pending_approval' }],
      [ops.credits.history, 'entries', { id: 'h1', credits: '0.5' }],
      [ops.credits.breakdown, 'items', { action_type: 'call', credits_total: '3.2' }],
      [ops.calls.transcript, 'entries', { speaker: 'AI', content: 'Hello', timestamp: '00:00:01' }],
      [ops.coordination.conversations, 'conversations', { id: 'c1', title: 'x' }],
      [ops.phone.list, 'phone_numbers', { id: 'p1', phone_number: '+12015550100', iso_country: 'US' }],
      [ops.inbound.calls, 'calls', { id: 'i1', caller_number: '+12015550100', status: 'missed' }],
      [ops.inbound.voicemails, 'voicemails', { id: 'v1' }],
    ];
    for (const [op, key, item] of lists) {
      for (const body of [{ [key]: [item] }, { items: [item] }, [item]]) {
        const out = read(op, body);
        assert.ok(Array.isArray(out[key]), `${op.id} ${JSON.stringify(body)}`);
        assert.equal((out[key] as unknown[]).length, 1);
      }
    }
  });

  it('numbers may arrive as strings; unknown statuses and extra fields are kept; nulls tolerated', () => {
    const out = read(ops.calls.get, {
      call_id: 42,
      status: 'teleported',
      duration_seconds: '95.2',
      credits_used: '1.5',
      highlights: null,
      vendor_field: { a: 1 },
    }) as Record<string, unknown>;
    assert.equal(out.call_id, '42');
    assert.equal(out.status, 'teleported');
    assert.equal(out.duration_seconds, 95.2);
    assert.equal(out.credits_used, 1.5);
    assert.equal(out.highlights, null);
    assert.deepEqual(out.vendor_field, { a: 1 });
    assert.equal(describeCallStatus('teleported').known, false);
    assert.equal(describeCallStatus('teleported').tone, 'neutral');
    const reply = read(ops.coordination.message, { message: 'Done', credits_used: '0.5', suggestions: ['a'] }) as never;
    assert.equal(replyText(reply), 'Done');
    assert.equal((reply as { credits_used: number }).credits_used, 0.5);
  });

  it('goalTree accepts {goal, sub_goals}, children, or a goal with inline sub-goals', () => {
    const leaf = { id: 'g2', title: 'Leaf', status: 'active' };
    for (const body of [
      { goal: { id: 'g1' }, sub_goals: [{ goal: leaf, sub_goals: [] }] },
      { goal: { id: 'g1' }, children: [{ goal: leaf }] },
      { id: 'g1', title: 'Root', sub_goals: [leaf] },
    ]) {
      const out = read(ops.coordination.goalTree, body) as {
        goal: { id: string };
        sub_goals: Array<{ goal: { id: string } }>;
      };
      assert.equal(out.goal.id, 'g1');
      assert.equal(out.sub_goals[0].goal.id, 'g2');
    }
  });

  it('204 and empty bodies become {} parsed by the schema', () => {
    assert.deepEqual(read(ops.channels.deleteEmail, '', 204), {});
    assert.deepEqual(read(ops.calls.cancel, '', 200), {});
  });

  it('a response that misses a required field names the field path', () => {
    assert.throws(
      () => read(ops.calls.list, { calls: [{ status: 'success' }] }),
      (e: KallyApiError) =>
        e.code === 'invalid_response' && e.field === 'calls.0.call_id' && /calls\.0\.call_id/.test(e.message),
    );
    assert.throws(
      () => read(ops.calls.get, '<html>oops</html>', 200, 'text/html'),
      (e: KallyApiError) => e.code === 'invalid_response' && /"text\/html" that is not valid JSON/.test(e.message),
    );
  });

  it('helpers read every documented variant', () => {
    assert.equal(callCreatedAt({ call_id: 'a', status: 's', metadata: { created_at: 'm' } } as never), 'm');
    assert.equal(
      callCreatedAt({ call_id: 'a', status: 's', created_at: 't', metadata: { created_at: 'm' } } as never),
      't',
    );
    assert.equal(callSummary({ call_id: 'a', status: 's', result_summary: 'r' } as never), 'r');
    assert.equal(portalUrl({ portal_url: svc('https://p') }), 'https://p');
    assert.equal(portalUrl({ url: svc('https://u'), portal_url: svc('https://p') }), 'https://u');
  });
});
