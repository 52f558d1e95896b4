/** §5.5 Actions: calendar, restaurant search and bookings, bills, ride/food/errand, email drafts (approve/cancel), log, undo.
 *  While the run is hostile (hostileText.ts) the restaurants, a bill's analysis and the send answer's message are payloads. */
import { DAY, iso, isValidDate, isValidTime, ymd } from '../clock';
import type { Sandbox } from '../context';
import { COSTS, requireCredits, spend } from '../credits';
import { type Ctx, bodyObject, fail, intQuery, ok, str } from '../http';
import { newId } from '../ids';
import type { Router } from '../router';
import type { Json, OutboxEmail } from '../state';
import { hostileOf, hostileMessage, pick } from '../hostileText';
import { hostileRestaurants, restaurantsFor } from './searchData';

export function logAction(sb: Sandbox, type: string, description: string, undoable: boolean, targetId?: string): Json {
  const entry = {
    id: newId(),
    type,
    description,
    status: 'completed',
    created_at: iso(),
    undoable,
    ...(targetId ? { target_id: targetId } : {}),
  };
  sb.state.actions.unshift(entry);
  return entry;
}

/** What the log says once the thing an action made is gone: it can no longer be undone. */
function settleActionsOf(sb: Sandbox, targetId: string, status: string): void {
  for (const a of sb.state.actions) {
    if (a.target_id === targetId && a.status !== 'undone') {
      a.status = status;
      a.undoable = false;
    }
  }
}

function required(b: Record<string, unknown>, field: string): string {
  const v = str(b[field]);
  if (!v) fail(422, 'validation_error', `${field} is required.`, { details: { field } });
  return v as string;
}

const EMAIL = /^[^@\s<>]+@[^@\s<>][^@\s<>.]*\.[^@\s<>]+$/;

function findEmail(sb: Sandbox, id: string): OutboxEmail {
  const e = sb.state.outbox.find((x) => x.id === id);
  if (!e) fail(404, 'email_not_found', `No email with id ${id}.`);
  return e;
}

function task(
  ctx: Ctx,
  type: 'ride' | 'food' | 'errand',
  cost: number,
  describe: (b: Record<string, unknown>) => string,
  extra: (b: Record<string, unknown>) => Json,
) {
  const b = bodyObject(ctx);
  const description = describe(b);
  requireCredits(ctx.sb, cost);
  spend(ctx.sb, cost, type, description);
  const id = newId();
  const action = logAction(ctx.sb, type, description, true, id);
  return ok({
    id,
    task_id: id,
    action_id: action.id,
    type,
    status: 'requested',
    description,
    credits_used: cost,
    created_at: action.created_at,
    ...extra(b),
  });
}

