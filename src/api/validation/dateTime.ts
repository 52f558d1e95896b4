/** Dates, times and zones we send: YYYY-MM-DD that exists on the calendar, HH:MM on a 24-hour
 *  clock, and IANA zone names this runtime's zone database knows. */

export function isValidDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function isValidTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `Area/Location` (or `UTC`) spelled like an IANA name. */
const ZONE_SHAPE = /^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/;
const zoneCache = new Map<string, boolean>();

/** An IANA time-zone name the zone database knows (`UTC`, `America/New_York`, `Etc/GMT+5`);
 *  `Mars/Base` has the shape of one but Intl refuses it with a RangeError. */
export function isValidTimeZone(value: string): boolean {
  if (!ZONE_SHAPE.test(value)) return false;
  let known = zoneCache.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    if (zoneCache.size < 1000) zoneCache.set(value, known);
  }
  return known;
}
