/** Actions KallyAI takes for the person (contract §5.5), besides email: the calendar, restaurants
 *  and bookings, bills, rides, food, errands, and the action log with Undo. Adding a calendar event
 *  and booking have forms of their own (src/commands/actions), which hand over to the entries
 *  below for the consent and the result. */
import { ops } from '../api/catalogue';
import { BOOKING_TYPES, type ActionLogEntry } from '../api/schemas/actions';
import {
  blocks,
  calendarDay,
  clockTime,
  codeLabel,
  md,
  oneLine,
  raw,
  shortDateTime,
  t,
  table,
  type Markdown,
} from '../format';
import {
  actionIcon,
  actionLabel,
  actionTargetId,
  actionTypeLabel,
  isLiveBooking,
  isLiveCalendarEvent,
  isUndoable,
} from '../models/activity';
import { keepSearch, keptRestaurants, readRestaurant } from '../models/search';
import { present, type CommandSpec, type EntitySpec, type Presentation } from './entry';
import { registerEntities } from './entities';

const entryOf = (target: unknown): ActionLogEntry => (target ?? {}) as ActionLogEntry;
const showActivity = () => ({ title: t('Show Activity'), command: 'kallyai.activity.focus' });
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** "Friday, March 13, 2026 at 19:30" from an ISO date-time written in the person's zone (the forms write it so). */
export function wallTimeText(iso: string | undefined): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso ?? '');
  return m ? t('{0} at {1}', calendarDay(m[1]), m[2]) : undefined;
}

export const BOOKING_TYPE_LABELS: Readonly<Record<(typeof BOOKING_TYPES)[number], string>> = {
  restaurant: 'Restaurant',
  hotel: 'Hotel',
  service: 'Service appointment',
  other: 'Other',
};

/** What the booking form knows besides the body: the restaurant's name and address (the body has only its id). */
export interface BookingContext {
  readonly restaurantName?: string;
  readonly restaurantAddress?: string;
}

/** The restaurant a booking names: the form's, else one an earlier search found by that id. */
function venueName(target: unknown, restaurantId: string | undefined): string | undefined {
  return (
    (target as BookingContext | undefined)?.restaurantName ??
    (restaurantId ? keptRestaurants().find((h) => h.restaurantId === restaurantId)?.name : undefined)
  );
}

function bookingWhen(b: { date?: string; time?: string } | undefined): string | undefined {
  if (!b?.date) return b?.time ? t('at {0}', b.time) : undefined;
  return b.time ? t('{0} at {1}', calendarDay(b.date), b.time) : calendarDay(b.date);
}

const byLog = (
  kind: 'calendarEvent' | 'booking',
  type: 'calendar' | 'booking',
  live: (a: ActionLogEntry) => boolean,
  placeholder: string,
  empty: string,
) =>
  registerEntity<ActionLogEntry>({
    kind,
    placeholder,
    empty,
    list: async (client, signal) =>
      (await client.execute(ops.actions.log, { query: { type, limit: 100 } }, { signal })).actions.filter(live),
    id: (a) => actionTargetId(a),
    label: (a) => actionLabel(a),
    description: (a) => shortDateTime(a.created_at),
  });

function registerEntity<T>(spec: EntitySpec<T>): void {
  registerEntities(spec as unknown as EntitySpec<unknown>);
}

registerEntity<ActionLogEntry>({
  kind: 'action',
  placeholder: 'Pick an action',
  empty: 'KallyAI has taken no actions yet.',
  list: async (client, signal) =>
    (await client.execute(ops.actions.log, { query: { limit: 100 } }, { signal })).actions,
  id: (a) => a.id ?? undefined,
  label: (a) => actionLabel(a),
  description: (a) =>
    [actionTypeLabel(a.type), codeLabel('actionStatus', a.status), shortDateTime(a.created_at)]
      .filter(Boolean)
      .join(' · '),
});
byLog(
  'calendarEvent',
  'calendar',
  isLiveCalendarEvent,
  'Pick a calendar event KallyAI added',
  'KallyAI has added no calendar events that are still there.',
);
byLog('booking', 'booking', isLiveBooking, 'Pick a booking', 'KallyAI has made no bookings that are still on.');

