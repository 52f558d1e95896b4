/** Test controls (no auth, outside /v1): faults, reset, request log, seed-calls, seed-messages, seed-hostile, expire-tokens, credits, state, tokens, inbound-call, time-scale. */
import { DAY, MINUTE, createClock, ymd } from '../clock';
import { finishedCall } from '../calls/record';
import { startInboundCall } from '../inbound/live';
import { seedHostile } from '../seed/hostile';
import { expireAllAccessTokens, issueTokens } from '../auth/tokens';
import type { Sandbox } from '../context';
import { FaultSpecError } from '../faults';
import { type Ctx, bodyObject, fail, noContent, ok } from '../http';
import { credits, newId } from '../ids';
import type { Router } from '../router';
import { type CallRecord, type Submission, createState } from '../state';

const STATUSES = ['success', 'success', 'success', 'no_answer', 'busy', 'voicemail', 'success', 'failed', 'terminated', 'cancelled'];
const CATEGORIES = ['restaurant', 'clinic', 'hotel', 'general'];
const BUSINESSES: Record<string, string[]> = {
  restaurant: ["Luigi's Trattoria", 'Sakura Sushi', 'Casa Lucio', 'The Green Fork'],
  clinic: ['Bright Smile Dental', 'City Physio', 'ClearView Optometry'],
  hotel: ['Harbor View Hotel', 'Hotel Miramar', 'The Linden Inn'],
  general: ['City Hardware', 'Nordic Home', 'Peak Fitness', 'FixIt Phones'],
};

