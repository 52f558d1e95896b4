/** The first hour's dead ends, as the models read them (issue 23, item 11): an outcome with several
 *  offers is read as a choice; an escalated goal is not offered "Escalate to Me" again; the phone
 *  that rings on Take Over; a taken-over call is not "answered by KallyAI"; a call that ended long
 *  ago has no transcript (not "yet"); a recipient that is not an email address; the mail newest
 *  first; which operations tick the walkthrough. And the sandbox's side: the chosen offer is what the
 *  goal completes with, a taken-over or transferred call stops saying KallyAI is answering it. */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { serviceText as svc } from '../../src/api/serviceText';
import type { Call } from '../../src/api/schemas/calls';
import { endedAWhileAgo } from '../../src/models/call';
import { isEmailAddress, newestMailFirst, notEmailAddresses } from '../../src/models/email';
import {
  canEscalate,
  goalContextValue,
  goalStateLabel,
  isEscalated,
  outcomeAlternatives,
  outcomeChoiceMessage,
} from '../../src/models/goal';
import { inboundStatusLabel, isAnswering, isLive } from '../../src/models/inbound';
import { readTargets, ringingPhone } from '../../src/models/phoneNumber';
import { outcomeChoiceOf } from '../../sandbox/routes/outcomeChoice';
import { openSandbox, type SandboxClient } from '../../sandbox/testing';

describe('an outcome with several offers', () => {
  it('reads the offers of a sentence joined by "or", without the words that lead to them', () => {
    assert.deepEqual(
      outcomeAlternatives(
        'The airline offered a $320 refund to your card within 7 days, or a $400 travel voucher valid for a year.',
      ),
      ['A $320 refund to your card within 7 days', 'A $400 travel voucher valid for a year'],
    );
    assert.deepEqual(outcomeAlternatives('$320 refund or $400 voucher'), ['$320 refund', '$400 voucher']);
    assert.deepEqual(outcomeAlternatives('La aerolínea ofrece un reembolso de 320 $ o un bono de 400 $.'), [
      'Un reembolso de 320 $',
      'Un bono de 400 $',
    ]);
  });

  it('a list the server sends; one offer, or "or" that joins no offers, is no choice', () => {
    assert.deepEqual(outcomeAlternatives({ options: ['refund', { description: 'travel voucher' }] }), [
      'Refund',
      'Travel voucher',
    ]);
    assert.deepEqual(outcomeAlternatives(['a refund', 'a voucher']), ['A refund', 'A voucher']);
    assert.deepEqual(outcomeAlternatives('Appointment booked at the passport office for next Tuesday at 9:15 AM.'), []);
    assert.deepEqual(outcomeAlternatives('Table for 4 at 8pm or later'), []);
    assert.deepEqual(outcomeAlternatives({ options: ['only one'] }), []);
    assert.deepEqual(outcomeAlternatives(undefined), []);
  });

  it('the message that tells KallyAI the choice names the goal and the offer, and the sandbox reads it back', () => {
    const text = outcomeChoiceMessage(
      { id: 'g-1', title: svc('Flight refund') },
      'A $400 travel voucher valid for a year',
    );
    assert.match(text, /^I accept one of the offers for my goal\./);
    assert.deepEqual(outcomeChoiceOf(text), { goalId: 'g-1', offer: 'A $400 travel voucher valid for a year' });
    assert.equal(outcomeChoiceOf('Book a table for 2'), undefined);
  });
});

describe('Escalate to Me', () => {
  it('is offered on an open goal until it was escalated, then the goal says it is yours', () => {
    const open = { status: svc('active') };
    const escalated = { status: svc('pending'), escalated: true };
    assert.equal(canEscalate(open), true);
    assert.equal(canEscalate(escalated), false);
    assert.equal(isEscalated({ status: svc('escalated') }), true);
    assert.match(goalContextValue(open), /\bescalatable\b/);
    assert.doesNotMatch(goalContextValue(escalated), /\bescalatable\b/);
    assert.equal(goalStateLabel(escalated), 'Handed to you');
  });
});

describe('Take Over and after it', () => {
  it('the phone that rings: the verified hand-off phone, else where the number forwards, else none', () => {
    const targets = readTargets({
      targets: [
        { phone_number: svc('+12015550178'), verified: false },
        { phone_number: svc('+12015550177'), label: svc('My mobile'), verified: true },
      ],
    });
    assert.deepEqual(ringingPhone([], targets), { number: '+12015550177', label: 'My mobile' });
    assert.deepEqual(
      ringingPhone([{ phone_number: svc('+14155550134'), forwarding_number: svc('+12015550199') }], []),
      { number: '+12015550199' },
    );
    assert.equal(
      ringingPhone(
        [{ phone_number: svc('+14155550134') }],
        readTargets([{ phone_number: '+12015550178', verified: false }]),
      ),
      undefined,
    );
  });

  it('a call taken over is live but no longer answered by KallyAI', () => {
    const taken = { status: svc('active'), taken_over: true };
    assert.equal(isLive(taken), true);
    assert.equal(isAnswering(taken), false);
    assert.equal(isAnswering({ status: svc('active') }), true);
    assert.equal(inboundStatusLabel(taken), 'You are on the call');
    assert.equal(inboundStatusLabel({ status: svc('completed'), taken_over: true }), 'Taken over by you');
  });
});