/** A slot of GET /v1/actions/calendar/slots (its answer is undocumented): `{start, end}` or a bare start. */
function slotsOf(data: Record<string, unknown>): Array<{ start: string; end?: string }> {
  const list = [data.slots, data.free_slots, data.available_slots, data.items].find(Array.isArray) as
    unknown[] | undefined;
  return (list ?? [])
    .map((s) =>
      typeof s === 'string'
        ? { start: s }
        : { start: str((s as Record<string, unknown>)?.start) ?? '', end: str((s as Record<string, unknown>)?.end) },
    )
    .filter((s) => !Number.isNaN(Date.parse(s.start)));
}

function billMarkdown(data: { analysis?: Record<string, unknown> | null }, description: string): Markdown {
  const a = data.analysis ?? {};
  const value = (v: unknown) =>
    typeof v === 'number' ? `$${v}` : typeof v === 'string' ? v : v == null ? undefined : JSON.stringify(v);
  const rows: Array<[string, string | undefined]> = [
    [t('Fair price'), value(a.fair_price_range)],
    [
      t('Overcharged'),
      a.overcharge_detected === undefined || a.overcharge_detected === null
        ? undefined
        : a.overcharge_detected
          ? t('likely')
          : t('not that we can see'),
    ],
    [t('You could save'), value(a.savings_potential)],
  ];
  const recommendations = Array.isArray(a.recommendations)
    ? a.recommendations.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)))
    : [];
  return blocks(
    md`# ${t('Bill check')}`,
    md`${description}`,
    table(
      [t('Finding'), t('Value')],
      rows.filter(([, v]) => v !== undefined).map(([k, v]) => [k, v!]),
    ),
    recommendations.length
      ? blocks(md`## ${t('What to do')}`, raw(recommendations.map((r) => md`- ${r}`.text).join('\n')))
      : undefined,
    md`_${t('To contest it, run "KallyAI: Dispute a Bill…".')}_`,
  );
}

const rideWhat = (b: { pickup?: string; destination?: string; pickup_time?: string } | undefined) =>
  [
    t('From: {0}', b?.pickup ?? '?'),
    t('To: {0}', b?.destination ?? '?'),
    t('When: {0}', b?.pickup_time || t('as soon as possible')),
  ].join('\n');

