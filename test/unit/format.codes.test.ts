/** The codes the service sends (statuses, categories, plan ids, country codes…) are shown through
 *  one translated label table (src/format/codes.ts): every code it knows renders in Spanish with
 *  the bundle's words, an unknown code is made readable rather than shown raw, and the places the
 *  issue named — the goal page's badge and step states, the call consent's category, the country
 *  of "Numbers without + are read as … numbers" — show the Spanish words. */
import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { serviceText as svc } from '../../src/api/serviceText';
import { ops } from '../../src/api/catalogue';
import type { Goal } from '../../src/api/schemas/coordination';
import { presentationOf } from '../../src/presentation';
import {
  codeLabel,
  configureFormat,
  describeCallStatus,
  fillPlaceholders,
  isKnownCode,
  knownCodes,
} from '../../src/format';
import { inboundStatusLabel } from '../../src/models/inbound';
import { numberDescription, readCountries } from '../../src/models/phoneNumber';
import { goalStateLabel } from '../../src/models/goal';
import { GoalPage } from '../../src/pages/goalPage';
import type { PresentationContext } from '../../src/presentation/entry';
import { spanishBundle } from './manifestFiles';

const es = spanishBundle();
const spanish = () =>
  configureFormat({ locale: 'es', t: (message, ...args) => fillPlaceholders(es[message] ?? message, ...args) });
/** Plan names are the product's own: the same words in every language. */
const BRAND = new Set(['plan:starter', 'plan:pro', 'plan:power', 'plan:business']);

describe('the label table of service codes', () => {
  afterEach(() => configureFormat({}));

  it('renders every code it knows in Spanish, with the words of the Spanish bundle', () => {
    const wrong: string[] = [];
    for (const [kind, code] of knownCodes()) {
      configureFormat({});
      const english = codeLabel(kind, code);
      spanish();
      const shown = codeLabel(kind, code);
      if (BRAND.has(`${kind}:${code}`)) {
        if (shown !== english) wrong.push(`${kind}:${code} → ${shown} (a plan name reads the same in every language)`);
        continue;
      }
      if (typeof es[english] !== 'string') wrong.push(`${kind}:${code} → "${english}" has no Spanish`);
      else if (shown !== es[english]) wrong.push(`${kind}:${code} → "${shown}", not the bundle's "${es[english]}"`);
      if (shown === code) wrong.push(`${kind}:${code} is shown raw`);
    }
    assert.deepEqual(wrong, []);
    assert.ok(knownCodes().length > 100, `only ${knownCodes().length} codes`);
  });

  it('reads codes however the service spells them: case, spaces, both spellings of cancelled', () => {
    spanish();
    assert.equal(codeLabel('goalStatus', 'ACTIVE'), 'Activo');
    assert.equal(codeLabel('goalStatus', ' completed '), 'Completado');
    assert.equal(codeLabel('goalStatus', 'canceled'), codeLabel('goalStatus', 'cancelled'));
    assert.equal(codeLabel('taskCategory', 'restaurant'), 'Restaurante');
    assert.equal(codeLabel('stepStatus', 'pending'), 'Pendiente');
  });

  it('country codes in the UI language', () => {
    spanish();
    assert.equal(codeLabel('country', 'US'), 'Estados Unidos');
    assert.equal(codeLabel('country', 'es'), 'España');
    configureFormat({});
    assert.equal(codeLabel('country', 'US'), 'United States');
    assert.equal(codeLabel('country', 'ES'), 'Spain');
  });

  it('an unknown code is made readable, never shown raw; none is no words; hostile keys are only codes', () => {
    spanish();
    assert.equal(codeLabel('goalStatus', 'on_hold'), 'On hold');
    assert.equal(isKnownCode('goalStatus', 'on_hold'), false);
    assert.equal(codeLabel('goalStatus', undefined), '');
    assert.equal(codeLabel('goalStatus', null), '');
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      assert.equal(typeof codeLabel('plan', key), 'string');
      assert.equal(isKnownCode('plan', key), false, key);
    }
    assert.equal(codeLabel('country', 'not a country'), 'Not a country');
    assert.equal(
      codeLabel('country', 'A'.repeat(100_000)),
      'A'.repeat(100_000),
      'not a region code: only made readable',
    );
  });
});

describe('the places that showed codes, in Spanish', () => {
  beforeEach(spanish);
  afterEach(() => configureFormat({}));

  it("the goal page's status badge and its steps' states", async () => {
    const goal: Goal = {
      id: 'g1',
      title: svc('Dinner for 4'),
      status: svc('active'),
      steps: [
        { step: 1, description: svc('Find a restaurant'), status: svc('completed') },
        { step: 2, description: svc('Call the restaurant'), status: svc('pending') },
        { step: 3, description: svc('Add it to the calendar'), status: svc('skipped') },
      ],
    };
    const page = new GoalPage(
      { kind: 'goal', id: 'g1' },
      {
        client: undefined as never,
        pipeline: undefined as never,
        runCommand: async () => undefined,
        openGoal: async () => undefined,
      },
      goal,
    );
    const body = (await page.render()).body.toString();
    assert.match(body, /<span class="badge " data-announce>Activo<\/span>/);
    assert.match(body, /— Completado</);
    assert.match(body, /— Pendiente</);
    assert.match(body, /— Omitido</);
    assert.doesNotMatch(body, />Active<|— Completed<|— Pending<|— Skipped</);
  });

  it("the call consent's category and the goals' states in lists", () => {
    const consent = presentationOf(ops.calls.create)!.consent!;
    const submission = {
      task_category: 'restaurant',
      task_description: 'Book a table for two tonight',
      respondent_phone: '+12015550100',
      language: 'es',
      call_language: 'es',
    };
    const what = consent.what({
      input: { body: { submission, timezone: 'Europe/Madrid' } },
    } as unknown as PresentationContext);
    assert.match(what, /^Categoría: Restaurante$/m);
    assert.equal(goalStateLabel({ status: svc('pending') }), 'Pendiente');
    assert.equal(
      goalStateLabel({ status: svc('active'), waiting_for: svc('step_approval') }),
      es['Approve the next step'],
    );
  });

  it('statuses of calls and calls to your number; countries of numbers', () => {
    assert.equal(describeCallStatus('no_answer').label, es['No answer']);
    assert.equal(inboundStatusLabel({ status: svc('missed') }), es.Missed);
    assert.equal(inboundStatusLabel({ status: svc('completed'), transferred_to: svc('+12015550177') }), es.Transferred);
    assert.match(
      numberDescription({ phone_number: svc('+12015550142'), iso_country: svc('US') }),
      /^Estados Unidos · /,
    );
    assert.deepEqual(
      readCountries({ countries: [{ code: 'ES', name: 'Spain' }, { code: 'MX' }] }).map((c) => c.name),
      ['España', 'México'],
    );
  });
});
