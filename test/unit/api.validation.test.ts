/** What we send is checked before the network: phone numbers (libphonenumber-js), dates, times,
 *  party sizes, enums and lengths. Property tests (fast-check) show invalid input never leaves. */
import { describe, it, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ops } from '../../src/api/catalogue';
import { KallyApiError } from '../../src/api/errors';
import { checkPhoneNumber, formatPhoneNumber } from '../../src/api/validation/phone';
import { isValidDate, isValidTime } from '../../src/api/validation/dateTime';
import { EMERGENCY_SHORT_CODES } from '../../src/api/validation/phoneCountries';
import { clearRequests, client, countingFetch, requests, sandbox, type SandboxHandle } from './api.helpers';

describe('checkPhoneNumber', () => {
  it("accepts valid numbers of supported countries, answering the number dialled (formatting is formatPhoneNumber's)", () => {
    assert.deepEqual(checkPhoneNumber('+12015550100'), {
      ok: true,
      e164: '+12015550100',
      country: 'US',
    });
    assert.deepEqual(checkPhoneNumber('(201) 555-0100', 'US'), {
      ok: true,
      e164: '+12015550100',
      country: 'US',
    });
    assert.equal(formatPhoneNumber('+12015550100'), '+1 201 555 0100');
    for (const [n, country] of [
      ['+34 612 34 56 78', 'ES'],
      ['+44 20 7946 0000', 'GB'],
      ['+33 1 42 68 53 00', 'FR'],
      ['+49 30 901820', 'DE'],
      ['+1 416 555 0123', 'CA'],
      ['+1 800 555 0199', 'US'],
    ]) {
      const r = checkPhoneNumber(n);
      assert.ok(r.ok, `${n}: ${JSON.stringify(r)}`);
      assert.equal(r.country, country);
    }
  });

  it('refuses emergency numbers bare, national and after a country code', () => {
    for (const n of [
      '911',
      '112',
      '999',
      '000',
      '110',
      '119',
      '15',
      '17',
      '18',
      '061',
      '091',
      '+1911',
      '+34112',
      '+44999',
      '+33 112',
      '9-1-1',
    ]) {
      const r = checkPhoneNumber(n);
      assert.equal(r.ok ? 'ok' : r.code, 'emergency_number', n);
    }
  });

  it('refuses premium-rate and shared-cost numbers', () => {
    for (const n of ['+19005550100', '+19765550100', '+449091234567', '+33891234567', '+34803123456', '+39899123456']) {
      const r = checkPhoneNumber(n);
      assert.equal(r.ok ? 'ok' : r.code, 'toll_number', n);
    }
  });

  it('refuses countries KallyAI does not call', () => {
    for (const n of ['+8613800138000', '+79161234567', '+5511987654321', '+18765551234', '+61412345678']) {
      const r = checkPhoneNumber(n);
      assert.equal(r.ok ? 'ok' : r.code, 'unsupported_country', n);
      assert.match((r as { reason: string }).reason, /US, Canada, the UK, Spain/);
    }
  });

  it('refuses garbage and numbers without a country', () => {
    for (const n of ['', 'abc', '+1', '2015550100', '+12015550', '+999999999999999999']) {
      assert.equal(checkPhoneNumber(n).ok, false, n);
    }
  });

  it('property: any valid result is E.164 and re-checks to itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9 ()-]{0,18}$/), (s) => {
        const r = checkPhoneNumber(s);
        if (r.ok) {
          assert.match(r.e164, /^\+[1-9]\d{6,14}$/);
          assert.deepEqual(checkPhoneNumber(r.e164), r);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: an emergency code behind any supported country code is refused', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EMERGENCY_SHORT_CODES),
        fc.constantFrom('1', '34', '44', '33', '49', '39', '351'),
        (code, cc) => {
          const r = checkPhoneNumber(`+${cc}${code}`);
          assert.equal(r.ok, false);
        },
      ),
    );
  });
});

describe('dates and times', () => {
  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    for (const d of ['2024-02-29', '2026-12-31', '2000-02-29']) assert.ok(isValidDate(d), d);
    for (const d of [
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-1-5',
      '05/03/2026',
      '2026-03-14T10:00',
    ])
      assert.ok(!isValidDate(d), d);
  });

  it('property: isValidDate agrees with the calendar', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const date = new Date(Date.UTC(2000, m - 1, d));
          date.setUTCFullYear(y);
          const real = m >= 1 && m <= 12 && d >= 1 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
          assert.equal(isValidDate(s), real, s);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: isValidTime accepts exactly 00:00–23:59', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1, max: 30 }), fc.integer({ min: -1, max: 70 }), (h, m) => {
        const s = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        assert.equal(isValidTime(s), h >= 0 && h <= 23 && m >= 0 && m <= 59, s);
      }),
      { numRuns: 1000 },
    );
    for (const t of ['7:30', '07:30:00', '24:00', '12.30', ' 12:30']) assert.ok(!isValidTime(t), t);
  });
});

