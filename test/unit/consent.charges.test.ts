/** What a consent says an operation costs, against what the sandbox then charges: every operation
 *  the catalogue flags as costing credits is run once, in plain Node over real HTTP, with the
 *  stakes its consent would name (the pipeline's own CostSource and presentation entry), and the
 *  credits it took (the credit history's new charges) must fall in the range the consent stated —
 *  a price is charged as it is, "up to" anything from nothing to the limit, a call its base and
 *  its price for each minute begun, a plan change no credits at all. A new costly operation fails
 *  here until it has a scenario. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allOperations, ops } from '../../src/api/catalogue';
import type { KallyClient } from '../../src/api/client';
import type { Operation } from '../../src/api/operation';
import type { OperationInput } from '../../src/api/requestInput';
import { entityOf, presentationOf } from '../../src/presentation';
import { formatCredits } from '../../src/format';
import { CostSource } from '../../src/pipeline/consent/costs';
import { creditsRange, creditsText, genericConsent, type Stakes } from '../../src/pipeline/consent/stakes';
import type { PresentationContext } from '../../src/presentation/entry';
import { client as clientFor, control, sandbox, type SandboxHandle } from './api.helpers';

type Row = Record<string, unknown>;
interface Scenario {
  /** The input and the thing it acts on, as the command would have them. */
  prepare(c: KallyClient, sb: SandboxHandle): Promise<{ input: OperationInput; target?: unknown }>;
  /** Minutes the operation ran (a call's), for a per-minute price. */
  minutes?(data: Row): number;
}

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const goals = async (c: KallyClient) => (await c.execute(ops.coordination.goals)).goals as Row[];
/** The seeded goal waiting for `waiting`, read whole (the consent names its step, its budget, its cap). */
const goalWaiting = (waiting: string, param: 'id' | 'goal_id') => async (c: KallyClient) => {
  const id = String((await goals(c)).find((g) => g.waiting_for === waiting)?.id);
  return { input: { path: { [param]: id } }, target: await c.execute(ops.coordination.goal, { path: { id } }) };
};
const draft = async (c: KallyClient) =>
  String(
    (
      (await c.execute(ops.actions.sendEmail, {
        body: { to: 'landlord@example.com', subject: 'Heating', body: 'The heating is broken again.' },
      })) as Row
    ).id,
  );

const SCENARIOS: Record<string, Scenario> = {
  'coordination.message': {
    prepare: async (c) => ({
      input: { body: { message: `Revise my email draft\nDraft id: ${await draft(c)}\nInstructions: make it shorter` } },
    }),
  },
  'coordination.approveStep': { prepare: goalWaiting('step_approval', 'id') },
  'coordination.continueNegotiating': { prepare: goalWaiting('outcome_acceptance', 'id') },
  'budget.approve': { prepare: goalWaiting('budget_approval', 'goal_id') },
  'budget.acknowledgeSoftCap': { prepare: goalWaiting('soft_cap', 'goal_id') },
  'calls.create': {
    prepare: async () => ({
      input: {
        body: {
          submission: {
            task_category: 'restaurant',
            task_description: 'Book a table for 2 tomorrow evening.',
            respondent_phone: '+12015550100',
            business_name: 'Charges Test Bistro',
            party_size: 2,
            appointment_date: future(2),
            appointment_time: '19:30',
            language: 'en',
            call_language: 'en',
          },
          timezone: 'UTC',
        },
      },
    }),
    minutes: (call) => Number(call.duration_seconds ?? 0) / 60,
  },
  'phone.provision': {
    prepare: async (c) => {
      const offered = (await c.execute(ops.phone.available, { query: { country: 'US' } })) as Row;
      const number = ((offered.numbers ?? offered.available_numbers ?? offered.phone_numbers) as Row[])[0];
      return { input: { body: { country: 'US', phone_number: String(number.phone_number) } } };
    },
  },
  'actions.searchRestaurants': {
    prepare: async () => ({ input: { body: { query: 'Italian', location: 'Hoboken' } } }),
  },
  'actions.createBooking': {
    prepare: async () => ({
      input: {
        body: {
          type: 'restaurant',
          restaurant_id: 'rest-luigi-s-trattoria',
          date: future(3),
          time: '20:00',
          party_size: 4,
        },
      },
      target: { restaurantName: "Luigi's Trattoria" },
    }),
  },
  'actions.analyzeBill': {
    prepare: async () => ({
      input: { body: { description: 'Internet bill went up from $60 to $95', amount: 95, provider: 'Comcast' } },
    }),
  },
  'actions.disputeBill': {
    prepare: async () => ({
      input: {
        body: { description: 'Charged twice for May', amount: 60, provider: 'Comcast', reason: 'Duplicate charge' },
      },
    }),
  },
  'actions.ride': {
    prepare: async () => ({ input: { body: { pickup: '1 Hudson Pl, Hoboken', destination: 'Newark Airport' } } }),
  },
  'actions.food': { prepare: async () => ({ input: { body: { description: 'Two margherita pizzas' } } }) },
  'actions.errand': {
    prepare: async () => ({ input: { body: { description: 'Pick up the dry cleaning on Friday' } } }),
  },
  'actions.approveEmail': { prepare: async (c) => ({ input: { path: { id: await draft(c) } } }) },
  'search.run': { prepare: async () => ({ input: { body: { query: 'plumber', location: 'Hoboken' } } }) },
  'search.quick': { prepare: async () => ({ input: { body: { query: 'best pizza in Hoboken' } } }) },
  'email.respond': {
    prepare: async (c) => {
      const mail = ((await c.execute(ops.email.messages)).messages as Row[])[0];
      return {
        input: { path: { id: String(mail.id) }, body: { instructions: 'Say yes, Thursday works.' } },
        target: mail,
      };
    },
  },
  'outreach.create': {
    prepare: async () => ({
      input: {
        body: { goal: 'Get a quote for a new roof.', recipient_identifier: '+12015550181', recipient_name: 'Roof Co' },
      },
    }),
  },
  'outreach.retry': {
    prepare: async (c) => {
      const task = (await c.execute(ops.outreach.create, {
        body: { goal: 'Ask for a quote.', recipient_identifier: 'quotes@example.com', auto_execute: false },
      })) as Row;
      return { input: { path: { id: String(task.id) } }, target: task };
    },
  },
  'subscription.changePlan': {
    prepare: async (c) => {
      const plans = (await entityOf('plan')!.list(c)) as Array<{ plan: { key: string } }>;
      return {
        input: { body: { target_plan: 'power', new_plan: 'power' } },
        target: plans.find((p) => p.plan.key === 'power'),
      };
    },
  },
};

