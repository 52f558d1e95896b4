/** How the extension reads your KallyAI numbers (contract §5.4): the number as people read it,
 *  where its calls are forwarded, its caller-ID name; the countries and available numbers the
 *  provisioning offers, with their monthly cost where the answer gives one. No `vscode`. */
import type * as z from 'zod/mini';
import type { PhoneNumber as PhoneNumberSchema } from '../api/schemas/phone';
import { codeLabel, phoneForPeople, t } from '../format';

export type PhoneNumber = z.infer<typeof PhoneNumberSchema>;
type Json = Record<string, unknown>;

export const numberLabel = (n: { phone_number?: string | null; friendly_name?: string | null }) =>
  n.phone_number ? phoneForPeople(n.phone_number) : n.friendly_name || t('Unnamed number');

export const forwardingOf = (n: PhoneNumber) => n.forwarding_number || undefined;

/** A phone registered as a hand-off target (where calls taken over or transferred to you ring). */
export interface HandoffPhone {
  id?: string | null;
  phone_number?: string | null;
  label?: string | null;
  verified?: boolean | null;
}

/** The hand-off phones of `GET /v1/phone-numbers/forwarding-targets` ({targets|forwarding_targets|items:[…]} or a bare list). */
export function readTargets(answer: unknown): HandoffPhone[] {
  const o = (answer ?? {}) as Record<string, unknown>;
  const list = (Array.isArray(answer) ? answer : [o.targets, o.forwarding_targets, o.items].find(Array.isArray)) as
    unknown[] | undefined;
  return (list ?? []).filter((x): x is HandoffPhone => !!x && typeof x === 'object');
}

/** Which of your phones rings when you take a call over: your verified hand-off phone, else the
 *  phone your KallyAI number forwards to; undefined when there is neither. */
export function ringingPhone(
  numbers: readonly PhoneNumber[],
  targets: readonly HandoffPhone[],
): { number: string; label?: string } | undefined {
  const target = targets.find((x) => x.verified === true && x.phone_number);
  if (target?.phone_number) return { number: target.phone_number, label: target.label?.trim() || undefined };
  const forwarded = numbers.map(forwardingOf).find(Boolean);
  return forwarded ? { number: forwarded } : undefined;
}

/** "United States · forwards to +1 201 555 0177 · caller ID Demo User" */
export function numberDescription(n: PhoneNumber): string {
  const forwarding = forwardingOf(n);
  return [
    n.iso_country ? codeLabel('country', n.iso_country) : undefined,
    forwarding ? t('forwards to {0}', phoneForPeople(forwarding)) : t('no forwarding'),
    n.caller_id_name ? t('caller ID “{0}”', n.caller_id_name) : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

export interface Country {
  readonly code: string;
  readonly name: string;
  readonly prefix?: string;
}

/** "US" → "United States", in the UI language (the one code table, src/format/codes.ts). */
export function countryName(code: string): string {
  return codeLabel('country', code);
}

/** The country's name in the UI language; the server's own name only for a code the table does not know. */
function localName(code: string, serverName: unknown): string {
  const ours = countryName(code);
  return ours.toUpperCase() === code.toUpperCase() && typeof serverName === 'string' && serverName ? serverName : ours;
}

/** The supported countries in any of the shapes seen: {countries:[{code|iso_country, name}]}, ["US", …], {US: "United States"}. */
export function readCountries(answer: unknown): Country[] {
  const o = (answer ?? {}) as Json;
  const list = Array.isArray(answer)
    ? answer
    : Array.isArray(o.countries)
      ? o.countries
      : Array.isArray(o.supported_countries)
        ? o.supported_countries
        : Array.isArray(o.items)
          ? o.items
          : undefined;
  const out: Country[] = [];
  if (list) {
    for (const item of list) {
      if (typeof item === 'string' && /^[A-Za-z]{2}$/.test(item))
        out.push({ code: item.toUpperCase(), name: countryName(item) });
      else if (item && typeof item === 'object') {
        const c = item as Json;
        const code = [c.code, c.iso_country, c.country_code, c.country].find(
          (x) => typeof x === 'string' && /^[A-Za-z]{2}$/.test(x),
        ) as string | undefined;
        if (code)
          out.push({
            code: code.toUpperCase(),
            name: localName(code, c.name),
            prefix: typeof c.prefix === 'string' ? c.prefix : undefined,
          });
      }
    }
  } else {
    for (const [k, v] of Object.entries(o)) if (/^[A-Z]{2}$/.test(k)) out.push({ code: k, name: localName(k, v) });
  }
  const seen = new Set<string>();
  return out.filter((c) => !seen.has(c.code) && seen.add(c.code));
}

export interface AvailableNumber {
  readonly phoneNumber: string;
  readonly country?: string;
  readonly locality?: string;
  /** Credits a month, where the answer gives it. */
  readonly monthlyCredits?: number;
  readonly capabilities?: string;
}

const num = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() && Number.isFinite(Number(v))
      ? Number(v)
      : undefined;

/** The numbers of `GET /v1/phone-numbers/available` ({numbers|available_numbers|phone_numbers|items:[…]} or a bare list). */
export function readAvailable(answer: unknown): AvailableNumber[] {
  const o = (answer ?? {}) as Json;
  const list = (
    Array.isArray(answer) ? answer : [o.numbers, o.available_numbers, o.phone_numbers, o.items].find(Array.isArray)
  ) as unknown[] | undefined;
  return (list ?? []).flatMap((item): AvailableNumber[] => {
    if (typeof item === 'string') return /^\+\d{7,15}$/.test(item) ? [{ phoneNumber: item }] : [];
    const n = (item ?? {}) as Json;
    const phone = [n.phone_number, n.number, n.e164].find((x) => typeof x === 'string' && /^\+\d{7,15}$/.test(x)) as
      string | undefined;
    if (!phone) return [];
    const caps =
      n.capabilities && typeof n.capabilities === 'object'
        ? Object.entries(n.capabilities as Json)
            .filter(([, v]) => v === true)
            .map(([k]) => k.toUpperCase())
            .join(', ')
        : undefined;
    return [
      {
        phoneNumber: phone,
        country: typeof n.iso_country === 'string' ? n.iso_country : undefined,
        locality: [n.locality, n.region, n.city].find((x) => typeof x === 'string' && x) as string | undefined,
        monthlyCredits:
          num(n.monthly_credits) ?? num(n.monthly_cost) ?? num(n.price_credits) ?? num(n.credits_per_month),
        capabilities: caps || undefined,
      },
    ];
  });
}

/** "San Francisco · 5 credits a month · VOICE, SMS" */
export function availableDescription(a: AvailableNumber): string {
  return [
    a.locality,
    a.monthlyCredits !== undefined ? t('{0} credits a month', a.monthlyCredits) : undefined,
    a.capabilities,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The area code of a North American number (+1 415 …), which the provision request can carry. */
export function areaCodeOf(e164: string): string | undefined {
  return /^\+1(\d{3})\d{7}$/.exec(e164)?.[1];
}
