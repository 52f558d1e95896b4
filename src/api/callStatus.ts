/** What a call status means to a person. The set is open (a real call returned `terminated`):
 *  unknown values are treated as terminal and neutral (contract §12). */
export const RUNNING_CALL_STATUSES: readonly string[] = ['queued', 'ringing', 'in_progress'];
export const SCHEDULED_CALL_STATUS = 'scheduled';

type Tone = 'good' | 'bad' | 'neutral' | 'running';
const KNOWN: Record<string, { label: string; explanation: string; tone: Tone }> = {
  success: { label: 'Succeeded', explanation: 'The call reached the business and completed its task.', tone: 'good' },
  no_answer: { label: 'No answer', explanation: 'Nobody picked up.', tone: 'bad' },
  busy: { label: 'Busy', explanation: 'The line was busy.', tone: 'bad' },
  failed: { label: 'Failed', explanation: 'The call could not be completed.', tone: 'bad' },
  voicemail: { label: 'Voicemail', explanation: 'The call reached voicemail.', tone: 'neutral' },
  cancelled: { label: 'Cancelled', explanation: 'The call was cancelled or stopped before it finished.', tone: 'neutral' },
  terminated: { label: 'Ended early', explanation: 'The line dropped before the task was done.', tone: 'bad' },
  scheduled: { label: 'Scheduled', explanation: 'The call will be placed at its scheduled time.', tone: 'neutral' },
  queued: { label: 'Queued', explanation: 'The call is waiting to be placed.', tone: 'running' },
  ringing: { label: 'Ringing', explanation: 'The phone is ringing.', tone: 'running' },
  in_progress: { label: 'In progress', explanation: 'KallyAI is on the phone now.', tone: 'running' },
};

export function describeCallStatus(status: string): { label: string; explanation: string; known: boolean; tone: Tone } {
  const known = KNOWN[status];
  if (known) return { ...known, known: true };
  const label = String(status || 'unknown').replace(/_/g, ' ');
  return { label: label.charAt(0).toUpperCase() + label.slice(1), explanation: `The call ended with status "${label}".`, known: false, tone: 'neutral' };
}

export function isRunningCallStatus(status: string): boolean {
  return RUNNING_CALL_STATUSES.includes(status);
}
