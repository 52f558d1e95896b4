/** What a sentence such as "/call Luigi's +1 201 555 0100 Friday 8pm table for 4" already says
 *  about a call: the number, the business, the day and time, the party size, the kind of call.
 *  The call wizard opens with these filled in, for the person to check; nothing is placed from
 *  here. English and Spanish. No `vscode` import. */
import * as en from 'chrono-node/en';
import * as es from 'chrono-node/es';
import { checkPhoneNumber } from '../api/validation/phone';
import type { CallKind } from '../models/callCategory';
import { guessCallKind } from '../models/callCategory';

export interface CallWords {
  phone?: string;
  businessName?: string;
  date?: string;
  time?: string;
  partySize?: number;
  category?: CallKind;
  task?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const PHONE = /(?:\+|\b00)?\d[\d\s().-]{5,}\d/g;
const PARTY =
  /\b(?:(?:table|party|reservation|booking)\s+(?:for|of)|for|para|mesa\s+para)\s+(\d{1,2})\b(?:\s+(?:people|persons|guests|pax|personas|comensales))?|\b(\d{1,2})\s*(?:people|persons|guests|pax|personas|comensales)\b/i;
const LEADING_VERB = /^(?:please\s+)?(?:call|phone|ring|llama(?:r)?\s+a|llama(?:r)?)\s+/i;
const NAME_AFTER =
  /\b(?:at|to|en|a)\s+((?:[A-ZÁÉÍÓÚÑ][\w'’&.-]*)(?:\s+(?:[A-ZÁÉÍÓÚÑ&][\w'’&.-]*|de|del|la|el|y|and|of))*)/;
const NAME_FIRST = /^((?:[A-ZÁÉÍÓÚÑ][\w'’&.-]*)(?:\s+(?:[A-ZÁÉÍÓÚÑ&][\w'’&.-]*|de|del|la|el|y|and|of))*)/;
/** Capitalised words that start a sentence but are not a business. */
const NOT_A_NAME =
  /^(?:Book|Reserve|Ask|Get|Make|Find|Cancel|Check|Tomorrow|Today|Tonight|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Next|This|Reserva|Pide|Mañana|Hoy|I|We|My|Please)$/;

export function readCallWords(text: string, options: { defaultCountry: string; now?: Date }): CallWords {
  const now = options.now ?? new Date();
  const words: CallWords = {};
  let rest = ` ${text.trim()} `;

  for (const match of text.match(PHONE) ?? []) {
    const check = checkPhoneNumber(match.trim(), options.defaultCountry);
    if (check.ok) {
      words.phone = check.e164;
      rest = rest.replace(match, ' ');
      break;
    }
  }

  const party = PARTY.exec(rest);
  if (party) {
    const n = Number(party[1] ?? party[2]);
    if (n >= 1 && n <= 50) {
      words.partySize = n;
      rest = rest.replace(party[0], ' ');
    }
  }

  // English or Spanish, whichever reads more of the words ("mañana a las 21:00": Spanish).
  const when = [en.parse(rest, now, { forwardDate: true })[0], es.parse(rest, now, { forwardDate: true })[0]]
    .filter((r) => r !== undefined)
    .sort((a, b) => b.text.length - a.text.length)[0];
  if (when) {
    const d = when.start.date();
    if (when.start.isCertain('day') || when.start.isCertain('weekday'))
      words.date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    if (when.start.isCertain('hour')) words.time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    if (words.date || words.time) rest = rest.replace(when.text, ' ');
  }

  const cleaned = rest.replace(/\s+/g, ' ').trim().replace(LEADING_VERB, '');
  const name = NAME_AFTER.exec(cleaned)?.[1] ?? NAME_FIRST.exec(cleaned)?.[1];
  const firstWord = name?.split(' ')[0] ?? '';
  if (name && !NOT_A_NAME.test(firstWord))
    words.businessName = name.replace(/(?<![\s,.;:])[\s,.;:]+$/, '').slice(0, 200);

  words.category = guessCallKind(text);
  const task = text.trim();
  if (task.length >= 10) words.task = task.slice(0, 1000);
  return words;
}
