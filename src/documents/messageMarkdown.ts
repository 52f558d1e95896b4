import * as vscode from 'vscode';
import type { Message } from '../api/schemas/messages';
import { escapeMarkdown, humanize, shortDateTime } from '../views/format';

export function messageTitle(m: Message): string {
  return m.subject || m.preview?.slice(0, 60) || vscode.l10n.t('Message from {0}', m.from ?? '?');
}

function body(m: Message): string {
  const text = m.body ?? m.preview ?? '';
  if (!text) return `_${vscode.l10n.t('No content.')}_`;
  // Keep the sender's line breaks; escape so that the text shows as text.
  return text.split(/\r?\n/).map((line) => `${escapeMarkdown(line)}  `).join('\n');
}

function header(m: Message): string[] {
  const facts = [
    `**${vscode.l10n.t('From')}:** ${escapeMarkdown(m.from ?? '?')}`,
    `**${vscode.l10n.t('Channel')}:** ${escapeMarkdown(humanize(m.channel ?? 'other'))}`,
  ];
  const when = shortDateTime(m.received_at);
  if (when) facts.push(`**${vscode.l10n.t('Received')}:** ${escapeMarkdown(when)}`);
  return [facts.join(' · ')];
}

/** One inbox message as a read-only document. */
export function messageMarkdown(m: Message): string {
  return [`# ${escapeMarkdown(messageTitle(m))}`, '', ...header(m), '', '---', '', body(m), ''].join('\n');
}

/** A conversation: its messages oldest first. */
export function threadMarkdown(messages: readonly Message[], title: string): string {
  const sorted = [...messages].sort((a, b) => (a.received_at ?? '').localeCompare(b.received_at ?? ''));
  const lines = [`# ${escapeMarkdown(title)}`, '', `_${vscode.l10n.t('{0} message(s)', sorted.length)}_`, ''];
  for (const m of sorted) {
    lines.push(`## ${escapeMarkdown(m.from ?? '?')} — ${escapeMarkdown(shortDateTime(m.received_at) ?? '')}`, '');
    if (m.subject) lines.push(`**${escapeMarkdown(m.subject)}**`, '');
    lines.push(body(m), '');
  }
  return lines.join('\n');
}
