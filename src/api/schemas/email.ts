/** Connected email accounts and their messages (contract §5.8). */
import * as z from 'zod/mini';
import { bounded, limit, loose, optStr, optId, listOf, anyObject } from './common';

export const EMAIL_CLASSIFICATIONS = ['important', 'actionable', 'informational', 'spam'] as const;
export const EmailAccount = loose({ id: optId, provider: optStr, email: optStr, connected_at: optStr, status: optStr });
export const EmailAccounts = listOf('accounts', EmailAccount);
export const OAuthUrl = loose({ url: z.string() });
export const EmailMessagesQuery = z.strictObject({ classification: z.optional(z.enum(EMAIL_CLASSIFICATIONS)), limit: z.optional(limit(200)) });
export const EmailMessage = loose({ id: optId, from: optStr, subject: optStr, classification: optStr, received_at: optStr, body: optStr });
export const EmailMessages = listOf('messages', EmailMessage);
export const RespondBody = z.strictObject({ instructions: z.optional(bounded(1, 2000)) });
export const Result = anyObject;
