/** Receptionist documents for people: an inbound call's transcript (summary and action items on
 *  top, then who said what, the caller by name), and the event log as a readable table. Every
 *  server string is escaped by construction. No `vscode` import. */
import {
  blocks,
  code,
  formatDuration,
  humanize,
  join,
  listOrParagraphs,
  md,
  paragraphs,
  phoneForPeople,
  shortDateTime,
  t,
  table,
  type Markdown,
  type MarkdownValue,
} from '../format';
import {
  actionItemsOf,
  callerLabel,
  callerWithNumber,
  inboundStatusLabel,
  type Contact,
  type InboundCall,
} from '../models/inbound';

type TranscriptEntry = { speaker: string; content: string; timestamp?: string | null };

function speakerName(speaker: string, call: InboundCall, contacts: readonly Contact[]): string {
  const s = speaker.toUpperCase();
  if (s === 'AI' || s === 'ASSISTANT' || s === 'KALLYAI') return 'KallyAI';
  if (s === 'HUMAN' || s === 'USER' || s === 'CALLER') return callerLabel(call, contacts);
  return speaker;
}

export function inboundTranscriptMarkdown(
  call: InboundCall,
  entries: readonly TranscriptEntry[],
  contacts: readonly Contact[] = [],
): Markdown {
  const facts: MarkdownValue[] = [md`**${t('Outcome')}:** ${inboundStatusLabel(call)}`];
  const when = shortDateTime(call.created_at);
  if (when) facts.push(md`**${t('When')}:** ${when}`);
  const duration = formatDuration(call.duration_seconds);
  if (duration) facts.push(md`**${t('Duration')}:** ${duration}`);
  const items = actionItemsOf(call);
  return blocks(
    md`# ${t('Call from {0}', callerWithNumber(call, contacts))}`,
    join(facts, ' · '),
    md`## ${t('Summary')}`,
    call.summary ? listOrParagraphs(call.summary) : md`_${t('No summary.')}_`,
    items.length
      ? blocks(
          md`## ${t('Action items')}`,
          md`${items.map((i) => md`- ${i.done ? '☑' : '☐'} ${i.text}`.text).join('\n')}`,
        )
      : undefined,
    md`## ${t('Transcript')}`,
    entries.length === 0 ? md`_${t('This call has no transcript.')}_` : undefined,
    ...entries.map((e) =>
      blocks(
        md`**${speakerName(e.speaker, call, contacts)}**${e.timestamp ? md` · ${code(e.timestamp)}` : ''}`,
        paragraphs(e.content),
      ),
    ),
  );
}

type InboundEvent = {
  id?: string | null;
  type?: string | null;
  created_at?: string | null;
  timestamp?: string | null;
  call_id?: string | null;
  data?: unknown;
  [k: string]: unknown;
};

const EVENT_WORDS: Record<string, () => string> = {
  'call.active': () => t('KallyAI answered a call'),
  'call.started': () => t('KallyAI answered a call'),
  'call.completed': () => t('Call ended'),
  'call.missed': () => t('Missed call'),
  'call.rejected': () => t('Call rejected'),
  'call.transferred': () => t('Call transferred'),
  'call.taken_over': () => t('You took over a call'),
  'voicemail.created': () => t('Voicemail left'),
};

export function eventText(type: string | null | undefined): string {
  const known = type ? EVENT_WORDS[type] : undefined;
  return known ? known() : humanize((type ?? t('event')).replace(/\./g, ' '));
}

/** The event log: when, what happened, who called, and the details in words. */
export function eventLogMarkdown(
  events: readonly InboundEvent[],
  range: { from?: string; to?: string },
  calls: readonly InboundCall[] = [],
  contacts: readonly Contact[] = [],
): Markdown {
  const byId = new Map(calls.map((c) => [String(c.id), c]));
  const span =
    range.from || range.to ? t('{0} to {1}', range.from ?? '…', range.to ?? t('today')) : t('all recorded events');
  const sorted = [...events].sort((a, b) =>
    String(b.timestamp ?? b.created_at ?? '').localeCompare(String(a.timestamp ?? a.created_at ?? '')),
  );
  return blocks(
    md`# ${t('Receptionist event log')}`,
    md`${t('{0} · {1}', span, t('{0} events', events.length))}`,
    sorted.length === 0
      ? md`_${t('Nothing happened in this period.')}_`
      : table(
          [t('When'), t('What happened'), t('Caller'), t('Details')],
          sorted.map((e) => {
            const data = (e.data && typeof e.data === 'object' ? e.data : {}) as Record<string, unknown>;
            const call = e.call_id ? byId.get(String(e.call_id)) : undefined;
            const number =
              typeof data.caller_number === 'string' ? data.caller_number : (call?.caller_number ?? undefined);
            const caller = call
              ? callerLabel(call, contacts)
              : number
                ? callerLabel({ caller_number: number }, contacts)
                : '—';
            const details = Object.entries(data)
              .filter(([k, v]) => k !== 'caller_number' && v !== null && v !== undefined && typeof v !== 'object')
              .map(
                ([k, v]) =>
                  `${humanize(k)}: ${typeof v === 'string' && /^\+\d{7,15}$/.test(v) ? phoneForPeople(v) : String(v)}`,
              )
              .join('; ');
            return [shortDateTime(e.timestamp ?? e.created_at) ?? '—', eventText(e.type), caller, details || '—'];
          }),
        ),
  );
}
