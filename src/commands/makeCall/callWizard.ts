/** "KallyAI: Make a Call…": the multi-step quick input that collects a call request. Questions the
 *  caller already answered are skipped; the others open prefilled with the last values used. */
import * as vscode from 'vscode';
import { checkPhoneNumber } from '../../api/validation/phone';
import { isValidTime } from '../../api/validation/dateTime';
import { calendarDay } from '../../format';
import { readDate, readTime, todayIso } from './naturalDates';
import {
  BUSINESS_MAX, CALL_CATEGORIES, PARTY_MAX, PARTY_MIN, TASK_MAX, TASK_MIN, TIME_PREFERENCE_MAX, USER_NAME_MAX,
  isTimeZone, type CallCategory, type Language,
} from './makeCallArgs';
import { askPick, askText, type PickItem, type StepFrame, type StepResult, type Validation, pickItems } from '../../platform/quickInput';

/** A complete call request as the user gave it (optional fields absent when not given). */
export interface CallAnswers {
  phone: string;
  category: CallCategory;
  task: string;
  businessName?: string;
  userName?: string;
  date?: string;
  time?: string;
  timePreference?: string;
  partySize?: number;
  language: Language;
  callLanguage: Language;
  timezone: string;
}

type Key = keyof CallAnswers;
type Draft = Partial<CallAnswers>;

export interface WizardInput {
  /** Answers that are settled: their questions are skipped. For optional fields, `null` means "none". */
  readonly given: { readonly [K in Key]?: CallAnswers[K] | null };
  /** Values the open questions start with (the last call, or the call being repeated). */
  readonly defaults: Draft;
  /** Country assumed for numbers typed without + (kallyai.defaultCountry). */
  readonly defaultCountry: string;
}

interface StepDef {
  /** The answers this step sets (skipped when all of them are given). */
  readonly keys: readonly Key[];
  readonly applies?: (d: Draft) => boolean;
  ask(frame: StepFrame, d: Draft, input: WizardInput): Promise<StepResult<Draft>>;
}

const TITLE = () => vscode.l10n.t('KallyAI: Make a Call');

/** Runs the open questions; resolves undefined when the user presses Escape. */
export async function runCallWizard(input: WizardInput): Promise<CallAnswers | undefined> {
  const given = input.given;
  const draft: Draft = {};
  for (const [k, v] of Object.entries(given)) if (v !== null && v !== undefined) (draft as Record<string, unknown>)[k] = v;
  const open = (s: StepDef) => !s.keys.every((k) => k in given && given[k] !== undefined) && (s.applies?.(draft) ?? true);
  const visited: number[] = [];
  let i = 0;
  while (i < STEPS.length) {
    const step = STEPS[i];
    if (!open(step)) {
      i++;
      continue;
    }
    const asked = STEPS.filter(open);
    const frame: StepFrame = { title: TITLE(), step: asked.indexOf(step) + 1, totalSteps: asked.length };
    const seed: Draft = { ...input.defaults, ...draft };
    const r = await step.ask(frame, seed, input);
    if (r.kind === 'cancel') return undefined;
    if (r.kind === 'back') {
      i = visited.pop() ?? 0;
      continue;
    }
    for (const k of step.keys) delete draft[k];
    Object.assign(draft, r.value);
    visited.push(i);
    i++;
  }
  if (draft.category !== 'restaurant') delete draft.partySize;
  if (!draft.phone || !draft.category || !draft.task || !draft.language || !draft.callLanguage || !draft.timezone) return undefined;
  return draft as CallAnswers;
}

const map = <T>(r: StepResult<T>, f: (v: T) => Draft): StepResult<Draft> => (r.kind === 'value' ? { kind: 'value', value: f(r.value) } : r);
const optional = (v: string) => (v === '' ? undefined : v);

