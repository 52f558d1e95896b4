/** Test controls (no auth, outside /v1): faults, reset, request log, seed-calls, seed-messages, seed-hostile,
 *  expire-tokens, credits, state, tokens, inbound-call, variant, time-scale. A value a control cannot take — one the
 *  real service could never hold, like a balance of 1e308 — is a 400 `invalid_control` saying why
 *  (controlValues.ts). */
import { DAY, MINUTE, createClock, ymd } from '../clock';
import { finishedCall } from '../calls/record';
import { startInboundCall } from '../inbound/live';
import { seedHostile } from '../seed/hostile';
import { expireAllAccessTokens, issueTokens } from '../auth/tokens';
import type { Sandbox } from '../context';
import { MAX_CREDITS, controlNumber, described, refuse } from '../controlValues';
import { FaultSpecError } from '../faults';
import { type Ctx, bodyObject, fail, noContent, ok } from '../http';
import { credits, newId } from '../ids';
import type { Router } from '../router';
import { type CallRecord, type Submission, createState } from '../state';
import { DIMENSIONS, VariantError, formatVariant, parseVariant } from '../variants';

/** The longest caller name /sandbox/inbound-call takes. */
const MAX_CALLER_NAME = 10_000;

const STATUSES = [
  'success',
  'success',
  'success',
  'no_answer',
  'busy',
  'voicemail',
  'success',
  'failed',
  'terminated',
  'cancelled',
];
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
      task_description:
        category === 'general' ? 'Ask about the opening hours this weekend.' : `Book for ${(i % 6) + 1} people.`,
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
    inbox.push({
      id,
      from,
      subject: `${subject} (#${i + 1})`,
      channel,
      preview: `Older message ${i + 1}.`,
      body: `Older message ${i + 1}.`,
      unread: false,
      received_at: new Date(oldest - (i + 1) * 11 * MINUTE).toISOString(),
      conversation_id: newId(),
    });
  }
  sb.changed();
}

