/** calendar.ics of a call with an appointment date and time: a VCALENDAR with one VEVENT. */
import type { CallRecord } from '../state';
import { businessOf } from './outcome';

const DURATION_MIN: Record<string, number> = { restaurant: 120, clinic: 45, hotel: 60, general: 30 };

function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (rest.length > 74) {
    out.push(rest.slice(0, 74));
    rest = ` ${rest.slice(74)}`;
  }
  out.push(rest);
  return out.join('\r\n');
}

function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Offset (ms) of an IANA zone at a moment: local wall time minus UTC. */
function zoneOffset(timeZone: string, utcMs: number): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(utcMs);
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - utcMs;
  } catch {
    return 0;
  }
}

/** UTC ms of a wall-clock time in a zone. */
export function zonedToUtc(timeZone: string, wallMs: number): number {
  const first = wallMs - zoneOffset(timeZone, wallMs);
  return wallMs - zoneOffset(timeZone, first);
}

export function hasAppointment(call: CallRecord): boolean {
  return !!(call.submission.appointment_date && call.submission.appointment_time);
}

export function callToIcs(call: CallRecord): string {
  const s = call.submission;
  const biz = businessOf(s);
  const [y, mo, d] = (s.appointment_date as string).split('-').map(Number);
  const [h, m] = (s.appointment_time as string).split(':').map(Number);
  const startMs = zonedToUtc(call.timezone || 'UTC', Date.UTC(y, mo - 1, d, h, m));
  const endMs = startMs + (DURATION_MIN[s.task_category] ?? 30) * 60_000;
  const title =
    s.task_category === 'restaurant'
      ? `Table for ${s.party_size ?? 2} at ${biz}`
      : s.task_category === 'clinic'
        ? `Appointment at ${biz}`
        : `${biz}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//KallyAI//Sandbox//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${call.call_id}@sandbox.kallyai`,
    `DTSTAMP:${stamp(Date.parse(call.created_at))}`,
    `DTSTART:${stamp(startMs)}`,
    `DTEND:${stamp(endMs)}`,
    `SUMMARY:${escapeText(title)}`,
    `DESCRIPTION:${escapeText(call.highlights ?? s.task_description)}`,
    `LOCATION:${escapeText(biz)}`,
    'STATUS:CONFIRMED',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