/** count past calls, older than every existing call, spread one every 7 minutes going back. */
export function seedPastCalls(sb: Sandbox, count: number): CallRecord[] {
  const calls = sb.state.calls;
  const oldest = calls.length ? Math.min(Date.now(), Date.parse(calls[calls.length - 1].created_at)) : Date.now();
  const added: CallRecord[] = [];
  for (let i = 0; i < count; i++) {
    const category = CATEGORIES[i % CATEGORIES.length];
    const names = BUSINESSES[category];
    const created = oldest - (i + 1) * 7 * MINUTE;
    const status = STATUSES[i % STATUSES.length];
    const submission: Submission = {
      task_category: category,
      task_description: category === 'general' ? 'Ask about the opening hours this weekend.' : `Book for ${(i % 6) + 1} people.`,
      respondent_phone: `+1201555${String(1000 + (i % 9000)).padStart(4, '0')}`,
      business_name: names[i % names.length],
      party_size: (i % 6) + 1,
      appointment_date: ymd(created + 2 * DAY),
      appointment_time: `${String(9 + (i % 11)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
      language: 'en',
      call_language: 'en',
    };
    const duration = status === 'success' ? 60 + (i % 90) + 0.4 : status === 'cancelled' ? 12.5 : 5 + (i % 30) + 0.25;
    added.push(finishedCall(newId(), submission, 'America/New_York', created, status, duration));
  }
  for (const c of added) calls.push(c);
  sb.changed();
  return added;
}

const CHANNEL_SAMPLES: Array<[string, string, string]> = [
  ['email', 'Harbor View Hotel <stay@harborview.example>', 'Your reservation is confirmed'],
  ['sms', '+12015550150', 'Your table is ready'],
  ['call', '+12015550151', 'Call summary: Casa Lucio'],
  ['chat', 'KallyAI', 'I found three dentists with openings'],
];

/** count inbox messages older than every existing one, one every 11 minutes going back, all read. */
export function seedOlderMessages(sb: Sandbox, count: number): void {
  const inbox = sb.state.inbox;
  const oldest = inbox.length ? Math.min(Date.now(), ...inbox.map((m) => Date.parse(m.received_at))) : Date.now();
  for (let i = 0; i < count; i++) {
    const [channel, from, subject] = CHANNEL_SAMPLES[i % CHANNEL_SAMPLES.length];
    const id = newId();
    inbox.push({ id, from, subject: `${subject} (#${i + 1})`, channel, preview: `Older message ${i + 1}.`, body: `Older message ${i + 1}.`, unread: false, received_at: new Date(oldest - (i + 1) * 11 * MINUTE).toISOString(), conversation_id: newId() });
  }
  sb.changed();
}

export function registerControls(router: Router, reset: (empty: boolean) => void): void {
  const pub = { public: true };
  router.post('/sandbox/faults', (ctx: Ctx) => {
    try {
      return ok({ id: ctx.sb.faults.add(ctx.body).id });
    } catch (e) {
      if (e instanceof FaultSpecError) fail(400, 'invalid_fault', `Invalid fault: ${e.message}`);
      throw e;
    }
  }, pub);
  router.get('/sandbox/faults', (ctx) => ok({ faults: ctx.sb.faults.list().map(({ matcher: _m, ...f }) => f) }), pub);
  router.delete('/sandbox/faults', (ctx) => { ctx.sb.faults.clear(); return ok({ cleared: true }); }, pub);

  router.post('/sandbox/reset', (ctx) => {
    reset(bodyObject(ctx).empty === true);
    return ok({ reset: true, empty: bodyObject(ctx).empty === true });
  }, pub);
  router.get('/sandbox/requests', (ctx) => ok({ requests: ctx.sb.requests.list() }), pub);
  router.delete('/sandbox/requests', (ctx) => { ctx.sb.requests.clear(); return noContent(); }, pub);

  router.post('/sandbox/seed-calls', (ctx) => {
    const count = Number(bodyObject(ctx).count);
    if (!Number.isInteger(count) || count < 1 || count > 100_000) fail(422, 'validation_error', 'count must be a whole number from 1 to 100000.');
    seedPastCalls(ctx.sb, count);
    return ok({ added: count, total: ctx.sb.state.calls.length });
  }, pub);
  router.post('/sandbox/seed-messages', (ctx) => {
    const count = Number(bodyObject(ctx).count);
    if (!Number.isInteger(count) || count < 1 || count > 10_000) fail(422, 'validation_error', 'count must be a whole number from 1 to 10000.');
    seedOlderMessages(ctx.sb, count);
    return ok({ added: count, total: ctx.sb.state.inbox.length });
  }, pub);
  router.post('/sandbox/seed-hostile', (ctx) => {
    const payloads = bodyObject(ctx).payloads;
    if (!Array.isArray(payloads) || payloads.length === 0 || payloads.some((x) => typeof x !== 'string')) fail(422, 'validation_error', 'payloads must be a list of strings.');
    return ok(seedHostile(ctx.sb, payloads as string[]));
  }, pub);
  router.post('/sandbox/expire-tokens', (ctx) => ok({ expired: expireAllAccessTokens(ctx.sb) }), pub);
  router.post('/sandbox/credits', (ctx) => {
    const remaining = Number(bodyObject(ctx).remaining);
    if (!Number.isFinite(remaining) || remaining < 0) fail(422, 'validation_error', 'remaining must be a number ≥ 0.');
    ctx.sb.state.credits.remaining = credits(remaining);
    ctx.sb.changed();
    return ok({ credits_remaining: ctx.sb.state.credits.remaining });
  }, pub);
  router.get('/sandbox/state', (ctx) => ok(ctx.sb.state), pub);
  /** An inbound call arrives now: KallyAI answers it (status active) and it ends by itself after
   *  `duration_seconds` real seconds (default 45) — completed, or with a voicemail left. */
  router.post('/sandbox/inbound-call', (ctx) => {
    const b = bodyObject(ctx);
    const number = b.caller_number;
    if (number !== undefined && (typeof number !== 'string' || !/^\+[1-9]\d{6,14}$/.test(number))) fail(422, 'validation_error', 'caller_number must be in E.164 form, e.g. +12015550136.');
    const name = b.caller_name;
    if (name !== undefined && name !== null && (typeof name !== 'string' || name.length > 100)) fail(422, 'validation_error', 'caller_name must be text (at most 100 characters) or null.');
    const seconds = b.duration_seconds;
    if (seconds !== undefined && (typeof seconds !== 'number' || !(seconds >= 1 && seconds <= 3600))) fail(422, 'validation_error', 'duration_seconds must be a number from 1 to 3600 (real seconds).');
    const outcome = b.outcome;
    if (outcome !== undefined && outcome !== 'completed' && outcome !== 'voicemail') fail(422, 'validation_error', 'outcome must be completed or voicemail.');
    return ok(startInboundCall(ctx.sb, { caller_number: number as string | undefined, caller_name: name as string | null | undefined, duration_seconds: seconds as number | undefined, outcome: outcome as 'completed' | 'voicemail' | undefined }));
  }, pub);
  /** The simulated clock's speed for the calls placed from now on (a test that acts on a running call
   *  slows it, so that a busy machine still reaches the call while it runs); GET reads it. */
  router.get('/sandbox/time-scale', (ctx) => ok({ time_scale: ctx.sb.clock.scale }), pub);
  router.post('/sandbox/time-scale', (ctx) => {
    const scale = bodyObject(ctx).time_scale;
    if (typeof scale !== 'number' || !(scale > 0 && scale <= 100_000)) fail(422, 'validation_error', 'time_scale must be a number above 0 (at most 100000).');
    ctx.sb.clock = createClock(scale as number);
    return ok({ time_scale: ctx.sb.clock.scale });
  }, pub);
  /** Convenience for tests: a fresh token pair for the demo user without the browser flow. */
  router.post('/sandbox/tokens', (ctx) => ok(issueTokens(ctx.sb)), pub);
}

export function freshState(sb: Sandbox, empty: boolean) {
  return createState({ empty, auth: sb.state.auth });
}
