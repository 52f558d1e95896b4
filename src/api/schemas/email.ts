/** Connected email accounts and their messages (contract §5.8). The contract shows no response for
 *  messages, respond or the voice profile (§12): every field is optional, and the variants other
 *  clients and the sandbox send are read (`snippet`/`preview`, `body_text`/`body_html`, `to` as a
 *  string or a list, a draft id at the top or inside `draft`). */
import * as z from 'zod/mini';
import { bounded, limit, loose, opt, optStr, optNum, optBool, optId, listOf, anyObject, nonEmpty } from './common';

export const EMAIL_CLASSIFICATIONS = ['important', 'actionable', 'informational', 'spam'] as const;
export type EmailClassification = (typeof EMAIL_CLASSIFICATIONS)[number];

export const EmailAccount = loose({ id: optId, provider: optStr, email: optStr, connected_at: optStr, status: optStr });
export type EmailAccount = z.output<typeof EmailAccount>;
export const EmailAccounts = listOf('accounts', EmailAccount);
export const OAuthUrl = loose({ url: z.string() });

/** An address as a string ("A <a@x>"), a list of them, or {name, email} objects. */
const addresses = opt(
  z.union([z.string(), z.array(z.union([z.string(), loose({ email: optStr, name: optStr, address: optStr })]))]),
);
const attachment = loose({ filename: optStr, name: optStr, content_type: optStr, mime_type: optStr, size: optNum });

export const EmailMessagesQuery = z.strictObject({
  classification: z.optional(z.enum(EMAIL_CLASSIFICATIONS)),
  limit: z.optional(limit(200)),
});
export const EmailMessage = loose({
  id: optId,
  from: optStr,
  to: addresses,
  cc: addresses,
  subject: optStr,
  classification: optStr,
  received_at: optStr,
  date: optStr,
  snippet: optStr,
  preview: optStr,
  body: optStr,
  body_text: optStr,
  text: optStr,
  body_html: optStr,
  html: optStr,
  unread: optBool,
  attachments: opt(z.array(attachment)),
  headers: opt(z.record(z.string(), z.unknown())),
  thread_id: optId,
});
export type EmailMessage = z.output<typeof EmailMessage>;
export const EmailMessages = listOf('messages', EmailMessage, { total: optNum });

export const RespondBody = z.strictObject({ instructions: z.optional(bounded(1, 2000)) });
/** What respond answers: the sandbox sends `{success, draft_id, status, draft}`; others may send the draft itself. */
export const RespondResult = loose({
  draft_id: optId,
  email_id: optId,
  id: optId,
  status: optStr,
  draft: opt(loose({ id: optId, to: optStr, subject: optStr, body: optStr, status: optStr })),
});

export const VoiceProfile = loose({
  trained: optBool,
  samples_analyzed: optNum,
  tone: optStr,
  formality: optStr,
  typical_greeting: optStr,
  typical_sign_off: optStr,
  updated_at: optStr,
});
export type VoiceProfile = z.output<typeof VoiceProfile>;
/** The contract documents no body for training; the emails the person picked are sent as
 *  `email_ids` when there are any (a server that takes no body ignores it). */
export const TrainVoiceBody = z.strictObject({
  email_ids: z.optional(z.array(nonEmpty).check(z.minLength(1), z.maxLength(200))),
});
export const Result = anyObject;