export function registerControls(router: Router, reset: (empty: boolean) => void): void {
  const pub = { public: true };
  router.post(
    '/sandbox/faults',
    (ctx: Ctx) => {
      try {
        return ok({ id: ctx.sb.faults.add(ctx.body).id });
      } catch (e) {
        if (e instanceof FaultSpecError) fail(400, 'invalid_fault', `Invalid fault: ${e.message}`);
        throw e;
      }
    },
    pub,
  );
  router.get('/sandbox/faults', (ctx) => ok({ faults: ctx.sb.faults.list().map(({ matcher: _m, ...f }) => f) }), pub);
  router.delete(
    '/sandbox/faults',
    (ctx) => {
      ctx.sb.faults.clear();
      return ok({ cleared: true });
    },
    pub,
  );

  router.post(
    '/sandbox/reset',
    (ctx) => {
      const empty = bodyObject(ctx).empty ?? false;
      if (typeof empty !== 'boolean') refuse('empty', `must be true or false (got ${described(empty)})`);
      reset(empty);
      return ok({ reset: true, empty });
    },
    pub,
  );
  router.get('/sandbox/requests', (ctx) => ok({ requests: ctx.sb.requests.list() }), pub);
  router.delete(
    '/sandbox/requests',
    (ctx) => {
      ctx.sb.requests.clear();
      return noContent();
    },
    pub,
  );

  router.post(
    '/sandbox/seed-calls',
    (ctx) => {
      const count = controlNumber(bodyObject(ctx).count, 'count', {
        min: 1,
        max: 100_000,
        whole: true,
        aboveMax: 'seed at most 100000 calls at a time',
      });
      seedPastCalls(ctx.sb, count);
      return ok({ added: count, total: ctx.sb.state.calls.length });
    },
    pub,
  );
  router.post(
    '/sandbox/seed-messages',
    (ctx) => {
      const count = controlNumber(bodyObject(ctx).count, 'count', {
        min: 1,
        max: 10_000,
        whole: true,
        aboveMax: 'seed at most 10000 messages at a time',
      });
      seedOlderMessages(ctx.sb, count);
      return ok({ added: count, total: ctx.sb.state.inbox.length });
    },
    pub,
  );
  router.post(
    '/sandbox/seed-hostile',
    (ctx) => {
      const payloads = bodyObject(ctx).payloads;
      if (!Array.isArray(payloads) || payloads.length === 0 || payloads.some((x) => typeof x !== 'string'))
        refuse('payloads', 'must be a non-empty list of strings');
      return ok(seedHostile(ctx.sb, payloads as string[]));
    },
    pub,
  );
  router.post('/sandbox/expire-tokens', (ctx) => ok({ expired: expireAllAccessTokens(ctx.sb) }), pub);
  router.post(
    '/sandbox/credits',
    (ctx) => {
      const remaining = controlNumber(bodyObject(ctx).remaining, 'remaining', {
        min: 0,
        max: MAX_CREDITS,
        belowMin: 'a balance cannot be negative',
        aboveMax: `no plan holds more than ${MAX_CREDITS} credits`,
      });
      ctx.sb.state.credits.remaining = credits(remaining);
      ctx.sb.changed();
      return ok({ credits_remaining: ctx.sb.state.credits.remaining });
    },
    pub,
  );
  router.get('/sandbox/state', (ctx) => ok(ctx.sb.state), pub);
  /** An inbound call arrives now: KallyAI answers it (status active) and it ends by itself after
   *  `duration_seconds` real seconds (default 45) — completed, or with a voicemail left. */
  router.post(
    '/sandbox/inbound-call',
    (ctx) => {
      const b = bodyObject(ctx);
      const number = b.caller_number;
      if (number !== undefined && (typeof number !== 'string' || !/^\+[1-9]\d{6,14}$/.test(number)))
        refuse('caller_number', `must be in E.164 form, e.g. +12015550136 (got ${described(number)})`);
      const name = b.caller_name;
      // Anyone can set the name their call shows, so a test may send any text up to 10,000 characters.
      if (name !== undefined && name !== null && (typeof name !== 'string' || name.length > MAX_CALLER_NAME))
        refuse('caller_name', `must be text (at most ${MAX_CALLER_NAME} characters) or null`);
      const seconds =
        b.duration_seconds === undefined
          ? undefined
          : controlNumber(b.duration_seconds, 'duration_seconds', {
              min: 1,
              max: 3600,
              aboveMax: 'a live call lasts at most an hour of real time',
            });
      const outcome = b.outcome;
      if (outcome !== undefined && outcome !== 'completed' && outcome !== 'voicemail')
        refuse('outcome', `must be completed or voicemail (got ${described(outcome)})`);
      return ok(
        startInboundCall(ctx.sb, {
          caller_number: number as string | undefined,
          caller_name: name as string | null | undefined,
          duration_seconds: seconds,
          outcome: outcome as 'completed' | 'voicemail' | undefined,
        }),
      );
    },
    pub,
  );
  /** The simulated clock's speed for the calls placed from now on (a test that acts on a running call
   *  slows it, so that a busy machine still reaches the call while it runs); GET reads it. */
  router.get('/sandbox/time-scale', (ctx) => ok({ time_scale: ctx.sb.clock.scale }), pub);
  router.post(
    '/sandbox/time-scale',
    (ctx) => {
      const scale = bodyObject(ctx).time_scale;
      if (typeof scale !== 'number' || !(scale > 0 && scale <= 100_000))
        fail(422, 'validation_error', 'time_scale must be a number above 0 (at most 100000).');
      ctx.sb.clock = createClock(scale as number);
      return ok({ time_scale: ctx.sb.clock.scale });
    },
    pub,
  );
  /** Convenience for tests: a fresh token pair for the demo user without the browser flow. */
  router.post('/sandbox/tokens', (ctx) => ok(issueTokens(ctx.sb)), pub);

  /** The run's response variants (variants.ts): what they are now, what the start set, and every
   *  dimension with its values and scopes; POST sets them (`{variant: "connect=pairing"}`, replacing
   *  the run's), DELETE returns to the start's (so does /sandbox/reset). */
  const variantView = (sb: Sandbox) => ({
    variant: formatVariant(sb.variant),
    start: formatVariant(sb.options.variant),
    dimensions: Object.fromEntries(
      Object.entries(DIMENSIONS).map(([d, values]) => [
        d,
        { values, scopes: sb.variantScopes[d as keyof typeof DIMENSIONS] },
      ]),
    ),
  });
  router.get('/sandbox/variant', (ctx) => ok(variantView(ctx.sb)), pub);
  router.post(
    '/sandbox/variant',
    (ctx) => {
      const text = bodyObject(ctx).variant;
      if (typeof text !== 'string')
        refuse('variant', `must be text such as "connect=pairing" or "" (got ${described(text)})`);
      try {
        ctx.sb.variant = parseVariant(text, ctx.sb.variantScopes);
      } catch (e) {
        if (e instanceof VariantError)
          fail(400, 'invalid_variant', `variant: ${e.message}`, { details: { field: 'variant' } });
        throw e;
      }
      return ok(variantView(ctx.sb));
    },
    pub,
  );
  router.delete(
    '/sandbox/variant',
    (ctx) => {
      ctx.sb.variant = ctx.sb.options.variant;
      return ok(variantView(ctx.sb));
    },
    pub,
  );
}

export function freshState(sb: Sandbox, empty: boolean) {
  return createState({ empty, auth: sb.state.auth });
}
