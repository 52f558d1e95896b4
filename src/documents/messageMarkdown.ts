/** Inbox messages and threads as documents for people. No `vscode` import. */
import type { Message } from '../api/schemas/messages';
import { blocks, count, join, md, paragraphs, phoneForPeople, shortDateTime, t, type Markdown } from '../format';
import { channelName } from '../models/channel';

export function messageTitle(m: Message): string {
  return m.subject || m.preview?.slice(0, 60) || t('Message from {0}', phoneForPeople(m.from ?? '?'));
}

function body(m: Message): Markdown {
  const text = m.body ?? m.preview ?? '';
  return text ? paragraphs(text) : md`_${t('No content.')}_`;
}

function header(m: Message): Markdown {
  const when = shortDateTime(m.received_at);
  return join(
    [
      md`**${t('From')}:** ${phoneForPeople(m.from ?? '?')}`,
      md`**${t('Channel')}:** ${channelName(m.channel ?? 'other')}`,
      when ? md`**${t('Received')}:** ${when}` : undefined,
    ],
    ' · ',
  );
}

/** One inbox message. */
export function messageMarkdown(m: Message): Markdown {
  return blocks(md`# ${messageTitle(m)}`, header(m), md`---`, body(m));
}

/** A conversation: its messages oldest first. */
export function threadMarkdown(messages: readonly Message[], title: string): Markdown {
  const sorted = [...messages].sort((a, b) => (a.received_at ?? '').localeCompare(b.received_at ?? ''));
  return blocks(
    md`# ${title}`,
    md`_${count(sorted.length, '{0} message', '{0} messages')}_`,
    ...sorted.map((m) =>
      blocks(
        md`## ${phoneForPeople(m.from ?? '?')} — ${shortDateTime(m.received_at) ?? ''}`,
        m.subject ? md`**${m.subject}**` : undefined,
        body(m),
      ),
    ),
  );
}
