/** Checks a phone number before anything is sent: E.164 validity (libphonenumber-js with the
 *  metadata of the countries we can call), emergency short codes, premium-rate / shared-cost
 *  numbers, and countries KallyAI does not call. */
import { join } from 'node:path';
import type { CountryCode } from 'libphonenumber-js/core';
import { EMERGENCY_SHORT_CODES, PREMIUM_PREFIXES, SUPPORTED_COUNTRIES } from './phoneCountries';

type PhoneEngine = typeof import('./phoneEngine');
/** libphonenumber-js and its metadata load on the first check, not at extension start-up: in the
 *  build phoneEngine is a bundle of its own beside dist/extension.js and dist/commands.js
 *  (esbuild.js), in the sources the module beside this one. */
let engineCache: PhoneEngine | undefined;
function engine(): PhoneEngine {
  engineCache ??= require(join(__dirname, 'phoneEngine')) as PhoneEngine;
  return engineCache;
}
const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_COUNTRIES);

export type PhoneCheck =
  | { ok: true; e164: string; country?: string }
  | {
      ok: false;
      code: 'invalid' | 'emergency_number' | 'toll_number' | 'unsupported_country';
      /** The reason as a message template ({0}…) and its arguments: the UI translates it. */
      template: string;
      args: string[];
      /** The same in English, filled in (logs, tests). */
      reason: string;
    };

/** No way of writing a phone number is longer: longer text is refused (or, to format, shown as
 *  given) before it is compacted or reaches libphonenumber, so that a megabyte of digits and
 *  dashes costs nothing. */
const PHONE_TEXT_MAX = 50;
/** A number has at most 15 digits (E.164); written nationally, with a trunk or international
 *  prefix, a few more. libphonenumber never sees a longer one. */
const NATIONAL_DIGITS_MAX = 20;

export function checkPhoneNumber(input: string, defaultCountry?: string): PhoneCheck {
  const text = (input ?? '').trim();
  if (text.length > PHONE_TEXT_MAX) return fail('invalid', 'This is not a valid phone number: check the digits.');
  const compact = text.replace(/[\s().-]/g, '');
  if (!compact) return fail('invalid', 'Enter a phone number, e.g. +1 201 555 0100.');
  if (isEmergency(compact))
    return fail(
      'emergency_number',
      'Emergency and public-safety numbers cannot be called by KallyAI. If this is an emergency, call it yourself now.',
    );
  if (!/^\+?\d+$/.test(compact))
    return fail('invalid', '"{0}" is not a phone number: use digits, optionally starting with +.', shorten(text));
  if (compact.startsWith('+') && (compact.length < 8 || compact.length > 16))
    return fail('invalid', 'An international number has 7 to 15 digits after the +.');

  if (compact.startsWith('+') && isPremiumPrefix(compact)) return premium();
  const country =
    defaultCountry && SUPPORTED.has(defaultCountry.toUpperCase())
      ? (defaultCountry.toUpperCase() as CountryCode)
      : undefined;
  if (!compact.startsWith('+') && !country)
    return fail('invalid', 'Start the number with + and its country code, e.g. +1 201 555 0100.');
  if (compact.length > NATIONAL_DIGITS_MAX)
    return fail('invalid', 'This is not a valid phone number: check the digits.');
  const parsed = engine().parsePhone(compact, country);
  if (!parsed) {
    // Our metadata only knows the countries we call: an unknown country calling code means "not supported".
    return compact.startsWith('+')
      ? fail(
          'unsupported_country',
          "KallyAI calls numbers in the US, Canada, the UK, Spain and most European countries. This number's country is not one of them.",
        )
      : fail('invalid', 'This is not a valid phone number.');
  }
  if (isPremiumPrefix(parsed.number)) return premium();
  if (!parsed.country || !SUPPORTED.has(parsed.country)) {
    if (parsed.isPossible())
      return fail(
        'unsupported_country',
        'KallyAI calls numbers in the US, Canada, the UK, Spain and most European countries. {0} is outside them.',
        `+${parsed.countryCallingCode} ${parsed.nationalNumber.slice(0, 3)}…`,
      );
    return fail('invalid', 'This is not a valid phone number: check the digits.');
  }
  if (!parsed.isValid())
    return fail('invalid', 'This is not a valid {0} phone number: check the digits.', parsed.country);
  const type = parsed.getType();
  if (type === 'PREMIUM_RATE' || type === 'SHARED_COST') return premium();
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/** A number as a person reads it ("+1 201 555 0100"); text that is not a valid number comes back as given.
 *  The one formatting of a number for people (src/format `phoneForPeople`): a check answers E.164 only. */
export function formatPhoneNumber(value: string): string {
  if ((value ?? '').length > PHONE_TEXT_MAX) return value;
  const compact = (value ?? '').trim().replace(/[\s().-]/g, '');
  if (!/^\+\d{7,15}$/.test(compact)) return value;
  const parsed = engine().parsePhone(compact);
  return parsed?.isPossible() ? parsed.formatInternational() : value;
}

/** A short emergency code, bare, with a national 0 prefix, or after a country calling code (+1911, +34112). */
function isEmergency(compact: string): boolean {
  const digits = compact.replace(/^\+/, '');
  if (EMERGENCY_SHORT_CODES.has(digits)) return true;
  if (!compact.startsWith('+') && digits.startsWith('0') && EMERGENCY_SHORT_CODES.has(digits.slice(1))) return true;
  if (digits.length <= 9) {
    for (const ccLength of [1, 2, 3]) {
      const rest = digits.slice(ccLength);
      if (
        rest &&
        (EMERGENCY_SHORT_CODES.has(rest) || (rest.startsWith('0') && EMERGENCY_SHORT_CODES.has(rest.slice(1))))
      )
        return true;
    }
  }
  return false;
}

const isPremiumPrefix = (e164: string) => PREMIUM_PREFIXES.some((prefix) => e164.startsWith(prefix));
const premium = () =>
  fail(
    'toll_number',
    'Premium-rate and shared-cost numbers are refused: KallyAI does not call numbers that charge per minute.',
  );

function fail(code: Exclude<PhoneCheck, { ok: true }>['code'], template: string, ...args: string[]): PhoneCheck {
  const reason = template.replace(/\{(\d+)\}/g, (whole, i: string) => args[Number(i)] ?? whole);
  return { ok: false, code, template, args, reason };
}

function shorten(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}
