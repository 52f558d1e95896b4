/** Dates and times as people type them — "tomorrow", "next Friday", "Dec 6", "8pm", "8:30 pm",
 *  "mañana a las 20:00" — read with chrono (English and Spanish), and the calendar checks the
 *  wizard makes on a YYYY-MM-DD date. No `vscode` import. */
import * as en from 'chrono-node/en';
import * as es from 'chrono-node/es';
import { isValidDate } from '../../api/validation/dateTime';

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function parse(text: string, now: Date) {
  const options = { forwardDate: true };
  return en.parse(text, now, options)[0] ?? es.parse(text, now, options)[0];
}

export type DateReading =
  | { kind: 'date'; iso: string }
  | { kind: 'notADate'; text: string }
  | { kind: 'past'; iso: string }
  | { kind: 'unknown' };

/** What a typed date means: a YYYY-MM-DD that exists, a phrase chrono understands, or why not. */
export function readDate(typed: string, now = new Date()): DateReading {
  const text = typed.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (!isValidDate(text)) return { kind: 'notADate', text };
    return text < isoOf(now) ? { kind: 'past', iso: text } : { kind: 'date', iso: text };
  }
  const r = parse(text, now);
  if (!r || r.text.trim().length < text.length * 0.6) return { kind: 'unknown' };
  const iso = isoOf(r.start.date());
  return iso < isoOf(now) ? { kind: 'past', iso } : { kind: 'date', iso };
}

/** A clock time in what was typed ("8pm" → 20:00), when it names one clearly. */
export function readTime(typed: string, now = new Date()): string | undefined {
  const text = typed.trim();
  const exact = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (exact) return Number(exact[1]) < 24 && Number(exact[2]) < 60 ? `${pad(Number(exact[1]))}:${exact[2]}` : undefined;
  // Only a plain time ("8pm", "at 20:30", "a las 21h"), not a preference such as "morning before 11am".
  if (!/^(?:at|a\s+las?)?\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|h|hrs?|o'clock)?$/i.test(text))
    return undefined;
  const r = parse(text, now);
  if (!r || !r.start.isCertain('hour')) return undefined;
  const d = r.start.date();
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today as YYYY-MM-DD in this machine's zone. */
export function todayIso(now = new Date()): string {
  return isoOf(now);
}
