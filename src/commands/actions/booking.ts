/** "KallyAI: Book…": what kind of booking; for a restaurant, which one — picked from the
 *  restaurants this session's searches found, or from a new restaurant search (it costs credits:
 *  the pipeline asks first), since a booking names its venue by the id the search gives; the day
 *  ("Friday", 2026-03-14 — never one in the past), the time ("8pm"), the party size (1–50), the
 *  name and notes — the call wizard's checks and its reading of dates — then the pipeline asks
 *  with the stakes (the restaurant, the price of a booking, the balance) and books. "Book a Table"
 *  on a restaurant found by "Find a Restaurant…" starts it with the restaurant, the party, the day
 *  and the time filled in. */
import * as z from 'zod/mini';
import { ops } from '../../api/catalogue';
import { BOOKING_TYPES } from '../../api/schemas/actions';
import { t } from '../../format';
import { parseArgs } from '../../pipeline/commandArgs';
import type { FailureResult } from '../../pipeline/errors/presenter';
import {
  askPick,
  askText,
  type StepFrame,
  type StepResult,
  type Validation,
  pickItems,
} from '../../platform/quickInput';
import { hitFacts, keepSearch, keptRestaurants, readRestaurant, type SearchHit } from '../../models/search';
import { notificationText } from '../../format/sinks';
import { info } from '../../platform/notify';
import type { RunResult } from '../../pipeline/pipeline';
import { BOOKING_TYPE_LABELS, type BookingContext } from '../../presentation/actions';
import type { CommandContext } from '../commandContext';
import { validateDate } from '../calls/callWizard';
import { PARTY_MAX, PARTY_MIN } from '../calls/makeCallArgs';
import { readDate, readTime, todayIso } from '../calls/naturalDates';
import { runForm, shown, type FormStep } from '../../platform/formSteps';

type BookingType = (typeof BOOKING_TYPES)[number];

export const bookingArgs = z.object({
  type: z.optional(z.enum(BOOKING_TYPES)),
  /** A restaurant of "Find a Restaurant…" (its id is never shown; its name is). */
  restaurantId: z.optional(z.string()),
  restaurantName: z.optional(z.string()),
  restaurantAddress: z.optional(z.string()),
  /** YYYY-MM-DD or words ("tomorrow"): read like the call wizard reads it. */
  date: z.optional(z.string()),
  /** "20:00", "8pm". */
  time: z.optional(z.union([z.string(), z.null()])),
  partySize: z.optional(z.union([z.number(), z.null()])),
  name: z.optional(z.union([z.string(), z.null()])),
  notes: z.optional(z.union([z.string(), z.null()])),
  /** Test seam: the consent is recorded, not shown (the test host only). */
  confirmed: z.optional(z.boolean()),
});

/** The restaurant booked: its id (never shown), its name and address (shown in the consent). */
interface Venue {
  readonly id: string;
  readonly name: string;
  readonly address?: string;
}

interface Answers {
  type: BookingType;
  venue: Venue | null;
  date: string;
  time: string | null;
  partySize: number | null;
  name: string | null;
  notes: string | null;
}

type Outcome = RunResult | FailureResult | { outcome: 'dismissed'; at: 'input' };

/** Party sizes make sense for tables and rooms. */
const hasParty = (type: BookingType | undefined) => type === 'restaurant' || type === 'hotel';

