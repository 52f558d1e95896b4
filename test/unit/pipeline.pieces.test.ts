/** The pipeline's pieces that need no `vscode`: fields derived from the catalogue's schemas, what a
 *  person types turned into values and checked field by field, the one consent rule and the stakes
 *  in words, the refresh sets, and the error sentences. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allOperations, ops } from '../../src/api/catalogue';
import type { Operation } from '../../src/api/operation';
import { KallyApiError } from '../../src/api/errors';
import { presentationOf } from '../../src/presentation';
import { describeError } from '../../src/format';
import {
  buildStakes,
  creditsRange,
  creditsText,
  genericConsent,
  needsConsent,
} from '../../src/pipeline/consent/stakes';
import type { Goal } from '../../src/api/schemas/coordination';
import { canTakeMoreBudget, creditsStillNeeded, goalCaps, hardCapRoom, nextStepPassesCap } from '../../src/models/goal';
import { convertTyped, fieldsOf, validateField } from '../../src/pipeline/input/fields';
import type { PresentationContext } from '../../src/presentation/entry';

const ctx = (input: unknown, target?: unknown) =>
  ({ input, target, client: undefined as never, baseUrl: 'http://127.0.0.1:9' }) as PresentationContext;

describe('fields from the schemas', () => {
  it('derives type, required, choices and bounds, in the presentation order', () => {
    const fields = fieldsOf(ops.actions.sendEmail);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    assert.deepEqual(
      fields.filter((f) => f.required).map((f) => f.name),
      ['to', 'subject', 'body'],
    );
    assert.equal(byName.subject.type, 'text');
    assert.equal(byName.subject.max, 300);
    assert.equal(byName.cc.type, 'list');
    const reschedule = fieldsOf(ops.calls.reschedule, presentationOf(ops.calls.reschedule));
    assert.deepEqual(
      reschedule.map((f) => f.name),
      ['date', 'time'],
    );
    assert.equal(reschedule[0].spec?.label, 'New date');
    const estimate = Object.fromEntries(fieldsOf(ops.budget.estimate).map((f) => [f.name, f]));
    assert.equal(estimate.type.type, 'choice');
    assert.deepEqual(estimate.type.choices, ['call', 'email', 'search', 'booking', 'ride', 'food', 'errand']);
    const rule = Object.fromEntries(fieldsOf(ops.inbound.createRule).map((f) => [f.name, f]));
    assert.equal(rule.priority.type, 'integer');
    assert.equal(rule.conditions.type, 'object');
    assert.equal(rule.is_active.type, 'boolean');
  });

  it('every operation with a body or query yields fields without throwing', () => {
    for (const op of allOperations.filter((o) => o.body || o.query)) assert.ok(Array.isArray(fieldsOf(op)), op.id);
  });

  it('turns typed text into values: numbers, yes/no, lists, JSON, phone numbers', () => {
    const f = (name: string, op: Operation = ops.inbound.createRule) => fieldsOf(op).find((x) => x.name === name)!;
    assert.deepEqual(convertTyped(f('priority'), ' 10 '), { ok: true, value: 10 });
    assert.equal(convertTyped(f('priority'), '1.5').ok, false);
    assert.deepEqual(convertTyped(f('conditions'), '{"caller_vip": true}'), { ok: true, value: { caller_vip: true } });
    assert.equal(convertTyped(f('conditions'), '[1]').ok, false);
    assert.deepEqual(convertTyped(f('cc', ops.actions.sendEmail), 'a@x.com, b@x.com'), {
      ok: true,
      value: ['a@x.com', 'b@x.com'],
    });
    assert.deepEqual(convertTyped(f('name'), '   '), { ok: true, value: undefined });
    const phone = { ...f('target_number', ops.inbound.transfer), spec: { label: 'Number', phone: true } };
    assert.deepEqual(convertTyped(phone, '(201) 555-0100', 'US'), { ok: true, value: '+12015550100' });
    const emergency = convertTyped(phone, '911', 'US');
    assert.equal(emergency.ok, false);
  });

  it('checks one field with the schema, ignoring fields not asked yet', () => {
    const fields = fieldsOf(ops.actions.sendEmail);
    const to = fields.find((x) => x.name === 'to')!;
    const subject = fields.find((x) => x.name === 'subject')!;
    assert.equal(validateField(ops.actions.sendEmail, to, 'someone@example.com', {}), undefined);
    assert.equal(validateField(ops.actions.sendEmail, to, 'not-an-address', {})?.kind, 'rule');
    assert.equal(validateField(ops.actions.sendEmail, subject, 'x'.repeat(301), {})?.kind, 'too_long');
    const party = fieldsOf(ops.actions.createBooking).find((x) => x.name === 'party_size')!;
    const issue = validateField(ops.actions.createBooking, party, 0, { type: 'restaurant' });
    assert.ok(issue);
    assert.match(
      describeError(new KallyApiError({ code: 'invalid_input', status: 0, issue }), { party_size: 'Party size' })
        .sentence,
      /Party size/,
    );
  });
});

describe('the one consent rule', () => {
  it('asks exactly for what costs credits, contacts people or cannot be undone', () => {
    for (const op of allOperations)
      assert.equal(needsConsent(op), op.costsCredits || op.contactsPeople || op.irreversible, op.id);
    assert.equal(needsConsent(ops.coordination.approveStep), true);
    assert.equal(needsConsent(ops.coordination.goals), false);
  });

  it('names the step, the credits, the balance; buttons named by the action', async () => {
    const goal = {
      id: 'g',
      title: "Book dinner for 4 at Luigi's",
      steps: [
        { step: 1, description: 'Search', status: 'completed' },
        { step: 2, description: "Call Luigi's Trattoria to book a table", status: 'pending', credits: 1.2 },
      ],
      waiting_for: 'step_approval',
    };
    const p = presentationOf(ops.coordination.approveStep)!;
    const c = ctx({ path: { id: 'g' } }, goal);
    const stakes = buildStakes(
      ops.coordination.approveStep,
      p.consent!,
      c,
      { kind: 'amount', amount: (await p.consent!.credits!(c))!, source: 'entry' },
      142.5,
    );
    assert.equal(stakes.question, `Approve the next step of "Book dinner for 4 at Luigi's"?`);
    assert.match(stakes.lines.join('\n'), /Call Luigi's Trattoria to book a table/);
    assert.match(stakes.lines.join('\n'), /Estimated cost: about 1\.2 credits/);
    assert.match(stakes.lines.join('\n'), /Your balance: 142\.5 credits/);
    assert.match(stakes.lines.join('\n'), /KallyAI will contact people/);
    assert.deepEqual([stakes.confirm, stakes.decline], ['Approve Step', 'Not Now']);
  });

  it('says "cannot be undone" and names the buttons for an irreversible operation', () => {
    const p = presentationOf(ops.coordination.cancelGoal)!;
    const stakes = buildStakes(
      ops.coordination.cancelGoal,
      p.consent!,
      ctx({ path: { id: 'g' } }, { title: 'Plan the offsite' }),
      { kind: 'unknown' },
      undefined,
    );
    assert.deepEqual(
      [stakes.question, stakes.confirm, stakes.decline],
      ['Cancel the goal "Plan the offsite"?', 'Cancel Goal', 'Keep Goal'],
    );
    assert.ok(stakes.lines.includes('This cannot be undone.'));
    assert.ok(!stakes.lines.some((l) => /credits|balance/i.test(l)), 'a free action names no cost');
  });

  it('names the recipients of an email and warns when the balance may not cover it', () => {
    const p = presentationOf(ops.actions.approveEmail)!;
    const stakes = buildStakes(
      ops.actions.approveEmail,
      p.consent!,
      ctx({ path: { id: 'd' } }, { subject: 'Dinner', to: 'ana@example.com', cc: ['bo@example.com'] }),
      { kind: 'amount', amount: 0.3, source: 'price' },
      0.1,
    );
    assert.match(stakes.question, /ana@example\.com, bo@example\.com/);
    assert.match(stakes.lines.join('\n'), /Your balance may not cover this/);
    assert.deepEqual([stakes.confirm, stakes.decline], ['Send Email', "Don't Send"]);
  });

  it('a call costs its base plus a rate per minute when only the price list is known', () => {
    assert.equal(
      creditsText({ kind: 'perMinute', base: 1, perMinute: 0.1 }),
      'Estimated cost: about 1 credit plus 0.1 per minute',
    );
  });

  it('an operation without its own wording still names its stakes', () => {
    const stakes = buildStakes(
      ops.phone.release,
      genericConsent(ops.phone.release),
      ctx({}),
      { kind: 'unknown' },
      undefined,
    );
    assert.ok(stakes.question.length > 5);
    assert.ok(stakes.lines.includes('This cannot be undone.'));
  });

  it('each figure states the range it may be charged in: a price, up to a limit, a base and each minute begun, no credits', () => {
    assert.deepEqual(creditsRange({ kind: 'amount', amount: 0.5, source: 'price' }), { min: 0.5, max: 0.5 });
    assert.deepEqual(creditsRange({ kind: 'upTo', amount: 12 }), { min: 0, max: 12 });
    assert.deepEqual(creditsRange({ kind: 'perMinute', base: 1, perMinute: 0.1 }, 2.5), { min: 1, max: 1.3 });
    assert.deepEqual(creditsRange({ kind: 'perMinute', base: 1, perMinute: 0.1 }, 0.2), { min: 1, max: 1.1 });
    assert.deepEqual(creditsRange({ kind: 'none' }), { min: 0, max: 0 });
    assert.equal(creditsRange({ kind: 'unknown' }), undefined);
    assert.equal(creditsText({ kind: 'upTo', amount: 12 }), 'Estimated cost: up to 12 credits');
  });
});

/** The seeded goal of the walkthrough: past its soft cap, 1 credit left under its 9-credit hard cap, a 2-credit step next. */
const internet = {
  id: 'g-internet',
  title: 'Negotiate a lower internet bill',
  status: 'active',
  credits_estimated: 10,
  credits_used: 8,
  waiting_for: 'soft_cap',
  budget: { approved: true, soft_cap: 8, hard_cap: 9, soft_cap_acknowledged: false },
  steps: [
    { step: 1, description: 'Analyse the last three bills', status: 'completed', credits: 1 },
    { step: 2, description: 'Call back to confirm the new price in writing', status: 'pending', credits: 2 },
  ],
} as unknown as Goal;

