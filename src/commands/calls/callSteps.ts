/** The call wizard's plan, as data: which questions "KallyAI: Make a Call…" asks, in which order,
 *  and what a call request is made of once they are answered. Three questions make a call — the
 *  number, the kind of business and the task — then one step shows everything that will be sent
 *  and offers "Place Call…" or "More Details…"; the optional answers (business, your name, date
 *  and time, party size, languages, time zone) are asked only after "More Details…". Nothing
 *  comes from another call unless the person chooses "Same as Last Call". No `vscode` import: the
 *  wizard (callWizard.ts) asks the questions, the unit tests count them. */
import { checkPhoneNumber } from '../../api/validation/phone';
import type { CallCategory, Language } from './makeCallArgs';

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

export type AnswerKey = keyof CallAnswers;

/** What the wizard holds while it asks: the answers so far, and whether the person asked for more details. */
export type Draft = Partial<CallAnswers> & { details?: boolean };

/** Answers that are settled by the caller's arguments: their questions are skipped. For optional
 *  fields, `null` means "none". */
export type Given = { readonly [K in AnswerKey]?: CallAnswers[K] | null };

export type StepName =
  | 'phone'
  | 'category'
  | 'task'
  | 'review'
  | 'businessName'
  | 'userName'
  | 'date'
  | 'when'
  | 'partySize'
  | 'language'
  | 'callLanguage'
  | 'timezone';

export interface StepPlan {
  readonly name: StepName;
  /** The answers this step sets (skipped when all of them are given). */
  readonly keys: readonly (AnswerKey | 'details')[];
  /** Asked only after "More Details…". */
  readonly detail?: boolean;
  readonly applies?: (d: Draft) => boolean;
}

const REQUIRED: readonly AnswerKey[] = ['phone', 'category', 'task'];

export const CALL_STEPS: readonly StepPlan[] = [
  { name: 'phone', keys: ['phone'] },
  { name: 'category', keys: ['category'] },
  { name: 'task', keys: ['task'] },
  { name: 'review', keys: ['details'] },
  { name: 'businessName', keys: ['businessName'], detail: true },
  { name: 'userName', keys: ['userName'], detail: true },
  { name: 'date', keys: ['date'], detail: true },
  { name: 'when', keys: ['time', 'timePreference'], detail: true },
  { name: 'partySize', keys: ['partySize'], detail: true, applies: (d) => d.category === 'restaurant' },
  { name: 'language', keys: ['language'], detail: true },
  { name: 'callLanguage', keys: ['callLanguage'], detail: true },
  { name: 'timezone', keys: ['timezone'], detail: true },
];

const isGiven = (given: Given, key: AnswerKey | 'details') =>
  key !== 'details' && key in given && given[key] !== undefined;

/** Whether this step is asked, with these answers so far. The review step is asked unless the
 *  caller settled every required answer (a test, a tool): then nothing is asked at all. */
export function isAsked(step: StepPlan, given: Given, draft: Draft): boolean {
  if (step.name === 'review') return !REQUIRED.every((k) => isGiven(given, k));
  if (step.keys.every((k) => isGiven(given, k))) return false;
  if (step.detail && !draft.details) return false;
  return step.applies?.(draft) ?? true;
}

/** The steps asked with these answers so far, in order ("step n of m" counts these). */
export function stepsAsked(given: Given, draft: Draft): StepPlan[] {
  return CALL_STEPS.filter((s) => isAsked(s, given, draft));
}

function samePhone(a: string | undefined, b: string | undefined, country: string): boolean {
  if (!a || !b) return !a && !b;
  const x = checkPhoneNumber(a, country);
  const y = checkPhoneNumber(b, country);
  return x.ok && y.ok ? x.e164 === y.e164 : a.trim() === b.trim();
}

/** The request these answers make: what the person answered, over what they told us before the
 *  wizard opened (a search result's business and kind, the words of a chat request) and the
 *  settings (languages, time zone). A business that came with a number is dropped when the number
 *  is changed: it names that number's business, not the new one's. */
export function effectiveAnswers(defaults: Draft, draft: Draft, defaultCountry: string): Draft {
  const merged: Draft = { ...defaults, ...draft };
  if (!('businessName' in draft) && defaults.businessName && !samePhone(merged.phone, defaults.phone, defaultCountry))
    delete merged.businessName;
  if (merged.category !== 'restaurant') delete merged.partySize;
  delete merged.details;
  return merged;
}

/** The complete request, or undefined when a required answer is missing. */
export function completeAnswers(a: Draft): CallAnswers | undefined {
  if (!a.phone || !a.category || !a.task || !a.language || !a.callLanguage || !a.timezone) return undefined;
  const { details: _details, ...answers } = a;
  return answers as CallAnswers;
}

/** What "Same as Last Call" starts from: the last call's answers, without a date that has passed. */
export function sameAsLastCall(last: Partial<CallAnswers>, today: string): Draft {
  const again: Draft = { ...last };
  if (again.date && again.date < today) delete again.date;
  return again;
}
