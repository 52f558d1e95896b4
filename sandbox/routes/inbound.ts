/** §5.3 Inbound (AI receptionist): calls, summary, analytics, live-call controls, rules, voicemails, contacts, events. */
import { hms, iso } from '../clock';
import type { Sandbox } from '../context';
import { type Ctx, bodyObject, fail, intQuery, ok, str } from '../http';
import { newId } from '../ids';
import type { Router } from '../router';
import { hostileMessage } from '../hostileText';
import type { Json } from '../state';
import { recordingUrl } from './calls';

const E164 = /^\+[1-9]\d{1,14}$/;

function find(list: Json[], id: string, what: string, code: string): Json {
  const item = list.find((x) => x.id === id);
  if (!item) fail(404, code, `No ${what} with id ${id}.`);
  return item;
}

function inboundTranscript(c: Json) {
  if (c.status === 'missed' || !c.duration_seconds) return undefined;
  const who = (c.caller_name as string) ?? 'the caller';
  const turns: [string, string][] = [
    ['AI', "Hello, you've reached Demo User's assistant. How can I help?"],
    ['HUMAN', `Hi, this is ${who}. ${c.summary}`],
    ['AI', 'Thank you. Let me note that down.'],
    ['HUMAN', 'Great, please make sure they get the message.'],
    ['AI', 'Of course. Demo User will get a summary right away. Anything else?'],
    ['HUMAN', 'No, that is all. Thanks, bye!'],
  ];
  const step = Math.max(1, (c.duration_seconds as number) / turns.length);
  return turns.map(([speaker, content], i) => ({ speaker, content, timestamp: hms(1 + i * step) }));
}

function activeOnly(c: Json, action: string): void {
  if (c.status !== 'active')
    fail(409, 'call_not_active', `Only a call in progress can be ${action}; this call is ${c.status}.`);
}

/** A call that stops now (KallyAI left it before anyone spoke at length: no transcript). */
function endNow(c: Json): void {
  c.ended_at = iso();
}

function event(sb: Sandbox, type: string, callId: string, data: Json = {}): void {
  sb.state.inboundEvents.unshift({ id: newId(), type, call_id: callId, timestamp: iso(), data });
}