export async function book(ctx: CommandContext, raw: unknown): Promise<Outcome> {
  const args = parseArgs('kallyai.actions.book', bookingArgs, raw);
  if (!ctx.services.auth.isSignedIn) return ctx.errors.show({ code: 'missing_token', status: 0 });
  const given: Partial<Answers> = {};
  if (args.type) given.type = args.type;
  else if (args.restaurantId) given.type = 'restaurant';
  if (args.restaurantId)
    given.venue = {
      id: args.restaurantId,
      name: args.restaurantName?.trim() || restaurantNamed(args.restaurantId) || t('the restaurant'),
      address: args.restaurantAddress?.trim() || undefined,
    };
  // A date in words is read as the wizard reads it; anything else goes to the schema, which refuses
  // a past or impossible date with its own sentence (nothing is sent).
  if (args.date !== undefined) {
    const r = readDate(args.date);
    given.date = r.kind === 'date' || r.kind === 'past' ? r.iso : args.date.trim();
  }
  if (args.time !== undefined)
    given.time = args.time === null || args.time === '' ? null : (readTime(args.time) ?? args.time.trim());
  if (args.partySize !== undefined) given.partySize = args.partySize;
  if (args.name !== undefined) given.name = args.name?.trim() || null;
  if (args.notes !== undefined) given.notes = args.notes?.trim() || null;

  const answers = await runForm<Answers>(t('KallyAI: Book'), steps(ctx, args), given);
  if (!answers?.type || !answers.date) return { outcome: 'dismissed', at: 'input' };
  const venue = answers.type === 'restaurant' ? (answers.venue ?? undefined) : undefined;
  const body = {
    type: answers.type,
    ...(venue ? { restaurant_id: venue.id } : {}),
    date: answers.date,
    ...(answers.time ? { time: answers.time } : {}),
    ...(answers.partySize !== null && answers.partySize !== undefined ? { party_size: answers.partySize } : {}),
    ...(answers.name ? { name: answers.name } : {}),
    ...(answers.notes ? { notes: answers.notes } : {}),
  };
  const context: BookingContext = { restaurantName: venue?.name, restaurantAddress: venue?.address };
  return ctx.pipeline.run(ops.actions.createBooking, {
    input: { body },
    // The restaurant is what the consent names: the body carries only its id.
    target: { kind: 'booking', id: venue?.id ?? 'new', value: context },
    interactive: false,
    confirmed: args.confirmed,
    handlers: {
      editRequest: () =>
        book(ctx, { ...args, date: undefined, time: undefined, partySize: undefined, confirmed: undefined }),
      retry: () =>
        book(ctx, {
          ...args,
          ...(venue ? { restaurantId: venue.id, restaurantName: venue.name, restaurantAddress: venue.address } : {}),
        }),
    },
  });
}

function validateTime(v: string): Validation {
  if (!v.trim()) return {};
  const time = readTime(v);
  return time ? { note: t('At {0}', time) } : { error: t('Write a time such as 20:00 or 8pm.') };
}

function validateParty(v: string): Validation {
  const s = v.trim();
  if (!s) return {};
  const n = Number(s);
  return /^\d+$/.test(s) && n >= PARTY_MIN && n <= PARTY_MAX
    ? {}
    : { error: t('A whole number from {0} to {1}.', PARTY_MIN, PARTY_MAX) };
}

/** A restaurant of an earlier search, by its id. */
function restaurantNamed(id: string): string | undefined {
  return keptRestaurants().find((h) => h.restaurantId === id)?.name;
}

const venueOf = (hit: SearchHit): Venue => ({ id: hit.restaurantId!, name: hit.name, address: hit.address });

const venueChoice = (hit: SearchHit) => ({
  value: venueOf(hit) as Venue | 'search',
  label: hit.name,
  description: hitFacts(hit).join(' · ') || undefined,
  detail:
    [hit.address, hit.availability?.length ? t('Free tables: {0}', hit.availability.join(', ')) : undefined]
      .filter(Boolean)
      .join(' — ') || undefined,
  icon: 'location',
});

/** Which restaurant: one an earlier search found, or one a new search finds (it costs credits, and
 *  the pipeline asks first). Escape in the search goes back to the list. */
async function askVenue(
  ctx: CommandContext,
  frame: StepFrame,
  current: Venue | null | undefined,
): Promise<StepResult<Venue>> {
  for (;;) {
    const known = keptRestaurants();
    let choice: Venue | 'search' = 'search';
    if (known.length) {
      const items = pickItems<Venue | 'search'>([
        ...known.map(venueChoice),
        {
          value: 'search',
          label: t('Find a Restaurant…'),
          detail: t('Search for another restaurant (it uses credits: KallyAI asks first)'),
          icon: 'search',
          alwaysShow: true,
        },
      ]);
      const r = await askPick({
        ...frame,
        placeholder: t('Which restaurant? A booking names its restaurant'),
        items,
        active: known.map(venueOf).find((v) => v.id === current?.id),
      });
      if (r.kind !== 'value') return r;
      choice = r.value;
    }
    if (choice !== 'search') return { kind: 'value', value: choice };
    const query = await askText({
      ...frame,
      prompt: t('Find the restaurant: its name or the kind of food, and where (e.g. "Italian in Hoboken")'),
      placeholder: t('e.g. sushi near Hoboken'),
      validate: (v) => (v.trim() ? {} : { incomplete: true }),
    });
    if (query.kind === 'cancel') return query;
    if (query.kind === 'back') {
      if (known.length) continue;
      return query;
    }
    const found = await ctx.pipeline.run(ops.actions.searchRestaurants, {
      input: { body: { query: query.value } },
      interactive: false,
      quiet: true,
    });
    if (found.outcome !== 'done') continue;
    const hits = found.data.results.map(readRestaurant).filter((h) => h.restaurantId);
    keepSearch({
      kind: 'restaurants',
      query: query.value,
      hits,
      creditsUsed: typeof found.data.credits_used === 'number' ? found.data.credits_used : undefined,
      at: Date.now(),
    });
    if (!hits.length) {
      void info(notificationText(t('No restaurants found for "{0}". Try other words or another place.', query.value)));
      continue;
    }
    const r = await askPick({
      ...frame,
      placeholder: t('Which restaurant? Pick one to book'),
      items: pickItems(hits.map(venueChoice)),
    });
    if (r.kind === 'cancel') return r;
    if (r.kind === 'value' && r.value !== 'search') return { kind: 'value', value: r.value };
  }
}

