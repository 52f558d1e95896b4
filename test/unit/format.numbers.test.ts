/** Numbers, plurals and dates in the UI language. */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  configureFormat,
  count,
  creditsLabel,
  formatCredits,
  formatDuration,
  phoneForPeople,
  shortDateTime,
} from '../../src/format';

describe('format', () => {
  afterEach(() => configureFormat({}));

  it('credits: rounding, plurals without "(s)"', () => {
    assert.equal(formatCredits(0.30000000000000004), '0.3');
    assert.equal(formatCredits(undefined), '—');
    assert.equal(creditsLabel(1), '1 credit');
    assert.equal(creditsLabel(2.5), '2.5 credits');
    assert.equal(count(4, '{0} goal waiting', '{0} goals waiting'), '4 goals waiting');
    assert.equal(count(1, '{0} goal waiting', '{0} goals waiting'), '1 goal waiting');
  });

  it('follows the configured language (numbers) and translator (words)', () => {
    configureFormat({
      locale: 'es',
      t: (m, ...a) =>
        m
          .replace('credits', 'créditos')
          .replace('credit', 'crédito')
          .replace(/\{(\d)\}/g, (_w, i) => String(a[Number(i)])),
    });
    assert.equal(formatCredits(1234.5), '1234,5');
    assert.equal(creditsLabel(2), '2 créditos');
  });

  it('dates in one style; a non-date string comes back as is', () => {
    const now = new Date('2026-11-29T12:00:00Z');
    assert.match(shortDateTime('2026-03-14T19:30:00Z', now) ?? '', /Mar 14/);
    assert.match(shortDateTime('2025-03-14T19:30:00Z', now) ?? '', /2025/);
    assert.equal(shortDateTime('not a date', now), 'not a date');
    assert.equal(formatDuration(95), '1:35');
  });

  it('phone numbers for people', () => {
    assert.equal(phoneForPeople('+12015550100'), '+1 201 555 0100');
    assert.equal(phoneForPeople('+34911234567'), '+34 911 23 45 67');
    assert.equal(phoneForPeople('call me'), 'call me');
  });
});
