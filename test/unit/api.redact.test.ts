/** redact(): phone numbers written without a leading "+" are masked, ordinary numbers (ids,
 *  timestamps, durations, credit amounts) are left alone, and registered secrets are masked by value. */
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../src/api/redact';
import { forgetAllSecrets, forgetSecret, registerSecret, secretCount } from '../../src/api/secretValues';

describe('redact: phone numbers without "+"', () => {
  const phones: Array<[text: string, digits: string]> = [
    ['Calling 12015550100 now', '12015550100'],
    ['Calling (201) 555-0100 now', '2015550100'],
    ['Calling 201-555-0100 now', '2015550100'],
    ['Calling 201.555.0100 now', '2015550100'],
    ['Calling 201 555 0100 now', '2015550100'],
    ['Calling 1-201-555-0100 now', '12015550100'],
    ['Calling 1 (201) 555-0100 now', '12015550100'],
    ['{"to":"2015550100"}', '2015550100'],
    ['GET /v1/search?phone=12015550100 → 200', '12015550100'],
    ['tel:201-555-0100', '2015550100'],
  ];
  for (const [text, digits] of phones) {
    it(`masks "${text}"`, () => {
      const out = redact(text);
      assert.ok(!out.replace(/\D/g, '').includes(digits.slice(2, -2)), `${text} → ${out}`);
      assert.ok(!out.includes('5550100') && !out.includes('555-0100') && !out.includes('555.0100'), out);
      assert.match(out, /00/, 'the last two digits stay, to tell numbers apart');
    });
  }

  const ordinary = [
    'call_id 6f1c2a90-1234-4567-8901-123456789012',
    'expires_at 1750003600 (seconds)',
    'expires_at 1750003600123 (ms)',
    'created 2026-02-13T10:00:00Z, ended 2026-02-13T10:01:35Z',
    'duration_seconds 95.2, 600.4 and 1.99',
    'credits 142.5 of 600, 0.15 per minute, balance 1234567.5',
    'GET /v1/calls?limit=200&offset=4000 → 200 in 1234 ms (retry 2)',
    'ids c_12345, m_987, 12345678, 123456789',
    'goal 42 step 3 of 12, port 8790, HTTP 502, Retry-After: 120',
    'version 1.13.16 and 20.19.43',
    'seeded 10000 calls in 312 ms',
    'order #2024-0001-17 total 300.25',
  ];
  for (const text of ordinary) {
    it(`leaves "${text}" alone`, () => assert.equal(redact(text), text));
  }

  it('still masks international numbers with "+"', () => {
    assert.ok(!redact('to +34 912 345 678').includes('345'));
    assert.ok(!redact('to %2B12015550100').includes('5550100'));
  });
});

describe('redact: registered secrets by value', () => {
  afterEach(() => forgetAllSecrets());

  it('masks an opaque token in every form it may be echoed in, until it is forgotten', () => {
    const token = 'rt_Zx9/ab+cd=QQ-opaque';
    registerSecret(token);
    for (const text of [
      `refresh failed for ${token}`,
      JSON.stringify({ message: `token ${token} revoked` }),
      `?t=${encodeURIComponent(token)}`,
      `?t=${encodeURIComponent(token).toLowerCase()}`,
      `t=${new URLSearchParams({ t: token }).toString().slice(2)}`,
    ]) {
      const out = redact(text);
      assert.ok(!out.includes('Zx9'), `${text} → ${out}`);
    }
    forgetSecret(token);
    assert.equal(secretCount(), 0);
    assert.ok(redact(`refresh failed for ${token}`).includes('Zx9'), 'a forgotten value is text again');
  });

  it('ignores values too short to be a token', () => {
    registerSecret('abc');
    registerSecret('');
    registerSecret(undefined);
    assert.equal(secretCount(), 0);
    assert.equal(redact('abc'), 'abc');
  });
});