function steps(ctx: CommandContext, args: z.infer<typeof bookingArgs>): FormStep<Answers>[] {
  return [
    {
      keys: ['type'],
      async ask(frame, a) {
        const items = pickItems(BOOKING_TYPES.map((value) => ({ value, label: t(BOOKING_TYPE_LABELS[value]) })));
        const r = await askPick({
          ...frame,
          placeholder: t('What kind of booking?'),
          items,
          active: a.type ?? 'restaurant',
        });
        return r.kind === 'value' ? { kind: 'value', value: { type: r.value } } : r;
      },
    },
    {
      keys: ['venue'],
      applies: (a) => a.type === 'restaurant',
      async ask(frame, a) {
        const r = await askVenue(ctx, frame, a.venue);
        return r.kind === 'value' ? { kind: 'value', value: { venue: r.value } } : r;
      },
    },
    {
      keys: ['date'],
      async ask(frame, a) {
        const where = a.type === 'restaurant' ? (a.venue?.name ?? args.restaurantName) : undefined;
        const r = await askText({
          ...frame,
          prompt: where
            ? t('The day at {0}: YYYY-MM-DD, or "tomorrow", "next Friday"', where)
            : t('The day: YYYY-MM-DD, or "tomorrow", "next Friday", "Dec 6"'),
          placeholder: todayIso(),
          value: shown(a.date),
          validate: (v) => (v.trim() ? validateDate(v) : { incomplete: true }),
        });
        if (r.kind !== 'value') return r;
        const reading = readDate(r.value);
        return { kind: 'value', value: { date: reading.kind === 'date' ? reading.iso : r.value } };
      },
    },
    {
      keys: ['time'],
      async ask(frame, a) {
        const r = await askText({
          ...frame,
          prompt: t('The time ("20:00", "8pm"; optional)'),
          placeholder: '20:00',
          value: shown(a.time),
          validate: validateTime,
        });
        return r.kind === 'value'
          ? { kind: 'value', value: { time: r.value.trim() ? (readTime(r.value) ?? null) : null } }
          : r;
      },
    },
    {
      keys: ['partySize'],
      applies: (a) => hasParty(a.type),
      async ask(frame, a) {
        const r = await askText({
          ...frame,
          prompt: t('How many people, {0}–{1} (optional)', PARTY_MIN, PARTY_MAX),
          placeholder: '2',
          value: shown(a.partySize),
          validate: validateParty,
        });
        return r.kind === 'value'
          ? { kind: 'value', value: { partySize: r.value.trim() ? Number(r.value) : null } }
          : r;
      },
    },
    {
      keys: ['name'],
      async ask(frame, a) {
        const r = await askText({
          ...frame,
          prompt: t('The name for the booking (optional)'),
          placeholder: t('e.g. Alex Smith'),
          value: shown(a.name),
          validate: (v) =>
            v.trim().length > 100 ? { error: t('{0} characters: at most {1}.', v.trim().length, 100) } : {},
        });
        return r.kind === 'value' ? { kind: 'value', value: { name: r.value.trim() || null } } : r;
      },
    },
    {
      keys: ['notes'],
      async ask(frame, a) {
        const r = await askText({
          ...frame,
          prompt: t('Anything to tell them (optional)'),
          placeholder: t('e.g. a table by the window'),
          value: shown(a.notes),
          validate: (v) =>
            v.trim().length > 1000 ? { error: t('{0} characters: at most {1}.', v.trim().length, 1000) } : {},
        });
        return r.kind === 'value' ? { kind: 'value', value: { notes: r.value.trim() || null } } : r;
      },
    },
  ];
}
