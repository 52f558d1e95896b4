/** Wall-clock times in a person's time zone (kallyai.timezone) as the ISO-8601 instants the API
 *  takes, and back: "Friday 19:30 in Europe/Madrid" → 2026-03-13T19:30:00+01:00, across
 *  daylight-saving changes. No `vscode`. */

const pad = (n: number) => String(n).padStart(2, '0');

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in a zone at an instant. */
export function wallClock(instantMs: number, timeZone: string): { date: string; time: string; offsetMinutes: number } {
  const parts = Object.fromEntries(
    partsIn(timeZone)
      .formatToParts(new Date(instantMs))
      .map((p) => [p.type, p.value]),
  );
  const hour = Number(parts.hour) % 24;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    hour,
    Number(parts.minute),
    Number(parts.second),
  );
  const offsetMinutes = Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${pad(hour)}:${parts.minute}`, offsetMinutes };
}

/** The instant a wall-clock date and time in a zone names. A time that happens twice (clocks go
 *  back) is its first occurrence; one that does not exist (the hour skipped when clocks go
 *  forward) moves forward by the gap, as calendars do. */
export function instantOf(date: string, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const asUtc = Date.UTC(y, m - 1, d, h, min);
  const before = wallClock(asUtc - 12 * 3_600_000, timeZone).offsetMinutes;
  const after = wallClock(asUtc + 12 * 3_600_000, timeZone).offsetMinutes;
  const candidates = [...new Set([asUtc - before * 60_000, asUtc - after * 60_000])];
  const matching = candidates.filter((c) => {
    const w = wallClock(c, timeZone);
    return w.date === date && w.time === time;
  });
  return matching.length ? Math.min(...matching) : asUtc - before * 60_000;
}

/** "+01:00", "-05:00", "Z" stays "+00:00" (the API takes either). */
function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as ISO-8601 with the zone's offset: 2026-03-13T19:30:00+01:00. */
export function isoInZone(instantMs: number, timeZone: string): string {
  const w = wallClock(instantMs, timeZone);
  return `${w.date}T${w.time}:00${offsetText(w.offsetMinutes)}`;
}

/** A calendar event's start and end, from a wall-clock date and time in a zone and a length. */
export function eventTimes(
  date: string,
  time: string,
  minutes: number,
  timeZone: string,
): { start: string; end: string; startMs: number; endMs: number } {
  const startMs = instantOf(date, time, timeZone);
  const endMs = startMs + minutes * 60_000;
  return { start: isoInZone(startMs, timeZone), end: isoInZone(endMs, timeZone), startMs, endMs };
}

/** What a person typed for an event's length: a duration ("1h", "90 min", "1h30", "1:30",
 *  "2 hours") or an end time ("until 21:30", "to 9pm"). */
export type LengthReading =
  { kind: 'minutes'; minutes: number } | { kind: 'until'; text: string } | { kind: 'unknown' };

export function readLength(typed: string): LengthReading {
  const v = typed.trim().toLowerCase();
  if (!v) return { kind: 'unknown' };
  const until = /^(?:until|till|til|to|ends?(?: at)?|hasta(?: las?)?|-|–)\s*(\S.*)$/.exec(v);
  if (until) return { kind: 'until', text: until[1].trim() };
  const clock = /^(\d{1,2}):(\d{2})$/.exec(v);
  if (clock) return { kind: 'minutes', minutes: Number(clock[1]) * 60 + Number(clock[2]) };
  const hm =
    /^(\d+(?:[.,]\d+)?)\s*(h|hr|hrs|hour|hours|hora|horas)\s*(?:(\d{1,2})\s*(m|min|mins|minute|minutes|minutos?)?)?$/.exec(
      v,
    );
  if (hm) return { kind: 'minutes', minutes: Math.round(Number(hm[1].replace(',', '.')) * 60) + Number(hm[3] ?? 0) };
  const m = /^(\d+)\s*(m|min|mins|minute|minutes|minuto|minutos)?$/.exec(v);
  if (m) return { kind: 'minutes', minutes: Number(m[1]) };
  return { kind: 'unknown' };
}

/** The instant shown for people in a zone: "Fri, Mar 13, 19:30". */
export function formatInZone(iso: string | null | undefined, timeZone: string, locale = 'en'): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  try {
    return new Date(ms).toLocaleString(locale, {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  } catch {
    return new Date(ms).toLocaleString(locale, {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  }
}

/** "19:30" of an instant in a zone. */
export function timeInZone(iso: string | null | undefined, timeZone: string): string | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  try {
    return wallClock(ms, timeZone).time;
  } catch {
    return undefined;
  }
}

/** Today in a zone, YYYY-MM-DD. */
export function todayIn(timeZone: string, now = Date.now()): string {
  try {
    return wallClock(now, timeZone).date;
  } catch {
    const d = new Date(now);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }
}
