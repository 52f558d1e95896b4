/** How the extension reads a call (contract §4.2): who it was with, whether it is running, and
 *  what a person can open for it. Shared by views, documents, pages, commands and chat. No `vscode`. */
import { isRunningCallStatus, SCHEDULED_CALL_STATUS } from '../api/callStatus';
import { callCreatedAt, type Call } from '../api/schemas/calls';
import { isoDay, phoneForPeople, shortDate, t } from '../format';

export const isRunning = (call: Call) => isRunningCallStatus(call.status);
export const isScheduled = (call: Call) => call.status === SCHEDULED_CALL_STATUS;

export function businessName(call: Call): string | undefined {
  return call.submission?.business_name ?? call.business_name ?? undefined;
}

export function callPhone(call: Call): string | undefined {
  return call.submission?.respondent_phone ?? call.to ?? undefined;
}

/** The business, else the number as a person reads it. Never the call id. */
export function callLabel(call: Call): string {
  const phone = callPhone(call);
  return businessName(call) ?? (phone ? phoneForPeople(phone) : t('Unnamed call'));
}

/** "Luigi's Trattoria — call, Nov 29": a tab title. */
export function callTabTitle(call: Call, what: string): string {
  const day = shortDate(callCreatedAt(call) ?? call.scheduled_for);
  return day ? t('{0} — {1}, {2}', callLabel(call), what, day) : t('{0} — {1}', callLabel(call), what);
}

/** "Luigi's Trattoria 2026-11-29": what a call's files are named after. */
export function callFileName(call: Call): string {
  const day = isoDay(callCreatedAt(call) ?? call.scheduled_for);
  return day ? `${callLabel(call)} ${day}` : callLabel(call);
}

/** "Luigi's Trattoria 2026-12-04": a calendar entry is named after the day of the appointment it
 *  holds (as the call wrote it: a day on the business's calendar), else after the call's day. */
export function appointmentFileName(call: Call): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(call.submission?.appointment_date ?? '')?.[0];
  return day ? `${callLabel(call)} ${day}` : callFileName(call);
}

const NO_TRANSCRIPT = new Set(['no_answer', 'busy', 'failed', 'scheduled']);

/** A transcript exists once the call has ended after someone (or a voicemail) answered. */
export function hasTranscript(call: Call): boolean {
  if (isRunning(call) || NO_TRANSCRIPT.has(call.status)) return false;
  // A call cancelled before it was placed (a scheduled one) has nothing to read; one stopped mid-call has.
  if (call.status === 'cancelled') return (call.duration_seconds ?? 0) > 0;
  return true;
}

/** A booked appointment that the calendar entry describes. */
export function hasAppointment(call: Call): boolean {
  return call.status === 'success' && !!call.submission?.appointment_date;
}

/** How long after a call ends its transcript may still be on its way. */
const TRANSCRIPT_DELAY_MS = 10 * 60_000;

/** A call that ended more than a few minutes ago: a transcript the server does not have will not come. */
export function endedAWhileAgo(call: Call, now = Date.now()): boolean {
  if (isRunning(call) || isScheduled(call)) return false;
  const ended = Date.parse(call.ended_at ?? callCreatedAt(call) ?? '');
  return Number.isFinite(ended) && now - ended > TRANSCRIPT_DELAY_MS;
}

/** Why a call has no transcript, in one sentence (for "Open Transcript" on such a call). */
export function noTranscriptReason(call: Call): string {
  if (isRunning(call)) return t('The call is still going on: its transcript is ready when it ends.');
  if (isScheduled(call)) return t('The call has not been placed yet, so there is no transcript.');
  if (call.status === 'no_answer') return t('Nobody answered, so there is no transcript.');
  if (call.status === 'busy') return t('The line was busy, so there is no transcript.');
  return t('This call has no transcript.');
}
