/** The pipeline's pieces that need no `vscode`: fields derived from the catalogue's schemas, what a
 *  person types turned into values and checked field by field, the one consent rule and the stakes
 *  in words, the refresh sets, and the error sentences. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allOperations, ops } from '../../src/api/catalogue';
import type { Operation } from '../../src/api/operation';
import { KallyApiError } from '../../src/api/errors';
import { presentationOf } from '../../src/commands/presentation';
import { describeError } from '../../src/format';
import { buildStakes, creditsText, genericConsent, needsConsent } from '../../src/pipeline/consent/stakes';
import { convertTyped, fieldsOf, validateField } from '../../src/pipeline/input/fields';
import type { PresentationContext } from '../../src/pipeline/presentation';

const ctx = (input: unknown, target?: unknown) => ({ input, target, client: undefined as never, baseUrl: 'http://127.0.0.1:9' }) as PresentationContext;

describe('fields from the schemas', () => {
  it('derives type, required, choices and bounds, in the presentation order', () => {
    const fields = fieldsOf(ops.actions.sendEmail);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    assert.deepEqual(fields.filter((f) => f.required).map((f) => f.name), ['to', 'subject', 'body']);
    assert.equal(byName.subject.type, 'text');
    assert.equal(byName.subject.max, 300);
    assert.equal(byName.cc.type, 'list');
    const reschedule = fieldsOf(ops.calls.reschedule, presentationOf(ops.calls.reschedule));
    assert.deepEqual(reschedule.map((f) => f.name), ['date', 'time']);
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
    assert.deepEqual(convertTyped(f('cc', ops.actions.sendEmail), 'a@x.com, b@x.com'), { ok: true, value: ['a@x.com', 'b@x.com'] });
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
    assert.match(describeError(new KallyApiError({ code: 'invalid_input', status: 0, issue }), { party_size: 'Party size' }).sentence, /Party size/);
  });
});

describe('the one consent rule', () => {
  it('asks exactly for what costs credits, contacts people or cannot be undone', () => {
    for (const op of allOperations) assert.equal(needsConsent(op), op.costsCredits || op.contactsPeople || op.irreversible, op.id);
    assert.equal(needsConsent(ops.coordination.approveStep), true);
    assert.equal(needsConsent(ops.coordination.goals), false);
  });

  it('names the step, the credits, the balance; buttons named by the action', async () => {
    const goal = { id: 'g', title: "Book dinner for 4 at Luigi's", steps: [{ step: 1, description: 'Search', status: 'completed' }, { step: 2, description: "Call Luigi's Trattoria to book a table", status: 'pending', credits: 1.2 }], waiting_for: 'step_approval' };
    const p = presentationOf(ops.coordination.approveStep)!;
    const c = ctx({ path: { id: 'g' } }, goal);
    const stakes = buildStakes(ops.coordination.approveStep, p.consent!, c, { kind: 'amount', amount: (await p.consent!.credits!(c))!, source: 'entry' }, 142.5);
    assert.equal(stakes.question, `Approve the next step of "Book dinner for 4 at Luigi's"?`);
    assert.match(stakes.lines.join('\n'), /Call Luigi's Trattoria to book a table/);
    assert.match(stakes.lines.join('\n'), /Estimated cost: about 1\.2 credits/);
    assert.match(stakes.lines.join('\n'), /Your balance: 142\.5 credits/);
    assert.match(stakes.lines.join('\n'), /KallyAI will contact people/);
    assert.deepEqual([stakes.confirm, stakes.decline], ['Approve Step', 'Not Now']);
  });

  it('says "cannot be undone" and names the buttons for an irreversible operation', () => {
    const p = presentationOf(ops.coordination.cancelGoal)!;
    const stakes = buildStakes(ops.coordination.cancelGoal, p.consent!, ctx({ path: { id: 'g' } }, { title: 'Plan the offsite' }), { kind: 'unknown' }, undefined);
    assert.deepEqual([stakes.question, stakes.confirm, stakes.decline], ['Cancel the goal "Plan the offsite"?', 'Cancel Goal', 'Keep Goal']);
    assert.ok(stakes.lines.includes('This cannot be undone.'));
    assert.ok(!stakes.lines.some((l) => /credits|balance/i.test(l)), 'a free action names no cost');
  });

  it('names the recipients of an email and warns when the balance may not cover it', () => {
    const p = presentationOf(ops.actions.approveEmail)!;
    const stakes = buildStakes(ops.actions.approveEmail, p.consent!, ctx({ path: { id: 'd' } }, { subject: 'Dinner', to: 'ana@example.com', cc: ['bo@example.com'] }), { kind: 'amount', amount: 0.3, source: 'price' }, 0.1);
    assert.match(stakes.question, /ana@example\.com, bo@example\.com/);
    assert.match(stakes.lines.join('\n'), /Your balance may not cover this/);
    assert.deepEqual([stakes.confirm, stakes.decline], ['Send Email', "Don't Send"]);
  });

  it('a call costs its base plus a rate per minute when only the price list is known', () => {
    assert.equal(creditsText({ kind: 'perMinute', base: 1, perMinute: 0.1 }), 'Estimated cost: about 1 credit plus 0.1 per minute');
  });

  it('an operation without its own wording still names its stakes', () => {
    const stakes = buildStakes(ops.phone.release, genericConsent(ops.phone.release), ctx({}), { kind: 'unknown' }, undefined);
    assert.ok(stakes.question.length > 5);
    assert.ok(stakes.lines.includes('This cannot be undone.'));
  });
});
