/** Wall-clock time helpers and the simulated clock (--time-scale K runs simulated time K× faster). */

export interface Clock {
  readonly scale: number;
  /** Real milliseconds a span of simulated seconds takes. */
  realMs(simSeconds: number): number;
  /** Simulated seconds elapsed since a real start time (ms). */
  simSecondsSince(startMs: number): number;
}

export function createClock(scale = 1): Clock {
  const k = Number.isFinite(scale) && scale > 0 ? scale : 1;
  return {
    scale: k,
    realMs: (simSeconds) => (simSeconds * 1000) / k,
    simSecondsSince: (startMs) => ((Date.now() - startMs) * k) / 1000,
  };
}

/** ISO-8601 UTC without milliseconds, e.g. 2026-02-13T10:00:00Z. */
export function iso(ms: number = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** YYYY-MM-DD of a moment, UTC. */
export function ymd(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Today's date YYYY-MM-DD in an IANA zone (UTC when the zone is unknown). */
export function todayIn(timeZone: string | undefined, nowMs = Date.now()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: timeZone || 'UTC',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(nowMs);
  } catch {
    return ymd(nowMs);
  }
}

export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function isValidTime(s: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
}

/** 'Friday, March 6' for a YYYY-MM-DD date. */
const SPOKEN_DATE = new Intl.DateTimeFormat('en-US', {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});

export function spokenDate(date: string): string {
  return SPOKEN_DATE.format(new Date(`${date}T12:00:00Z`));
}

/** '7:30 PM' for '19:30'. */
export function spokenTime(time: string): string {
  const [h, m] = time.split(':').map(Number);
  const suffix = h >= 12 ? 'PM' : 'AM';
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}:${String(m).padStart(2, '0')} ${suffix}`;
}

/** HH:MM:SS of a number of seconds. */
export function hms(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
}
