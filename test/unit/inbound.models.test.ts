/** How the receptionist's answers are read for people, leniently (the contract gives few shapes):
 *  callers by name or number, heard and unheard voicemails in every spelling, rules in words, the
 *  figures and series of summary/analytics in the shapes seen, countries and available numbers. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { menus } from '../../scripts/manifest/commandManifest';
import {
  callerLabel,
  callerWithNumber,
  actionItemsOf,
  inboundStatusLabel,
  isLive,
  isNewVoicemail,
  ruleConditionsText,
  ruleSummary,
  sortRules,
  type Rule,
} from '../../src/models/inbound';
import {
  callsByOutcome,
  callsPerDay,
  daysIn,
  lastDays,
  summaryFigures,
  topCallers,
} from '../../src/models/receptionistAnalytics';
import { areaCodeOf, availableDescription, readAvailable, readCountries } from '../../src/models/phoneNumber';
import { serviceText as svc } from '../../src/api/serviceText';

describe('inbound calls, voicemails and rules for people', () => {
  const contacts = [{ id: 'c', name: svc('Alex Rivera'), phone_number: svc('+12015550130'), is_vip: true }];

  it('names the caller by the call, else the contact with that number, else the number as people read it', () => {
    assert.equal(callerLabel({ caller_name: 'Mom', caller_number: '+12015550135' }), 'Mom');
    assert.equal(callerLabel({ caller_name: null, caller_number: '+1 (201) 555-0130' }, contacts), 'Alex Rivera');
    assert.equal(callerLabel({ caller_number: '+12015550132' }), '+1 201 555 0132');
    assert.equal(callerLabel({}), 'Unknown caller');
    assert.equal(callerWithNumber({ caller_name: 'Mom', caller_number: '+12015550135' }), 'Mom (+1 201 555 0135)');
  });

  it('live, statuses in words, action items in either shape', () => {
    assert.equal(isLive({ status: svc('active') }), true);
    assert.equal(isLive({ status: svc('ringing') }), true);
    assert.equal(isLive({ status: svc('completed') }), false);
    assert.equal(inboundStatusLabel({ status: svc('active'), taken_over: true }), 'You are on the call');
    assert.equal(inboundStatusLabel({ status: svc('completed'), transferred_to: svc('+12015550177') }), 'Transferred');
    assert.equal(inboundStatusLabel({ status: svc('voicemail_only') }), 'Voicemail only');
    assert.deepEqual(
      actionItemsOf({
        action_items: [
          'Call back',
          { index: 3, description: svc('Pay'), status: svc('completed') },
          { text: svc('Book') },
        ],
      }).map((a) => [a.index, a.text, a.done]),
      [
        [0, 'Call back', false],
        [3, 'Pay', true],
        [2, 'Book', false],
      ],
    );
  });

  it('a voicemail is new however the server says so', () => {
    for (const v of [
      { listened: false },
      { is_read: false },
      { read: false },
      { unread: true },
      { status: svc('new') },
    ])
      assert.equal(isNewVoicemail(v), true, JSON.stringify(v));
    for (const v of [{ listened: true }, { is_read: true }, { unread: false }, { status: svc('heard') }, {}])
      assert.equal(isNewVoicemail(v), false, JSON.stringify(v));
  });

  it('rules in words, first match first', () => {
    const vip: Rule = {
      name: svc('VIPs'),
      action: svc('transfer'),
      priority: 10,
      conditions: { caller_vip: true },
      action_config: { target: '+12015550177' },
    };
    assert.equal(ruleSummary(vip), 'VIP callers → Transfer the call to +1 201 555 0177');
    assert.equal(
      ruleConditionsText({ keywords: ['offer', 'solar'], unknown_caller: true }),
      'mentions offer, solar; unknown callers',
    );
    assert.equal(ruleConditionsText({}), 'every call');
    assert.equal(ruleConditionsText({ weekday: 'sat' }), 'Weekday: sat');
    assert.equal(ruleSummary({ action: svc('escalate_to_pa'), conditions: null }), 'every call → Escalate to pa');
    assert.deepEqual(
      sortRules([{ name: svc('b'), priority: 50 }, { name: svc('none') }, { name: svc('a'), priority: 10 }]).map(
        (r) => r.name,
      ),
      ['a', 'b', 'none'],
    );
  });
});

describe('receptionist figures', () => {
  const range = { from: '2026-03-01', to: '2026-03-04' };
  const calls = [
    { created_at: svc('2026-03-02T10:00:00Z'), status: svc('completed') },
    { created_at: svc('2026-03-02T11:00:00Z'), status: svc('missed') },
    { created_at: svc('2026-03-04T09:00:00Z'), status: svc('completed') },
  ];

  it('the days of a range; the last n days end today', () => {
    assert.deepEqual(daysIn(range), ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
    assert.deepEqual(lastDays(7, new Date('2026-03-10T15:00:00Z')), { from: '2026-03-04', to: '2026-03-10' });
    assert.deepEqual(daysIn({ from: '2026-03-05', to: '2026-03-01' }), []);
  });

  it('calls per day from any series shape, or counted from the calls; every day present', () => {
    const values = (a: Record<string, unknown> | undefined) => callsPerDay(a, calls, range).map((b) => b.value);
    assert.deepEqual(values({ calls_by_day: [{ date: '2026-03-02', count: 5 }] }), [0, 5, 0, 0]);
    assert.deepEqual(values({ daily: { '2026-03-01': '2', '2026-03-04': 1 } }), [2, 0, 0, 1]);
    assert.deepEqual(values({ by_day: [['2026-03-03T00:00:00Z', 4]] }), [0, 0, 4, 0]);
    assert.deepEqual(values({ total: 3 }), [0, 2, 0, 1], 'counted from the calls');
  });

  it('calls by outcome, known outcomes first; totals and averages in words; top callers', () => {
    assert.deepEqual(
      callsByOutcome({ calls_by_status: { rejected: 1, completed: 4, spam: 2 } }, []).map(
        (b) => `${b.label}:${b.value}`,
      ),
      ['Completed:4', 'Rejected:1', 'Spam:2'],
    );
    assert.deepEqual(
      callsByOutcome({ by_outcome: [{ outcome: 'missed', count: '3' }] }, []).map((b) => b.value),
      [3],
    );
    assert.deepEqual(
      callsByOutcome(undefined, calls).map((b) => `${b.key}:${b.value}`),
      ['completed:2', 'missed:1'],
    );
    assert.deepEqual(
      summaryFigures({ total_calls: 7, missed: '1', average_duration_seconds: 88.4 }).map(
        (f) => `${f.label} ${f.value}`,
      ),
      ['Calls 7', 'Missed 1', 'Average length 1:28'],
    );
    assert.deepEqual(summaryFigures({ nothing: 'here' }), []);
    assert.deepEqual(
      topCallers({ top_callers: [{ caller: 'Mom', count: 3 }, { nobody: 1 }] }).map((b) => b.label),
      ['Mom'],
    );
  });
});

describe('countries and available numbers', () => {
  it('countries in the shapes seen', () => {
    assert.deepEqual(
      readCountries({ countries: [{ code: 'US', name: 'United States', prefix: '+1' }, { iso_country: 'es' }] }).map(
        (c) => [c.code, c.name],
      ),
      [
        ['US', 'United States'],
        ['ES', 'Spain'],
      ],
    );
    assert.deepEqual(
      readCountries(['GB', 'gb', 'nope']).map((c) => c.code),
      ['GB'],
    );
    assert.deepEqual(
      readCountries({ FR: 'France' }).map((c) => c.name),
      ['France'],
    );
  });

  it('available numbers with their monthly price, locality and capabilities', () => {
    const numbers = readAvailable({
      numbers: [
        {
          phone_number: '+14155550111',
          locality: 'San Francisco',
          monthly_credits: 5,
          capabilities: { voice: true, sms: false },
        },
        { number: 'not one' },
        '+442079460111',
      ],
    });
    assert.deepEqual(
      numbers.map((n) => n.phoneNumber),
      ['+14155550111', '+442079460111'],
    );
    assert.equal(availableDescription(numbers[0]), 'San Francisco · 5 credits a month · VOICE');
    assert.equal(areaCodeOf('+14155550111'), '415');
    assert.equal(areaCodeOf('+442079460111'), undefined);
  });
});

describe('the manifest', () => {
  it('an Explorer menu entry carries its own condition and the signed-in one', () => {
    const m = menus([
      { id: 'kallyai.x', title: 'X', menus: [{ view: 'explorer', when: 'resourceExtname == .csv', group: 'primary' }] },
    ]);
    assert.deepEqual(m['explorer/context'], [
      { command: 'kallyai.x', when: 'resourceExtname == .csv && kallyai.signedIn', group: '7_kallyai@1' },
    ]);
    assert.equal(menus([{ id: 'kallyai.y', title: 'Y' }])['explorer/context'], undefined);
  });
});
