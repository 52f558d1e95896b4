/** The call wizard's plan (src/commands/calls/callSteps.ts): a general call with a number and a
 *  task takes four steps — the number, the kind of business, the task, and the step that shows
 *  what will be sent with "Place Call…" / "More Details…"; the optional questions come only after
 *  "More Details…"; what the person told us before (a search result) fills answers without adding
 *  a step; another call's answers come back only through "Same as Last Call". The e2e
 *  (test/e2e/makeCall.e2e.js) counts the same steps in the real quick input. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  completeAnswers,
  effectiveAnswers,
  sameAsLastCall,
  stepsAsked,
  type Draft,
} from '../../src/commands/calls/callSteps';
import { callCategoryOf } from '../../src/models/search';
import { guessCallKind } from '../../src/models/callCategory';

const settings: Draft = { category: 'general', language: 'en', callLanguage: 'en', timezone: 'Europe/Madrid' };
const names = (draft: Draft, given = {}) => stepsAsked(given, draft).map((s) => s.name);

describe('Make a Call: the steps it asks', () => {
  it('a general call with a number and a task: four steps, at most five', () => {
    const asked = names({});
    assert.deepEqual(asked, ['phone', 'category', 'task', 'review']);
    assert.ok(asked.length <= 5);
  });

  it('"More Details…" adds the optional questions; the party size only for a restaurant', () => {
    assert.deepEqual(names({ details: true, category: 'general' }), [
      'phone',
      'category',
      'task',
      'review',
      'businessName',
      'userName',
      'date',
      'when',
      'language',
      'callLanguage',
      'timezone',
    ]);
    assert.equal(names({ details: true, category: 'restaurant' }).length, 12);
    assert.equal(names({ details: false, category: 'restaurant' }).length, 4);
  });

  it('answers the caller settled skip their questions; every required one settled asks nothing', () => {
    assert.deepEqual(names({}, { phone: '+12015550100' }), ['category', 'task', 'review']);
    assert.deepEqual(
      names({}, { phone: '+12015550100', category: 'general', task: 'Ask whether they open on Sunday' }),
      [],
    );
    assert.deepEqual(names({ details: true }, { phone: '+12015550100', businessName: null }), [
      'category',
      'task',
      'review',
      'userName',
      'date',
      'when',
      'language',
      'callLanguage',
      'timezone',
    ]);
  });
});

describe('Make a Call: what the answers make', () => {
  const fromSearch: Draft = { ...settings, phone: '+12015552001', businessName: 'Central Dentist', category: 'clinic' };

  it('what the person told us fills the request; nothing of another call comes in', () => {
    const a = completeAnswers(
      effectiveAnswers(
        fromSearch,
        {
          phone: '+1 201 555 2001',
          category: 'clinic',
          task: 'Ask for an appointment on Saturday morning',
          details: false,
        },
        'US',
      ),
    );
    assert.deepEqual(a, {
      phone: '+1 201 555 2001',
      businessName: 'Central Dentist',
      category: 'clinic',
      task: 'Ask for an appointment on Saturday morning',
      language: 'en',
      callLanguage: 'en',
      timezone: 'Europe/Madrid',
    });
  });

  it("a search result's business is dropped when the number is changed, kept in another spelling of it", () => {
    assert.equal(effectiveAnswers(fromSearch, { phone: '+12015550100' }, 'US').businessName, undefined);
    assert.equal(effectiveAnswers(fromSearch, { phone: '(201) 555-2001' }, 'US').businessName, 'Central Dentist');
    assert.equal(
      effectiveAnswers(fromSearch, { phone: '+12015550100', businessName: 'Typed Anew' }, 'US').businessName,
      'Typed Anew',
    );
  });

  it('a party size only for a restaurant; a request without its task is not complete', () => {
    assert.equal(effectiveAnswers(settings, { category: 'clinic', partySize: 4 }, 'US').partySize, undefined);
    assert.equal(effectiveAnswers(settings, { category: 'restaurant', partySize: 4 }, 'US').partySize, 4);
    assert.equal(completeAnswers(effectiveAnswers(settings, { phone: '+12015550100' }, 'US')), undefined);
  });

  it('"Same as Last Call" brings the last answers back, without a date that has passed', () => {
    const last = {
      phone: '+12015550100',
      category: 'restaurant' as const,
      task: 'Book a table for two',
      date: '2020-01-01',
      time: '20:00',
      partySize: 2,
    };
    assert.deepEqual(sameAsLastCall(last, '2026-12-01'), {
      phone: '+12015550100',
      category: 'restaurant',
      task: 'Book a table for two',
      time: '20:00',
      partySize: 2,
    });
    assert.equal(sameAsLastCall({ ...last, date: '2026-12-24' }, '2026-12-01').date, '2026-12-24');
  });
});

describe("Make a Call: the kind of business from the person's words", () => {
  it('a search result: its own words, then what was searched for, then general', () => {
    const general = { kind: 'search' as const, query: 'emergency plumber open on Sunday' };
    assert.equal(callCategoryOf(general, { name: 'Central Emergency Plumber' }), 'general');
    assert.equal(
      callCategoryOf(
        { kind: 'search', query: 'dentist open on Saturday' },
        { name: 'Central Dentist', description: 'Central dentist in New York' },
      ),
      'clinic',
    );
    assert.equal(
      callCategoryOf({ kind: 'search', query: 'somewhere to stay in Hoboken' }, { name: 'Riverside Inn' }),
      'hotel',
    );
    assert.equal(
      callCategoryOf({ kind: 'search', query: 'italian restaurant near me' }, { name: 'Central Italian' }),
      'restaurant',
    );
    assert.equal(callCategoryOf({ kind: 'restaurants', query: 'anything' }, { name: 'The Green Fork' }), 'restaurant');
    assert.equal(callCategoryOf({ kind: 'quick', query: 'vet open now' }), 'clinic');
  });

  it('English and Spanish words; none is undefined', () => {
    assert.equal(guessCallKind('una mesa para 4 en Casa Lucio'), 'restaurant');
    assert.equal(guessCallKind('cita con la dentista'), 'clinic');
    assert.equal(guessCallKind('a habitación doble'), 'hotel');
    assert.equal(guessCallKind('fix the boiler', undefined, ''), undefined);
  });
});
