/** A call's transcript as a document for people (to copy or search; the call page shows it too):
 *  summary and next steps on top, then who said what. Every server string is escaped by
 *  construction (src/format/markdown.ts). No `vscode` import. */
import { callSummary, type Call } from '../api/schemas/calls';
import {
  blocks,
  code,
  describeCallStatus,
  formatCredits,
  formatDuration,
  join,
  listOrParagraphs,
  md,
  paragraphs,
  t,
  type Markdown,
  type MarkdownValue,
} from '../format';
import { businessName, callLabel } from '../models/call';

type TranscriptEntry = { speaker: string; content: string; timestamp?: string | null };

function facts(call: Call): Markdown {
  const status = describeCallStatus(call.status);
  const parts: MarkdownValue[] = [md`**${t('Outcome')}:** ${status.label}`];
  const duration = formatDuration(call.duration_seconds);
  if (duration) parts.push(md`**${t('Duration')}:** ${duration}`);
  if (call.credits_used !== undefined && call.credits_used !== null)
    parts.push(md`**${t('Credits')}:** ${formatCredits(call.credits_used)}`);
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
    ...entries.map((e) =>
      blocks(
        md`**${speakerName(e.speaker, call)}**${e.timestamp ? md` · ${code(e.timestamp)}` : ''}`,
        paragraphs(e.content),
      ),
    ),
  );
}