describe('the rest of the first hour', () => {
  it('a call that ended a while ago has no transcript to wait for; one that just ended or runs may', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const call = (status: string, ended: string) => ({ call_id: 'c', status, ended_at: ended }) as unknown as Call;
    assert.equal(endedAWhileAgo(call('voicemail', '2026-11-28T12:00:00Z'), now), true);
    assert.equal(endedAWhileAgo(call('voicemail', '2026-12-01T11:58:00Z'), now), false);
    assert.equal(endedAWhileAgo(call('in_progress', '2026-11-28T12:00:00Z'), now), false);
  });

  it('recipients that are not email addresses', () => {
    for (const ok of ['ana@example.com', 'a.b+c@mail.example.co.uk']) assert.equal(isEmailAddress(ok), true, ok);
    for (const bad of [
      'Ana',
      'ana@',
      '@example.com',
      'ana@example',
      'Ana <ana@example.com>',
      'a b@example.com',
      'a@b@example.com',
      'ana@.example.com',
      'ana@example..com',
    ])
      assert.equal(isEmailAddress(bad), false, bad);
    assert.deepEqual(notEmailAddresses({ to: svc('team@example.com'), cc: [svc('Bob'), svc('bo@example.com')] }), [
      'Bob',
    ]);
    assert.deepEqual(notEmailAddresses({ to: svc('team@example.com'), cc: svc('a@example.com; b@example.com') }), []);
  });

  it('the mail newest first, undated mail last in the order it came', () => {
    const mail = [
      { id: 'old', received_at: svc('2026-11-01T10:00:00Z') },
      { id: 'none' },
      { id: 'new', received_at: svc('2026-11-30T10:00:00Z') },
      { id: 'rfc', date: svc('Sun, 15 Nov 2026 10:00:00 +0000') },
    ];
    assert.deepEqual(
      newestMailFirst(mail).map((m) => m.id),
      ['new', 'rfc', 'old', 'none'],
    );
  });
});

describe('the sandbox after the first hour', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox();
  });
  after(async () => {
    await c.close();
  });

  it('the offer chosen is the outcome the goal completes with; no goal is started by the choice', async () => {
    const goals = (await c.get('/v1/coordination/goals')).json.goals as Array<{
      id: string;
      title: string;
      waiting_for: string | null;
      outcome: unknown;
    }>;
    const refund = goals.find((g) => g.waiting_for === 'outcome_acceptance')!;
    const [, voucher] = outcomeAlternatives(refund.outcome);
    const reply = await c.post('/v1/coordination/message', {
      message: outcomeChoiceMessage({ id: refund.id, title: svc(refund.title) }, voucher),
    });
    assert.equal(reply.status, 200);
    assert.match(reply.json.response, /voucher/);
    assert.equal((await c.get('/v1/coordination/goals')).json.goals.length, goals.length, 'no goal started');
    const accepted = await c.post(`/v1/coordination/goals/${refund.id}/accept-outcome`);
    assert.equal(accepted.json.goal.status, 'completed');
    assert.equal(accepted.json.goal.outcome, voucher);
  });

  it('an escalated goal says so', async () => {
    const goals = (await c.get('/v1/coordination/goals')).json.goals as Array<{
      id: string;
      status: string;
      waiting_for: string | null;
    }>;
    const open = goals.find((g) => g.status === 'active' && !g.waiting_for)!;
    const escalated = (await c.post(`/v1/coordination/goals/${open.id}/escalate`)).json.goal;
    assert.equal(escalated.escalated, true);
    assert.equal(canEscalate(escalated), false);
  });

  it('a call taken over or transferred stops saying KallyAI is answering it', async () => {
    const start = async () =>
      (await c.post('/sandbox/inbound-call', { caller_number: '+12015550136', duration_seconds: 600 })).json as {
        id: string;
        summary: string;
      };
    const first = await start();
    assert.match(first.summary, /KallyAI is answering/);
    await c.post(`/v1/inbound/calls/${first.id}/takeover`);
    const taken = (await c.get(`/v1/inbound/calls/${first.id}`)).json;
    assert.equal(taken.taken_over, true);
    assert.doesNotMatch(taken.summary, /KallyAI is answering/);
    const second = await start();
    await c.post(`/v1/inbound/calls/${second.id}/transfer`, { target_number: '+12015550177' });
    const moved = (await c.get(`/v1/inbound/calls/${second.id}`)).json;
    assert.equal(moved.status, 'completed');
    assert.ok(moved.ended_at);
    assert.match(moved.summary, /transferred the call to \+12015550177/);
  });
});