export function registerActions(router: Router): void {
  router.post('/v1/actions/calendar/events', (ctx) => {
    const b = bodyObject(ctx);
    const title = required(b, 'title');
    const start = required(b, 'start');
    if (Number.isNaN(Date.parse(start)))
      fail(422, 'validation_error', 'start must be an ISO-8601 date-time.', { details: { field: 'start' } });
    const end = str(b.end) ?? iso(Date.parse(start) + 3_600_000);
    const event = {
      id: newId(),
      title,
      start,
      end,
      location: str(b.location) ?? null,
      description: str(b.description) ?? null,
      created_at: iso(),
    };
    ctx.sb.state.calendarEvents.push(event);
    logAction(ctx.sb, 'calendar', `Added '${title}' to your calendar`, true, event.id);
    return ok({ ...event, status: 'created', event });
  });
  router.get('/v1/actions/calendar/slots', (ctx) => {
    const date = ctx.query.get('date') ?? ymd(Date.now() + DAY);
    if (!isValidDate(date)) fail(422, 'validation_error', 'date must be YYYY-MM-DD.', { details: { field: 'date' } });
    const minutes = intQuery(ctx, 'duration_minutes', 30, 5, 480);
    const busy = ctx.sb.state.calendarEvents.filter((e) => String(e.start).startsWith(date));
    const slots = [];
    for (let h = 9; h < 18 && slots.length < 8; h++) {
      const start = `${date}T${String(h).padStart(2, '0')}:00:00Z`;
      if (busy.some((e) => String(e.start) === start)) continue;
      slots.push({ start, end: iso(Date.parse(start) + minutes * 60_000) });
    }
    return ok({ date, duration_minutes: minutes, slots });
  });
  router.post('/v1/actions/calendar/sync', (ctx) =>
    ok({ success: true, provider: 'google', events_synced: ctx.sb.state.calendarEvents.length, last_synced_at: iso() }),
  );
  router.delete('/v1/actions/calendar/events/{id}', (ctx) => {
    const before = ctx.sb.state.calendarEvents.length;
    ctx.sb.state.calendarEvents = ctx.sb.state.calendarEvents.filter((e) => e.id !== ctx.params.id);
    if (ctx.sb.state.calendarEvents.length === before)
      fail(404, 'event_not_found', `No calendar event with id ${ctx.params.id}.`);
    settleActionsOf(ctx.sb, ctx.params.id, 'deleted');
    return ok({ success: true, id: ctx.params.id, deleted: true });
  });
  router.post('/v1/actions/bookings/restaurants/search', (ctx) => {
    const b = bodyObject(ctx);
    const query = required(b, 'query');
    requireCredits(ctx.sb, COSTS.search.per_query);
    spend(ctx.sb, COSTS.search.per_query, 'search', `Restaurant search: ${query}`);
    const hostile = hostileOf(ctx.sb);
    return ok({
      results: hostile
        ? hostileRestaurants(hostile)
        : restaurantsFor(query, str(b.location), Number(b.party_size) || 2, str(b.time)),
      credits_used: COSTS.search.per_query,
    });
  });
  router.post('/v1/actions/bookings', (ctx) => {
    const b = bodyObject(ctx);
    const type = str(b.type) ?? '';
    if (!['restaurant', 'hotel', 'service', 'other'].includes(type))
      fail(422, 'validation_error', 'type must be restaurant, hotel, service or other.', {
        details: { field: 'type' },
      });
    if (b.date !== undefined && !(typeof b.date === 'string' && isValidDate(b.date)))
      fail(422, 'scheduling_violation', 'date must be YYYY-MM-DD.', { details: { field: 'date' } });
    if (b.time !== undefined && !(typeof b.time === 'string' && isValidTime(b.time)))
      fail(422, 'scheduling_violation', 'time must be HH:MM.', { details: { field: 'time' } });
    requireCredits(ctx.sb, COSTS.booking.per_booking);
    // A restaurant the search found is booked by its id; the log names it.
    const venue = str(b.restaurant_id)
      ? restaurantsFor('', undefined, 2).find((r) => r.id === b.restaurant_id)?.name
      : undefined;
    const booking = {
      id: newId(),
      type,
      restaurant_id: str(b.restaurant_id) ?? null,
      restaurant_name: venue ?? null,
      name: str(b.name) ?? null,
      date: str(b.date) ?? null,
      time: str(b.time) ?? null,
      party_size: b.party_size ?? null,
      notes: str(b.notes) ?? null,
      status: 'confirmed',
      confirmation_code: `SBX-${Math.floor(1000 + Math.random() * 9000)}`,
      created_at: iso(),
    };
    ctx.sb.state.bookings.push(booking);
    spend(ctx.sb, COSTS.booking.per_booking, 'booking', `Booking (${type})`);
    logAction(
      ctx.sb,
      'booking',
      `Booked ${venue ? `a table at ${venue}` : type}${booking.date ? ` on ${booking.date}` : ''}${booking.time ? ` at ${booking.time}` : ''}`,
      true,
      booking.id,
    );
    return ok({ ...booking, credits_used: COSTS.booking.per_booking });
  });
  router.delete('/v1/actions/bookings/{id}', (ctx) => {
    const booking = ctx.sb.state.bookings.find((x) => x.id === ctx.params.id);
    if (!booking) fail(404, 'booking_not_found', `No booking with id ${ctx.params.id}.`);
    if (booking.status === 'cancelled') fail(409, 'booking_already_cancelled', 'This booking is already cancelled.');
    booking.status = 'cancelled';
    settleActionsOf(ctx.sb, booking.id as string, 'cancelled');
    return ok({ success: true, id: booking.id, status: 'cancelled' });
  });
  router.post('/v1/actions/bills/analyze', (ctx) => {
    const b = bodyObject(ctx);
    const description = required(b, 'description');
    const amount = Number(b.amount) || 100;
    requireCredits(ctx.sb, COSTS.bill_analysis.per_analysis);
    spend(ctx.sb, COSTS.bill_analysis.per_analysis, 'bill', `Bill analysis: ${description}`);
    const fairHigh = Math.round(amount * 0.85);
    logAction(ctx.sb, 'bill', `Analysed the bill: ${description}`, false);
    const hostile = hostileOf(ctx.sb);
    const recommendations = hostile
      ? [pick(hostile, 110), pick(hostile, 111), pick(hostile, 112)]
      : [
          'Ask for the loyalty discount',
          'Mention the competitor offer of a lower monthly price',
          'Remove add-ons you do not use',
        ];
    const fairRange = hostile ? pick(hostile, 113) : `$${Math.round(amount * 0.6)}-$${fairHigh}`;
    return ok({
      analysis: {
        fair_price_range: fairRange,
        overcharge_detected: amount > fairHigh,
        savings_potential: Math.max(0, amount - fairHigh),
        recommendations,
      },
      credits_used: COSTS.bill_analysis.per_analysis,
    });
  });
  router.post('/v1/actions/bills/dispute', (ctx) => {
    const b = bodyObject(ctx);
    const description = required(b, 'description');
    requireCredits(ctx.sb, COSTS.bill_analysis.per_analysis);
    spend(ctx.sb, COSTS.bill_analysis.per_analysis, 'bill', `Bill dispute: ${description}`);
    const id = newId();
    logAction(ctx.sb, 'bill', `Disputed the bill: ${description}`, false, id);
    return ok({
      id,
      dispute_id: id,
      status: 'submitted',
      provider: str(b.provider) ?? null,
      reason: str(b.reason) ?? null,
      expected_response_days: 10,
      created_at: iso(),
    });
  });
  router.post('/v1/actions/tasks/ride', (ctx) =>
    task(
      ctx,
      'ride',
      COSTS.ride.per_request,
      (b) => `Ride from ${required(b, 'pickup')} to ${required(b, 'destination')}`,
      (b) => ({ pickup: b.pickup, destination: b.destination, pickup_time: b.pickup_time ?? null, eta_minutes: 7 }),
    ),
  );
  router.post('/v1/actions/tasks/food', (ctx) =>
    task(
      ctx,
      'food',
      COSTS.food.per_order,
      (b) => `Food order: ${required(b, 'description')}`,
      (b) => ({ delivery_address: b.delivery_address ?? null, eta_minutes: 35 }),
    ),
  );
  router.post('/v1/actions/tasks/errand', (ctx) =>
    task(
      ctx,
      'errand',
      COSTS.errand.per_errand,
      (b) => `Errand: ${required(b, 'description')}`,
      () => ({}),
    ),
  );
  router.post('/v1/actions/email/send', (ctx) => {
    const b = bodyObject(ctx);
    if (ctx.sb.state.emailAccounts.length === 0)
      fail(400, 'email_not_connected', 'Connect an email account first (Gmail or Outlook).');
    const to = required(b, 'to');
    const cc = Array.isArray(b.cc) ? b.cc.map(String) : str(b.cc);
    for (const address of [to, ...(Array.isArray(cc) ? cc : cc ? [cc] : [])]) {
      if (!EMAIL.test(address))
        fail(422, 'validation_error', `${address} is not an email address.`, { details: { field: 'to' } });
    }
    const subject = required(b, 'subject');
    const body = str(b.body)?.trim() ? (b.body as string) : required(b, 'body');
    const email: OutboxEmail = {
      id: newId(),
      to,
      ...(cc && cc.length ? { cc } : {}),
      subject,
      body,
      status: 'pending_approval',
      created_at: iso(),
      replies: [],
    };
    ctx.sb.state.outbox.unshift(email);
    ctx.sb.changed();
    return ok(
      hostileMessage(ctx.sb, 114, {
        ...email,
        email_id: email.id,
        message: 'The email waits for your approval before it is sent.',
      }),
    );
  });
  router.post('/v1/actions/email/{id}/approve', (ctx) => {
    const e = findEmail(ctx.sb, ctx.params.id);
    if (e.status !== 'pending_approval') fail(409, 'email_not_pending', `This email is already ${e.status}.`);
    requireCredits(ctx.sb, COSTS.email_send.per_email);
    // Magic recipients: an address at fail.example is refused by the mail provider.
    if (/@fail\.example$/i.test(e.to)) {
      e.status = 'failed';
      e.failure_reason = `The mail provider refused the recipient ${e.to} (550 mailbox unavailable).`;
      e.updated_at = iso();
      ctx.sb.changed();
      fail(500, 'email_send_failed', e.failure_reason);
    }
    e.status = 'sent';
    e.sent_at = iso();
    spend(ctx.sb, COSTS.email_send.per_email, 'email', `Email to ${e.to}`);
    logAction(ctx.sb, 'email', `Sent an email to ${e.to}`, false, e.id);
    return ok({
      success: true,
      id: e.id,
      status: e.status,
      sent_at: e.sent_at,
      credits_used: COSTS.email_send.per_email,
    });
  });
  router.post('/v1/actions/email/{id}/cancel', (ctx) => {
    const e = findEmail(ctx.sb, ctx.params.id);
    if (e.status !== 'pending_approval') fail(409, 'email_not_pending', `This email is already ${e.status}.`);
    e.status = 'cancelled';
    return ok({ success: true, id: e.id, status: e.status });
  });
  router.get('/v1/actions/email/outbox', (ctx) => {
    const status = ctx.query.get('status');
    return ok({
      emails: ctx.sb.state.outbox
        .filter((e) => !status || e.status === status)
        .map(({ replies, ...e }) => ({ ...e, reply_count: replies.length })),
    });
  });
  router.get('/v1/actions/email/{id}/replies', (ctx) => {
    const e = findEmail(ctx.sb, ctx.params.id);
    return ok({ email_id: e.id, replies: e.replies });
  });
  router.get('/v1/actions/log', (ctx) => {
    const type = ctx.query.get('type');
    const limit = intQuery(ctx, 'limit', 50, 1, 500);
    return ok({ actions: ctx.sb.state.actions.filter((a) => !type || a.type === type).slice(0, limit) });
  });
  router.post('/v1/actions/{id}/undo', (ctx) => {
    const a = ctx.sb.state.actions.find((x) => x.id === ctx.params.id);
    if (!a) fail(404, 'action_not_found', `No action with id ${ctx.params.id}.`);
    if (!a.undoable || a.status === 'undone')
      fail(
        409,
        'action_not_undoable',
        `This action cannot be undone${a.status === 'undone' ? ' (it already was)' : ''}.`,
      );
    a.status = 'undone';
    a.undoable = false;
    if (a.type === 'calendar')
      ctx.sb.state.calendarEvents = ctx.sb.state.calendarEvents.filter((e) => e.id !== a.target_id);
    if (a.type === 'booking')
      for (const bk of ctx.sb.state.bookings) if (bk.id === a.target_id) bk.status = 'cancelled';
    return ok({ success: true, id: a.id, status: 'undone' });
  });
}