const STEPS: readonly StepDef[] = [
  {
    keys: ['phone'],
    async ask(frame, d, input) {
      const r = await askText({
        ...frame,
        prompt: vscode.l10n.t('The phone number to call. Numbers without + are read as {0} numbers.', input.defaultCountry),
        placeholder: '+1 201 555 0100',
        value: d.phone,
        validate: (v) => validatePhone(v, input.defaultCountry),
      });
      return map(r, (v) => ({ phone: v }));
    },
  },
  {
    keys: ['category'],
    async ask(frame, d) {
      const items: PickItem<CallCategory>[] = pickItems(CALL_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c), description: categoryHint(c) })));
      const r = await askPick({ ...frame, placeholder: vscode.l10n.t('What kind of business is it?'), items, active: d.category ?? 'general' });
      return map(r, (v) => ({ category: v }));
    },
  },
  {
    keys: ['task'],
    async ask(frame, d) {
      const r = await askText({
        ...frame,
        prompt: vscode.l10n.t('What should KallyAI get done on the call? ({0}–{1} characters)', TASK_MIN, TASK_MAX),
        placeholder: vscode.l10n.t('e.g. Book a table for 2 tomorrow at 8pm, ask for a window seat'),
        value: d.task,
        validate: (v) => lengthBetween(v, TASK_MIN, TASK_MAX),
      });
      return map(r, (v) => ({ task: v }));
    },
  },
  {
    keys: ['businessName'],
    async ask(frame, d, input) {
      // The business remembered from the last call belongs to its number: not offered for another one.
      const sameNumber = samePhone(d.phone, input.defaults.phone, input.defaultCountry);
      const r = await askText({
        ...frame, prompt: vscode.l10n.t('The business name (optional; press Enter to skip)'), placeholder: vscode.l10n.t("e.g. Luigi's Trattoria"),
        value: sameNumber || d.businessName !== input.defaults.businessName ? d.businessName : '', validate: (v) => lengthBetween(v, 0, BUSINESS_MAX),
      });
      return map(r, (v) => ({ businessName: optional(v) }));
    },
  },
  {
    keys: ['userName'],
    async ask(frame, d) {
      const r = await askText({
        ...frame, prompt: vscode.l10n.t('Your name, for the booking (optional)'), placeholder: vscode.l10n.t('e.g. Alex Smith'),
        value: d.userName, validate: (v) => lengthBetween(v, 0, USER_NAME_MAX),
      });
      return map(r, (v) => ({ userName: optional(v) }));
    },
  },
  {
    keys: ['date'],
    async ask(frame, d) {
      const r = await askText({
        ...frame, prompt: vscode.l10n.t('The date (optional): YYYY-MM-DD, or "tomorrow", "next Friday", "Dec 6"'), placeholder: todayIso(),
        value: d.date && d.date >= todayIso() ? d.date : '', validate: validateDate,
      });
      return map(r, (v) => {
        const reading = readDate(v);
        return { date: reading.kind === 'date' ? reading.iso : optional(v) };
      });
    },
  },
  {
    keys: ['time', 'timePreference'],
    async ask(frame, d) {
      const r = await askText({
        ...frame, prompt: vscode.l10n.t('A time ("20:00", "8pm") or a preference such as "morning before 11am" (optional)'),
        placeholder: '20:00', value: d.time ?? d.timePreference, validate: validateWhen,
      });
      return map(r, (v) => splitWhen(v));
    },
  },
  {
    keys: ['partySize'],
    applies: (d) => d.category === 'restaurant',
    async ask(frame, d) {
      const r = await askText({
        ...frame, prompt: vscode.l10n.t('Party size, {0}–{1} (optional)', PARTY_MIN, PARTY_MAX), placeholder: '2',
        value: d.partySize === undefined ? '' : String(d.partySize), validate: validatePartySize,
      });
      return map(r, (v) => ({ partySize: v === '' ? undefined : Number(v) }));
    },
  },
  {
    keys: ['language'],
    async ask(frame, d) {
      const r = await askPick({ ...frame, placeholder: vscode.l10n.t('Language of the summary and transcript notes'), items: languageItems(), active: d.language ?? 'en' });
      return map(r, (v) => ({ language: v }));
    },
  },
  {
    keys: ['callLanguage'],
    async ask(frame, d) {
      const r = await askPick({ ...frame, placeholder: vscode.l10n.t('Language KallyAI speaks on the call'), items: languageItems(), active: d.callLanguage ?? d.language ?? 'en' });
      return map(r, (v) => ({ callLanguage: v }));
    },
  },
  {
    keys: ['timezone'],
    async ask(frame, d) {
      const r = await askText({
        ...frame, prompt: vscode.l10n.t('Time zone of the date and time (IANA name)'), placeholder: 'Europe/Madrid',
        value: d.timezone, validate: (v) => (isTimeZone(v) ? {} : { error: vscode.l10n.t('Use an IANA time-zone name such as Europe/Madrid or America/New_York.') }),
      });
      return map(r, (v) => ({ timezone: v }));
    },
  },
];

