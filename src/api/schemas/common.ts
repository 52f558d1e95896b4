/** Building blocks shared by every domain's schemas.
 *  Strict on what we send (exact enums, lengths, real dates), lenient on what we receive:
 *  numbers may arrive as strings, statuses may be values we have never seen, extra fields are
 *  kept, nulls are tolerated, and lists may come under their documented key, `items`, or bare.
 *  We use `zod/mini` (functional API, tree-shakeable) to keep the extension bundle small. */
import * as z from 'zod/mini';
import { isValidDate, isValidTime, isValidTimeZone } from '../validation/dateTime';
import { checkPhoneNumber } from '../validation/phone';

/** Any zod (mini or classic) schema. */
export type Schema = z.ZodMiniType;

// ---------- received (lenient) ----------

/** A number that may arrive as a number or a numeric string ("0.5"); becomes a number. */
export const num = z.pipe(
  z.union([z.number(), z.string().check(z.regex(/^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/))]),
  z.transform((v: number | string) => (typeof v === 'number' ? v : Number(v))),
);
/** Optional and nullable: absent or null both accepted (responses often carry nulls). */
export const opt = <T extends Schema>(schema: T) => z.optional(z.nullable(schema));
/** Text the service wrote: typed `ServiceText` (src/api/serviceText.ts), which no sink takes as it
 *  is. Every string a response carries is read with it (or `optStr`, `openEnum`). */
export const text = z.string().brand<'ServiceText'>();
export const optStr = opt(text);
export const optNum = opt(num);
/** A boolean that may arrive as "true"/"false". */
export const bool = z.pipe(
  z.union([z.boolean(), z.enum(['true', 'false'])]),
  z.transform((v: boolean | 'true' | 'false') => v === true || v === 'true'),
);
export const optBool = opt(bool);
/** A status or kind we read: any string, so values we do not know yet pass through. */
export const openEnum = text;
/** An object we read: declared fields are checked, every other field is kept. */
export const loose = z.looseObject;
/** A response we know nothing about: any JSON object, kept as is. */
export const anyObject = z.looseObject({});
/** An id: string, or a number turned into a string. */
export const id = z.pipe(
  z.union([z.string(), z.number()]),
  z.transform((v: string | number) => String(v)),
);
export const optId = opt(id);

/** Moves a list that arrived as `items` or as a bare array under its documented key. */
export function normaliseEnvelope(key: string, value: unknown): unknown {
  if (Array.isArray(value)) return { [key]: value };
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (!Array.isArray(o[key]) && Array.isArray(o.items) && key !== 'items') return { ...o, [key]: o.items };
  }
  return value;
}

const listKeys = new WeakMap<object, string>();

/** A list response normalised to `{ [key]: Item[], ...extra }`. */
export function listOf<K extends string, I extends Schema, E extends z.core.$ZodLooseShape = Record<never, never>>(
  key: K,
  item: I,
  extra?: E,
) {
  const shape = { ...(extra ?? ({} as E)), [key]: z.array(item) } as E & { [P in K]: z.ZodMiniArray<I> };
  const schema = z.pipe(
    z.transform((v: unknown) => normaliseEnvelope(key, v)),
    z.looseObject(shape),
  );
  listKeys.set(schema, key);
  return schema;
}

/** The documented key of a list response schema made by `listOf`; undefined for anything else. */
export function listKeyOf(response: unknown): string | undefined {
  return response && typeof response === 'object' ? listKeys.get(response) : undefined;
}

// ---------- sent (strict) ----------

export const CALL_LANGUAGES = ['en', 'es'] as const;
export const language = z.enum(CALL_LANGUAGES);
export const bounded = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
export const nonEmpty = z.string().check(z.minLength(1));
/** YYYY-MM-DD that is a real calendar date. */
export const date = z.string().check(z.refine(isValidDate, 'Use a real date written YYYY-MM-DD, e.g. 2026-03-14.'));
/** HH:MM on a 24-hour clock. */
export const time = z.string().check(z.refine(isValidTime, 'Use a 24-hour time written HH:MM, e.g. 19:30.'));
/** An IANA time zone the zone database knows, e.g. America/New_York (or UTC). */
export const timeZone = z.string().check(z.refine(isValidTimeZone, 'Use an IANA time zone such as America/New_York.'));
export const partySize = z.int().check(z.gte(1, 'Party size is 1 to 50.'), z.lte(50, 'Party size is 1 to 50.'));
export const limit = (max: number) => z.int().check(z.gte(1), z.lte(max));
export const offset = z.int().check(z.gte(0));
/** An E.164 number we may call: checked with libphonenumber-js; emergency, premium-rate and
 *  unsupported-country numbers are refused with a sentence that says why. */
export const phone = z.string().check(
  z.superRefine((value, ctx) => {
    const check = checkPhoneNumber(value);
    if (!check.ok)
      ctx.addIssue({
        code: 'custom',
        message: check.reason,
        input: value,
        params: { phoneCode: check.code, template: check.template, args: check.args },
      });
    else if (check.e164 !== value)
      ctx.addIssue({
        code: 'custom',
        message: `Write the number in international form: ${check.e164}.`,
        input: value,
        params: { phoneCode: 'invalid', template: 'Write the number in international form: {0}.', args: [check.e164] },
      });
  }),
);
/** ISO 3166 alpha-2 country code. */
export const countryCode = z
  .string()
  .check(z.regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as US, GB or ES.'));
/** ISO-8601 date-time, e.g. 2026-03-14T19:30:00Z (offset optional). */
export const isoDateTime = z.iso.datetime({ offset: true, local: true });
export const trueString = z.enum(['true']);
