/** §5.2 Calls: place (blocks until the simulated call ends), list, details, transcript, recording, calendar, cancel, reschedule, stop. */
import { iso, isValidDate, isValidTime } from '../clock';
import { type MediaKind, signedMediaUrl } from '../calls/audio';
import { callToIcs, hasAppointment, zonedToUtc } from '../calls/ics';
import { planFor } from '../calls/outcome';
import { endCall, newCallRecord } from '../calls/record';
import { startCall } from '../calls/simulate';
import { transcriptOf } from '../calls/transcript';
import { validateCall } from '../calls/validate';
import type { Sandbox } from '../context';
import { type Ctx, bodyObject, created, fail, intQuery, ok, str } from '../http';
import { newId } from '../ids';
import type { Router } from '../router';
import type { CallRecord } from '../state';
import { bodyFingerprint } from '../fingerprint';

export function findCall(sb: Sandbox, id: string): CallRecord {
  const call = sb.state.calls.find((c) => c.call_id === id);
  if (!call) fail(404, 'call_not_found', `No call with id ${id}.`);
  return call;
}

/** The call as the API shows it: a transcript set on the record (seed-hostile, a hostile run) is
 *  served by the transcript endpoint only, as the derived one is. */
export function callView(call: CallRecord): Omit<CallRecord, 'transcript'> {
  const { transcript: _t, ...rest } = call;
  return rest;
}

/** The signed address of a recording or voicemail (sandbox/calls/audio.ts). */
export function recordingUrl(sb: Sandbox, kind: MediaKind, id: string): string {
  return signedMediaUrl(sb, kind, id);
}

/** Idempotency-Key (IETF draft): the same key with the same body answers the earlier call (a
 *  retry while it runs waits for it); the same key with another body is refused with 422. */
async function placeCall(ctx: Ctx) {
  const { sb } = ctx;
  const key = str(ctx.headers['idempotency-key'] as string | undefined);
  const fingerprint = bodyFingerprint(ctx.body);
  const previous = key ? sb.state.idempotency[key] : undefined;
  if (previous) {
    const { call_id, fingerprint: earlier } =
      typeof previous === 'string' ? { call_id: previous, fingerprint: undefined } : previous;
    if (earlier !== undefined && earlier !== fingerprint) {
      fail(
        422,
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request body. Use a new key for a new call.',
      );
    }
    const running = sb.running.get(call_id);
    if (running) return created(callView(await running.done));
    const known = sb.state.calls.find((c) => c.call_id === call_id);
    if (known) return created(callView(known));
  }
  const { submission, timezone } = validateCall(sb, bodyObject(ctx));
  const call = newCallRecord(newId(), submission, timezone, Date.now());
  sb.state.calls.unshift(call);
  if (key) sb.state.idempotency[key] = { call_id: call.call_id, fingerprint };
  sb.changed();
  const running = startCall(sb, call, planFor(submission.respondent_phone));
  // The call goes on even if the client disconnects; the answer is written only if it is still listening.
  return created(callView(await running.done));
}

function scheduledOnly(call: CallRecord, action: string): void {
  if (call.status === 'scheduled') return;
  const hint = call.status === 'in_progress' ? ' Use stop to hang up a live call.' : '';
  fail(409, 'call_not_scheduled', `Only scheduled calls can be ${action}; this call is ${call.status}.${hint}`);
}

function reschedule(ctx: Ctx) {
  const call = findCall(ctx.sb, ctx.params.call_id);
  scheduledOnly(call, 'rescheduled');
  const b = bodyObject(ctx);
  const date = str(b.date);
  const time = str(b.time);
  if (!date && !time) fail(422, 'scheduling_violation', 'Give a new date (YYYY-MM-DD) or time (HH:MM).');
  if (date && !isValidDate(date))
    fail(422, 'scheduling_violation', 'date must be a valid date (YYYY-MM-DD).', { details: { field: 'date' } });
  if (time && !isValidTime(time))
    fail(422, 'scheduling_violation', 'time must be HH:MM (24-hour).', { details: { field: 'time' } });
  const current = call.scheduled_for ?? iso();
  const d = date ?? current.slice(0, 10);
  const t = time ?? current.slice(11, 16);
  const [y, mo, day] = d.split('-').map(Number);
  const [h, m] = t.split(':').map(Number);
  const when = zonedToUtc(call.timezone || 'UTC', Date.UTC(y, mo - 1, day, h, m));
  if (when <= Date.now()) fail(422, 'scheduling_violation', 'The new time is in the past.');
  call.scheduled_for = iso(when);
  ctx.sb.changed();
  return ok(callView(call));
}

export function registerCalls(router: Router): void {
  router.post('/v1/calls', placeCall);
  router.get('/v1/calls', (ctx) => {
    const limit = intQuery(ctx, 'limit', 50, 1, 200);
    const offset = intQuery(ctx, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const all = ctx.sb.state.calls;
    return ok({ calls: all.slice(offset, offset + limit).map(callView), total: all.length, limit, offset });
  });
  router.get('/v1/calls/{call_id}', (ctx) => ok(callView(findCall(ctx.sb, ctx.params.call_id))));
  router.get('/v1/calls/{call_id}/transcript', (ctx) => {
    const call = findCall(ctx.sb, ctx.params.call_id);
    const entries = transcriptOf(call);
    if (!entries)
      fail(
        404,
        'transcript_not_found',
        call.status === 'in_progress' || call.status === 'scheduled'
          ? 'The transcript is ready when the call ends.'
          : 'This call has no transcript (nobody spoke).',
      );
    return ok({ call_id: call.call_id, entries });
  });
  router.get('/v1/calls/{call_id}/recording', (ctx) => {
    const call = findCall(ctx.sb, ctx.params.call_id);
    if (!transcriptOf(call)) fail(404, 'recording_not_found', 'This call has no recording.');
    return ok({
      url: recordingUrl(ctx.sb, 'recordings', call.call_id),
      duration_seconds: call.duration_seconds,
      format: 'wav',
    });
  });
  router.get('/v1/calls/{call_id}/calendar.ics', (ctx) => {
    const call = findCall(ctx.sb, ctx.params.call_id);
    if (!hasAppointment(call)) fail(404, 'calendar_not_found', 'This call has no appointment date and time.');
    return {
      status: 200,
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="kallyai-${call.call_id}.ics"`,
      },
      body: callToIcs(call),
    };
  });
  router.post('/v1/calls/{call_id}/cancel', (ctx) => {
    const call = findCall(ctx.sb, ctx.params.call_id);
    scheduledOnly(call, 'cancelled');
    endCall(call, 'cancelled', 0, Date.now());
    ctx.sb.changed();
    return ok(callView(call));
  });
  router.post('/v1/calls/{call_id}/reschedule', reschedule);
  router.post('/v1/calls/{call_id}/stop', async (ctx) => {
    const call = findCall(ctx.sb, ctx.params.call_id);
    const running = ctx.sb.running.get(call.call_id);
    if (!running) fail(409, 'call_not_active', `Only a live call can be stopped; this call is ${call.status}.`);
    running.stop();
    return ok(callView(await running.done));
  });
}
