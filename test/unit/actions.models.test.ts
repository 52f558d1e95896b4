/** The readings behind search, actions, outreach and the account (src/models, the schemas of those
 *  domains): wall-clock times in a person's zone, search results however a server names their
 *  fields, what needs the person and where it opens, plans and what a change means, the price
 *  list in words, and the input refused before anything is sent. Plain Node, no network. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BookingBody, CalendarEventBody, todayOnThisMachine } from '../../src/api/schemas/actions';
import { CreateTaskBody, outreachTargetProblem } from '../../src/api/schemas/outreach';
import type { Schema } from '../../src/api/schemas/common';
import { ChangePlanBody } from '../../src/api/schemas/subscription';
import { describeIssue } from '../../src/api/validation/issues';
import { issueSentence } from '../../src/format';
import {
  actionContextValue,
  estimateTypeOfChannel,
  isLiveBooking,
  isLiveCalendarEvent,
  isUndoable,
  taskContextValue,
  taskRecipient,
} from '../../src/models/activity';
import { eventTimes, instantOf, isoInZone, readLength, todayIn, wallClock } from '../../src/models/calendar';
import { costLines } from '../../src/models/costs';
import { appointmentFileName } from '../../src/models/call';
import type { Call } from '../../src/api/schemas/calls';
import { pendingCounts, pendingItems, pendingLines, VOICEMAIL_PLACE } from '../../src/models/notifications';
import { planChange, planChoices } from '../../src/models/plans';
import {
  askAboutText,
  keepSearch,
  keptRestaurants,
  keptSearch,
  parseSearchKey,
  quickAnswer,
  readHit,
  readRestaurant,
  searchKey,
} from '../../src/models/search';
import { serviceText as svc } from '../../src/api/serviceText';

const refusal = (schema: Schema, value: unknown) => {
  const r = schema.safeParse(value);
  assert.equal(r.success, false, `accepted ${JSON.stringify(value)}`);
  const issue = describeIssue(r.error!.issues);
  return { field: issue.field, sentence: issueSentence(issue) };
};
const inDays = (n: number) => todayOnThisMachine(new Date(Date.now() + n * 86_400_000));

describe("times in the person's zone", () => {
  it("a wall-clock time becomes an ISO instant with the zone's offset, summer and winter", () => {
    assert.deepEqual(eventTimes('2026-03-13', '19:30', 90, 'Europe/Madrid'), {
      start: '2026-03-13T19:30:00+01:00',
      end: '2026-03-13T21:00:00+01:00',
      startMs: Date.parse('2026-03-13T18:30:00Z'),
      endMs: Date.parse('2026-03-13T20:00:00Z'),
    });
    assert.equal(eventTimes('2026-07-01', '09:00', 30, 'America/New_York').start, '2026-07-01T09:00:00-04:00');
    assert.equal(eventTimes('2026-07-01', '09:00', 30, 'Asia/Kolkata').start, '2026-07-01T09:00:00+05:30');
    assert.equal(eventTimes('2026-07-01', '23:30', 60, 'UTC').end, '2026-07-02T00:30:00+00:00');
  });

  it('a time skipped when clocks go forward moves forward; one that happens twice is the first', () => {
    assert.equal(
      isoInZone(instantOf('2026-03-29', '02:30', 'Europe/Madrid'), 'Europe/Madrid'),
      '2026-03-29T03:30:00+02:00',
    );
    assert.equal(
      isoInZone(instantOf('2026-10-25', '02:30', 'Europe/Madrid'), 'Europe/Madrid'),
      '2026-10-25T02:30:00+02:00',
    );
    assert.equal(
      isoInZone(instantOf('2026-11-01', '01:30', 'America/New_York'), 'America/New_York'),
      '2026-11-01T01:30:00-04:00',
    );
    // An event across the change lasts what it says.
    const across = eventTimes('2026-03-29', '01:00', 120, 'Europe/Madrid');
    assert.equal(across.end, '2026-03-29T04:00:00+02:00');
  });

  it("reads a slot's instant back as the wall clock of the zone", () => {
    assert.deepEqual(wallClock(Date.parse('2026-12-04T09:00:00Z'), 'Europe/Madrid'), {
      date: '2026-12-04',
      time: '10:00',
      offsetMinutes: 60,
    });
    assert.match(todayIn('Pacific/Kiritimati'), /^\d{4}-\d{2}-\d{2}$/);
  });

  it('reads a length as a duration or an end', () => {
    for (const [typed, minutes] of [
      ['1h', 60],
      ['90 min', 90],
      ['1h30', 90],
      ['1:30', 90],
      ['1.5h', 90],
      ['2 hours', 120],
      ['45', 45],
      ['2 horas', 120],
    ] as const) {
      assert.deepEqual(readLength(typed), { kind: 'minutes', minutes }, typed);
    }
    assert.deepEqual(readLength('until 21:00'), { kind: 'until', text: '21:00' });
    assert.deepEqual(readLength('to 9pm'), { kind: 'until', text: '9pm' });
    assert.deepEqual(readLength('a while'), { kind: 'unknown' });
  });
});

describe('search results', () => {
  it('reads a result whatever it is called, with the source from its address', () => {
    const hit = readHit({
      title: 'Central Plumbing',
      phone: '+12015552001',
      address: '12 Main Street',
      rating: 4.7,
      price_range: '$$',
      url: 'https://www.example.com/central',
    } as never);
    assert.deepEqual(hit, {
      name: 'Central Plumbing',
      description: undefined,
      phone: '+12015552001',
      address: '12 Main Street',
      rating: 4.7,
      priceRange: '$$',
      source: 'example.com',
      url: 'https://www.example.com/central',
    });
    const other = readHit({
      name: 'Bike Fix',
      phone_number: '+12015550101',
      source: 'maps',
      url: 'javascript:alert(1)',
    } as never);
    assert.equal(other.name, 'Bike Fix');
    assert.equal(other.phone, '+12015550101');
    assert.equal(other.source, 'maps');
    assert.equal(other.url, undefined, 'only http(s) addresses are kept');
    assert.equal(readHit({} as never).name, 'Unnamed result');
  });

  it('reads a restaurant with its id to book it and its free tables', () => {
    const r = readRestaurant({
      id: 'rest-luigi',
      name: "Luigi's",
      cuisine: 'Italian',
      rating: 4.6,
      phone: '+12015553001',
      availability: ['19:30 for 2', '21:00 for 2'],
    } as never);
    assert.equal(r.restaurantId, 'rest-luigi');
    assert.deepEqual(r.availability, ['19:30 for 2', '21:00 for 2']);
  });

  it('finds a quick answer under any of its names', () => {
    assert.equal(quickAnswer({ results: [], answer: ' Open until 9 PM. ' } as never), 'Open until 9 PM.');
    assert.equal(quickAnswer({ results: [], response: 'Yes.' } as never), 'Yes.');
    assert.equal(quickAnswer({ results: [] } as never), undefined);
  });

  it('keeps a search under a key that says what was asked, and reads it back', () => {
    const q = { kind: 'search' as const, query: 'plumbers', location: 'Hoboken' };
    const key = keepSearch({ ...q, hits: [], at: 1 });
    assert.equal(key, searchKey(q));
    assert.equal(keptSearch(key)?.query, 'plumbers');
    assert.deepEqual(parseSearchKey(key), {
      kind: 'search',
      query: 'plumbers',
      location: 'Hoboken',
      partySize: undefined,
      date: undefined,
      time: undefined,
    });
    assert.equal(parseSearchKey('not json'), undefined);
    assert.equal(parseSearchKey('["nope","x"]'), undefined);
    assert.match(
      askAboutText({ name: 'Central Plumbing', address: '12 Main St', phone: '+12015552001' }, q),
      /Central Plumbing \(12 Main St, \+1 201 555 2001\).*"plumbers"/,
    );
  });

  it('the restaurants earlier searches found, to book one: newest search first, each once, only those with an id', () => {
    const luigi = { name: "Luigi's Trattoria", restaurantId: 'rest-luigi', address: '20 Restaurant Row' };
    keepSearch({ kind: 'restaurants', query: 'italian', hits: [luigi, { name: 'No id' }], at: 1 });
    keepSearch({ kind: 'search', query: 'plumbers', hits: [{ name: 'Central Plumbing' }], at: 2 });
    keepSearch({
      kind: 'restaurants',
      query: 'tapas',
      hits: [{ name: 'Casa Lucio', restaurantId: 'rest-casa' }, luigi],
      at: 3,
    });
    const names = keptRestaurants().map((h) => h.name);
    assert.deepEqual(names.slice(0, 2), ['Casa Lucio', "Luigi's Trattoria"]);
    assert.equal(names.filter((n) => n === "Luigi's Trattoria").length, 1);
    assert.ok(!names.includes('No id') && !names.includes('Central Plumbing'));
  });
});

describe("a calendar entry's file", () => {
  it('is named after the day of the appointment, not the day of the call', () => {
    const call = {
      call_id: 'c1',
      status: 'success',
      created_at: '2026-11-29T10:00:00Z',
      submission: { business_name: "Luigi's Trattoria", appointment_date: '2026-12-04', appointment_time: '20:00' },
    } as unknown as Call;
    assert.equal(appointmentFileName(call), "Luigi's Trattoria 2026-12-04");
    const noDate = { ...call, submission: { business_name: "Luigi's Trattoria" } } as unknown as Call;
    assert.match(appointmentFileName(noDate), /^Luigi's Trattoria 2026-11-(29|30)$/);
  });
});

describe('what needs the person', () => {
  const pending = {
    goals: {
      count: 1,
      items: [
        {
          id: 'g1',
          status: 'needs_input',
          summary: 'Dinner waits for your approval',
          title: 'Dinner',
          waiting_for: 'step_approval',
        },
      ],
    },
    actions: {
      count: 3,
      items: [
        { id: 'd1', type: 'email_approval', summary: 'Email to Ana' },
        { id: 'v1', type: 'voicemail_review', summary: 'Voicemail from ProPaint' },
        { id: 'x1', type: 'booking_confirmation', summary: 'Confirm the booking' },
      ],
    },
    inbox: {
      count: 2,
      items: [
        { id: 'm1', channel: 'sms', preview: 'Your bike is ready', from: '+12015550101' },
        { id: 'm2', channel: 'voicemail', preview: 'Call us back', from: '+12015550103' },
      ],
    },
    total_pending: 6,
  };

  it('opens each in its place: the goal page, the draft, the message, where voicemails are', () => {
    const items = pendingItems(pending as never);
    assert.deepEqual(
      items.map((i) => [i.kind, i.command, JSON.stringify(i.args)]),
      [
        ['goal', 'kallyai.goals.openGoal', '[{"id":"g1"}]'],
        ['approval', 'kallyai.inbox.openDraft', '[{"id":"d1"}]'],
        ['voicemail', VOICEMAIL_PLACE, '[]'],
        ['action', 'kallyai.activity.focus', '[]'],
        ['message', 'kallyai.inbox.openMessage', '[{"id":"m1"}]'],
        ['voicemail', 'kallyai.inbox.openMessage', '[{"id":"m2"}]'],
      ],
    );
    assert.equal(items[0].label, 'Dinner');
    assert.equal(items[4].description, 'Unread SMS from +1 201 555 0101');
  });

  it('counts them by kind, and survives an answer without counts or items', () => {
    assert.deepEqual(pendingCounts(pending as never), { goals: 1, approvals: 3, messages: 2, total: 6 });
    assert.deepEqual(pendingLines(pending as never), [
      '1 goal waits for you',
      '3 things to approve',
      '2 unread messages',
    ]);
    assert.deepEqual(pendingItems({} as never), []);
    assert.deepEqual(pendingCounts({ goals: { items: [{ id: 'a' }] } } as never), {
      goals: 1,
      approvals: 0,
      messages: 0,
      total: 1,
    });
  });
});

describe('plans', () => {
  const plans = {
    business: { name: 'Business', credits_allocated: 4500, price_monthly: 249 },
    starter: { name: 'Starter', credits_allocated: 200, price_monthly: 19 },
    pro: { name: 'Pro', credits_allocated: 600, price_monthly: 49 },
    power: { name: 'Power', credits_allocated: 1500, price_monthly: 99 },
  };
  const status = {
    plan_type: 'pro',
    current_period_end: '2026-12-01T00:00:00Z',
    pending_change: { new_plan: 'starter', effective_date: '2026-12-01T00:00:00Z' },
  };

  it('lists them smallest first, marks the current and the scheduled one, says what a change means', () => {
    const choices = planChoices(plans, status);
    assert.deepEqual(
      choices.map((c) => [c.key, c.current, c.pending]),
      [
        ['starter', false, true],
        ['pro', true, false],
        ['power', false, false],
        ['business', false, false],
      ],
    );
    assert.equal(planChange(choices[2], choices, status).kind, 'upgrade');
    const down = planChange(choices[0], choices, status);
    assert.deepEqual([down.kind, down.current?.name, down.periodEnd], ['downgrade', 'Pro', '2026-12-01T00:00:00Z']);
    assert.equal(planChange(choices[1], choices, status).kind, 'same');
  });

  it('an unknown plan is refused before anything is sent', () => {
    const r = refusal(ChangePlanBody, { target_plan: 'platinum' });
    assert.equal(r.field, 'target_plan');
    assert.match(r.sentence, /must be one of: starter, pro, power, business/);
  });
});

describe('the price list in words', () => {
  it('names each action and its price, a call as its base plus a rate per minute', () => {
    const lines = costLines({
      call: { base: 1, per_minute: 0.1 },
      search: { per_query: 0.5 },
      email_send: { per_email: '0.3' },
      mystery: { per_thing: 2 },
      broken: 'x',
      flat: 1,
    });
    assert.deepEqual(
      lines.map((l) => [l.what, l.price]),
      [
        ['Phone call', '1 credit + 0.1 per minute'],
        ['Search', '0.5 credits per search'],
        ['Email sent', '0.3 credits per email'],
        ['Mystery', '2 credits per thing'],
        ['Flat', '1 credit'],
      ],
    );
  });
});

describe('actions and outreach tasks', () => {
  it('an action can be undone once, while what it made is still there', () => {
    const event = { id: 'a1', type: svc('calendar'), status: svc('completed'), undoable: true, target_id: 'e1' };
    assert.equal(isUndoable(event), true);
    assert.equal(isLiveCalendarEvent(event), true);
    assert.equal(actionContextValue(event), 'action undoable calendarEvent');
    assert.equal(isUndoable({ ...event, status: svc('undone') }), false);
    assert.equal(isLiveCalendarEvent({ ...event, status: svc('deleted') }), false);
    assert.equal(isLiveBooking({ id: 'a2', type: svc('booking'), status: svc('completed'), booking_id: 'b1' }), true);
    assert.equal(actionContextValue({ id: 'a3', type: svc('email'), undoable: false }), 'action');
  });

  it('a task names whom it contacts (never an id), and what can be done with it', () => {
    assert.equal(taskRecipient({ recipient_identifier: svc('+12015550140') }), '+1 201 555 0140');
    assert.equal(
      taskRecipient({ recipient_name: svc('Landlord'), recipient_identifier: svc('+12015550140') }),
      'Landlord',
    );
    assert.equal(taskContextValue({ status: svc('failed') }), 'outreachTask retryable');
    assert.equal(taskContextValue({ status: svc('in_progress') }), 'outreachTask cancellable');
    assert.equal(estimateTypeOfChannel('call'), 'call');
    assert.equal(estimateTypeOfChannel('sms'), 'email');
    assert.equal(estimateTypeOfChannel(undefined, 'a@b.co'), 'email');
  });
});

describe('input refused before anything is sent', () => {
  it('a booking in the past, or for nobody, or for 51', () => {
    assert.match(
      refusal(BookingBody, { type: 'restaurant', date: '2020-01-01' }).sentence,
      /2020-01-01 is in the past/,
    );
    assert.equal(
      refusal(BookingBody, { type: 'restaurant', date: inDays(2), party_size: 0 }).sentence,
      'Party size must be at least 1.',
    );
    assert.equal(
      refusal(BookingBody, { type: 'restaurant', date: inDays(2), party_size: 51 }).sentence,
      'Party size must be at most 50.',
    );
    assert.match(refusal(BookingBody, { type: 'restaurant', date: '2026-02-30' }).sentence, /real date/);
    assert.equal(
      BookingBody.safeParse({ type: 'restaurant', date: inDays(2), time: '19:30', party_size: 2 }).success,
      true,
    );
  });

  it('an outreach target that does not fit its channel', () => {
    assert.equal(
      refusal(CreateTaskBody, { channel: 'call', target: 'hello', description: 'Ask for a quote' }).sentence,
      'Use a phone number in international form, e.g. +12015550100.',
    );
    assert.equal(
      refusal(CreateTaskBody, { channel: 'email', target: '+12015550100', description: 'Ask for a quote' }).sentence,
      'Use an email address such as name@example.com.',
    );
    assert.match(refusal(CreateTaskBody, { channel: 'sms', target: '911', description: 'Ask' }).sentence, /Emergency/);
    assert.equal(refusal(CreateTaskBody, { channel: 'sms', target: '+12015550100' }).field, 'description');
    assert.equal(
      refusal(CreateTaskBody, { channel: 'call', target: '+12015550100', description: 'x', goal: 'y' }).field,
      '',
    );
    assert.equal(outreachTargetProblem('telegram', '@kally_bot'), undefined);
    assert.equal(
      CreateTaskBody.safeParse({ channel: 'email', target: 'ana@example.com', description: 'Ask for a quote' }).success,
      true,
    );
    assert.equal(CreateTaskBody.safeParse({ goal: 'Get a quote', recipient_identifier: '+12015550181' }).success, true);
  });

  it('a calendar event that ends before it starts', () => {
    assert.equal(
      refusal(CalendarEventBody, { title: 'x', start: '2026-12-04T10:00:00+01:00', end: '2026-12-04T09:00:00+01:00' })
        .sentence,
      'The end must come after the start.',
    );
  });
});