function listCalls(ctx: Ctx) {
  const limit = intQuery(ctx, 'limit', 20, 1, 100);
  const offset = intQuery(ctx, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const q = ctx.query;
  const status = q.get('status');
  const from = q.get('date_from');
  const to = q.get('date_to');
  const all = ctx.sb.state.inboundCalls.filter(
    (c) =>
      (!status || c.status === status) &&
      (q.get('vip_only') !== 'true' || c.is_vip) &&
      (!from || String(c.created_at).slice(0, 10) >= from) &&
      (!to || String(c.created_at).slice(0, 10) <= to),
  );
  return ok({ calls: all.slice(offset, offset + limit), total: all.length });
}

function contactBody(ctx: Ctx, partial: boolean): Json {
  const b = bodyObject(ctx);
  const out: Json = {};
  const name = str(b.name);
  const phone = str(b.phone_number);
  if (!partial && !name) fail(422, 'validation_error', 'name is required.', { details: { field: 'name' } });
  if ((!partial || phone !== undefined) && !(phone && E164.test(phone)))
    fail(422, 'validation_error', 'phone_number must be in E.164 form, e.g. +12015550100.', {
      details: { field: 'phone_number' },
    });
  if (name) out.name = name;
  if (phone) out.phone_number = phone;
  if (typeof b.is_vip === 'boolean') out.is_vip = b.is_vip;
  if (typeof b.notes === 'string') out.notes = b.notes;
  return out;
}

export function registerInbound(router: Router): void {
  router.get('/v1/inbound/calls', listCalls);
  router.delete('/v1/inbound/calls', (ctx) => {
    const b = bodyObject(ctx);
    const ids = (b.call_ids ?? b.ids) as unknown;
    if (!Array.isArray(ids) || ids.length === 0)
      fail(422, 'validation_error', 'call_ids must be a non-empty list of inbound call ids.', {
        details: { field: 'call_ids' },
      });
    const before = ctx.sb.state.inboundCalls.length;
    ctx.sb.state.inboundCalls = ctx.sb.state.inboundCalls.filter((c) => !(ids as unknown[]).includes(c.id));
    return ok({ success: true, deleted: before - ctx.sb.state.inboundCalls.length });
  });
  router.get('/v1/inbound/calls/summary', (ctx) => {
    const calls = ctx.sb.state.inboundCalls;
    const done = calls.filter((c) => c.status === 'completed');
    const avg = done.length ? done.reduce((s, c) => s + (c.duration_seconds as number), 0) / done.length : 0;
    return ok({
      total_calls: calls.length,
      completed: done.length,
      missed: calls.filter((c) => c.status === 'missed').length,
      rejected: calls.filter((c) => c.status === 'rejected').length,
      active: calls.filter((c) => c.status === 'active').length,
      vip_calls: calls.filter((c) => c.is_vip).length,
      average_duration_seconds: Math.round(avg * 10) / 10,
    });
  });
  router.get('/v1/inbound/calls/analytics', (ctx) => {
    const from = ctx.query.get('date_from');
    const to = ctx.query.get('date_to');
    const calls = ctx.sb.state.inboundCalls.filter(
      (c) => (!from || String(c.created_at).slice(0, 10) >= from) && (!to || String(c.created_at).slice(0, 10) <= to),
    );
    const byDay = new Map<string, number>();
    const byCaller = new Map<string, number>();
    for (const c of calls) {
      const day = String(c.created_at).slice(0, 10);
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
      const who = String(c.caller_name ?? c.caller_number);
      byCaller.set(who, (byCaller.get(who) ?? 0) + 1);
    }
    return ok({
      date_from: from,
      date_to: to,
      total: calls.length,
      calls_by_day: [...byDay].sort().map(([date, count]) => ({ date, count })),
      calls_by_status: Object.fromEntries(
        ['completed', 'missed', 'rejected', 'active'].map((s) => [s, calls.filter((c) => c.status === s).length]),
      ),
      top_callers: [...byCaller]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([caller, count]) => ({ caller, count })),
    });
  });
  router.get('/v1/inbound/calls/{id}', (ctx) =>
    ok(find(ctx.sb.state.inboundCalls, ctx.params.id, 'inbound call', 'call_not_found')),
  );
  router.get('/v1/inbound/calls/{id}/transcript', (ctx) => {
    const entries = inboundTranscript(find(ctx.sb.state.inboundCalls, ctx.params.id, 'inbound call', 'call_not_found'));
    if (!entries) fail(404, 'transcript_not_found', 'This call has no transcript.');
    return ok({ call_id: ctx.params.id, entries });
  });
  router.get('/v1/inbound/calls/{id}/recording', (ctx) => {
    const c = find(ctx.sb.state.inboundCalls, ctx.params.id, 'inbound call', 'call_not_found');
    if (!inboundTranscript(c)) fail(404, 'recording_not_found', 'This call has no recording.');
    return ok({
      url: recordingUrl(ctx.sb, 'recordings', String(c.id)),
      duration_seconds: c.duration_seconds,
      format: 'wav',
    });
  });
  router.patch('/v1/inbound/calls/{id}/action-items/{index}', (ctx) => {
    const c = find(ctx.sb.state.inboundCalls, ctx.params.id, 'inbound call', 'call_not_found');
    const items = c.action_items as Json[];
    const item = items[Number(ctx.params.index)];
    if (!item) fail(404, 'action_item_not_found', `This call has no action item ${ctx.params.index}.`);
    const status = str(bodyObject(ctx).status);
    if (!status || !['pending', 'completed', 'dismissed'].includes(status))
      fail(422, 'validation_error', 'status must be pending, completed or dismissed.', {
        details: { field: 'status' },
      });
    item.status = status;
    return ok(c);
  });
  router.post('/v1/inbound/calls/{id}/transfer', (ctx) => {
    const c = find(ctx.sb.state.inboundCalls, ctx.params.id, 'inbound call', 'call_not_found');
    const target = str(bodyObject(ctx).target_number);
    if (!target || !E164.test(target))
      fail(422, 'validation_error', 'target_number must be in E.164 form.', { details: { field: 'target_number' } });
    activeOnly(c, 'transferred');
    endNow(c);
    c.status = 'completed';
    c.transferred_to = target;
    // What the call says now: KallyAI is no longer answering it.
    c.summary = `KallyAI transferred the call to ${target}.`;
    event(ctx.sb, 'call.transferred', String(c.id), { target_number: target });
    return ok({ success: true, call_id: c.id, status: 'transferred', transferred_to: target });
  });
  router.post('/v1/inbound/calls/{id}/takeover', (ctx) => {
    const c = find(ctx.sb.state.inboundCalls, ctx.params.id, 'inbound call', 'call_not_found');
    activeOnly(c, 'taken over');
    c.taken_over = true;
    c.summary = 'You took over the call from KallyAI.';
    event(ctx.sb, 'call.taken_over', String(c.id));
    return ok(
      hostileMessage(ctx.sb, 145, {
        success: true,
        call_id: c.id,
        status: 'taken_over',
        message: 'You are now on the call.',
      }),
    );
  });
  router.post('/v1/inbound/calls/{id}/reject', (ctx) => {
    const c = find(ctx.sb.state.inboundCalls, ctx.params.id, 'inbound call', 'call_not_found');
    activeOnly(c, 'rejected');
    endNow(c);
    c.status = 'rejected';
    c.summary = 'You rejected the call.';
    c.reject_reason = str(bodyObject(ctx).reason) ?? 'user_rejected';
    event(ctx.sb, 'call.rejected', String(c.id), { reason: c.reject_reason });
    return ok({ success: true, call_id: c.id, status: 'rejected', reason: c.reject_reason });
  });

  const sortedRules = (sb: Sandbox) =>
    [...sb.state.rules].sort((a, b) => (a.priority as number) - (b.priority as number));
  router.get('/v1/inbound/rules', (ctx) => ok({ rules: sortedRules(ctx.sb) }));
  router.post('/v1/inbound/rules', (ctx) => {
    if (ctx.sb.state.phoneNumbers.length === 0)
      fail(400, 'phone_not_provisioned', 'Provision a KallyAI phone number before adding receptionist rules.');
    const b = bodyObject(ctx);
    const name = str(b.name);
    const action = str(b.action);
    if (!name || !action)
      fail(422, 'validation_error', 'name and action are required.', { details: { field: name ? 'action' : 'name' } });
    const rule = {
      id: newId(),
      name,
      action,
      priority: Number.isInteger(b.priority) ? b.priority : 100,
      is_active: b.is_active !== false,
      conditions: b.conditions ?? {},
      action_config: b.action_config ?? {},
      created_at: iso(),
    };
    ctx.sb.state.rules.push(rule);
    return ok(rule);
  });
  router.put('/v1/inbound/rules/{id}', (ctx) => {
    const rule = find(ctx.sb.state.rules, ctx.params.id, 'rule', 'rule_not_found');
    const b = bodyObject(ctx);
    for (const k of ['name', 'action']) if (str(b[k])) rule[k] = str(b[k]);
    if (Number.isInteger(b.priority)) rule.priority = b.priority;
    if (typeof b.is_active === 'boolean') rule.is_active = b.is_active;
    for (const k of ['conditions', 'action_config']) if (b[k] && typeof b[k] === 'object') rule[k] = b[k];
    return ok(rule);
  });
  router.delete('/v1/inbound/rules/{id}', (ctx) => {
    find(ctx.sb.state.rules, ctx.params.id, 'rule', 'rule_not_found');
    ctx.sb.state.rules = ctx.sb.state.rules.filter((r) => r.id !== ctx.params.id);
    return ok({ success: true, id: ctx.params.id });
  });

  router.get('/v1/inbound/voicemails', (ctx) =>
    ok({
      voicemails: ctx.sb.state.voicemails,
      total: ctx.sb.state.voicemails.length,
      unread: ctx.sb.state.voicemails.filter((v) => !v.listened).length,
    }),
  );
  router.get('/v1/inbound/voicemails/{id}', (ctx) =>
    ok(find(ctx.sb.state.voicemails, ctx.params.id, 'voicemail', 'voicemail_not_found')),
  );
  router.get('/v1/inbound/voicemails/{id}/playback', (ctx) => {
    const v = find(ctx.sb.state.voicemails, ctx.params.id, 'voicemail', 'voicemail_not_found');
    v.listened = true;
    ctx.sb.changed();
    const url = recordingUrl(ctx.sb, 'voicemails', String(v.id));
    return ok({
      url,
      playback_url: url,
      format: 'wav',
      duration_seconds: v.duration_seconds,
      expires_at: iso(Date.now() + 3_600_000),
    });
  });

  router.get('/v1/inbound/contacts', (ctx) =>
    ok({ contacts: ctx.sb.state.contacts, total: ctx.sb.state.contacts.length }),
  );
  router.post('/v1/inbound/contacts/import', (ctx) => {
    const source = str(bodyObject(ctx).source);
    if (!source || !['google', 'csv', 'outlook', 'icloud'].includes(source))
      fail(422, 'validation_error', 'source must be google, csv, outlook or icloud.', { details: { field: 'source' } });
    const incoming = [
      ['Jordan Lee', '+12015550150'],
      ['Sam Carter', '+12015550151'],
    ].filter(([, p]) => !ctx.sb.state.contacts.some((c) => c.phone_number === p));
    for (const [name, phone] of incoming)
      ctx.sb.state.contacts.push({
        id: newId(),
        name,
        phone_number: phone,
        is_vip: false,
        notes: `Imported from ${source}`,
        created_at: iso(),
      });
    return ok({
      success: true,
      source,
      imported: incoming.length,
      skipped: 2 - incoming.length,
      total: ctx.sb.state.contacts.length,
    });
  });
  router.post('/v1/inbound/contacts', (ctx) => {
    const contact = { id: newId(), is_vip: false, notes: '', ...contactBody(ctx, false), created_at: iso() };
    ctx.sb.state.contacts.push(contact);
    return ok(contact);
  });
  router.put('/v1/inbound/contacts/{id}', (ctx) => {
    const contact = find(ctx.sb.state.contacts, ctx.params.id, 'contact', 'contact_not_found');
    Object.assign(contact, contactBody(ctx, true));
    return ok(contact);
  });
  router.delete('/v1/inbound/contacts/{id}', (ctx) => {
    find(ctx.sb.state.contacts, ctx.params.id, 'contact', 'contact_not_found');
    ctx.sb.state.contacts = ctx.sb.state.contacts.filter((c) => c.id !== ctx.params.id);
    return ok({ success: true, id: ctx.params.id });
  });

  router.get('/v1/inbound/events', (ctx) => {
    const from = ctx.query.get('from');
    const to = ctx.query.get('to');
    const events = ctx.sb.state.inboundEvents.filter(
      (e) => (!from || String(e.timestamp) >= from) && (!to || String(e.timestamp) <= to),
    );
    if (String(ctx.headers.accept ?? '').includes('text/event-stream')) {
      const body = events.map((e) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
      return { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' }, body };
    }
    return ok({ events, total: events.length });
  });
  router.get('/v1/inbound/stream/info', (ctx) =>
    ok({
      url: `${ctx.sb.baseUrl}/v1/inbound/events`,
      protocol: 'sse',
      accept: 'text/event-stream',
      event_types: [
        'call.active',
        'call.completed',
        'call.missed',
        'call.rejected',
        'call.transferred',
        'call.taken_over',
      ],
      heartbeat_seconds: 15,
    }),
  );
}
