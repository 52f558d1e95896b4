/** What the sandbox's test controls (/sandbox/*) accept: numbers only as JSON numbers (not text,
 *  null or true), finite, and within what the real service could ever hold — a balance is never
 *  negative nor beyond any plan, a count never absurd. Anything else is refused with a 400
 *  `invalid_control` whose message names the field and says why (and `details.field`). */
import { fail } from './http';

/** No plan holds more credits than this (the largest, Business, allocates 4,500 a month; contract §5.12). */
export const MAX_CREDITS = 1_000_000;

/** 400 invalid_control: `${field} ${why}.` */
export function refuse(field: string, why: string): never {
  return fail(400, 'invalid_control', `${field} ${why}.`, { details: { field } });
}

/** A short, safe description of what arrived (for messages). */
export function described(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}

export interface NumberRange {
  min: number;
  max: number;
  /** A whole number only. */
  whole?: boolean;
  /** Why the bounds are what they are, added to the message, e.g. "a balance cannot be negative". */
  belowMin?: string;
  aboveMax?: string;
}

/** `value` as a number within `range`, or a 400 that says why not. */
export function controlNumber(value: unknown, field: string, range: NumberRange): number {
  if (typeof value !== 'number') refuse(field, `must be a number (got ${described(value)})`);
  if (!Number.isFinite(value)) refuse(field, `must be a finite number (got ${String(value)})`);
  if (range.whole && !Number.isInteger(value)) refuse(field, `must be a whole number (got ${value})`);
  if (value < range.min)
    refuse(field, `must be at least ${range.min}${range.belowMin ? `: ${range.belowMin}` : ''} (got ${value})`);
  if (value > range.max)
    refuse(field, `must be at most ${range.max}${range.aboveMax ? `: ${range.aboveMax}` : ''} (got ${value})`);
  return value;
}
