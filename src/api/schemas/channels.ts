/** Messaging channels and notification email addresses (contract §5.9). */
import * as z from 'zod/mini';
import { bounded, nonEmpty, loose, opt, optStr, optNum, optBool, optId, listOf, anyObject } from './common';

export const WEBHOOK_CHANNELS = ['whatsapp', 'telegram'] as const;
export const DISCONNECTABLE_CHANNELS = ['whatsapp', 'telegram', 'email'] as const;

export const ChannelStatus = loose({
  channels: opt(z.array(loose({ channel: optStr, connected: optBool, account_name: optStr, connected_at: optStr }))),
  email: opt(loose({ connected: optBool, contact_count: optNum, primary_email: optStr, kally_mailbox: optStr })),
});
const emailAddress = z.email('Use an email address such as name@example.com.');
/** The CLI sends `display_name`, REF-B `label`: both accepted. */
export const AddEmailBody = z.strictObject({ email_address: emailAddress, label: z.optional(bounded(1, 100)), display_name: z.optional(bounded(1, 100)), is_primary: z.optional(z.boolean()) });
export const ChannelEmail = loose({ id: optId, email_address: optStr, label: optStr, is_primary: optBool, receives_copies: optBool, receives_notifications: optBool, verified: optBool, verified_at: optStr, created_at: optStr });
export const ChannelEmails = listOf('emails', ChannelEmail, { total: optNum, kally_mailbox: optStr });
export const UpdateEmailBody = z.strictObject({
  label: z.optional(bounded(1, 100)),
  display_name: z.optional(bounded(1, 100)),
  is_primary: z.optional(z.boolean()),
  receives_copies: z.optional(z.boolean()),
  receives_notifications: z.optional(z.boolean()),
});
export const VerifyEmailQuery = z.strictObject({ token: nonEmpty });
export const Mailbox = loose({ mailbox: optStr, user_id: optId });
/** Telegram `{bot_token}`, WhatsApp `{phone_number_id, access_token, business_account_id}`; the CLI sends `{}`. */
export const WebhookCredentials = z.strictObject({
  bot_token: z.optional(nonEmpty),
  phone_number_id: z.optional(nonEmpty),
  access_token: z.optional(nonEmpty),
  business_account_id: z.optional(nonEmpty),
});
export const ChannelResult = loose({ success: optBool, channel: optStr, account_name: optStr });
export const Result = anyObject;
