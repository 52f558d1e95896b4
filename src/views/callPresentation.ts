import * as vscode from 'vscode';
import { describeCallStatus, isRunningCallStatus, SCHEDULED_CALL_STATUS } from '../api/callStatus';
import { callCreatedAt, callSummary, type Call } from '../api/schemas/calls';
import { businessName, callPhone } from '../documents/callMarkdown';
import { escapeMarkdown, formatCredits, formatDuration, shortDateTime } from './format';
import { icon } from './viewNode';

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

export const isRunning = (call: Call) => isRunningCallStatus(call.status);
export const isScheduled = (call: Call) => call.status === SCHEDULED_CALL_STATUS;

export function callIcon(call: Call): vscode.ThemeIcon {
  if (isRunning(call)) return icon('loading~spin', 'charts.blue');
  const known = STATUS_ICON[call.status];
  return known ? icon(known[0], known[1]) : icon('circle-large-outline');
}

const NO_TRANSCRIPT = new Set(['no_answer', 'busy', 'failed', 'scheduled']);

/** A transcript exists once the call has ended after someone (or a voicemail) answered. */
export function hasTranscript(call: Call): boolean {
  if (isRunning(call) || NO_TRANSCRIPT.has(call.status)) return false;
  // A call cancelled before it was placed (a scheduled one) has nothing to read; one stopped mid-call has.
  if (call.status === 'cancelled') return (call.duration_seconds ?? 0) > 0;
  return true;
}

/** A booked appointment that the calendar entry describes. */
export function hasAppointment(call: Call): boolean {
  return call.status === 'success' && !!call.submission?.appointment_date;
}

/** "call live", "call scheduled", "call hasTranscript" (package.json menus match these). */
export function callContextValue(call: Call): string {
  if (isRunning(call)) return 'call live';
  if (isScheduled(call)) return 'call scheduled';
  return hasTranscript(call) ? 'call hasTranscript' : 'call';
}

export function callLabel(call: Call): string {
  return businessName(call) ?? callPhone(call) ?? vscode.l10n.t('Call {0}', call.call_id);
}

export function callDescription(call: Call): string {
  const status = describeCallStatus(call.status);
  const when = isScheduled(call) ? shortDateTime(call.scheduled_for ?? callCreatedAt(call)) : shortDateTime(callCreatedAt(call));
  return [status.label, when, isRunning(call) ? undefined : formatDuration(call.duration_seconds)].filter(Boolean).join(' · ');
}

export function callTooltip(call: Call): vscode.MarkdownString {
  const status = describeCallStatus(call.status);
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(callLabel(call))}**`);
  const phone = callPhone(call);
  if (phone && phone !== callLabel(call)) md.appendMarkdown(` · ${escapeMarkdown(phone)}`);
  md.appendMarkdown(`\n\n$(${callIcon(call).id}) ${escapeMarkdown(status.label)} — ${escapeMarkdown(status.explanation)}`);
  const task = call.submission?.task_description;
  if (task) md.appendMarkdown(`\n\n${vscode.l10n.t('Task')}: ${escapeMarkdown(task)}`);
  const summary = callSummary(call);
  if (summary) md.appendMarkdown(`\n\n${vscode.l10n.t('Outcome')}: ${escapeMarkdown(summary)}`);
  const facts = [
    isScheduled(call) && call.scheduled_for ? vscode.l10n.t('Scheduled for {0}', shortDateTime(call.scheduled_for) ?? '') : undefined,
    callCreatedAt(call) ? vscode.l10n.t('Placed {0}', shortDateTime(callCreatedAt(call)) ?? '') : undefined,
    formatDuration(call.duration_seconds) ? vscode.l10n.t('Duration {0}', formatDuration(call.duration_seconds) ?? '') : undefined,
    call.credits_used != null ? vscode.l10n.t('{0} credits', formatCredits(call.credits_used)) : undefined,
  ].filter(Boolean);
  if (facts.length) md.appendMarkdown(`\n\n${facts.map((f) => escapeMarkdown(f!)).join(' · ')}`);
  return md;
}

/** Running calls first, then scheduled ones, then the history in the server's (newest first) order. */
export function orderCalls(calls: readonly Call[]): Call[] {
  const rank = (c: Call) => (isRunning(c) ? 0 : isScheduled(c) ? 1 : 2);
  return calls.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map(({ c }) => c);
}
