/** What a call status means to a person, in the UI language: its label from the one code table
 *  (src/format/codes.ts) and a sentence. Unknown statuses read as neutral. */
import { callTone, isKnownCallStatus, type CallTone } from '../api/callStatus';
import { codeLabel } from './codes';
import { t } from './locale';

export interface CallStatusText {
  label: string;
  explanation: string;
  known: boolean;
  tone: CallTone;
}

const EXPLANATIONS: Record<string, () => string> = {
  success: () => t('The call reached the business and completed its task.'),
  no_answer: () => t('Nobody picked up.'),
  busy: () => t('The line was busy.'),
  failed: () => t('The call could not be completed.'),
  voicemail: () => t('The call reached voicemail.'),
  cancelled: () => t('The call was cancelled or stopped before it finished.'),
  terminated: () => t('The line dropped before the task was done.'),
  scheduled: () => t('The call will be placed at its scheduled time.'),
  queued: () => t('The call is waiting to be placed.'),
  ringing: () => t('The phone is ringing.'),
  in_progress: () => t('KallyAI is on the phone now.'),
};

export function describeCallStatus(status: string): CallStatusText {
  const label = codeLabel('callStatus', status || 'unknown');
  if (isKnownCallStatus(status) && Object.hasOwn(EXPLANATIONS, status)) {
    return { label, explanation: EXPLANATIONS[status](), known: true, tone: callTone(status) };
  }
  return { label, explanation: t('The call ended with status "{0}".', label), known: false, tone: 'neutral' };
}
