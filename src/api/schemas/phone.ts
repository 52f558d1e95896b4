/** KallyAI phone numbers: list, provision, forwarding, verification (contract §5.4). */
import * as z from 'zod/mini';
import { bounded, countryCode, phone, loose, optStr, optBool, optId, listOf, anyObject, nonEmpty } from './common';

export const PhoneNumber = loose({
  id: optId,
  phone_number: optStr,
  iso_country: optStr,
  friendly_name: optStr,
  caller_id_name: optStr,
  forwarding_number: optStr,
  status: optStr,
  verified: optBool,
  created_at: optStr,
});
export const PhoneNumberList = listOf('phone_numbers', PhoneNumber);

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  } catch {
    return undefined;
  }
})();
/** A two-letter code of a real country or territory (US, GB, ES…): "XX" is refused before anything is sent. */
export const knownCountry = countryCode.check(
  z.refine(
    (code: string) => !regionNames || (regionNames.of(code) !== code && !/unknown/i.test(regionNames.of(code) ?? '')),
    {
      message: 'That is not a country code: use two letters such as US, GB or ES.',
    },
  ),
);
const areaCode = z.string().check(z.regex(/^\d{2,5}$/, 'An area code is 2 to 5 digits.'));
/** A number offered by GET /v1/phone-numbers/available (E.164; it comes from the server, not typed). */
const offeredNumber = z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'Pick one of the available numbers.'));
export const AvailableQuery = z.strictObject({ country: knownCountry, area_code: z.optional(areaCode) });
/** The contract's body is {country, area_code?}; `phone_number` asks for the very number picked from
 *  the available list (a server that ignores it provisions one in that country and area). */
export const ProvisionBody = z.strictObject({
  country: knownCountry,
  area_code: z.optional(areaCode),
  phone_number: z.optional(offeredNumber),
});
export const RegisterForwardingBody = z.strictObject({ phone_number: phone, label: z.optional(bounded(1, 100)) });
export const SetForwardingBody = z.strictObject({ forwarding_number: phone });
export const VerifyStartBody = z.strictObject({ phone_number: phone });
export const VerifyCheckBody = z.strictObject({
  phone_number: phone,
  code: z.string().check(z.regex(/^\d{4,8}$/, 'The verification code is 4 to 8 digits.')),
});
export const VerifyConfigureBody = z.strictObject({
  phone_number: z.optional(phone),
  enabled: z.optional(z.boolean()),
});
export const VerifyNumberBody = z.strictObject({ code: z.optional(nonEmpty) });
/** Caller-ID names (CNAM) are at most 15 characters. */
export const CallerIdBody = z.strictObject({ caller_id_name: bounded(1, 15) });
export const Result = anyObject;
