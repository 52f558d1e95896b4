/** Runs a call on the simulated clock: in_progress until its planned end or a stop; credits are
 *  deducted at the end. Its timestamps are wall-clock times, never in the future. A call that ends
 *  while the run is hostile (hostileText.ts) ends with payloads for its highlights, next steps and
 *  transcript (the words a "call finished" notification and the call page show). */
import type { RunningCall, Sandbox } from '../context';
import { spend } from '../credits';
import type { CallRecord } from '../state';
import { hms } from '../clock';
import { type HostileText, pick } from '../hostileText';
import { type CallPlan } from './outcome';
import { endCall } from './record';
import { transcriptOf } from './transcript';

export function startCall(sb: Sandbox, call: CallRecord, plan: CallPlan): RunningCall {
  const startMs = Date.now();
  const generation = sb.generation;
  let resolveDone!: (c: CallRecord) => void;
  const done = new Promise<CallRecord>((resolve) => {
    resolveDone = resolve;
  });
  let finished = false;

  const finish = (status: string, durationSeconds: number) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    // Under --time-scale K the simulated end (start + duration) lies in the future of the wall
    // clock: timestamps say when the call really ended; duration_seconds keeps the simulated length.
    endCall(call, status, durationSeconds, Math.min(startMs + durationSeconds * 1000, Date.now()));
    if (sb.hostile) hostileOutcome(call, sb.hostile);
    sb.running.delete(call.call_id);
    if (generation === sb.generation && call.credits_used) {
      spend(sb, call.credits_used, 'call', `Call to ${call.business_name ?? call.to}`);
    }
    sb.changed();
    resolveDone(call);
  };

  const timer = setTimeout(() => finish(plan.status, plan.durationSeconds), sb.clock.realMs(plan.durationSeconds));
  const running: RunningCall = {
    call,
    done,
    stop: () =>
      finish('cancelled', Math.min(plan.durationSeconds, Math.round(sb.clock.simSecondsSince(startMs) * 100) / 100)),
  };
  sb.running.set(call.call_id, running);
  return running;
}

/** The outcome's words as payloads (status, duration and credits stay as the call ended). */
function hostileOutcome(call: CallRecord, h: HostileText): void {
  call.highlights = pick(h, 172);
  call.next_steps = h.payloads.map((x) => `- ${x}`).join('\n');
  const step = Math.max(1, (call.duration_seconds ?? 0) / Math.max(1, h.payloads.length));
  // A transcript only where the call would have had one (nobody speaks on a busy line).
  if (transcriptOf(call))
    call.transcript = h.payloads.map((content, i) => ({
      speaker: i % 2 ? 'AI' : 'HUMAN',
      content,
      timestamp: hms(i * step),
    }));
}
