/** The call wizard reads dates and times as people type them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readDate, readTime } from '../../src/commands/calls/naturalDates';

const now = new Date(2026, 10, 29, 12, 0); // Sunday, Nov 29, 2026, noon (local)

describe('dates and times as typed', () => {
  it('a YYYY-MM-DD that is not on the calendar says so (not "use YYYY-MM-DD")', () => {
    assert.deepEqual(readDate('2026-02-30', now), { kind: 'notADate', text: '2026-02-30' });
    assert.deepEqual(readDate('2026-13-01', now), { kind: 'notADate', text: '2026-13-01' });
    assert.deepEqual(readDate('2026-12-06', now), { kind: 'date', iso: '2026-12-06' });
    assert.deepEqual(readDate('2026-11-01', now), { kind: 'past', iso: '2026-11-01' });
  });

  it('understands "tomorrow", "next Friday", "Dec 6", "in 3 days" and Spanish', () => {
    assert.deepEqual(readDate('tomorrow', now), { kind: 'date', iso: '2026-11-30' });
    assert.deepEqual(readDate('next Friday', now), { kind: 'date', iso: '2026-12-04' });
    assert.deepEqual(readDate('Dec 6', now), { kind: 'date', iso: '2026-12-06' });
    assert.deepEqual(readDate('in 3 days', now), { kind: 'date', iso: '2026-12-02' });
    assert.deepEqual(readDate('mañana', now), { kind: 'date', iso: '2026-11-30' });
    assert.deepEqual(readDate('el viernes', now), { kind: 'date', iso: '2026-12-04' });
    assert.deepEqual(readDate('whenever suits', now), { kind: 'unknown' });
  });

  it('reads a plain clock time; a preference stays a preference', () => {
    assert.equal(readTime('8pm', now), '20:00');
    assert.equal(readTime('8:30 pm', now), '20:30');
    assert.equal(readTime('9:30', now), '09:30');
    assert.equal(readTime('20:00', now), '20:00');
    assert.equal(readTime('25:00', now), undefined);
    assert.equal(readTime('morning before 11am', now), undefined);
    assert.equal(readTime('any time after lunch', now), undefined);
  });
});
