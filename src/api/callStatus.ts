/** Call statuses as data: which mean "running", and how each one went (its tone). The set is
 *  open (a real call returned `terminated`): unknown values are terminal and neutral (contract
 *  §12). Words for people are made at the UI edge (src/format/callStatus.ts). */
export const RUNNING_CALL_STATUSES: readonly string[] = ['queued', 'ringing', 'in_progress'];
export const SCHEDULED_CALL_STATUS = 'scheduled';

export type CallTone = 'good' | 'bad' | 'neutral' | 'running';

const TONES: Record<string, CallTone> = {
  success: 'good',
  no_answer: 'bad',
  busy: 'bad',
  failed: 'bad',
  voicemail: 'neutral',
  cancelled: 'neutral',
  terminated: 'bad',
  scheduled: 'neutral',
  queued: 'running',
  ringing: 'running',
  in_progress: 'running',
};

export function callTone(status: string): CallTone {
  return TONES[status] ?? 'neutral';
}

export function isKnownCallStatus(status: string): boolean {
  return status in TONES;
}

export function isRunningCallStatus(status: string): boolean {
  return RUNNING_CALL_STATUSES.includes(status);
}
