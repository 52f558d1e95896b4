import * as vscode from 'vscode';
import { describeCallStatus } from '../api/callStatus';
import { callCreatedAt, callSummary, type Call } from '../api/schemas/calls';
import { escapeMarkdown, formatCredits, formatDuration, humanize, isoDay, shortDateTime } from '../views/format';

type TranscriptEntry = { speaker: string; content: string; timestamp?: string | null };

export function businessName(call: Call): string | undefined {
  return call.submission?.business_name ?? call.business_name ?? undefined;
}

export function callPhone(call: Call): string | undefined {
  return call.submission?.respondent_phone ?? call.to ?? undefined;
}

/** "Bella Napoli 2026-03-14": what a call's documents are named after. */
export function callTitle(call: Call): string {
  const who = businessName(call) ?? callPhone(call) ?? vscode.l10n.t('Call {0}', call.call_id);
  const day = isoDay(callCreatedAt(call) ?? call.scheduled_for);
  return day ? `${who} ${day}` : who;
}

/** Free text that may be a list already ("- a\n- b") or one sentence. */
function asParagraphs(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const bullet = /^\s*(?:[-*•]|\d+[.)])\s+(.*)$/.exec(line);
      return bullet ? `- ${escapeMarkdown(bullet[1])}` : escapeMarkdown(line);
    })
    .join('\n');
}

function factsLine(call: Call): string {
  const status = describeCallStatus(call.status);
  const facts = [`**${vscode.l10n.t('Outcome')}:** ${escapeMarkdown(status.label)}`];
  const duration = formatDuration(call.duration_seconds);
  if (duration) facts.push(`**${vscode.l10n.t('Duration')}:** ${duration}`);
  if (call.credits_used !== undefined && call.credits_used !== null) facts.push(`**${vscode.l10n.t('Credits')}:** ${formatCredits(call.credits_used)}`);
  return facts.join(' · ');
}

function speakerName(speaker: string, call: Call): string {
  const s = speaker.toUpperCase();
  if (s === 'AI' || s === 'ASSISTANT' || s === 'KALLYAI') return 'KallyAI';
  if (s === 'HUMAN' || s === 'USER' || s === 'CALLEE') return businessName(call) ?? vscode.l10n.t('Business');
  return speaker;
}

/** The transcript document: summary and next steps on top, then speaker, time and text per turn. */
export function transcriptMarkdown(call: Call, entries: readonly TranscriptEntry[]): string {
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(vscode.l10n.t('Call with {0}', callTitle(call)))}`, '');
  lines.push(factsLine(call), '');
  const summary = callSummary(call);
  lines.push(`## ${vscode.l10n.t('Summary')}`, '', summary ? asParagraphs(summary) : `_${vscode.l10n.t('No summary.')}_`, '');
  if (call.next_steps) lines.push(`## ${vscode.l10n.t('Next steps')}`, '', asParagraphs(call.next_steps), '');
  lines.push(`## ${vscode.l10n.t('Transcript')}`, '');
  if (entries.length === 0) lines.push(`_${vscode.l10n.t('This call has no transcript.')}_`, '');
  for (const entry of entries) {
    const time = entry.timestamp ? ` · \`${entry.timestamp.replace(/`/g, '')}\`` : '';
    lines.push(`**${escapeMarkdown(speakerName(entry.speaker, call))}**${time}  `, asParagraphs(entry.content), '');
  }
  return lines.join('\n');
}

/** The call details document: what was asked, what happened, when, and what it cost. */
export function callDetailsMarkdown(call: Call): string {
  const status = describeCallStatus(call.status);
  const s = call.submission ?? {};
  const row = (label: string, value: unknown) =>
    value === undefined || value === null || value === '' ? undefined : `| ${escapeMarkdown(label)} | ${escapeMarkdown(String(value)).replace(/\r?\n/g, ' ')} |`;
  const lines = [
    `# ${escapeMarkdown(vscode.l10n.t('Call with {0}', callTitle(call)))}`,
    '',
    `**${escapeMarkdown(status.label)}** — ${escapeMarkdown(status.explanation)}`,
    '',
    `| ${vscode.l10n.t('Field')} | ${vscode.l10n.t('Value')} |`,
    '|---|---|',
    ...[
      row(vscode.l10n.t('Business'), businessName(call)),
      row(vscode.l10n.t('Phone'), callPhone(call)),
      row(vscode.l10n.t('Task'), s.task_description),
      row(vscode.l10n.t('Category'), s.task_category ? humanize(s.task_category) : undefined),
      row(vscode.l10n.t('Appointment'), [s.appointment_date, s.appointment_time].filter(Boolean).join(' ') || undefined),
      row(vscode.l10n.t('Party size'), s.party_size),
      row(vscode.l10n.t('Scheduled for'), call.scheduled_for ? shortDateTime(call.scheduled_for) : undefined),
      row(vscode.l10n.t('Placed'), shortDateTime(callCreatedAt(call))),
      row(vscode.l10n.t('Ended'), shortDateTime(call.ended_at ?? call.metadata?.ended_at)),
      row(vscode.l10n.t('Duration'), formatDuration(call.duration_seconds)),
      row(vscode.l10n.t('Credits used'), call.credits_used === undefined || call.credits_used === null ? undefined : formatCredits(call.credits_used)),
      row(vscode.l10n.t('Call id'), call.call_id),
    ].filter((r): r is string => !!r),
    '',
  ];
  const summary = callSummary(call);
  if (summary) lines.push(`## ${vscode.l10n.t('Summary')}`, '', asParagraphs(summary), '');
  if (call.next_steps) lines.push(`## ${vscode.l10n.t('Next steps')}`, '', asParagraphs(call.next_steps), '');
  return lines.join('\n');
}
