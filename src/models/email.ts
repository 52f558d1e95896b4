/** How the extension reads email: an outgoing email's state (a draft waiting for approval, sent,
 *  failed, discarded), its recipients, an email message's text and addresses, the draft a respond
 *  or a revision produced, and the message that asks the coordination AI to revise a draft.
 *  No `vscode` import. */
import type { EmailMessage } from '../api/schemas/email';
import type { OutboxEmail } from '../api/schemas/actions';
import { humanize, t } from '../format';
import { htmlToText } from './htmlText';

export type { OutboxEmail } from '../api/schemas/actions';
export type { EmailMessage } from '../api/schemas/email';
export { htmlToText } from './htmlText';

/** Where an outgoing email stands. */
export type OutboxState = 'pending' | 'sent' | 'failed' | 'discarded' | 'other';

export function outboxState(e: Pick<OutboxEmail, 'status'>): OutboxState {
  switch ((e.status ?? '').toLowerCase()) {
    case 'pending_approval':
    case 'pending':
    case 'draft':
    case 'awaiting_approval':
      return 'pending';
    case 'sent':
    case 'delivered':
      return 'sent';
    case 'failed':
    case 'bounced':
    case 'error':
      return 'failed';
    case 'cancelled':
    case 'canceled':
    case 'discarded':
      return 'discarded';
    default:
      return 'other';
  }
}

export const isDraft = (e: Pick<OutboxEmail, 'status'>) => outboxState(e) === 'pending';

export function outboxStateLabel(e: Pick<OutboxEmail, 'status'>): string {
  switch (outboxState(e)) {
    case 'pending':
      return t('Waiting for your approval');
    case 'sent':
      return t('Sent');
    case 'failed':
      return t('Not sent: it failed');
    case 'discarded':
      return t('Discarded');
    default:
      return humanize(e.status) || t('Unknown');
  }
}

/** The id of an outgoing email (`id`, or `email_id` as the send answer also names it). */
export function outboxId(e: Partial<Pick<OutboxEmail, 'id' | 'email_id'>> | undefined): string | undefined {
  return e?.id ?? e?.email_id ?? undefined;
}

/** The Cc addresses, however they arrived (a list, or one string with commas). */
export function ccOf(e: Pick<OutboxEmail, 'cc'>): string[] {
  const cc = e.cc;
  const list = Array.isArray(cc) ? cc : typeof cc === 'string' ? cc.split(/[,;]/) : [];
  return list.map((x) => x.trim()).filter(Boolean);
}

/** Everyone the email goes to: To, then Cc. */
export function recipientsOf(e: Pick<OutboxEmail, 'to' | 'cc'>): string[] {
  return [...(e.to ? [e.to] : []), ...ccOf(e)];
}