export const actionPresentations: Presentation[] = [
  // The form "KallyAI: Add Calendar Event…" (src/commands/actions/calendarEvent.ts) runs it.
  present(ops.actions.createCalendarEvent, {
    progress: 'Adding the event…',
    result: {
      kind: 'notify',
      message: ({ input }) =>
        t(
          'Added "{0}" to your calendar: {1}.',
          input.body?.title ?? '',
          wallTimeText(input.body?.start) ?? shortDateTime(input.body?.start) ?? '',
        ),
      actions: () => [showActivity()],
    },
  }),
  present(ops.actions.calendarSlots, {
    command: {
      id: 'kallyai.actions.calendarSlots',
      title: 'Find Free Time…',
      cli: ['kallyai actions calendar slots'],
      icon: 'calendar',
      menus: [{ view: 'activity', group: 'titleMenu', order: 11 }],
    },
    fields: {
      date: { label: 'Day', placeholder: 'YYYY-MM-DD', help: 'leave empty for tomorrow' },
      duration_minutes: { label: 'Length in minutes', placeholder: '30' },
    },
    ask: ['date', 'duration_minutes'],
    progress: 'Looking at your calendar…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a free slot to add an event there',
      empty: 'No free time that day.',
      items: ({ data }) =>
        slotsOf(data).map((s) => ({
          label: s.end
            ? t('{0} – {1}', clockTime(new Date(s.start)), clockTime(new Date(s.end)))
            : clockTime(new Date(s.start)),
          description: shortDateTime(s.start)?.replace(/,? \d{1,2}:\d{2}.*$/, ''),
          icon: 'calendar',
          run: {
            title: t('Add Calendar Event…'),
            command: 'kallyai.actions.createCalendarEvent',
            args: [{ start: s.start, ...(s.end ? { end: s.end } : {}) }],
          },
        })),
    },
  }),
  present(ops.actions.calendarSync, {
    command: {
      id: 'kallyai.actions.calendarSync',
      title: 'Sync Calendar',
      cli: ['kallyai actions calendar sync'],
      icon: 'sync',
      menus: [{ view: 'activity', group: 'titleMenu', order: 12 }],
    },
    progress: 'Syncing your calendar…',
    result: {
      kind: 'status',
      message: ({ data }) =>
        typeof data.events_synced === 'number'
          ? t('Calendar synced: {0} events', data.events_synced)
          : t('Calendar synced'),
    },
  }),
  present(ops.actions.deleteCalendarEvent, {
    command: {
      id: 'kallyai.actions.deleteCalendarEvent',
      title: 'Delete Calendar Event…',
      cli: ['kallyai actions calendar delete'],
      icon: 'trash',
      menus: [{ view: 'activity', item: 'calendarEvent', group: 'danger', order: 1 }],
    },
    params: {
      id: {
        entity: 'calendarEvent',
        label: 'Event',
        fromTarget: { action: (a: ActionLogEntry) => (isLiveCalendarEvent(a) ? actionTargetId(a) : undefined) },
      },
    },
    consent: {
      question: () => t('Delete this event from your calendar?'),
      what: ({ target }) =>
        entryOf(target).description
          ? t(
              '{0}. The event is removed from your calendar.',
              oneLine(entryOf(target).description, 120).replace(/\.$/, ''),
            )
          : t('The event is removed from your calendar.'),
      confirm: 'Delete Event',
      decline: 'Keep Event',
    },
    progress: 'Deleting the event…',
    result: { kind: 'status', message: () => t('Calendar event deleted') },
  }),
  present(ops.actions.searchRestaurants, {
    command: {
      id: 'kallyai.actions.searchRestaurants',
      title: 'Find a Restaurant…',
      cli: ['kallyai actions restaurant search'],
      icon: 'search',
      menus: [{ view: 'activity', group: 'titleMenu', order: 21 }],
    },
    fields: {
      query: { label: 'What kind of food or place', placeholder: 'e.g. sushi, quiet Italian' },
      location: { label: 'Where', placeholder: 'e.g. Hoboken, NJ' },
      party_size: { label: 'Party size', placeholder: '2' },
      date: { label: 'Date', placeholder: 'YYYY-MM-DD' },
      time: { label: 'Time', placeholder: 'HH:MM, e.g. 19:30' },
    },
    ask: ['location', 'party_size', 'date', 'time'],
    consent: {
      question: ({ input }) => t('Search restaurants for "{0}"?', input.body?.query ?? ''),
      what: () => t('KallyAI looks for restaurants and their free tables. Nobody is contacted and nothing is booked.'),
      confirm: 'Search',
      decline: 'Not Now',
    },
    progress: 'Looking for restaurants…',
    result: {
      kind: 'page',
      page: 'search',
      id: ({ input, data }) =>
        keepSearch({
          kind: 'restaurants',
          query: input.body?.query ?? '',
          location: input.body?.location,
          partySize: input.body?.party_size,
          date: input.body?.date,
          time: input.body?.time,
          hits: data.results.map(readRestaurant),
          creditsUsed: typeof data.credits_used === 'number' ? data.credits_used : undefined,
          at: Date.now(),
        }),
    },
  }),
  // The form "KallyAI: Book…" (src/commands/actions/booking.ts) runs it, with the restaurant as its target.
  present(ops.actions.createBooking, {
    // A table is booked at a restaurant the search found: without one, nothing is booked.
    unavailable: ({ input }) =>
      input.body?.type === 'restaurant' && !input.body.restaurant_id
        ? t(
            'A restaurant booking names its restaurant: find one with "Find a Restaurant…" and press Book a Table, or pick one in "Book…".',
          )
        : undefined,
    consent: {
      question: ({ input, target }) => {
        const b = input.body;
        const where = venueName(target, b?.restaurant_id);
        const when = bookingWhen(b);
        const details = [
          b?.party_size ? t('for {0}', b.party_size) : undefined,
          when ? (b?.date ? t('on {0}', when) : when) : undefined,
        ]
          .filter(Boolean)
          .join(' ');
        return where
          ? t('Book at {0} {1}?', where, details).replace(/ \?$/, '?')
          : t('Book: {0} {1}?', t(BOOKING_TYPE_LABELS[b?.type ?? 'other']), details).replace(/ \?$/, '?');
      },
      whom: ({ input, target }) => venueName(target, input.body?.restaurant_id) ?? t('the business'),
      what: ({ input, target }) => {
        const b = input.body;
        const where = venueName(target, b?.restaurant_id);
        const address = (target as BookingContext | undefined)?.restaurantAddress;
        return [
          t('Booking: {0}', t(BOOKING_TYPE_LABELS[b?.type ?? 'other'])),
          where ? t('Where: {0}', address ? `${where}, ${address}` : where) : undefined,
          bookingWhen(b) ? t('When: {0}', bookingWhen(b)!) : undefined,
          b?.party_size ? t('Party size: {0}', b.party_size) : undefined,
          b?.name ? t('Name: {0}', b.name) : undefined,
          b?.notes ? t('Notes: {0}', b.notes) : undefined,
        ]
          .filter(Boolean)
          .join('\n');
      },
      confirm: 'Book',
      decline: "Don't Book",
    },
    progress: 'Booking…',
    result: {
      kind: 'notify',
      message: ({ input, data, target }) => {
        const where = venueName(target, input.body?.restaurant_id);
        const code = str(data.confirmation_code) ?? str(data.confirmation);
        const when = bookingWhen(input.body) ?? '';
        const text = where ? t('Booked at {0}: {1}.', where, when) : t('Booked: {0}.', when);
        return code ? `${text} ${t('Confirmation {0}.', code)}` : text;
      },
      actions: () => [showActivity()],
    },
  }),
  present(ops.actions.cancelBooking, {
    command: {
      id: 'kallyai.actions.cancelBooking',
      title: 'Cancel Booking…',
      cli: ['kallyai actions booking cancel'],
      icon: 'close',
      menus: [{ view: 'activity', item: 'liveBooking', group: 'danger', order: 2 }],
    },
    params: {
      id: {
        entity: 'booking',
        label: 'Booking',
        fromTarget: { action: (a: ActionLogEntry) => (isLiveBooking(a) ? actionTargetId(a) : undefined) },
      },
    },
    consent: {
      question: () => t('Cancel this booking?'),
      whom: () => t('the business'),
      what: ({ target }) =>
        entryOf(target).description
          ? t(
              '{0}. KallyAI cancels it with the business.',
              oneLine(entryOf(target).description, 120).replace(/\.$/, ''),
            )
          : t('KallyAI cancels it with the business.'),
      confirm: 'Cancel Booking',
      decline: 'Keep Booking',
    },
    progress: 'Cancelling the booking…',
    result: { kind: 'status', message: () => t('Booking cancelled') },
  }),
  present(ops.actions.analyzeBill, {
    command: {
      id: 'kallyai.actions.analyzeBill',
      title: 'Check a Bill…',
      cli: ['kallyai actions bill analyze'],
      icon: 'law',
      menus: [{ view: 'activity', group: 'titleMenu', order: 31 }],
    },
    fields: {
      description: { label: 'The bill', placeholder: 'e.g. Internet bill went up from $60 to $95 a month' },
      amount: { label: 'Amount in dollars', placeholder: '95' },
      provider: { label: 'Provider', placeholder: 'e.g. Comcast' },
    },
    ask: ['amount', 'provider'],
    consent: {
      question: ({ input }) =>
        input.body?.provider
          ? t('Check the {0} bill for overcharges?', input.body.provider)
          : t('Check this bill for overcharges?'),
      what: ({ input }) =>
        t('KallyAI compares it with fair prices: {0} Nobody is contacted.', oneLine(input.body?.description, 200)),
      confirm: 'Check Bill',
      decline: 'Not Now',
    },
    progress: 'Checking the bill…',
    result: {
      kind: 'document',
      path: () => 'actions/bills',
      title: ({ input }) => (input.body?.provider ? t('{0} bill — check', input.body.provider) : t('Bill check')),
      markdown: ({ data, input }) =>
        billMarkdown(data as { analysis?: Record<string, unknown> | null }, input.body?.description ?? ''),
    },
  }),
  present(ops.actions.disputeBill, {
    command: {
      id: 'kallyai.actions.disputeBill',
      title: 'Dispute a Bill…',
      cli: ['kallyai actions bill dispute'],
      icon: 'law',
      menus: [{ view: 'activity', group: 'titleMenu', order: 32 }],
    },
    fields: {
      description: { label: 'The bill', placeholder: 'e.g. May internet bill' },
      amount: { label: 'Amount in dollars', placeholder: '60' },
      reason: { label: 'Why you dispute it', placeholder: 'e.g. charged twice for May' },
      provider: { label: 'Provider', placeholder: 'e.g. Comcast' },
    },
    ask: ['amount', 'reason', 'provider'],
    consent: {
      question: ({ input }) =>
        input.body?.provider
          ? t('Dispute the bill with {0}?', input.body.provider)
          : t('Dispute this bill with the provider?'),
      whom: ({ input }) => input.body?.provider ?? t('the provider'),
      what: ({ input }) =>
        [
          t('Bill: {0}', oneLine(input.body?.description, 200)),
          input.body?.amount !== undefined ? t('Amount: ${0}', input.body.amount) : undefined,
          input.body?.reason ? t('Reason: {0}', input.body.reason) : undefined,
        ]
          .filter(Boolean)
          .join('\n'),
      confirm: 'Dispute Bill',
      decline: "Don't Dispute",
    },
    progress: 'Sending the dispute…',
    result: {
      kind: 'notify',
      message: ({ data, input }) => {
        const days = typeof data.expected_response_days === 'number' ? data.expected_response_days : undefined;
        const who = input.body?.provider ?? t('the provider');
        return days
          ? t('Dispute sent to {0}. An answer is expected within {1} days.', who, days)
          : t('Dispute sent to {0}.', who);
      },
      actions: () => [showActivity()],
    },
  }),
  present(ops.actions.ride, {
    command: {
      id: 'kallyai.actions.ride',
      title: 'Request a Ride…',
      cli: ['kallyai actions ride'],
      icon: 'rocket',
      menus: [{ view: 'activity', group: 'titleMenu', order: 41 }],
    },
    fields: {
      pickup: { label: 'Pick-up address', placeholder: 'e.g. 1 Hudson Pl, Hoboken' },
      destination: { label: 'Destination', placeholder: 'e.g. Newark Airport' },
      pickup_time: { label: 'Pick-up time', placeholder: 'e.g. tomorrow 07:00', help: 'leave empty for now' },
    },
    ask: ['pickup_time'],
    consent: {
      question: ({ input }) => t('Request a ride to {0}?', input.body?.destination ?? ''),
      whom: () => t('a ride service'),
      what: ({ input }) => rideWhat(input.body),
      confirm: 'Request Ride',
      decline: 'Not Now',
    },
    progress: 'Requesting the ride…',
    result: {
      kind: 'notify',
      message: ({ data, input }) =>
        typeof data.eta_minutes === 'number'
          ? t(
              'Ride to {0} requested: the car is about {1} minutes away.',
              input.body?.destination ?? '',
              data.eta_minutes,
            )
          : t('Ride to {0} requested.', input.body?.destination ?? ''),
      actions: () => [showActivity()],
    },
  }),
  present(ops.actions.food, {
    command: {
      id: 'kallyai.actions.food',
      title: 'Order Food…',
      cli: ['kallyai actions food'],
      icon: 'coffee',
      menus: [{ view: 'activity', group: 'titleMenu', order: 42 }],
    },
    fields: {
      description: { label: 'What to order', placeholder: "e.g. two margherita pizzas from Luigi's" },
      delivery_address: { label: 'Delivery address', placeholder: 'e.g. 1 Hudson Pl, Hoboken' },
    },
    ask: ['delivery_address'],
    consent: {
      question: ({ input }) => t('Order "{0}"?', oneLine(input.body?.description, 80)),
      whom: () => t('a restaurant or delivery service'),
      what: ({ input }) =>
        [
          t('Order: {0}', input.body?.description ?? ''),
          input.body?.delivery_address ? t('Deliver to: {0}', input.body.delivery_address) : undefined,
        ]
          .filter(Boolean)
          .join('\n'),
      confirm: 'Order Food',
      decline: 'Not Now',
    },
    progress: 'Ordering…',
    result: {
      kind: 'notify',
      message: ({ data }) =>
        typeof data.eta_minutes === 'number'
          ? t('Food ordered: it should arrive in about {0} minutes.', data.eta_minutes)
          : t('Food ordered.'),
      actions: () => [showActivity()],
    },
  }),
  present(ops.actions.errand, {
    command: {
      id: 'kallyai.actions.errand',
      title: 'Run an Errand…',
      cli: ['kallyai actions errand'],
      icon: 'checklist',
      menus: [{ view: 'activity', group: 'titleMenu', order: 43 }],
    },
    fields: { description: { label: 'The errand', placeholder: 'e.g. Pick up the dry cleaning on Friday' } },
    consent: {
      question: () => t('Ask KallyAI to run this errand?'),
      whom: () => t('whoever the errand needs'),
      what: ({ input }) => t('Errand: {0}', input.body?.description ?? ''),
      confirm: 'Run Errand',
      decline: 'Not Now',
    },
    progress: 'Starting the errand…',
    result: {
      kind: 'notify',
      message: ({ input }) => t('KallyAI is on it: {0}', oneLine(input.body?.description, 100)),
      actions: () => [showActivity()],
    },
  }),
  present(ops.actions.log, {
    command: {
      id: 'kallyai.actions.log',
      title: 'Action Log…',
      cli: ['kallyai actions log'],
      icon: 'list-flat',
      menus: [{ view: 'activity', group: 'titleMenu', order: 5 }],
    },
    fields: {
      type: {
        label: 'Kind of action',
        choiceLabels: {
          calendar: 'Calendar',
          booking: 'Booking',
          bill: 'Bill',
          ride: 'Ride',
          food: 'Food',
          errand: 'Errand',
          email: 'Email',
        },
      },
    },
    ask: ['type'],
    defaults: () => ({ query: { limit: 100 } }),
    progress: 'Loading the action log…',
    result: {
      kind: 'pick',
      placeholder: 'Pick an action: one that can be undone is undone (it asks first)',
      empty: 'No actions of that kind yet.',
      items: ({ data }) =>
        data.actions
          .filter((a) => a.id)
          .map((a) => ({
            label: actionLabel(a),
            description: [actionTypeLabel(a.type), codeLabel('actionStatus', a.status), shortDateTime(a.created_at)]
              .filter(Boolean)
              .join(' · '),
            detail: isUndoable(a) ? t('Can be undone') : undefined,
            icon: actionIcon(a.type),
            run: isUndoable(a)
              ? { title: t('Undo Action…'), command: 'kallyai.actions.undo', args: [{ id: a.id }] }
              : showActivity(),
          })),
    },
  }),
  present(ops.actions.undo, {
    command: {
      id: 'kallyai.actions.undo',
      title: 'Undo Action…',
      cli: ['kallyai actions undo'],
      icon: 'discard',
      menus: [{ view: 'activity', item: 'undoable', group: 'inline', order: 1 }],
    },
    params: { id: { entity: 'action', label: 'Action', filter: (a: ActionLogEntry) => isUndoable(a) } },
    unavailable: ({ target }) =>
      target && !isUndoable(entryOf(target))
        ? t('"{0}" can no longer be undone.', actionLabel(entryOf(target)))
        : undefined,
    consent: {
      question: ({ target }) => t('Undo "{0}"?', actionLabel(entryOf(target))),
      what: ({ target }) => {
        switch (entryOf(target).type) {
          case 'calendar':
            return t('The event is removed from your calendar.');
          case 'booking':
            return t('The booking is cancelled with the business.');
          default:
            return t('KallyAI reverses this action where it can.');
        }
      },
      confirm: 'Undo Action',
      decline: 'Keep It',
    },
    progress: 'Undoing…',
    result: { kind: 'status', message: ({ target }) => t('Undone: {0}', actionLabel(entryOf(target))) },
  }),
];

/** The hand-written commands of the actions: forms that hand over to the entries above. */
export const actionCommands: readonly CommandSpec[] = [
  {
    id: 'kallyai.actions.createCalendarEvent',
    title: 'Add Calendar Event…',
    cli: ['kallyai actions calendar create'],
    icon: 'calendar',
    runs: ['actions.createCalendarEvent'],
    menus: [{ view: 'activity', group: 'titleMenu', order: 10 }],
  },
  {
    id: 'kallyai.actions.book',
    title: 'Book…',
    cli: ['kallyai actions booking create'],
    icon: 'bookmark',
    runs: ['actions.createBooking'],
    menus: [{ view: 'activity', group: 'titleMenu', order: 20 }],
  },
  {
    id: 'kallyai.activity.filterActions',
    title: 'Filter Actions by Kind…',
    icon: 'filter',
    runs: ['actions.log'],
    menus: [{ view: 'activity', group: 'title', order: 3 }],
  },
  {
    id: 'kallyai.activity.refresh',
    title: 'Refresh Activity',
    icon: 'refresh',
    runs: [],
    menus: [{ view: 'activity', group: 'title', order: 9 }],
  },
];
