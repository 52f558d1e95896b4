/** What the person hears when a call ends: the status in plain words, the highlights and the next
 *  steps, with "Open Transcript", "Add to Calendar" (a call that booked a date and time) and
 *  "Call Again". The buttons run the same commands as the Calls view. */
import * as vscode from 'vscode';
import { callSummary, type Call } from '../../api/schemas/calls';
import { describeCallStatus, t } from '../../format';
import { hasTranscript } from '../../models/call';
import type { CommandContext } from '../commandContext';
import { notificationText, plainText } from '../../format/sinks';
import { notify } from '../../platform/notify';

const MAX_SUMMARY = 400;

/** One paragraph for the notification: "Call to Luigi's — Succeeded: <explanation> <highlights> Next steps: …". */
export function outcomeText(call: Call, who: string): string {
  const status = describeCallStatus(call.status);
  const parts = [t('Call to {0} — {1}: {2}', who, status.label, status.explanation)];
  const summary = callSummary(call);
  if (summary) parts.push(clip(summary));
  if (call.next_steps) parts.push(t('Next steps: {0}', clip(call.next_steps)));
  return parts.join(' ');
}

/** Shows the outcome; resolves when the notification closes (callers do not wait for it). */
export async function showCallOutcome(
  ctx: CommandContext,
  call: Call,
  who: string,
  callAgain: () => unknown,
  requested: { date?: string; time?: string } = {},
): Promise<void> {
  const status = describeCallStatus(call.status);
  const openTranscript = plainText(t('Open Transcript'));
  const addToCalendar = plainText(t('Add to Calendar'));
  const again = plainText(t('Call Again'));
  const date = call.submission?.appointment_date ?? requested.date;
  const time = call.submission?.appointment_time ?? requested.time;
  const buttons = [
    ...(hasTranscript(call) ? [openTranscript] : []),
    ...(call.status === 'success' && date && time ? [addToCalendar] : []),
    again,
  ];
  const choice = await notify(
    status.tone === 'bad' ? 'error' : status.tone === 'good' ? 'info' : 'warning',
    notificationText(outcomeText(call, who)),
    ...buttons,
  );
  try {
    if (choice === openTranscript)
      await vscode.commands.executeCommand('kallyai.calls.openTranscript', { id: call.call_id });
    else if (choice === addToCalendar)
      await vscode.commands.executeCommand('kallyai.calls.addToCalendar', { id: call.call_id });
    else if (choice === again) await callAgain();
  } catch (e) {
    ctx.errors.show(e);
  }
}

function clip(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > MAX_SUMMARY ? `${flat.slice(0, MAX_SUMMARY - 1)}…` : flat;
}
