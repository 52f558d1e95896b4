/** KallyAI phone numbers: list, provision, forwarding, verification (contract §5.4). */
import * as z from 'zod/mini';
import { bounded, countryCode, phone, loose, optStr, optId, listOf, anyObject, nonEmpty } from './common';

export const PhoneNumber = loose({ id: optId, phone_number: optStr, iso_country: optStr, caller_id_name: optStr, forwarding_number: optStr, status: optStr });
export const PhoneNumberList = listOf('phone_numbers', PhoneNumber);
export const AvailableQuery = z.strictObject({ country: countryCode, area_code: z.optional(z.string().check(z.regex(/^\d{2,5}$/, 'An area code is 2 to 5 digits.'))) });
export const ProvisionBody = z.strictObject({ country: countryCode, area_code: z.optional(z.string().check(z.regex(/^\d{2,5}$/, 'An area code is 2 to 5 digits.'))) });
export const RegisterForwardingBody = z.strictObject({ phone_number: phone, label: z.optional(bounded(1, 100)) });
export const SetForwardingBody = z.strictObject({ forwarding_number: phone });
export const VerifyStartBody = z.strictObject({ phone_number: phone });
export const VerifyCheckBody = z.strictObject({ phone_number: phone, code: z.string().check(z.regex(/^\d{4,8}$/, 'The verification code is 4 to 8 digits.')) });
export const VerifyConfigureBody = z.strictObject({ phone_number: z.optional(phone), enabled: z.optional(z.boolean()) });
export const VerifyNumberBody = z.strictObject({ code: z.optional(nonEmpty) });
export const CallerIdBody = z.strictObject({ caller_id_name: bounded(1, 50) });
export const Result = anyObject;
