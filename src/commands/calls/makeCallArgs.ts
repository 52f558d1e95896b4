/** The argument object "KallyAI: Make a Call…" accepts from `executeCommand` (tests, the chat
 *  participant, "Call Again"). Every field is optional: the wizard asks for what is missing.
 *  For its optional questions, `null` or `''` means "answered: none" (the question is skipped),
 *  while an absent field means "ask". */
import * as z from 'zod/mini';
import { isValidDate, isValidTime } from '../../api/validation/dateTime';

export const CALL_CATEGORIES = ['restaurant', 'clinic', 'hotel', 'general'] as const;
export type CallCategory = (typeof CALL_CATEGORIES)[number];
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const TASK_MIN = 10;
export const TASK_MAX = 1000;
export const BUSINESS_MAX = 200;
export const USER_NAME_MAX = 100;
export const TIME_PREFERENCE_MAX = 200;
export const PARTY_MIN = 1;
export const PARTY_MAX = 50;

/** True for an IANA time-zone name this runtime knows ("Europe/Madrid", "UTC"). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return /\w/.test(value);
  } catch {
    return false;
  }
}

/** Optional question: absent = ask, null or '' = answered with nothing. */
const none = z.union([z.null(), z.literal('')]);
const optionalAnswer = <T extends z.ZodMiniType>(schema: T) => z.optional(z.union([none, schema]));

const dateString = z.string().check(z.refine(isValidDate, { message: 'date must be a real date written YYYY-MM-DD' }));
const timeString = z.string().check(z.refine(isValidTime, { message: 'time must be HH:MM on a 24-hour clock' }));
const timeZoneString = z
  .string()
  .check(z.refine(isTimeZone, { message: 'timezone must be an IANA time-zone name such as Europe/Madrid' }));

/** Something that behaves like a vscode.CancellationToken (a chat request's token, a test's token source). */
const cancellationToken = z.custom<{
  isCancellationRequested: boolean;
  onCancellationRequested: (listener: () => void) => { dispose(): void };
}>(
  (v) =>
    !!v &&
    typeof v === 'object' &&
    typeof (v as { onCancellationRequested?: unknown }).onCancellationRequested === 'function',
  { message: 'cancellation must be a CancellationToken' },
);

export const makeCallArgs = z.object({
  /** The number to call: E.164 (+12015550100) or national (kallyai.defaultCountry applies). */
  phone: z.optional(z.string()),
  category: z.optional(z.enum(CALL_CATEGORIES)),
  task: z.optional(z.string().check(z.trim(), z.minLength(TASK_MIN), z.maxLength(TASK_MAX))),
  businessName: optionalAnswer(z.string().check(z.trim(), z.maxLength(BUSINESS_MAX))),
  userName: optionalAnswer(z.string().check(z.trim(), z.maxLength(USER_NAME_MAX))),
  date: optionalAnswer(dateString),
  time: optionalAnswer(timeString),
  timePreference: optionalAnswer(z.string().check(z.trim(), z.maxLength(TIME_PREFERENCE_MAX))),
  partySize: optionalAnswer(z.int().check(z.minimum(PARTY_MIN), z.maximum(PARTY_MAX))),
  language: z.optional(z.enum(LANGUAGES)),
  callLanguage: z.optional(z.enum(LANGUAGES)),
  timezone: z.optional(timeZoneString),
  isUrgent: z.optional(z.boolean()),
  /** Answers the wizard starts from without skipping their questions ("Call Again" from a call
   *  page, `/call` in the chat with what the words already say). */
  prefill: z.optional(
    z.object({
      phone: z.optional(z.string()),
      businessName: z.optional(z.string().check(z.maxLength(BUSINESS_MAX))),
      category: z.optional(z.enum(CALL_CATEGORIES)),
      task: z.optional(z.string().check(z.maxLength(TASK_MAX))),
      partySize: z.optional(z.int().check(z.minimum(PARTY_MIN), z.maximum(PARTY_MAX))),
      userName: z.optional(z.string().check(z.maxLength(USER_NAME_MAX))),
      date: z.optional(dateString),
      time: z.optional(timeString),
    }),
  ),
  /** Test seam: skips the confirmation modal, honoured ONLY when the extension runs in
   *  ExtensionMode.Test (the integration suite). Everywhere else the modal is always shown. */
  confirmed: z.optional(z.boolean()),
  /** Cancels the wait for the running call (a chat request's token; tests). */
  cancellation: z.optional(cancellationToken),
  /** What a cancellation does: 'ask' (default: the "Stop the call?" modal), 'stop' the call on the
   *  server, or 'keep' it running in the background. */
  whenCancelled: z.optional(z.enum(['ask', 'stop', 'keep'])),
});
export type MakeCallArgs = z.infer<typeof makeCallArgs>;