/** An email address as a mail provider takes it: name@domain.tld, nothing around it (checked in one pass). */
export function isEmailAddress(text: string): boolean {
  const at = text.indexOf('@');
  if (at <= 0 || at !== text.lastIndexOf('@') || text.length > 320) return false;
  if (/[\s<>(),;:"[\]\\]/.test(text)) return false;
  const domain = text.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  return dot > 0 && dot < domain.length - 1 && !domain.startsWith('.') && !domain.includes('..');
}

/** The recipients (To, Cc) that are not email addresses: a draft with any of them is not sent. */
export function notEmailAddresses(e: Pick<OutboxEmail, 'to' | 'cc'>): string[] {
  return recipientsOf(e).filter((r) => !isEmailAddress(r));
}

export function recipientsText(e: Pick<OutboxEmail, 'to' | 'cc'>): string {
  return recipientsOf(e).join(', ') || '?';
}

/** Why a failed email was not sent, if the server said. */
export function failureOf(e: Pick<OutboxEmail, 'error' | 'failure_reason'>): string | undefined {
  if (e.failure_reason) return e.failure_reason;
  if (typeof e.error === 'string') return e.error;
  return e.error?.message ?? undefined;
}

/** The draft a respond answer names: `draft_id`, `draft.id`, `email_id` or the answer's own id. */
export function draftIdOf(answer: unknown): string | undefined {
  if (!answer || typeof answer !== 'object') return undefined;
  const a = answer as { draft_id?: unknown; email_id?: unknown; id?: unknown; draft?: { id?: unknown } | null };
  const id = a.draft_id ?? a.draft?.id ?? a.email_id ?? a.id;
  return typeof id === 'string' && id ? id : typeof id === 'number' ? String(id) : undefined;
}

/** The longest message the coordination AI takes (src/api/schemas/coordination.ts MessageBody). */
const MESSAGE_MAX = 4000;

/** The message that asks the coordination AI to revise a draft. The contract has no endpoint for
 *  revising a draft: it goes to POST /v1/coordination/message with the draft as context (its id,
 *  recipients, subject and as much of the body as fits) and the person's instructions. A server
 *  that understands it revises the draft — in place, or as a new draft it names (`draft_id`).
 *  Written in English for the AI (like a message typed to Ask); the sandbox reads its first line
 *  and its "Draft id:" line. */
export function revisionRequest(
  draft: Pick<OutboxEmail, 'id' | 'to' | 'cc' | 'subject' | 'body'>,
  instructions: string,
): string {
  const head = [
    'Revise my email draft before I approve it. Keep it a draft: do not send it.',
    `Draft id: ${draft.id ?? ''}`,
    `Instructions: ${instructions.trim()}`,
    '--- Current draft ---',
    `To: ${draft.to ?? ''}`,
    ...(ccOf(draft).length ? [`Cc: ${ccOf(draft).join(', ')}`] : []),
    `Subject: ${draft.subject ?? ''}`,
    '',
  ].join('\n');
  const body = draft.body ?? '';
  if (head.length + body.length <= MESSAGE_MAX) return head + body;
  const tail = '\n[… the rest of the draft is on the server]';
  const room = MESSAGE_MAX - head.length - tail.length;
  return room <= 0 ? head.slice(0, MESSAGE_MAX) : `${head}${body.slice(0, room)}${tail}`;
}

/** The longest instructions a revision may carry, so that the draft still fits beside them. */
export const REVISION_INSTRUCTIONS_MAX = 1000;

// ---------- email messages (the connected account's mail) ----------

/** Classification labels, for the view, the filter and the page. */
export function classificationLabel(value: string | null | undefined): string {
  switch (value) {
    case 'important':
      return t('Important');
    case 'actionable':
      return t('Needs action');
    case 'informational':
      return t('Informational');
    case 'spam':
      return t('Spam');
    default:
      return value ? humanize(value) : t('All mail');
  }
}

/** One address or several (strings, or {name, email} objects), as people read them. */
export function addressesText(value: unknown): string {
  const one = (v: unknown): string => {
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object') {
      const o = v as { name?: unknown; email?: unknown; address?: unknown };
      const address = typeof o.email === 'string' ? o.email : typeof o.address === 'string' ? o.address : '';
      return typeof o.name === 'string' && o.name ? (address ? `${o.name} <${address}>` : o.name) : address;
    }
    return '';
  };
  return (Array.isArray(value) ? value.map(one) : [one(value)]).filter(Boolean).join(', ');
}

/** A message's sender without the address ("SkyJet Customer Care" from "SkyJet Customer Care <care@…>",
 *  "Luigi" from '"Luigi" <l@x.com>'); anything else comes back as given. Linear: the address is the
 *  text from the first `<` to a final `>`, and the name before it is read once. */
export function senderName(from: string | null | undefined): string {
  const text = (from ?? '').trim();
  const lt = text.indexOf('<');
  if (lt <= 0 || !text.endsWith('>') || lt + 2 >= text.length || text.indexOf('>', lt + 1) !== text.length - 1)
    return text;
  const before = text.slice(0, lt);
  const body = before.startsWith('"') ? before.slice(1) : before;
  const quote = body.indexOf('"');
  const name = quote < 0 ? body : body.slice(0, quote);
  if (!name || (quote >= 0 && body.slice(quote + 1).trim() !== '')) return text;
  return name.trim();
}

/** The address a reply goes to: what the first `<…>` holds ("care@…" of "SkyJet <care@…>"), else
 *  the whole sender when it has an `@`. */
export function senderAddress(from: string | null | undefined): string | undefined {
  const text = from ?? '';
  for (let lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
    const gt = text.indexOf('>', lt + 1);
    if (gt < 0) break;
    if (gt > lt + 1) return text.slice(lt + 1, gt);
  }
  return text.includes('@') ? text.trim() : undefined;
}

/** An email's text for people: the plain text when there is one; HTML only as its text (tags
 *  dropped, entities read) — an email's HTML is never rendered. */
export function mailText(
  m: Pick<EmailMessage, 'body' | 'body_text' | 'text' | 'body_html' | 'html' | 'snippet' | 'preview'>,
): string {
  const plain = m.body_text ?? m.text ?? m.body;
  if (plain && !looksLikeHtml(plain)) return plain;
  const markup = plain ?? m.body_html ?? m.html;
  if (markup) return htmlToText(markup);
  return m.snippet ?? m.preview ?? '';
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>])/i.test(text);
}

export function mailDate(m: Pick<EmailMessage, 'received_at' | 'date'>): string | undefined {
  return m.received_at ?? m.date ?? undefined;
}

/** Newest first, as every other list (the server's order is not documented); undated mail last, in the order it came. */
export function newestMailFirst<M extends Pick<EmailMessage, 'received_at' | 'date'>>(mail: readonly M[]): M[] {
  const at = (m: M) => {
    const ms = Date.parse(mailDate(m) ?? '');
    return Number.isFinite(ms) ? ms : -Infinity;
  };
  return mail
    .map((m, i) => ({ m, i, at: at(m) }))
    .sort((a, b) => b.at - a.at || a.i - b.i)
    .map((x) => x.m);
}

/** "Re: …" for a reply to this subject (not "Re: Re: …"). */
export function replySubject(subject: string | null | undefined): string {
  const s = (subject ?? '').trim();
  return /^re:/i.test(s) ? s : `Re: ${s}`;
}
