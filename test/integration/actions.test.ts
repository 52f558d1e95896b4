// Search, actions, outreach and the account in the real extension host against the sandbox:
//  - every action that costs credits or contacts someone asks first, and its consent names its
//    price from the price list (GET /v1/credits/costs: what is charged; the budget estimate is
//    never asked), and sends nothing when declined;
//  - bad input (a booking in the past, a party of 0, a target that does not fit its channel, a plan
//    that does not exist, an event in the past) gets a clear message and sends nothing;
//  - a calendar event is written in the person's time zone; the search page; the Activity view with
//    its filters, Undo, Delete Event, Cancel Booking, Retry and Cancel; Change Plan and the pending
//    change in the status bar; the notifications bell; the Credits view's prices and referrals.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ops } from '../../src/api/catalogue';
import type { KallyClient } from '../../src/api/client';
import type { CommandsModule } from '../../src/app';
import { creditsLabel } from '../../src/format';
import type { Stakes } from '../../src/pipeline/consent/stakes';
import type { Services } from '../../src/services';
import type { Views, ViewNode } from '../../src/views';
import {
  answerConsents,
  clearSandboxRequests,
  inDays,
  nodeLabel,
  openPage,
  pageText,
  resetSandbox,
  sandboxJson,
  sandboxRequests,
  waitFor,
  type RunResult,
} from './helpers';
import { signInToFreshSandbox } from './signIn';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let commands: CommandsModule;
let services: Services;
let views: Views;

const state = () => sandboxJson<Json>('/sandbox/state');
const run = <T = RunResult>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(id, ...args);
const text = (s: Stakes) => [s.question, ...s.lines].join('\n');
const client = () => services.client as KallyClient;
const answer = (yes: boolean) => answerConsents(commands, yes);
/** The Activity view's groups and their children. */
async function activity(): Promise<{ actions: ViewNode[]; tasks: ViewNode[] }> {
  const p = views.testing.providers.activity;
  const roots = await p.getChildren();
  const group = (id: string) => roots.find((n) => n.id === id)!;
  return {
    actions: await p.getChildren(group('activity/actions')),
    tasks: await p.getChildren(group('activity/outreach')),
  };
}

