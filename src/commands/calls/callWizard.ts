/** "KallyAI: Make a Call…": the multi-step quick input that collects a call request (its plan is
 *  callSteps.ts). Three questions make a call — the number (checked as it is typed), the kind of
 *  business, the task — then one step shows what will be sent and offers "Place Call…" or "More
 *  Details…" (business, your name, date and time, party size, languages, time zone). Questions the
 *  caller already answered are skipped; what the person told us before the wizard opened (a search
 *  result's business and kind, a chat request's words) fills the answers; another call's answers
 *  come back only with "Same as Last Call". */
import { isValidTime } from '../../api/validation/dateTime';
import { calendarDay, codeLabel, phoneForPeople, t } from '../../format';
import { readDate, readTime, todayIso } from './naturalDates';
import {
  BUSINESS_MAX,
  CALL_CATEGORIES,
  PARTY_MAX,
  PARTY_MIN,
  TASK_MAX,
  TASK_MIN,
  TIME_PREFERENCE_MAX,
  USER_NAME_MAX,
  isTimeZone,
  type CallCategory,
  type Language,
} from './makeCallArgs';
import {
  CALL_STEPS,
  completeAnswers,
  effectiveAnswers,
  isAsked,
  sameAsLastCall,
  type CallAnswers,
  type Draft,
  type Given,
  type StepName,
} from './callSteps';
import { askPhoneOrButton } from '../../pipeline/input/askPhone';
import { runSteps, type Step } from '../../platform/formSteps';
import {
  askPick,
  askText,
  type PickItem,
  type StepFrame,
  type StepResult,
  type Validation,
  pickItems,
} from '../../platform/quickInput';

export type { CallAnswers } from './callSteps';

export interface WizardInput {
  /** Answers that are settled: their questions are skipped. For optional fields, `null` means "none". */
  readonly given: Given;
  /** What the answers start from: the settings (languages, time zone) and what the person told us
   *  before the wizard opened (a search result, a chat request, the call being repeated). */
  readonly defaults: Draft;
  /** The last call's answers, offered by "Same as Last Call" (never filled in otherwise). */
  readonly lastCall?: Partial<CallAnswers>;
  /** Open with "More Details…" chosen (editing a request that failed on one of its details). */
  readonly allDetails?: boolean;
  /** Country assumed for numbers typed without + (kallyai.defaultCountry). */
  readonly defaultCountry: string;
}

type Ask = (frame: StepFrame, d: Draft, input: WizardInput) => Promise<StepResult<Draft> | { kind: 'sameAsLast' }>;

const TITLE = () => t('KallyAI: Make a Call');

/** Runs the open questions (src/platform/formSteps.ts); resolves undefined when the user presses Escape. */
export async function runCallWizard(input: WizardInput): Promise<CallAnswers | undefined> {
  const { given } = input;
  const draft: Draft = input.allDetails ? { details: true } : {};
  for (const [k, v] of Object.entries(given))
    if (v !== null && v !== undefined) (draft as Record<string, unknown>)[k] = v;
  const review = CALL_STEPS.findIndex((s) => s.name === 'review');
  const steps = CALL_STEPS.map((plan): Step<Draft> => ({
    keys: plan.keys,
    open: (d) => isAsked(plan, given, d),
    ask: async (frame, d) => {
      const r = await ASK[plan.name](frame, effectiveAnswers(input.defaults, d, input.defaultCountry), input);
      if (r.kind !== 'sameAsLast') return r;
      // The last call's answers, and straight on to the step that shows them (Back returns here).
      return {
        kind: 'jump',
        to: review,
        value: { ...sameAsLastCall(input.lastCall ?? {}, todayIso()), details: false },
      };
    },
  }));
  // "Place Call…" on the review leaves only detail steps, which are not open: the runner ends there.
  const answered = await runSteps(TITLE(), steps, draft);
  return answered && completeAnswers(effectiveAnswers(input.defaults, answered, input.defaultCountry));
}

const map = <T>(r: StepResult<T>, f: (v: T) => Draft): StepResult<Draft> =>
  r.kind === 'value' ? { kind: 'value', value: f(r.value) } : r;
const optional = (v: string) => (v === '' ? undefined : v);

/** "+1 201 555 0100", or the business at it. */
function whom(a: Draft): string {
  return a.businessName || (a.phone ? phoneForPeople(a.phone) : '');
}

