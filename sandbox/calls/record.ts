/** Building call records (shared by the seed, /sandbox/seed-calls and the live simulation). */
import { iso } from '../clock';
import type { CallRecord, Submission } from '../state';
import { callCost, describeOutcome } from './outcome';

export function newCallRecord(id: string, submission: Submission, timezone: string, createdMs: number): CallRecord {
  const created = iso(createdMs);
  return {
    call_id: id,
    status: 'in_progress',
    metadata: { created_at: created },
    submission,
    timezone,
    to: submission.respondent_phone,
    ...(submission.business_name ? { business_name: submission.business_name } : {}),
    created_at: created,
  };
}

/** Fill in the outcome of a call that ended with status after durationSeconds (simulated). */
export function endCall(call: CallRecord, status: string, durationSeconds: number, endedMs: number): CallRecord {
  const { highlights, next_steps } = describeOutcome(call.submission, status, durationSeconds);
  const ended = iso(endedMs);
  call.status = status;
  call.highlights = highlights;
  call.next_steps = next_steps;
  call.duration_seconds = Math.round(durationSeconds * 100) / 100;
  call.credits_used = callCost(status, durationSeconds);
  call.metadata = { created_at: call.metadata.created_at, ended_at: ended };
  call.ended_at = ended;
  return call;
}

export function finishedCall(
  id: string,
  submission: Submission,
  timezone: string,
  createdMs: number,
  status: string,
  durationSeconds: number,
): CallRecord {
  return endCall(
    newCallRecord(id, submission, timezone, createdMs),
    status,
    durationSeconds,
    createdMs + durationSeconds * 1000,
  );
}

export function scheduledCall(
  id: string,
  submission: Submission,
  timezone: string,
  createdMs: number,
  scheduledMs: number,
): CallRecord {
  const call = newCallRecord(id, submission, timezone, createdMs);
  call.status = 'scheduled';
  call.scheduled_for = iso(scheduledMs);
  return call;
}
