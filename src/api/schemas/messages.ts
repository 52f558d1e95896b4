/** The unified inbox (contract §5.6). */
import * as z from 'zod/mini';
import { limit, nonEmpty, loose, optStr, optNum, optBool, optId, listOf, trueString } from './common';

export const INBOX_CHANNELS = ['email', 'sms', 'call', 'chat'] as const;
export const InboxQuery = z.strictObject({
  channel: z.optional(z.enum(INBOX_CHANNELS)),
  limit: z.optional(limit(200)),
  unread: z.optional(trueString),
});
export const Message = loose({
  id: optId,
  from: optStr,
  subject: optStr,
  channel: optStr,
  preview: optStr,
  body: optStr,
  unread: optBool,
  received_at: optStr,
  conversation_id: optId,
});
export type Message = z.output<typeof Message>;
export const Inbox = listOf('messages', Message, { total: optNum, unread_count: optNum });
export const Thread = listOf('messages', Message, { conversation_id: optId });
export const MarkReadBody = z.strictObject({ message_ids: z.array(nonEmpty).check(z.minLength(1)) });
export const MarkReadResult = loose({ success: optBool });