/** What the consent does not price, and why; the test checks the charge is what the answer says it used. */
const PRICED_BY_ITS_ANSWER = new Set(['coordination.message']);

/** The credits charged since the history had `from` entries (its newest first). */
async function chargedSince(c: KallyClient, from: number): Promise<number> {
  const history = (await c.execute(ops.credits.history, { query: { limit: 500 } })) as {
    entries: Array<{ credits?: number | null }>;
    total?: number;
  };
  const added = history.entries.slice(0, Math.max(0, (history.total ?? history.entries.length) - from));
  return Math.round(added.reduce((sum, e) => sum + Math.max(0, -(e.credits ?? 0)), 0) * 100) / 100;
}

async function historyLength(c: KallyClient): Promise<number> {
  const history = (await c.execute(ops.credits.history, { query: { limit: 1 } })) as {
    entries: unknown[];
    total?: number;
  };
  return history.total ?? history.entries.length;
}

describe('what a consent says an operation costs, and what the sandbox charges', () => {
  let sb: SandboxHandle;
  let c: KallyClient;
  before(async () => {
    sb = await sandbox(1000);
    c = clientFor(sb);
  });
  after(() => sb.close());

  it('every operation that costs credits has a scenario here', () => {
    const costly = allOperations.filter((op) => op.costsCredits).map((op) => op.id);
    assert.deepEqual(
      costly.filter((id) => !SCENARIOS[id]),
      [],
      'costly operations without a scenario',
    );
    assert.deepEqual(
      Object.keys(SCENARIOS).filter((id) => !costly.includes(id)),
      [],
      'scenarios of operations that cost nothing',
    );
  });

  for (const op of allOperations.filter((o) => o.costsCredits)) {
    it(`${op.id}: the charge is within what its consent states`, async () => {
      await control(sb, 'POST', '/sandbox/reset', {});
      const scenario = SCENARIOS[op.id];
      assert.ok(scenario, `no scenario for ${op.id}`);
      const { input, target } = await scenario.prepare(c, sb);
      const spec = presentationOf(op)?.consent ?? genericConsent(op);
      const ctx = { input, target, client: c, baseUrl: sb.url } as PresentationContext;
      const stakes: Stakes = await new CostSource(c, () => undefined).stakes(op as Operation, spec, ctx);
      const from = await historyLength(c);
      const data = (await c.execute(op as Operation, input as never)) as Row;
      const charged = await chargedSince(c, from);
      if (PRICED_BY_ITS_ANSWER.has(op.id)) {
        assert.equal(stakes.credits.kind, 'unknown');
        assert.ok(stakes.lines.includes(creditsText(stakes.credits)), stakes.lines.join('\n'));
        assert.equal(
          charged,
          Number(data.credits_used),
          `${op.id}: the answer says it used ${String(data.credits_used)}, ${charged} was charged`,
        );
        return;
      }
      const range = creditsRange(stakes.credits, scenario.minutes?.(data));
      assert.ok(range, `${op.id}: the consent states no figure (${JSON.stringify(stakes.credits)})`);
      const said = stakes.lines.join('\n');
      if (stakes.credits.kind !== 'none')
        assert.ok(stakes.lines.includes(creditsText(stakes.credits)), `${op.id} says its figure:\n${said}`);
      else
        assert.ok(
          !/Estimated cost/.test(said),
          `${op.id} names no credits where credits are not what it costs:\n${said}`,
        );
      assert.ok(
        charged >= range.min - 1e-9 && charged <= range.max + 1e-9,
        `${op.id}: charged ${formatCredits(charged)}, the consent said ${JSON.stringify(stakes.credits)} (${range.min}–${range.max}):\n${said}`,
      );
    });
  }

  it('the budget estimate is made from the same prices: a booking is estimated at what a booking costs', async () => {
    const prices = ((await c.execute(ops.credits.costs)).costs ?? {}) as Record<string, Record<string, number>>;
    const estimate = await c.execute(ops.budget.estimate, {
      body: { type: 'booking', description: "Book a table for 4 at Luigi's on Friday" },
    });
    assert.equal(estimate.estimated_credits, prices.booking.per_booking);
    const email = await c.execute(ops.budget.estimate, {
      body: { type: 'email', description: 'Email the landlord about the heating' },
    });
    assert.equal(email.estimated_credits, prices.email_send.per_email);
  });
});
