/** What a call status means to a person, in the UI language. Unknown statuses read as neutral. */
import { callTone, isKnownCallStatus, type CallTone } from '../api/callStatus';
import { t } from './locale';
import { humanize } from './text';

export interface CallStatusText { label: string; explanation: string; known: boolean; tone: CallTone }

const WORDS: Record<string, () => [label: string, explanation: string]> = {
  success: () => [t('Succeeded'), t('The call reached the business and completed its task.')],
  no_answer: () => [t('No answer'), t('Nobody picked up.')],
  busy: () => [t('Busy'), t('The line was busy.')],
  failed: () => [t('Failed'), t('The call could not be completed.')],
  voicemail: () => [t('Voicemail'), t('The call reached voicemail.')],
  cancelled: () => [t('Cancelled'), t('The call was cancelled or stopped before it finished.')],
  terminated: () => [t('Ended early'), t('The line dropped before the task was done.')],
  scheduled: () => [t('Scheduled'), t('The call will be placed at its scheduled time.')],
  queued: () => [t('Queued'), t('The call is waiting to be placed.')],
  ringing: () => [t('Ringing'), t('The phone is ringing.')],
  in_progress: () => [t('In progress'), t('KallyAI is on the phone now.')],
};

export function describeCallStatus(status: string): CallStatusText {
  const words = WORDS[status];
  if (words && isKnownCallStatus(status)) {
    const [label, explanation] = words();
    return { label, explanation, known: true, tone: callTone(status) };
  }
  const label = humanize(status || 'unknown');
  return { label, explanation: t('The call ended with status "{0}".', label), known: false, tone: 'neutral' };
}
