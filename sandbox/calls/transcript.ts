/** Transcripts that fit the call: category, business, party size, date and time; derived from the call, not stored. */
import { hms } from '../clock';
import type { CallRecord, Submission } from '../state';
import { businessOf, generalAnswer, planFor, whenOf } from './outcome';

export interface TranscriptEntry {
  speaker: 'AI' | 'HUMAN';
  content: string;
  timestamp: string;
}

const STAFF = ['Marco', 'Laura', 'Sam', 'Priya', 'Diego', 'Emma'];

function pick<T>(list: T[], seed: string): T {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return list[h % list.length];
}

function conversation(s: Submission, staff: string): [TranscriptEntry['speaker'], string][] {
  const biz = businessOf(s);
  const user = s.user_name || 'my client';
  const { date, time } = whenOf(s);
  const party = s.party_size ?? 2;
  const extra = s.additional_instructions?.length ? s.additional_instructions.join('; ') : '';
  switch (s.task_category) {
    case 'restaurant':
      return [
        ['HUMAN', `Good evening, ${biz}, ${staff} speaking. How can I help you?`],
        [
          'AI',
          `Hi ${staff}, I'm an assistant calling on behalf of ${user}. I'd like to book a table for ${party} on ${date} at ${time}.`,
        ],
        ['HUMAN', `Let me check the book for ${date}... Yes, I have a table for ${party} at ${time}.`],
        ['AI', `Perfect. Could you put it under the name ${user}?`],
        ['HUMAN', 'Of course. Any allergies or special requests?'],
        ['AI', extra ? `Yes: ${extra}.` : 'No, nothing special, thank you.'],
        ['HUMAN', `All set: a table for ${party} on ${date} at ${time} under ${user}.`],
        ['AI', 'Thank you very much. Have a great evening, goodbye!'],
      ];
    case 'clinic':
      return [
        ['HUMAN', `${biz}, this is ${staff} at reception. How may I help?`],
        ['AI', `Hello, I'm calling on behalf of ${user} to book an appointment. ${s.task_description}`],
        ['HUMAN', 'Is this a new patient or an existing one?'],
        ['AI', `${user} is an existing patient.`],
        ['HUMAN', `I can offer ${date} at ${time}. Would that work?`],
        ['AI', `Yes, ${date} at ${time} works. Please book it.`],
        ['HUMAN', 'Done. Please bring an ID and the insurance card, and arrive 15 minutes early.'],
        ['AI', 'Noted. Thank you for your help, goodbye!'],
      ];
    case 'hotel':
      return [
        ['HUMAN', `Thank you for calling ${biz}, ${staff} speaking.`],
        ['AI', `Hi, I'm calling on behalf of ${user}. Do you have a room available for ${date}?`],
        ['HUMAN', 'For how many guests?'],
        ['AI', `For ${party} guests. ${s.task_description}`],
        ['HUMAN', 'We have a double room at $189 per night, breakfast included.'],
        ['AI', 'Is the rate refundable if plans change?'],
        ['HUMAN', 'Yes, free cancellation up to 48 hours before arrival.'],
        ['AI', 'Great, I will pass this on. Thank you, goodbye!'],
      ];
    default:
      return [
        ['HUMAN', `Hello, ${biz}, ${staff} speaking.`],
        ['AI', `Hi ${staff}, I'm an assistant calling on behalf of ${user}. ${s.task_description}`],
        ['HUMAN', 'Sure, give me a second to check.'],
        ['AI', 'Of course, take your time.'],
        ['HUMAN', `Okay: ${generalAnswer(s.task_description)}.`],
        ['AI', 'Thank you, that is exactly what I needed.'],
        ['HUMAN', 'Anything else I can help with?'],
        ['AI', 'No, that is all. Have a nice day, goodbye!'],
      ];
  }
}

function spread(turns: [TranscriptEntry['speaker'], string][], duration: number): TranscriptEntry[] {
  const step = Math.max(1, (duration - 4) / Math.max(1, turns.length - 1));
  return turns.map(([speaker, content], i) => ({ speaker, content, timestamp: hms(2 + i * step) }));
}

/** The transcript of a call, or undefined when there is none (not connected, scheduled, running). */
export function transcriptOf(call: CallRecord): TranscriptEntry[] | undefined {
  if (call.transcript) return call.transcript as TranscriptEntry[];
  const s = call.submission;
  const staff = pick(STAFF, call.call_id);
  const duration = call.duration_seconds ?? 0;
  switch (call.status) {
    case 'success':
      return spread(conversation(s, staff), duration);
    case 'voicemail':
      return spread(
        [
          [
            'HUMAN',
            `You have reached ${businessOf(s)}. We can't take your call right now; please leave a message after the tone.`,
          ],
          [
            'AI',
            `Hello, this is an assistant calling on behalf of ${s.user_name || 'a client'} about the following: ${s.task_description} Please call back${s.user_phone ? ` at ${s.user_phone}` : ''}. Thank you.`,
          ],
        ],
        duration,
      );
    case 'cancelled': {
      if (duration <= 0) return undefined;
      const full = spread(conversation(s, staff), planFor(s.respondent_phone).durationSeconds);
      const heard = full.filter((e) => toSeconds(e.timestamp) <= duration);
      return heard.length ? heard : undefined;
    }
    default:
      return undefined;
  }
}

function toSeconds(ts: string): number {
  const [h, m, s] = ts.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}