describe('a goal over its budget has a way out', () => {
  it('reads the caps, what is left under the hard cap, and whether the next step passes it', () => {
    assert.deepEqual(goalCaps(internet), { soft: 8, hard: 9 });
    assert.deepEqual(hardCapRoom(internet), { cap: 9, left: 1 });
    assert.equal(nextStepPassesCap(internet), true);
    assert.equal(creditsStillNeeded(internet), 2);
    assert.equal(nextStepPassesCap({ ...internet, budget: { hard_cap: 15 } } as Goal), false);
    assert.deepEqual(goalCaps({ hard_cap: '12' } as unknown as Goal), { soft: undefined, hard: 12 });
  });

  it('Approve Budget offers the goals that can take more budget: waiting for it, stopped by their cap, or with no cap said', () => {
    const picks = presentationOf(ops.budget.approve)!.params!.goal_id.filter as (g: unknown) => boolean;
    assert.equal(picks({ ...internet, waiting_for: 'step_approval' }), true, 'the step would pass the hard cap');
    assert.equal(picks({ status: 'pending', waiting_for: 'budget_approval' }), true);
    assert.equal(
      picks({
        status: 'active',
        waiting_for: 'step_approval',
        credits_used: 1,
        budget: { hard_cap: 20 },
        steps: [{ status: 'pending', credits: 2 }],
      }),
      false,
      'room enough under the cap',
    );
    assert.equal(
      picks({ status: 'active', waiting_for: 'step_approval', credits_used: 1, steps: [] }),
      true,
      'no cap said: it may be capped',
    );
    assert.equal(picks({ ...internet, status: 'completed' }), false);
    assert.equal(canTakeMoreBudget({ ...internet, status: 'cancelled' } as unknown as Goal), false);
  });

  it('every consent on a capped goal names the cap and what is left; Approve Budget names the amount', async () => {
    const c = ctx({ path: { goal_id: internet.id } }, internet);
    const soft = buildStakes(
      ops.budget.acknowledgeSoftCap,
      presentationOf(ops.budget.acknowledgeSoftCap)!.consent!,
      c,
      { kind: 'upTo', amount: 2 },
      100,
    ).lines.join('\n');
    assert.match(soft, /Hard cap: 9 credits, 1 credit left under it\./);
    assert.match(soft, /The next step needs 2 credits: more than is left under the cap/);
    const step = buildStakes(
      ops.coordination.approveStep,
      presentationOf(ops.coordination.approveStep)!.consent!,
      ctx({ path: { id: internet.id } }, { ...internet, waiting_for: 'step_approval' }),
      { kind: 'amount', amount: 2, source: 'entry' },
      100,
    ).lines.join('\n');
    assert.match(step, /Hard cap: 9 credits, 1 credit left under it\./);
    const approve = presentationOf(ops.budget.approve)!.consent!;
    const overCap = { ...internet, waiting_for: 'step_approval' };
    const stakes = buildStakes(
      ops.budget.approve,
      approve,
      ctx({ path: { goal_id: internet.id } }, overCap),
      { kind: 'upTo', amount: (await approve.credits!(ctx({}, overCap)))! },
      100,
    );
    assert.equal(stakes.question, 'Approve more budget for "Negotiate a lower internet bill"?');
    assert.match(
      stakes.lines.join('\n'),
      /It has used 8 credits; KallyAI may spend about 2 credits more to finish its steps\./,
    );
    assert.match(stakes.lines.join('\n'), /Estimated cost: up to 2 credits/);
    assert.match(stakes.lines.join('\n'), /Hard cap: 9 credits, 1 credit left under it\./);
    assert.equal(approve.creditsAtMost, true);
  });
});

