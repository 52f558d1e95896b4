/** Messaging channels and notification email addresses (contract §5.9). */
import * as z from 'zod/mini';
import { bounded, nonEmpty, loose, opt, optStr, optNum, optBool, optId, listOf, anyObject } from './common';

export const WEBHOOK_CHANNELS = ['whatsapp', 'telegram'] as const;
export const DISCONNECTABLE_CHANNELS = ['whatsapp', 'telegram', 'email'] as const;

export const ChannelState = loose({
  channel: optStr,
  connected: optBool,
  account_name: optStr,
  connected_at: optStr,
  status: optStr,
});
export type ChannelState = z.output<typeof ChannelState>;
export const ChannelStatus = loose({
  channels: opt(z.array(ChannelState)),
  email: opt(loose({ connected: optBool, contact_count: optNum, primary_email: optStr, kally_mailbox: optStr })),
});
const emailAddress = z.string().check(z.trim(), z.email('Use an email address such as name@example.com.'));
/** The CLI sends `display_name`, REF-B `label`: both accepted. */
export const AddEmailBody = z.strictObject({
  email_address: emailAddress,
  label: z.optional(bounded(1, 100)),
  display_name: z.optional(bounded(1, 100)),
  is_primary: z.optional(z.boolean()),
});
export const ChannelEmail = loose({
  display_name: optStr,
  id: optId,
  email_address: optStr,
  label: optStr,
  is_primary: optBool,
  receives_copies: optBool,
  receives_notifications: optBool,
  verified: optBool,
  verified_at: optStr,
  created_at: optStr,
});
export type ChannelEmail = z.output<typeof ChannelEmail>;
export const ChannelEmails = listOf('emails', ChannelEmail, { total: optNum, kally_mailbox: optStr });
export const UpdateEmailBody = z.strictObject({
  label: z.optional(bounded(1, 100)),
  display_name: z.optional(bounded(1, 100)),
  is_primary: z.optional(z.boolean()),
  receives_copies: z.optional(z.boolean()),
  receives_notifications: z.optional(z.boolean()),
});
/** The token from the verification email; the whole link pasted is accepted too (its `token` is read). */
export function verificationToken(text: string): string {
  const m = /[?&]token=([^&#\s]+)/.exec(text);
  if (!m) return text.trim();
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
export const VerifyEmailQuery = z.strictObject({
  token: z.pipe(z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)), z.transform(verificationToken)),
});
export const Mailbox = loose({ mailbox: optStr, user_id: optId });
/** Telegram `{bot_token}`, WhatsApp `{phone_number_id, access_token, business_account_id}`; the CLI sends `{}`. */
export const WebhookCredentials = z.strictObject({
  bot_token: z.optional(nonEmpty),
  phone_number_id: z.optional(nonEmpty),
  access_token: z.optional(nonEmpty),
  business_account_id: z.optional(nonEmpty),
});
/** Connect, test and disconnect answers. The contract shows `{success, channel, account_name}`; a
 *  connect that the person finishes elsewhere (a bot to open, a code to send) may also carry a link
 *  and a code — read under every name we have seen or expect. */
export const ChannelResult = loose({
  success: optBool,
  channel: optStr,
  account_name: optStr,
  status: optStr,
  message: optStr,
  pairing_url: optStr,
  url: optStr,
  link: optStr,
  deep_link: optStr,
  pairing_code: optStr,
  code: optStr,
  verification_code: optStr,
  instructions: optStr,
  expires_at: optStr,
});
export type ChannelResult = z.output<typeof ChannelResult>;
export const Result = anyObject;