const ASK: Record<StepName, Ask> = {
  async phone(frame, d, input) {
    const country = codeLabel('country', input.defaultCountry);
    const last = offerLastCall(input);
    const prompt = last
      ? t(
          'The phone number to call. Numbers without + are read as {0} numbers. To call {1} again for the same task, use "Same as Last Call" above.',
          country,
          whom(last),
        )
      : t('The phone number to call. Numbers without + are read as {0} numbers.', country);
    const r = await askPhoneOrButton(
      frame,
      {
        prompt,
        placeholder: '+1 201 555 0100',
        value: d.phone,
        defaultCountry: input.defaultCountry,
        note: (number) => t('KallyAI will call {0}', number),
      },
      last ? [{ id: 'sameAsLast', icon: 'history', tooltip: t('Same as Last Call: {0}', whom(last)) }] : [],
    );
    if (r.kind === 'button') return { kind: 'sameAsLast' };
    return map(r, (v) => ({ phone: v }));
  },
  async category(frame, d) {
    const items: PickItem<CallCategory>[] = pickItems(
      CALL_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c), description: categoryHint(c) })),
    );
    const r = await askPick({
      ...frame,
      placeholder: t('What kind of business is it?'),
      items,
      active: d.category ?? 'general',
    });
    return map(r, (v) => ({ category: v }));
  },
  async task(frame, d) {
    const r = await askText({
      ...frame,
      prompt: t('What should KallyAI get done on the call? ({0}–{1} characters)', TASK_MIN, TASK_MAX),
      placeholder: t('e.g. Book a table for 2 tomorrow at 8pm, ask for a window seat'),
      value: d.task,
      validate: (v) => lengthBetween(v, TASK_MIN, TASK_MAX),
    });
    return map(r, (v) => ({ task: v }));
  },
  async review(frame, d) {
    const items = pickItems<boolean>([
      {
        value: false,
        icon: 'call-outgoing',
        label: t('Place Call…'),
        description: t('you confirm with the cost first'),
        detail: requestSummary(d),
      },
      {
        value: true,
        icon: 'list-unordered',
        label: t('More Details…'),
        description: t('business name, your name, date and time, party size, languages, time zone'),
      },
    ]);
    const r = await askPick({
      ...frame,
      placeholder: t('Call {0}: place the call, or add details first', whom(d)),
      items,
      active: d.details === true,
    });
    return map(r, (v) => ({ details: v }));
  },
  async businessName(frame, d) {
    const r = await askText({
      ...frame,
      prompt: t('The business name (optional; press Enter to skip)'),
      placeholder: t("e.g. Luigi's Trattoria"),
      value: d.businessName,
      validate: (v) => lengthBetween(v, 0, BUSINESS_MAX),
    });
    return map(r, (v) => ({ businessName: optional(v) }));
  },
  async userName(frame, d) {
    const r = await askText({
      ...frame,
      prompt: t('Your name, for the booking (optional)'),
      placeholder: t('e.g. Alex Smith'),
      value: d.userName,
      validate: (v) => lengthBetween(v, 0, USER_NAME_MAX),
    });
    return map(r, (v) => ({ userName: optional(v) }));
  },
  async date(frame, d) {
    const r = await askText({
      ...frame,
      prompt: t('The date (optional): YYYY-MM-DD, or "tomorrow", "next Friday", "Dec 6"'),
      placeholder: todayIso(),
      value: d.date && d.date >= todayIso() ? d.date : '',
      validate: validateDate,
    });
    return map(r, (v) => {
      const reading = readDate(v);
      return { date: reading.kind === 'date' ? reading.iso : optional(v) };
    });
  },
  async when(frame, d) {
    const r = await askText({
      ...frame,
      prompt: t('A time ("20:00", "8pm") or a preference such as "morning before 11am" (optional)'),
      placeholder: '20:00',
      value: d.time ?? d.timePreference,
      validate: validateWhen,
    });
    return map(r, (v) => splitWhen(v));
  },
  async partySize(frame, d) {
    const r = await askText({
      ...frame,
      prompt: t('Party size, {0}–{1} (optional)', PARTY_MIN, PARTY_MAX),
      placeholder: '2',
      value: d.partySize === undefined ? '' : String(d.partySize),
      validate: validatePartySize,
    });
    return map(r, (v) => ({ partySize: v === '' ? undefined : Number(v) }));
  },
  async language(frame, d) {
    const r = await askPick({
      ...frame,
      placeholder: t('Language of the summary and transcript notes'),
      items: languageItems(),
      active: d.language ?? 'en',
    });
    return map(r, (v) => ({ language: v }));
  },
  async callLanguage(frame, d) {
    const r = await askPick({
      ...frame,
      placeholder: t('Language KallyAI speaks on the call'),
      items: languageItems(),
      active: d.callLanguage ?? d.language ?? 'en',
    });
    return map(r, (v) => ({ callLanguage: v }));
  },
  async timezone(frame, d) {
    const r = await askText({
      ...frame,
      prompt: t('Time zone of the date and time (IANA name)'),
      placeholder: 'Europe/Madrid',
      value: d.timezone,
      validate: (v) =>
        isTimeZone(v) ? {} : { error: t('Use an IANA time-zone name such as Europe/Madrid or America/New_York.') },
    });
    return map(r, (v) => ({ timezone: v }));
  },
};