describe('a plan change says its price, not credits', () => {
  const plan = (key: string, name: string, credits: number, price: number, current = false) => ({
    key,
    name,
    credits,
    priceMonthly: price,
    current,
    pending: false,
  });
  const consent = presentationOf(ops.subscription.changePlan)!.consent!;
  const lines = (target: unknown) =>
    buildStakes(
      ops.subscription.changePlan,
      consent,
      ctx({ body: { target_plan: 'power' } }, target),
      { kind: 'none' },
      100,
    ).lines.join('\n');

  it('an upgrade: the price before and after, charged now and prorated; no credits line', () => {
    const text = lines({
      plan: plan('power', 'Power', 1500, 99),
      current: plan('pro', 'Pro', 600, 49, true),
      kind: 'upgrade',
      periodEnd: '2026-12-31T00:00:00Z',
    });
    assert.match(
      text,
      /Price: \$49 → \$99 a month\. The difference for the rest of this period is charged now \(prorated\)/,
    );
    assert.ok(!/Estimated cost|Your balance/.test(text), text);
  });

  it('a downgrade: the new price from the end of the period, nothing charged now', () => {
    const text = lines({
      plan: plan('pro', 'Pro', 600, 49),
      current: plan('power', 'Power', 1500, 99, true),
      kind: 'downgrade',
      periodEnd: '2026-12-31T12:00:00Z',
    });
    assert.match(text, /Price: \$99 → \$49 a month from .*2026, the end of this period\. Nothing is charged now\./);
    assert.ok(!/Estimated cost|Your balance/.test(text), text);
  });
});

