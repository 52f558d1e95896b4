/** A call as documents for people: the transcript (summary and next steps on top, then who said
 *  what) and the details (what was asked, what happened, when, what it cost). Every server string
 *  is escaped by construction (src/format/markdown.ts). No `vscode` import. */
import { callCreatedAt, callSummary, type Call } from '../api/schemas/calls';
import { blocks, code, describeCallStatus, formatCredits, formatDuration, humanize, join, listOrParagraphs, md, paragraphs, phoneForPeople, shortDateTime, t, table, type Markdown, type MarkdownValue } from '../format';
import { businessName, callLabel, callPhone } from '../models/call';

type TranscriptEntry = { speaker: string; content: string; timestamp?: string | null };

function facts(call: Call): Markdown {
  const status = describeCallStatus(call.status);
  const parts: MarkdownValue[] = [md`**${t('Outcome')}:** ${status.label}`];
  const duration = formatDuration(call.duration_seconds);
  if (duration) parts.push(md`**${t('Duration')}:** ${duration}`);
  if (call.credits_used !== undefined && call.credits_used !== null) parts.push(md`**${t('Credits')}:** ${formatCredits(call.credits_used)}`);
  return join(parts, ' · ');
}

function speakerName(speaker: string, call: Call): string {
  const s = speaker.toUpperCase();
  if (s === 'AI' || s === 'ASSISTANT' || s === 'KALLYAI') return 'KallyAI';
  if (s === 'HUMAN' || s === 'USER' || s === 'CALLEE') return businessName(call) ?? t('Business');
  return speaker;
}

/** The transcript document. */
export function transcriptMarkdown(call: Call, entries: readonly TranscriptEntry[]): Markdown {
  const summary = callSummary(call);
  return blocks(
    md`# ${t('Call with {0}', callLabel(call))}`,
    facts(call),
    md`## ${t('Summary')}`,
    summary ? listOrParagraphs(summary) : md`_${t('No summary.')}_`,
    call.next_steps ? blocks(md`## ${t('Next steps')}`, listOrParagraphs(call.next_steps)) : undefined,
    md`## ${t('Transcript')}`,
    entries.length === 0 ? md`_${t('This call has no transcript.')}_` : undefined,
    ...entries.map((e) => blocks(md`**${speakerName(e.speaker, call)}**${e.timestamp ? md` · ${code(e.timestamp)}` : ''}`, paragraphs(e.content))),
  );
}

/** The call details document. */
export function callDetailsMarkdown(call: Call): Markdown {
  const status = describeCallStatus(call.status);
  const s = call.submission ?? {};
  const phone = callPhone(call);
  const rows: Array<[string, unknown]> = [
    [t('Business'), businessName(call)],
    [t('Phone'), phone ? phoneForPeople(phone) : undefined],
    [t('Task'), s.task_description],
    [t('Category'), s.task_category ? humanize(s.task_category) : undefined],
    [t('Appointment'), [s.appointment_date, s.appointment_time].filter(Boolean).join(' ') || undefined],
    [t('Party size'), s.party_size],
    [t('Scheduled for'), call.scheduled_for ? shortDateTime(call.scheduled_for) : undefined],
    [t('Placed'), shortDateTime(callCreatedAt(call))],
    [t('Ended'), shortDateTime(call.ended_at ?? call.metadata?.ended_at)],
    [t('Duration'), formatDuration(call.duration_seconds)],
    [t('Credits used'), call.credits_used === undefined || call.credits_used === null ? undefined : formatCredits(call.credits_used)],
  ];
  const summary = callSummary(call);
  return blocks(
    md`# ${t('Call with {0}', callLabel(call))}`,
    md`**${status.label}** — ${status.explanation}`,
    table([t('Field'), t('Value')], rows.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)])),
    summary ? blocks(md`## ${t('Summary')}`, listOrParagraphs(summary)) : undefined,
    call.next_steps ? blocks(md`## ${t('Next steps')}`, listOrParagraphs(call.next_steps)) : undefined,
  );
}