suite('Search, actions, outreach and the account', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    const exports = await signInToFreshSandbox();
    commands = exports.commands();
    services = exports.services;
    views = exports.views;
    await views.setActivityFilter({});
  });

  teardown(() => commands.pipeline.consent.answerWith(undefined));

  suiteTeardown(async () => {
    commands.pipeline.consent.answerWith(undefined);
    await views.setActivityFilter({});
    await vscode.workspace.getConfiguration('kallyai').update('timezone', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await resetSandbox();
  });

  test('every costly action asks with its price from the price list, and sends nothing when declined', async () => {
    const retryable = (await state()).outreachTasks.find((t: Json) => t.status === 'failed');
    const cases: Array<{ name: string; command: string; args: unknown[]; path: RegExp; price: string }> = [
      {
        name: 'search',
        command: 'kallyai.search.run',
        args: [{ body: { query: 'vegan restaurants', location: 'Hoboken' } }],
        path: /^\/v1\/search$/,
        price: 'search',
      },
      {
        name: 'quick search',
        command: 'kallyai.search.quick',
        args: [{ body: { query: 'pharmacy open now' } }],
        path: /^\/v1\/search\/quick$/,
        price: 'search',
      },
      {
        name: 'restaurants',
        command: 'kallyai.actions.searchRestaurants',
        args: [{ body: { query: 'sushi', party_size: 2 } }],
        path: /restaurants\/search$/,
        price: 'search',
      },
      {
        name: 'booking',
        command: 'kallyai.actions.book',
        args: [
          {
            type: 'restaurant',
            restaurantId: 'rest-luigi-s-trattoria',
            restaurantName: "Luigi's Trattoria",
            date: inDays(4),
            time: '20:00',
            partySize: 2,
            name: null,
            notes: null,
          },
        ],
        path: /^\/v1\/actions\/bookings$/,
        price: 'booking',
      },
      {
        name: 'ride',
        command: 'kallyai.actions.ride',
        args: [{ body: { pickup: '1 Hudson Pl', destination: 'Newark Airport' } }],
        path: /tasks\/ride$/,
        price: 'ride',
      },
      {
        name: 'food',
        command: 'kallyai.actions.food',
        args: [{ body: { description: 'Two margherita pizzas' } }],
        path: /tasks\/food$/,
        price: 'food',
      },
      {
        name: 'errand',
        command: 'kallyai.actions.errand',
        args: [{ body: { description: 'Pick up the dry cleaning on Friday' } }],
        path: /tasks\/errand$/,
        price: 'errand',
      },
      {
        name: 'outreach by call',
        command: 'kallyai.outreach.create',
        args: [{ channel: 'call', target: '+12015550181', description: 'Ask for a quote for the roof' }],
        path: /^\/v1\/outreach\/tasks$/,
        price: 'call',
      },
      {
        name: 'outreach by email',
        command: 'kallyai.outreach.create',
        args: [{ channel: 'email', target: 'roof@example.com', description: 'Ask for a quote for the roof' }],
        path: /^\/v1\/outreach\/tasks$/,
        price: 'email_send',
      },
      {
        name: 'outreach by SMS',
        command: 'kallyai.outreach.create',
        args: [{ channel: 'sms', target: '(201) 555-0181', description: 'Ask for a quote for the roof' }],
        path: /^\/v1\/outreach\/tasks$/,
        price: 'email_send',
      },
      {
        name: 'outreach retry',
        command: 'kallyai.outreach.retry',
        args: [{ id: retryable.id }],
        path: /\/retry$/,
        price: 'email_send',
      },
      {
        name: 'bill check',
        command: 'kallyai.actions.analyzeBill',
        args: [{ body: { description: 'Internet bill went up from $60 to $95.', amount: 95 } }],
        path: /bills\/analyze$/,
        price: 'bill_analysis',
      },
      {
        name: 'bill dispute',
        command: 'kallyai.actions.disputeBill',
        args: [{ body: { description: 'Charged twice for May.', provider: 'Comcast', reason: 'Duplicate charge' } }],
        path: /bills\/dispute$/,
        price: 'bill_analysis',
      },
    ];
    const prices = (await client().execute(ops.credits.costs)).costs as Record<string, Record<string, number>>;
    for (const c of cases) {
      await clearSandboxRequests();
      const asked = answer(false);
      const r = await run(c.command, ...c.args);
      assert.equal(r.outcome, 'dismissed', `${c.name}: ${JSON.stringify(r).slice(0, 300)}`);
      assert.equal(asked.length, 1, `${c.name} asked once`);
      const log = await sandboxRequests<Json>();
      assert.deepEqual(
        log.filter((q) => c.path.test(q.path) && q.method !== 'GET').map((q) => q.path),
        [],
        `${c.name} sent nothing when declined`,
      );
      assert.equal(
        log.find((q) => q.method === 'POST' && q.path === '/v1/goals/estimate'),
        undefined,
        `${c.name}: the budget estimate is not a consent's`,
      );
      const stakes = asked[0];
      const price = prices[c.price];
      if (c.price === 'call') {
        assert.deepEqual(stakes.credits, { kind: 'perMinute', base: price.base, perMinute: price.per_minute }, c.name);
        assert.ok(
          text(stakes).includes(
            `Estimated cost: about ${creditsLabel(price.base)} plus ${price.per_minute} per minute`,
          ),
          `${c.name}: ${text(stakes)}`,
        );
      } else {
        const amount = Object.values(price)[0];
        assert.deepEqual(stakes.credits, { kind: 'amount', amount, source: 'price' }, c.name);
        assert.ok(text(stakes).includes(`Estimated cost: about ${creditsLabel(amount)}`), `${c.name}: ${text(stakes)}`);
      }
      assert.match(text(stakes), /Your balance: [\d.]+ credits/, c.name);
    }
  });

  test('the consents name whom and what: a booking at a restaurant, outreach by channel with the number for people', async () => {
    const asked = answer(false);
    await run('kallyai.actions.book', {
      type: 'restaurant',
      restaurantId: 'rest-luigi-s-trattoria',
      restaurantName: "Luigi's Trattoria",
      date: inDays(4),
      time: '8pm',
      partySize: 4,
      name: 'Alex',
      notes: null,
    });
    await run('kallyai.outreach.create', {
      channel: 'sms',
      target: '(201) 555-0181',
      description: 'Ask when the plumber can come',
    });
    assert.match(
      asked[0].question,
      /^Book at Luigi's Trattoria for 4 on [A-Z][a-z]+day, [A-Z][a-z]+ \d+, \d{4} at 20:00\?$/,
    );
    assert.equal(asked[0].whom, "Luigi's Trattoria");
    assert.ok(asked[0].lines.includes("KallyAI will contact Luigi's Trattoria."), text(asked[0]));
    assert.ok(text(asked[0]).includes('Party size: 4') && text(asked[0]).includes('Name: Alex'), text(asked[0]));
    assert.deepEqual([asked[0].confirm, asked[0].decline], ['Book', "Don't Book"]);
    assert.equal(asked[1].question, 'Contact +1 201 555 0181 by SMS?');
    assert.ok(text(asked[1]).includes('Task: Ask when the plumber can come'), text(asked[1]));
  });

  test('bad input gets a clear message and sends nothing', async () => {
    const asked = answer(true);
    const cases: Array<{ command: string; args: unknown; message: RegExp; path: RegExp }> = [
      {
        command: 'kallyai.actions.book',
        args: {
          type: 'restaurant',
          restaurantId: 'rest-casa-lucio',
          date: '2020-01-01',
          time: '19:00',
          partySize: 2,
          name: null,
          notes: null,
        },
        message: /2020-01-01 is in the past/,
        path: /^\/v1\/actions\/bookings$/,
      },
      {
        command: 'kallyai.actions.book',
        args: {
          type: 'restaurant',
          restaurantId: 'rest-casa-lucio',
          date: 'yesterday',
          time: '19:00',
          partySize: 2,
          name: null,
          notes: null,
        },
        message: /is in the past/,
        path: /^\/v1\/actions\/bookings$/,
      },
      {
        command: 'kallyai.actions.book',
        args: {
          type: 'restaurant',
          restaurantId: 'rest-casa-lucio',
          date: inDays(3),
          time: '19:00',
          partySize: 0,
          name: null,
          notes: null,
        },
        message: /^Party size must be at least 1\.$/,
        path: /^\/v1\/actions\/bookings$/,
      },
      {
        command: 'kallyai.actions.book',
        args: {
          type: 'restaurant',
          restaurantId: 'rest-casa-lucio',
          date: inDays(3),
          time: '19:00',
          partySize: 51,
          name: null,
          notes: null,
        },
        message: /^Party size must be at most 50\.$/,
        path: /^\/v1\/actions\/bookings$/,
      },
      {
        command: 'kallyai.outreach.create',
        args: { channel: 'call', target: 'the landlord', description: 'Ask about the leak' },
        message: /phone number in international form/,
        path: /^\/v1\/outreach\/tasks$/,
      },
      {
        command: 'kallyai.outreach.create',
        args: { channel: 'email', target: '+12015550140', description: 'Ask about the leak' },
        message: /email address such as name@example\.com/,
        path: /^\/v1\/outreach\/tasks$/,
      },
      {
        command: 'kallyai.outreach.create',
        args: { channel: 'sms', target: '911', description: 'Ask about the leak' },
        message: /Emergency/,
        path: /^\/v1\/outreach\/tasks$/,
      },
      {
        command: 'kallyai.subscription.changePlan',
        args: { plan: 'platinum', confirmed: true },
        message: /There is no plan called "platinum"\. The plans are: Starter, Pro, Power, Business\./,
        path: /change-plan$/,
      },
      {
        command: 'kallyai.actions.createCalendarEvent',
        args: { title: 'Old dinner', date: '2020-01-01', time: '19:00', duration: '1h' },
        message: /is in the past/,
        path: /calendar\/events$/,
      },
      {
        command: 'kallyai.actions.createCalendarEvent',
        args: { title: 'Dinner', date: inDays(2), time: '19:00', duration: 'until 18:00' },
        message: /must come after the start/,
        path: /calendar\/events$/,
      },
    ];
    for (const c of cases) {
      await clearSandboxRequests();
      const r = await run<{ outcome: string; code?: string; message?: string }>(c.command, c.args);
      assert.equal(r.outcome, 'failed', `${c.command} ${JSON.stringify(c.args)}: ${JSON.stringify(r)}`);
      assert.match(r.message ?? '', c.message, `${c.command} ${JSON.stringify(c.args)}`);
      const sent = (await sandboxRequests()).filter((q) => q.method !== 'GET' && c.path.test(q.path));
      assert.deepEqual(sent, [], `${c.command} sent ${JSON.stringify(c.args)}`);
    }
    assert.equal(asked.length, 0, 'nothing that was refused reached the consent');
  });

  test("a calendar event is written in the person's time zone; a free slot becomes an event", async () => {
    await vscode.workspace
      .getConfiguration('kallyai')
      .update('timezone', 'Asia/Kolkata', vscode.ConfigurationTarget.Global);
    const day = inDays(3);
    const r = await run('kallyai.actions.createCalendarEvent', {
      title: 'Tea with Priya',
      date: day,
      time: '7:30pm',
      duration: '90 min',
      location: 'Chai Point',
    });
    assert.equal(r.outcome, 'done', JSON.stringify(r));
    const event = (await state()).calendarEvents.find((e: Json) => e.title === 'Tea with Priya');
    assert.deepEqual(
      [event.start, event.end, event.location],
      [`${day}T19:30:00+05:30`, `${day}T21:00:00+05:30`, 'Chai Point'],
    );
    assert.match(String(r.message), /Added "Tea with Priya" to your calendar: .* at 19:30\./);

    const slots = await run<RunResult & { data: { slots: Json[] } }>('kallyai.actions.calendarSlots', {
      query: { date: day, duration_minutes: 30 },
      quiet: true,
    });
    const slot = slots.data.slots[0];
    const fromSlot = await run('kallyai.actions.createCalendarEvent', {
      title: 'Focus time',
      start: slot.start,
      end: slot.end,
      location: null,
    });
    assert.equal(fromSlot.outcome, 'done', JSON.stringify(fromSlot));
    const created = (await state()).calendarEvents.find((e: Json) => e.title === 'Focus time');
    assert.equal(Date.parse(created.start), Date.parse(slot.start));
    assert.match(created.start, /\+05:30$/, "in the person's zone");
    await vscode.workspace.getConfiguration('kallyai').update('timezone', undefined, vscode.ConfigurationTarget.Global);
  });

  test('Search: the page shows every result with its phone for people, rating and source, and the actions', async () => {
    const r = await run<RunResult & { page?: string }>('kallyai.search.run', {
      body: { query: 'plumbers', location: 'Hoboken' },
      confirmed: true,
    });
    assert.equal(r.outcome, 'done', JSON.stringify(r));
    const id = String(r.page).replace(/^search:/, '');
    const page = (await openPage('search', id))!;
    const body = pageText(page.current!.body);
    const results = (r.data as { results: Json[] }).results;
    assert.ok(results.length >= 3);
    for (const hit of results) {
      assert.ok(body.includes(hit.title), `${hit.title} on the page`);
      assert.ok(body.includes(hit.address), `${hit.address} on the page`);
    }
    assert.ok(body.includes('+1 201 555 2001'), `the phone as people read it: ${body}`);
    assert.ok(body.includes('★ 4.7') && body.includes('source: example.com'), body);
    assert.equal(page.panel.title, '"plumbers" — search');
    assert.equal((page.current!.body.text.match(/data-action="call"/g) ?? []).length, results.length);
    assert.equal((page.current!.body.text.match(/data-action="ask"/g) ?? []).length, results.length);
    assert.equal(
      await page.deliver({ type: 'action', action: 'call', arg: '../etc' }),
      'ran',
      'a bad index is ignored by the action',
    );

    const quick = await run<RunResult & { page?: string }>('kallyai.search.quick', {
      body: { query: 'pharmacy open now' },
      confirmed: true,
    });
    const quickPage = (await openPage('search', String(quick.page).replace(/^search:/, '')))!;
    assert.ok(
      pageText(quickPage.current!.body).includes(String((quick.data as Json).answer)),
      'the quick answer is on the page',
    );

    const restaurants = await run<RunResult & { page?: string }>('kallyai.actions.searchRestaurants', {
      body: { query: 'italian', party_size: 4, date: inDays(3), time: '20:00' },
      confirmed: true,
    });
    const restaurantPage = (await openPage('search', String(restaurants.page).replace(/^search:/, '')))!;
    assert.ok(pageText(restaurantPage.current!.body).includes("Luigi's Trattoria"));
    assert.ok(pageText(restaurantPage.current!.body).includes('Free tables: 20:00 for 4'));
    assert.ok(restaurantPage.current!.body.text.includes('data-action="book"'), 'restaurants can be booked');

    const history = await run<RunResult & { data: { searches: Json[] } }>('kallyai.search.history', { quiet: true });
    assert.ok(
      history.data.searches.some((s) => s.query === 'plumbers' && s.location === 'Hoboken'),
      'the search is in the history',
    );
  });

  test('Activity: the log and the tasks as the sandbox has them; filters go to the server', async () => {
    await resetSandbox();
    await views.setActivityFilter({});
    const s = await state();
    let { actions, tasks } = await activity();
    assert.deepEqual(
      actions.map(nodeLabel),
      s.actions.map((a: Json) => a.description),
    );
    assert.equal(tasks.length, s.outreachTasks.length);
    const undoable = actions.filter((n) => /\bundoable\b/.test(String(n.item.contextValue)));
    assert.deepEqual(
      undoable.map((n) => (n.target!.value as Json).id).sort(),
      s.actions
        .filter((a: Json) => a.undoable)
        .map((a: Json) => a.id)
        .sort(),
    );
    for (const n of [...actions, ...tasks])
      assert.ok(n.item.tooltip && n.item.iconPath && n.item.accessibilityInformation?.label, n.id);
    assert.ok(!tasks.some((n) => nodeLabel(n).includes(String((n.target!.value as Json).id))), 'no id shown');

    await clearSandboxRequests();
    const filtered = await run<{ outcome: string }>('kallyai.activity.filterActions', 'booking');
    assert.equal(filtered.outcome, 'filtered');
    assert.equal((await sandboxRequests()).find((q) => q.path === '/v1/actions/log')?.query.type, 'booking');
    ({ actions } = await activity());
    assert.ok(actions.length > 0 && actions.every((n) => (n.target!.value as Json).type === 'booking'));
    await run('kallyai.activity.filterOutreach', ['failed']);
    ({ tasks } = await activity());
    assert.ok(tasks.length > 0 && tasks.every((n) => (n.target!.value as Json).status === 'failed'));
    const running = await run<{ statuses: string[] }>('kallyai.activity.filterOutreach', ['pending', 'in_progress']);
    assert.deepEqual(running.statuses, ['pending', 'in_progress']);
    // A value outside the set is refused with a sentence, and the view asks nothing of the server.
    await clearSandboxRequests();
    const refused = await run<{ outcome: string; message: string }>('kallyai.activity.filterActions', 'teleport');
    assert.equal(refused.outcome, 'failed');
    assert.match(refused.message, /"teleport" is not a kind of action/);
    const refusedTasks = await run<{ outcome: string; message: string }>('kallyai.activity.filterOutreach', ['asleep']);
    assert.equal(refusedTasks.outcome, 'failed');
    assert.match(refusedTasks.message, /"asleep" is not an outreach status/);
    const lists = (await sandboxRequests()).filter((q) => /^\/v1\/(actions\/log|outreach\/tasks)/.test(q.path));
    assert.deepEqual(lists, [], 'a refused filter loads nothing');
    await views.setActivityFilter({});
  });

  test('Activity items: Undo, Delete Event, Cancel Booking, Retry and Cancel run on the item, each asking first', async () => {
    await resetSandbox();
    await views.setActivityFilter({});
    let { actions, tasks } = await activity();
    const asked = answer(true);

    const calendar = actions.find((n) => /\bcalendarEvent\b/.test(String(n.item.contextValue)))!;
    const deleted = await run('kallyai.actions.deleteCalendarEvent', calendar, [calendar]);
    assert.equal(deleted.outcome, 'done', JSON.stringify(deleted));
    assert.equal(asked.at(-1)?.question, 'Delete this event from your calendar?');
    assert.ok(asked.at(-1)?.lines.includes('This cannot be undone.'));
    assert.equal((await state()).calendarEvents.length, 0);

    ({ actions } = await activity());
    const booking = actions.find((n) => /\bliveBooking\b/.test(String(n.item.contextValue)))!;
    const undo = await run('kallyai.actions.undo', booking, [booking]);
    assert.equal(undo.outcome, 'done', JSON.stringify(undo));
    assert.match(asked.at(-1)!.question, /^Undo "Booked a table for 4/);
    assert.ok(asked.at(-1)!.lines.includes('The booking is cancelled with the business.'));
    const s = await state();
    assert.equal(s.bookings[0].status, 'cancelled');
    assert.equal(s.actions.find((a: Json) => a.type === 'booking').status, 'undone');
    await waitFor(
      async () =>
        !(await activity()).actions.some(
          (n) => /\bundoable\b/.test(String(n.item.contextValue)) && (n.target!.value as Json).type === 'booking',
        ),
      10_000,
      'the view to follow',
    );

    const failed = tasks.find((n) => /\bretryable\b/.test(String(n.item.contextValue)))!;
    const retried = await run('kallyai.outreach.retry', failed, [failed]);
    assert.equal(retried.outcome, 'done', JSON.stringify(retried));
    assert.match(asked.at(-1)!.question, /^Try again to reach Peak Fitness\?$/);
    ({ tasks } = await activity());
    const running = tasks.find((n) => /\bcancellable\b/.test(String(n.item.contextValue)))!;
    const cancelled = await run('kallyai.outreach.cancel', running, [running]);
    assert.equal(cancelled.outcome, 'done', JSON.stringify(cancelled));
    assert.deepEqual([asked.at(-1)!.confirm, asked.at(-1)!.decline], ['Cancel Task', 'Keep Task']);
    assert.equal(
      (await state()).outreachTasks.find((t: Json) => t.id === (running.target!.value as Json).id).status,
      'cancelled',
    );

    const made = await run('kallyai.actions.book', {
      type: 'service',
      date: inDays(6),
      time: '11:00',
      name: null,
      notes: 'Boiler service',
      confirmed: true,
    });
    assert.equal(made.outcome, 'done', JSON.stringify(made));
    const bookingId = String((made.data as Json).id);
    const live = await waitFor(
      async () =>
        (await activity()).actions.find(
          (n) =>
            /\bliveBooking\b/.test(String(n.item.contextValue)) && (n.target!.value as Json).target_id === bookingId,
        ),
      10_000,
      'the new booking in the view',
    );
    const cancelledBooking = await run('kallyai.actions.cancelBooking', live, [live]);
    assert.equal(cancelledBooking.outcome, 'done', JSON.stringify(cancelledBooking));
    assert.deepEqual(
      [asked.at(-1)!.question, asked.at(-1)!.confirm, asked.at(-1)!.decline],
      ['Cancel this booking?', 'Cancel Booking', 'Keep Booking'],
    );
    assert.ok(asked.at(-1)!.lines.includes('KallyAI will contact the business.'), text(asked.at(-1)!));
    assert.equal((await state()).bookings.find((b: Json) => b.id === bookingId).status, 'cancelled');

    // An action that can no longer be undone says so, without a request.
    const fixed = (await state()).actions.find((a: Json) => !a.undoable);
    await clearSandboxRequests();
    const refused = await run('kallyai.actions.undo', { id: fixed.id });
    assert.equal(refused.outcome, 'unavailable', JSON.stringify(refused));
    assert.deepEqual(
      (await sandboxRequests()).filter((q) => q.method === 'POST'),
      [],
    );
  });

  test('a task opens with its attempts; a new one by email is created with the target as typed', async () => {
    const asked = answer(true);
    const created = await run('kallyai.outreach.create', {
      channel: 'email',
      target: 'quotes@roofs.example',
      description: 'Get a quote for the roof this month',
    });
    assert.equal(created.outcome, 'done', JSON.stringify(created));
    assert.equal(asked[0].whom, 'quotes@roofs.example');
    const task = (await state()).outreachTasks[0];
    assert.deepEqual(
      [task.recipient_identifier, task.selected_channel, task.goal],
      ['quotes@roofs.example', 'email', 'Get a quote for the roof this month'],
    );
    const opened = await run<RunResult & { documentUri?: string }>('kallyai.outreach.openTask', { id: task.id });
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(opened.documentUri!));
    assert.match(doc.getText(), /## Attempts/);
    assert.ok(!doc.getText().includes(task.id), 'no id in the document');
  });

  test('Change Plan: the consent names current → new and when; a downgrade shows as a pending change until cancelled', async () => {
    await resetSandbox();
    const asked = answer(true);
    const up = await run('kallyai.subscription.changePlan', { plan: 'power' });
    assert.equal(up.outcome, 'done', JSON.stringify(up));
    assert.equal(asked[0].question, 'Change your plan from Pro to Power?');
    assert.ok(
      asked[0].lines.some((l) => /^An upgrade takes effect now: 1,?500 credits a month for \$99\/month\.$/.test(l)),
      text(asked[0]),
    );
    assert.deepEqual([asked[0].confirm, asked[0].decline], ['Change Plan', 'Keep My Plan']);
    assert.equal((await state()).subscription.plan_type, 'power');

    const down = await run('kallyai.subscription.changePlan', { plan: 'Starter' });
    assert.equal(down.outcome, 'done', JSON.stringify(down));
    assert.equal(asked[1].question, 'Change your plan from Power to Starter?');
    assert.match(
      text(asked[1]),
      /A downgrade takes effect on .*: until then you keep Power\. Then 200 credits a month for \$19\/month\./,
    );
    assert.match(String(down.message), /Your plan changes to Starter on .*\. Until then you keep Power\./);

    await views.testing.providers.credits.loader.load('mutation');
    const tooltip = () => {
      const tip = views.testing.statusBar.tooltip;
      return typeof tip === 'string' ? tip : (tip?.value ?? '');
    };
    assert.match(tooltip(), /Plan change scheduled: Starter from/);
    assert.match(tooltip(), /command:kallyai\.subscription\.cancelChange/);
    const plan = (await views.testing.providers.credits.getChildren()).find((n) => n.id === 'credits/plan')!;
    assert.match(String(plan.item.description), /^changes to Starter on /);
    assert.match(String(plan.item.contextValue), /\bpendingChange\b/);

    const cancel = await run('kallyai.subscription.cancelChange', plan, [plan]);
    assert.equal(cancel.outcome, 'done', JSON.stringify(cancel));
    await waitFor(() => !/Plan change scheduled/.test(tooltip()), 10_000, 'the tooltip to drop the pending change');
    assert.equal((await state()).subscription.pending_change, null);
  });

  test('the bell counts what needs you; Notifications… lists each with the place it opens', async () => {
    await resetSandbox();
    await waitFor(() => views.testing.scheduler.focused, 10_000, 'the window to be focused');
    await views.testing.scheduler.pollNow();
    const pending = await client().execute(ops.notifications.pending);
    const item = views.testing.notificationsItem;
    assert.equal(item.text, `$(bell-dot) ${pending.total_pending}`);
    assert.equal((item.command as vscode.Command).command, 'kallyai.notifications.pending');
    const tip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
    assert.match(tip, /goals? waits? for you/);
    assert.match(tip, /unread messages/);
    const r = await run<RunResult>('kallyai.notifications.pending', { quiet: true });
    assert.equal(r.outcome, 'done');
  });

  test('Credits: prices in credits, referrals with Copy; Estimate Credits… for any type', async () => {
    const roots = await views.testing.providers.credits.getChildren();
    const costs = await views.testing.providers.credits.getChildren(roots.find((n) => n.id === 'credits/costs'));
    assert.ok(
      costs.some((n) => nodeLabel(n) === 'Phone call' && n.item.description === '1 credit + 0.1 per minute'),
      costs.map((n) => `${nodeLabel(n)}: ${n.item.description}`).join('; '),
    );
    assert.ok(costs.some((n) => nodeLabel(n) === 'Search' && n.item.description === '0.5 credits per search'));
    const referrals = await views.testing.providers.credits.getChildren(
      roots.find((n) => n.id === 'credits/referrals'),
    );
    const code = referrals.find((n) => /\breferralCode\b/.test(String(n.item.contextValue)))!;
    assert.equal(nodeLabel(code), 'DEMO-KALLY');
    const copied = await run<{ outcome: string }>('kallyai.referrals.copy', code, [code]);
    assert.equal(copied.outcome, 'copied');
    assert.equal(await vscode.env.clipboard.readText(), 'DEMO-KALLY');

    const estimate = await run<RunResult & { message?: string }>('kallyai.budget.estimate', {
      body: { type: 'ride', description: 'To the airport at 7' },
    });
    assert.equal(estimate.outcome, 'done');
    assert.match(String(estimate.message), /^Ride: about 0\.5 credits/);
  });
});