describe('a booking names its venue', () => {
  it('a restaurant booking without its restaurant is not sent; with one, the consent names it and where it is', () => {
    const p = presentationOf(ops.actions.createBooking)!;
    const unavailable = p.unavailable!(ctx({ body: { type: 'restaurant', date: '2099-01-01' } }) as never);
    assert.match(unavailable ?? '', /A restaurant booking names its restaurant/);
    assert.equal(p.unavailable!(ctx({ body: { type: 'hotel', date: '2099-01-01' } }) as never), undefined);
    const c = ctx(
      {
        body: {
          type: 'restaurant',
          restaurant_id: 'rest-luigi-s-trattoria',
          date: '2099-01-02',
          time: '20:00',
          party_size: 4,
        },
      },
      { restaurantName: "Luigi's Trattoria", restaurantAddress: '20 Restaurant Row, Hoboken' },
    );
    const stakes = buildStakes(
      ops.actions.createBooking,
      p.consent!,
      c,
      { kind: 'amount', amount: 0.5, source: 'price' },
      100,
    );
    assert.match(stakes.question, /^Book at Luigi's Trattoria for 4 on /);
    assert.equal(stakes.whom, "Luigi's Trattoria");
    assert.match(stakes.lines.join('\n'), /Where: Luigi's Trattoria, 20 Restaurant Row, Hoboken/);
    assert.match(stakes.lines.join('\n'), /KallyAI will contact Luigi's Trattoria\./);
  });
});
