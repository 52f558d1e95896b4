/** Actions: calendar, bookings, bills, errands, outgoing email (contract §5.5). */
import * as z from 'zod/mini';
import { isValidDate, isValidTime } from '../validation/dateTime';
import {
  bounded,
  date,
  time,
  partySize,
  isoDateTime,
  limit,
  loose,
  opt,
  optStr,
  optNum,
  optBool,
  optId,
  listOf,
  anyObject,
} from './common';

export const ACTION_TYPES = ['calendar', 'booking', 'bill', 'ride', 'food', 'errand', 'email'] as const;
export const BOOKING_TYPES = ['restaurant', 'hotel', 'service', 'other'] as const;

export const CalendarEventBody = z
  .strictObject({
    title: bounded(1, 200),
    start: isoDateTime,
    end: z.optional(isoDateTime),
    location: z.optional(bounded(1, 300)),
    description: z.optional(bounded(1, 2000)),
  })
  .check(
    z.superRefine((b, ctx) => {
      if (b.end !== undefined && Date.parse(b.end) <= Date.parse(b.start)) {
        ctx.addIssue({
          code: 'custom',
          path: ['end'],
          message: 'The end must come after the start.',
          input: b.end,
          params: { template: 'The end must come after the start.', args: [] },
        });
      }
    }),
  );
export const CalendarSlotsQuery = z.strictObject({
  date: z.optional(date),
  duration_minutes: z.optional(z.int().check(z.gte(5), z.lte(1440))),
});
export const RestaurantSearchBody = z.strictObject({
  query: bounded(1, 300),
  location: z.optional(bounded(1, 200)),
  party_size: z.optional(partySize),
  date: z.optional(date),
  time: z.optional(time),
});
export const Restaurant = loose({
  id: optId,
  name: optStr,
  cuisine: optStr,
  rating: optNum,
  price_range: optStr,
  phone: optStr,
  address: optStr,
  availability: z.optional(z.unknown()),
});
export type Restaurant = z.output<typeof Restaurant>;
export const RestaurantResults = listOf('results', Restaurant);
/** Today on this machine's calendar, YYYY-MM-DD (the call wizard's rule: nothing is booked in the past). */
export function todayOnThisMachine(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A real date, today or later. */
const bookingDate = z.string().check(
  z.refine(isValidDate, 'Use a real date written YYYY-MM-DD, e.g. 2026-03-14.'),
  z.superRefine((value, ctx) => {
    if (isValidDate(value) && value < todayOnThisMachine()) {
      ctx.addIssue({
        code: 'custom',
        message: `${value} is in the past.`,
        input: value,
        params: { template: '{0} is in the past: choose today or a later date.', args: [value] },
      });
    }
  }),
);

export const BookingBody = z
  .strictObject({
    type: z.enum(BOOKING_TYPES),
    restaurant_id: z.optional(bounded(1, 100)),
    date: z.optional(bookingDate),
    time: z.optional(time),
    party_size: z.optional(partySize),
    name: z.optional(bounded(1, 100)),
    notes: z.optional(bounded(1, 1000)),
  })
  .check(
    z.superRefine((b, ctx) => {
      // Today at a time that has already passed is in the past too.
      const now = new Date();
      if (b.date === todayOnThisMachine(now) && b.time && isValidTime(b.time)) {
        const [h, m] = b.time.split(':').map(Number);
        if (h * 60 + m < now.getHours() * 60 + now.getMinutes()) {
          ctx.addIssue({
            code: 'custom',
            path: ['time'],
            message: `${b.time} today has already passed.`,
            input: b.time,
            params: { template: '{0} today has already passed: choose a later time or another day.', args: [b.time] },
          });
        }
      }
    }),
  );
const amount = z.number().check(z.gte(0));
export const BillAnalyzeBody = z.strictObject({
  description: bounded(1, 2000),
  amount: z.optional(amount),
  provider: z.optional(bounded(1, 200)),
});
export const BillAnalysis = loose({
  analysis: z.optional(
    loose({
      fair_price_range: z.optional(z.unknown()),
      overcharge_detected: optBool,
      savings_potential: z.optional(z.unknown()),
      recommendations: z.optional(z.array(z.unknown())),
    }),
  ),
});
export const BillDisputeBody = z.strictObject({
  description: bounded(1, 2000),
  amount: z.optional(amount),
  provider: z.optional(bounded(1, 200)),
  reason: z.optional(bounded(1, 1000)),
});
export const RideBody = z.strictObject({
  pickup: bounded(1, 300),
  destination: bounded(1, 300),
  pickup_time: z.optional(bounded(1, 100)),
});
export const FoodBody = z.strictObject({
  description: bounded(1, 1000),
  delivery_address: z.optional(bounded(1, 300)),
});
export const ErrandBody = z.strictObject({ description: bounded(1, 1000) });

/** One email address: trimmed, then checked (name@example.com). */
const emailAddress = z.string().check(z.trim(), z.email('Use an email address such as name@example.com.'));
/** Text that must say something: trimmed, then not empty. */
const written = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
export const SendEmailBody = z.strictObject({
  to: emailAddress,
  subject: written(300),
  body: written(20000),
  cc: z.optional(z.union([emailAddress, z.array(emailAddress).check(z.maxLength(50))])),
});
/** An outgoing email as the outbox lists it: `pending_approval` (a draft), `sent`, `failed`,
 *  `cancelled` (discarded) — and statuses we have never seen, kept as they are. */
export const OutboxEmail = loose({
  id: optId,
  email_id: optId,
  to: optStr,
  cc: opt(z.union([z.string(), z.array(z.string())])),
  subject: optStr,
  body: optStr,
  status: optStr,
  created_at: optStr,
  updated_at: optStr,
  sent_at: optStr,
  error: opt(z.union([z.string(), loose({ message: optStr, code: optStr })])),
  failure_reason: optStr,
  reply_count: optNum,
});
export type OutboxEmail = z.output<typeof OutboxEmail>;
export const Outbox = listOf('emails', OutboxEmail);
export const EmailReply = loose({
  id: optId,
  from: optStr,
  subject: optStr,
  body: optStr,
  snippet: optStr,
  received_at: optStr,
});
export type EmailReply = z.output<typeof EmailReply>;
export const EmailReplies = listOf('replies', EmailReply, { email_id: optId });
export const ActionLogQuery = z.strictObject({ type: z.optional(z.enum(ACTION_TYPES)), limit: z.optional(limit(200)) });
/** `target_id` (and its spellings) names what the action made (the event, the booking): read when present. */
export const ActionLogEntry = loose({
  id: optId,
  type: optStr,
  description: optStr,
  status: optStr,
  created_at: optStr,
  undoable: optBool,
  target_id: optId,
  event_id: optId,
  booking_id: optId,
});
export type ActionLogEntry = z.output<typeof ActionLogEntry>;
export const ActionLog = listOf('actions', ActionLogEntry);
export const Result = anyObject;
