/** Dates and times in one style across views, documents, pages and chat, in the UI language:
 *  "Nov 29, 19:30" this year, "Nov 29, 2025, 19:30" otherwise; durations as "1:35". Server
 *  strings that are not dates are returned as they are (the caller escapes them). */
import { locale } from './locale';

function parse(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "Mar 14, 19:30" (this year) or "Mar 14, 2025, 19:30"; a non-date string comes back as is. */
export function shortDateTime(value: string | null | undefined, now = new Date()): string | undefined {
  const d = parse(value);
  if (!d) return value ?? undefined;
  const sameYear = d.getFullYear() === now.getFullYear();
  return d.toLocaleString(locale(), {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "Mar 14, 2026". */
export function longDate(value: string | null | undefined): string | undefined {
  const d = parse(value);
  if (!d) return value ?? undefined;
  return d.toLocaleDateString(locale(), { year: 'numeric', month: 'short', day: 'numeric' });
}

/** "Nov 29" (for tab titles). */
export function shortDate(value: string | null | undefined): string | undefined {
  const d = parse(value);
  if (!d) return value ?? undefined;
  return d.toLocaleDateString(locale(), { month: 'short', day: 'numeric' });
}

/** A calendar day YYYY-MM-DD as a person reads it: "Sunday, December 6, 2026". */
export function calendarDay(isoDay: string): string {
  const d = new Date(`${isoDay}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDay;
  return d.toLocaleDateString(locale(), {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** "2026-03-14" in the local zone. */
export function isoDay(value: string | null | undefined): string | undefined {
  const d = parse(value);
  if (!d) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 95 → "1:35", 3600 → "60:00". */
export function formatDuration(seconds: number | null | undefined): string | undefined {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return undefined;
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "in 52 minutes", "3 hours ago". */
export function relativeTime(ms: number): string {
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const abs = Math.abs(ms);
  const sign = Math.sign(ms) || 1;
  if (abs < 60_000) return rtf.format(sign * Math.round(abs / 1000), 'second');
  if (abs < 3_600_000) return rtf.format(sign * Math.round(abs / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(sign * Math.round(abs / 3_600_000), 'hour');
  return rtf.format(sign * Math.round(abs / 86_400_000), 'day');
}

/** "19:30" / "7:30 PM" for a Date. */
export function clockTime(d: Date): string {
  return d.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' });
}