describe('invalid input never reaches the network', () => {
  let sb: SandboxHandle;
  before(async () => {
    sb = await sandbox();
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(async () => {
    await clearRequests(sb);
  });

  const base = {
    task_category: 'restaurant' as const,
    task_description: 'Book a table for our group.',
    respondent_phone: '+12015550100',
  };
  const attempt = async (counter: ReturnType<typeof countingFetch>, submission: Record<string, unknown>) => {
    const c = client(sb, { fetch: counter.fetch });
    try {
      await c.execute(ops.calls.create, { body: { submission, timezone: 'America/New_York' } as never });
      return undefined;
    } catch (e) {
      return e as KallyApiError;
    }
  };

  it('property: a bad phone, date, time or party size is refused locally with the field named', async () => {
    const counter = countingFetch();
    const badDate = fc.string({ maxLength: 12 }).filter((s) => !isValidDate(s));
    const badTime = fc.string({ maxLength: 6 }).filter((s) => !isValidTime(s));
    const badParty = fc.oneof(
      fc.integer({ min: -1000, max: 0 }),
      fc.integer({ min: 51, max: 100000 }),
      fc.double({ min: 1.01, max: 49.99, noInteger: true }),
    );
    const badPhone = fc.oneof(
      fc.constantFrom(...EMERGENCY_SHORT_CODES),
      fc.constantFrom('+19005550100', '+8613800138000', '+79161234567', '2015550100'),
      fc.string({ maxLength: 8 }),
    );
    const invalid = fc.oneof(
      badDate.map((v) => ['appointment_date', v] as const),
      badTime.map((v) => ['appointment_time', v] as const),
      badParty.map((v) => ['party_size', v] as const),
      badPhone.map((v) => ['respondent_phone', v] as const),
      fc.string({ maxLength: 9 }).map((v) => ['task_description', v] as const),
      fc.string({ minLength: 201, maxLength: 260 }).map((v) => ['business_name', v] as const),
      fc.constantFrom('fr', 'de', 'EN', '').map((v) => ['call_language', v] as const),
      fc.constantFrom('spa', 'Restaurant', '').map((v) => ['task_category', v] as const),
    );
    await fc.assert(
      fc.asyncProperty(invalid, async ([field, value]) => {
        const e = await attempt(counter, { ...base, [field]: value });
        assert.ok(e instanceof KallyApiError, `${field}=${JSON.stringify(value)} was sent`);
        assert.equal(e.code, 'invalid_input');
        assert.equal(e.field, `submission.${field}`);
        assert.ok(e.message.length > 10);
      }),
      { numRuns: 300 },
    );
    assert.equal(counter.count(), 0);
    assert.deepEqual(await requests(sb), []);
  });

  it('a valid submission does go out (the property above is not vacuous)', async () => {
    const counter = countingFetch();
    const e = await attempt(counter, {
      ...base,
      party_size: 50,
      appointment_date: '2030-02-28',
      appointment_time: '23:59',
      call_language: 'es',
    });
    assert.equal(e, undefined);
    assert.equal(counter.count(), 1);
  });

  it('time zones are checked against the real zone database: Mars/Base never leaves', async () => {
    const counter = countingFetch();
    const c = client(sb, { fetch: counter.fetch });
    const send = (timezone: string) => c.execute(ops.calls.create, { body: { submission: base, timezone } });
    for (const zone of [
      'Mars/Base',
      'America/Nowhere',
      'Europe/Atlantis',
      'Etc/GMT+99',
      'UTC/Extra',
      'EST5EDT/X',
      '',
      'Not a zone',
      'America/New_York/',
    ]) {
      await assert.rejects(
        send(zone),
        (e: KallyApiError) => e.code === 'invalid_input' && e.field === 'timezone' && /IANA time zone/.test(e.message),
        zone,
      );
    }
    assert.equal(counter.count(), 0, 'nothing was sent');
    for (const zone of [
      'UTC',
      'America/New_York',
      'Europe/Madrid',
      'America/Argentina/Buenos_Aires',
      'Etc/GMT+5',
      'Asia/Kolkata',
    ]) {
      await send(zone);
    }
    assert.equal(counter.count(), 6, 'real zones go out');
  });

  it('property: a made-up Area/Name zone is refused locally', async () => {
    const counter = countingFetch();
    const c = client(sb, { fetch: counter.fetch });
    const word = fc.stringMatching(/^[A-Z][a-z]{3,9}$/);
    const madeUp = fc.tuple(fc.constantFrom('Mars', 'Moon', 'Atlantis', 'Narnia'), word).map(([a, b]) => `${a}/${b}`);
    await fc.assert(
      fc.asyncProperty(madeUp, async (timezone) => {
        await assert.rejects(
          c.execute(ops.calls.create, { body: { submission: base, timezone } }),
          (e: KallyApiError) => e.code === 'invalid_input' && e.field === 'timezone',
        );
      }),
      { numRuns: 100 },
    );
    assert.equal(counter.count(), 0);
  });

  it('strict bodies: unknown fields and wrong enums elsewhere are refused too', async () => {
    const counter = countingFetch();
    const c = client(sb, { fetch: counter.fetch });
    const cases: Array<Promise<unknown>> = [
      c.execute(ops.coordination.goals, { query: { status: 'paused' as never } }),
      c.execute(ops.calls.list, { query: { limit: 201 } }),
      c.execute(ops.messages.inbox, { query: { channel: 'fax' as never } }),
      c.execute(ops.inbound.transfer, { path: { id: 'x' }, body: { target_number: '112' } }),
      c.execute(ops.budget.estimate, { body: { type: 'call', description: 'x', extra: 1 } as never }),
      c.execute(ops.subscription.changePlan, { body: {} }),
      c.execute(ops.actions.sendEmail, { body: { to: 'not-an-email', subject: 's', body: 'b' } }),
    ];
    for (const p of cases) await assert.rejects(p, (e: KallyApiError) => e.code === 'invalid_input');
    assert.equal(counter.count(), 0);
  });
});
