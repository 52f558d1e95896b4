/** What a simulated call ends with: status and duration per test number, highlights and next steps per category. */
import { spokenDate, spokenTime } from '../clock';
import type { Submission } from '../state';

export interface CallPlan {
  status: string;
  durationSeconds: number;
}

/** Test numbers with a fixed outcome (README has the table). Any other valid number succeeds. */
const PLANS: Record<string, CallPlan> = {
  '+12015550101': { status: 'no_answer', durationSeconds: 31.5 },
  '+12015550102': { status: 'busy', durationSeconds: 6.2 },
  '+12015550103': { status: 'voicemail', durationSeconds: 48.7 },
  '+12015550104': { status: 'failed', durationSeconds: 3.1 },
  '+12015550105': { status: 'terminated', durationSeconds: 1.99 },
  '+12015550199': { status: 'success', durationSeconds: 600.4 },
};

export function planFor(phone: string): CallPlan {
  return PLANS[phone] ?? { status: 'success', durationSeconds: 90.6 };
}

/** Credits: 1.0 + 0.1 per started minute for calls that connected; no charge for no_answer/busy/failed. */
export function callCost(status: string, durationSeconds: number): number {
  if (['no_answer', 'busy', 'failed'].includes(status)) return 0;
  if (status === 'cancelled' && durationSeconds <= 0) return 0;
  return Math.round((1 + 0.1 * Math.max(1, Math.ceil(durationSeconds / 60))) * 100) / 100;
}

export function businessOf(s: Submission): string {
  return (
    s.business_name?.trim() ||
    ({ restaurant: 'the restaurant', clinic: 'the clinic', hotel: 'the hotel' } as Record<string, string>)[
      s.task_category
    ] ||
    'the business'
  );
}

export function whenOf(s: Submission): { date: string; time: string } {
  const date = s.appointment_date ? spokenDate(s.appointment_date) : s.time_preference_text?.trim() || 'today';
  const time = s.appointment_time
    ? spokenTime(s.appointment_time)
    : s.task_category === 'restaurant'
      ? '8:00 PM'
      : '10:30 AM';
  return { date, time };
}

/** A one-line answer to a general question, derived from its wording. */
export function generalAnswer(task: string): string {
  const t = task.toLowerCase();
  if (/\b(open|hours|close)\b/.test(t))
    return 'they are open today from 9:00 AM to 6:00 PM and on Saturday from 10:00 AM to 2:00 PM';
  if (/\b(price|cost|how much|quote|fee)\b/.test(t))
    return 'the price is $45, taxes included, and they can do it this week';
  if (/\b(stock|available|availability|have)\b/.test(t))
    return 'it is in stock and they will hold one for you until tomorrow evening';
  if (/\b(cancel)\b/.test(t)) return 'the cancellation is done and no fee applies';
  if (/\b(order|deliver|delivery)\b/.test(t)) return 'your order is on its way and should arrive by 5:00 PM';
  return `they confirmed they can help with "${task.replace(/\s+/g, ' ').slice(0, 80)}"`;
}

export function describeOutcome(
  s: Submission,
  status: string,
  durationSeconds: number,
): { highlights: string; next_steps: string } {
  const biz = businessOf(s);
  const { date, time } = whenOf(s);
  const who = s.user_name ? ` under the name ${s.user_name}` : '';
  const party = s.party_size ?? 2;
  switch (status) {
    case 'success':
      switch (s.task_category) {
        case 'restaurant':
          return {
            highlights: `Table booked for ${party} at ${biz} on ${date} at ${time}${who}.`,
            next_steps: `Arrive 10 minutes early. To change the booking, call ${biz} at ${s.respondent_phone}.`,
          };
        case 'clinic':
          return {
            highlights: `Appointment confirmed at ${biz} on ${date} at ${time}${who}.`,
            next_steps: 'Bring your ID and insurance card and arrive 15 minutes early.',
          };
        case 'hotel':
          return {
            highlights: `${cap(biz)} has rooms available for ${date}: a double room at $189 per night, breakfast included.`,
            next_steps: `Ask KallyAI to reserve it, or call ${biz} to book before the rate changes.`,
          };
        default:
          return {
            highlights: `${cap(biz)} answered: ${generalAnswer(s.task_description)}.`,
            next_steps: 'No further action is needed.',
          };
      }
    case 'no_answer':
      return {
        highlights: `Nobody answered at ${biz} after 8 rings.`,
        next_steps: 'Try again later or at a different time of day.',
      };
    case 'busy':
      return { highlights: `The line at ${biz} was busy.`, next_steps: 'Try again in a few minutes.' };
    case 'voicemail':
      return {
        highlights: `Reached the voicemail of ${biz} and left a message asking them to call back${s.user_phone ? ` at ${s.user_phone}` : ''}.`,
        next_steps: 'Wait for their call back, or try again during opening hours.',
      };
    case 'failed':
      return {
        highlights: 'The call could not be connected (carrier error).',
        next_steps: 'Check the number and try again.',
      };
    case 'terminated':
      return { highlights: 'The line dropped before anyone spoke.', next_steps: 'Try the call again.' };
    case 'cancelled':
      return durationSeconds > 0
        ? {
            highlights: `You stopped the call after ${Math.round(durationSeconds)} seconds.`,
            next_steps: 'Place the call again when you are ready.',
          }
        : {
            highlights: 'The call was cancelled before it started.',
            next_steps: 'Place or schedule the call again when you are ready.',
          };
    default:
      return { highlights: `The call ended with status ${status}.`, next_steps: '' };
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