/** "Same as Last Call" is offered when there was a last call and the wizard opened with nothing of
 *  the person's own (not from a search result, a chat request or "Call Again"). */
function offerLastCall(input: WizardInput): Partial<CallAnswers> | undefined {
  const last = input.lastCall;
  if (!last?.phone || !last.task) return undefined;
  const told =
    input.defaults.phone || input.defaults.task || input.defaults.businessName || Object.keys(input.given).length > 0;
  return told ? undefined : last;
}

/** Everything that will be sent, in one line: "General · Luigi's Trattoria · Friday, December 4, 2026 at 20:00 · party of 4 · call in English · Europe/Madrid". */
export function requestSummary(a: Draft): string {
  const when = [a.date ? calendarDay(a.date) : undefined, a.time ?? a.timePreference].filter(Boolean).join(', ');
  return [
    a.category ? categoryLabel(a.category) : undefined,
    a.businessName,
    a.userName ? t('booking name {0}', a.userName) : undefined,
    when || undefined,
    a.category === 'restaurant' && a.partySize ? t('party of {0}', a.partySize) : undefined,
    a.callLanguage ? t('call in {0}', languageName(a.callLanguage)) : undefined,
    a.language && a.language !== a.callLanguage ? t('notes in {0}', languageName(a.language)) : undefined,
    a.timezone,
  ]
    .filter(Boolean)
    .join(' · ');
}

function lengthBetween(value: string, min: number, max: number): Validation {
  const n = value.trim().length;
  if (n > max) return { error: t('{0} characters: at most {1}.', n, max) };
  if (n < min) return n === 0 ? { incomplete: true } : { error: t('{0} characters: at least {1}.', n, min) };
  return max > 200 && n > 0 ? { note: t('{0} of {1} characters', n, max) } : {};
}

/** The date as typed, shown back as the day it means ("Friday, December 4, 2026"). */
export function validateDate(value: string): Validation {
  const v = value.trim();
  if (!v) return {};
  const reading = readDate(v);
  switch (reading.kind) {
    case 'notADate':
      return { error: t("{0} doesn't exist on the calendar: check the month and the day.", reading.text) };
    case 'past':
      return { error: t('{0} is in the past.', calendarDay(reading.iso)) };
    case 'unknown':
      return { error: t('Write a date such as {0}, "tomorrow" or "next Friday".', todayIso()) };
    case 'date':
      return { note: calendarDay(reading.iso) };
  }
}

/** A clock time ("8pm" → 20:00), shown back; anything else is a preference KallyAI works with. */
export function validateWhen(value: string): Validation {
  const v = value.trim();
  if (!v) return {};
  if (/^\d{1,2}:\d{2}$/.test(v) && !isValidTime(v.padStart(5, '0')))
    return { error: t('Write the time as HH:MM on a 24-hour clock, e.g. 20:00.') };
  const time = readTime(v);
  if (time) return { note: t('At {0}', time) };
  if (v.length > TIME_PREFERENCE_MAX)
    return { error: t('{0} characters: at most {1}.', v.length, TIME_PREFERENCE_MAX) };
  return { note: t('A time preference: KallyAI will ask for a slot that fits it.') };
}

/** "8pm" or "9:30" → a time (20:00, 09:30); anything else → a free-text preference. */
export function splitWhen(value: string): Draft {
  const v = value.trim();
  if (!v) return { time: undefined, timePreference: undefined };
  const time = readTime(v);
  return time ? { time, timePreference: undefined } : { time: undefined, timePreference: v };
}

function validatePartySize(value: string): Validation {
  const v = value.trim();
  if (!v) return {};
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < PARTY_MIN || n > PARTY_MAX)
    return { error: t('A whole number from {0} to {1}.', PARTY_MIN, PARTY_MAX) };
  return {};
}

function languageName(l: Language): string {
  return l === 'es' ? 'Español' : 'English';
}

function languageItems(): PickItem<Language>[] {
  return pickItems<Language>([
    { value: 'en', label: 'English', description: 'en' },
    { value: 'es', label: 'Español', description: 'es' },
  ]);
}

export function categoryLabel(c: CallCategory): string {
  return codeLabel('taskCategory', c);
}

function categoryHint(c: CallCategory): string {
  switch (c) {
    case 'restaurant':
      return t('table reservations, opening hours');
    case 'clinic':
      return t('appointments with doctors, dentists, vets');
    case 'hotel':
      return t('rooms, availability, rates');
    default:
      return t('any other business or question');
  }
}
