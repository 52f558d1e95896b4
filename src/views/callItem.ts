import * as vscode from 'vscode';
import { callCreatedAt, callSummary, type Call } from '../api/schemas/calls';
import {
  blocks,
  creditsLabel,
  type Markdown,
  describeCallStatus,
  formatDuration,
  join,
  md,
  phoneForPeople,
  raw,
  shortDateTime,
  t,
} from '../format';
import {
  businessName,
  callLabel,
  callPhone,
  hasAppointment,
  hasTranscript,
  isRunning,
  isScheduled,
} from '../models/call';
import { icon } from './viewNode';

export { callLabel, hasAppointment, hasTranscript, isRunning, isScheduled };

/** How a call looks in the Calls view: its icon and colour per status (a neutral one for statuses
 *  we do not know), its description, tooltip and context tokens. */

const STATUS_ICON: Record<string, [string, string | undefined]> = {
  success: ['pass', 'testing.iconPassed'],
  no_answer: ['bell-slash', 'list.warningForeground'],
  busy: ['circle-slash', 'list.warningForeground'],
  voicemail: ['mail', 'list.warningForeground'],
  failed: ['error', 'testing.iconFailed'],
  terminated: ['debug-disconnect', 'testing.iconFailed'],
  cancelled: ['circle-slash', 'disabledForeground'],
  scheduled: ['calendar', 'charts.blue'],
};

export function callIcon(call: Call): vscode.ThemeIcon {
  if (isRunning(call)) return icon('loading~spin', 'charts.blue');
  const known = STATUS_ICON[call.status];
  return known ? icon(known[0], known[1]) : icon('circle-large-outline');
}

/** "call live", "call scheduled", "call hasTranscript hasAppointment" (package.json menus match these tokens). */
export function callContextValue(call: Call): string {
  if (isRunning(call)) return 'call live';
  if (isScheduled(call)) return 'call scheduled';
  return ['call', hasTranscript(call) ? 'hasTranscript' : '', hasAppointment(call) ? 'hasAppointment' : '']
    .filter(Boolean)
    .join(' ');
}

export function callDescription(call: Call): string {
  const status = describeCallStatus(call.status);
  const when = isScheduled(call)
    ? shortDateTime(call.scheduled_for ?? callCreatedAt(call))
    : shortDateTime(callCreatedAt(call));
  return [status.label, when, isRunning(call) ? undefined : formatDuration(call.duration_seconds)]
    .filter(Boolean)
    .join(' · ');
}

export function callTooltip(call: Call): Markdown {
  const status = describeCallStatus(call.status);
  const phone = callPhone(call);
  const task = call.submission?.task_description;
  const summary = callSummary(call);
  const facts = [
    isScheduled(call) && call.scheduled_for
      ? t('Scheduled for {0}', shortDateTime(call.scheduled_for) ?? '')
      : undefined,
    callCreatedAt(call) ? t('Placed {0}', shortDateTime(callCreatedAt(call)) ?? '') : undefined,
    formatDuration(call.duration_seconds) ? t('Duration {0}', formatDuration(call.duration_seconds) ?? '') : undefined,
    call.credits_used != null ? creditsLabel(call.credits_used) : undefined,
  ];
  return blocks(
    md`**${callLabel(call)}**${phone && businessName(call) ? md` · ${phoneForPeople(phone)}` : ''}`,
    md`${raw(`$(${callIcon(call).id})`)} ${status.label} — ${status.explanation}`,
    task ? md`${t('Task')}: ${task}` : undefined,
    summary ? md`${t('Outcome')}: ${summary}` : undefined,
    join(facts, ' · '),
  );
}

/** Running calls first, then scheduled ones, then the history in the server's (newest first) order. */
export function orderCalls(calls: readonly Call[]): Call[] {
  const rank = (c: Call) => (isRunning(c) ? 0 : isScheduled(c) ? 1 : 2);
  return calls
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c);
}