export function validatePhone(value: string, defaultCountry: string): Validation {
  if (!value.trim()) return { incomplete: true };
  const check = checkPhoneNumber(value, defaultCountry);
  if (!check.ok) return { error: check.reason };
  return { note: vscode.l10n.t('KallyAI will call {0}', check.formatted) };
}

function lengthBetween(value: string, min: number, max: number): Validation {
  const n = value.trim().length;
  if (n > max) return { error: vscode.l10n.t('{0} characters: at most {1}.', n, max) };
  if (n < min) return n === 0 ? { incomplete: true } : { error: vscode.l10n.t('{0} characters: at least {1}.', n, min) };
  return max > 200 && n > 0 ? { note: vscode.l10n.t('{0} of {1} characters', n, max) } : {};
}

/** The date as typed, shown back as the day it means ("Friday, December 4, 2026"). */
export function validateDate(value: string): Validation {
  const v = value.trim();
  if (!v) return {};
  const reading = readDate(v);
  switch (reading.kind) {
    case 'notADate': return { error: vscode.l10n.t("{0} doesn't exist on the calendar: check the month and the day.", reading.text) };
    case 'past': return { error: vscode.l10n.t('{0} is in the past.', calendarDay(reading.iso)) };
    case 'unknown': return { error: vscode.l10n.t('Write a date such as {0}, "tomorrow" or "next Friday".', todayIso()) };
    case 'date': return { note: calendarDay(reading.iso) };
  }
}

/** A clock time ("8pm" → 20:00), shown back; anything else is a preference KallyAI works with. */
export function validateWhen(value: string): Validation {
  const v = value.trim();
  if (!v) return {};
  if (/^\d{1,2}:\d{2}$/.test(v) && !isValidTime(v.padStart(5, '0'))) return { error: vscode.l10n.t('Write the time as HH:MM on a 24-hour clock, e.g. 20:00.') };
  const time = readTime(v);
  if (time) return { note: vscode.l10n.t('At {0}', time) };
  if (v.length > TIME_PREFERENCE_MAX) return { error: vscode.l10n.t('{0} characters: at most {1}.', v.length, TIME_PREFERENCE_MAX) };
  return { note: vscode.l10n.t('A time preference: KallyAI will ask for a slot that fits it.') };
}

/** "8pm" or "9:30" → a time (20:00, 09:30); anything else → a free-text preference. */
export function splitWhen(value: string): Draft {
  const v = value.trim();
  if (!v) return { time: undefined, timePreference: undefined };
  const time = readTime(v);
  return time ? { time, timePreference: undefined } : { time: undefined, timePreference: v };
}

function samePhone(a: string | undefined, b: string | undefined, country: string): boolean {
  if (!a || !b) return !a && !b;
  const x = checkPhoneNumber(a, country);
  const y = checkPhoneNumber(b, country);
  return x.ok && y.ok ? x.e164 === y.e164 : a.trim() === b.trim();
}

function validatePartySize(value: string): Validation {
  const v = value.trim();
  if (!v) return {};
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < PARTY_MIN || n > PARTY_MAX) return { error: vscode.l10n.t('A whole number from {0} to {1}.', PARTY_MIN, PARTY_MAX) };
  return {};
}

function languageItems(): PickItem<Language>[] {
  return pickItems<Language>([
    { value: 'en', label: 'English', description: 'en' },
    { value: 'es', label: 'Español', description: 'es' },
  ]);
}

export function categoryLabel(c: CallCategory): string {
  switch (c) {
    case 'restaurant': return vscode.l10n.t('Restaurant');
    case 'clinic': return vscode.l10n.t('Clinic');
    case 'hotel': return vscode.l10n.t('Hotel');
    default: return vscode.l10n.t('General');
  }
}

function categoryHint(c: CallCategory): string {
  switch (c) {
    case 'restaurant': return vscode.l10n.t('table reservations, opening hours');
    case 'clinic': return vscode.l10n.t('appointments with doctors, dentists, vets');
    case 'hotel': return vscode.l10n.t('rooms, availability, rates');
    default: return vscode.l10n.t('any other business or question');
  }
}

