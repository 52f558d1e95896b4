/** How the extension reads the messaging channels: their names for people, what can be done with
 *  each (connect, test, disconnect), and the pairing a connect answers with (a link to open, a code
 *  to send). No `vscode` import. */
import type { ChannelResult, ChannelState } from '../api/schemas/channels';
import { DISCONNECTABLE_CHANNELS, WEBHOOK_CHANNELS } from '../api/schemas/channels';
import { humanize, t } from '../format';

export type { ChannelState, ChannelResult } from '../api/schemas/channels';

const NAMES: Record<string, string> = {
  email: 'Email',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  linkedin: 'LinkedIn',
  instagram: 'Instagram',
  twitter: 'X (Twitter)',
};

/** "WhatsApp", "SMS", "X (Twitter)", "Call"; an unknown channel as its name. Brand names are not
 *  translated; the channels that are words are. */
export function channelName(channel: string | null | undefined): string {
  const key = (channel ?? '').toLowerCase();
  switch (key) {
    case 'call':
    case 'phone':
      return t('Call');
    case 'chat':
      return t('Chat');
    case 'voicemail':
      return t('Voicemail');
    case 'other':
      return t('Other');
    default:
      return NAMES[key] ?? (humanize(channel) || key);
  }
}

export const CHANNEL_ICONS: Record<string, string> = {
  email: 'mail',
  sms: 'comment',
  whatsapp: 'comment-discussion',
  telegram: 'send',
  linkedin: 'person',
  instagram: 'device-camera',
  twitter: 'megaphone',
};

const is = (list: readonly string[], channel: string | null | undefined) =>
  list.includes((channel ?? '').toLowerCase());

/** WhatsApp and Telegram connect through the API (contract §5.9); the others elsewhere. */
export const canConnect = (c: Pick<ChannelState, 'channel'>) => is(WEBHOOK_CHANNELS, c.channel);
export const canTest = (c: Pick<ChannelState, 'channel' | 'connected'>) =>
  is(WEBHOOK_CHANNELS, c.channel) && c.connected === true;
export const canDisconnect = (c: Pick<ChannelState, 'channel' | 'connected'>) =>
  is(DISCONNECTABLE_CHANNELS, c.channel) && c.connected === true;
/** A connect that waits for the person to finish pairing. */
export const isPairing = (c: Pick<ChannelState, 'status' | 'connected'>) =>
  c.connected !== true && /^(pairing|pending)$/i.test(c.status ?? '');

export interface Pairing {
  readonly channel: string;
  /** A link to open (the app, a bot, a page) that finishes the pairing. */
  readonly url?: string;
  /** A code to send or type where the pairing finishes. */
  readonly code?: string;
  readonly instructions?: string;
  readonly expiresAt?: string;
}

/** What a connect answer says to do to finish pairing, if anything (it may simply be connected). */
export function pairingOf(channel: string, r: ChannelResult): Pairing | undefined {
  const url =
    [r.pairing_url, r.deep_link, r.link, r.url].find((u) => typeof u === 'string' && /^https?:\/\//i.test(u)) ??
    undefined;
  const code = r.pairing_code ?? r.verification_code ?? r.code ?? undefined;
  if (!url && !code) return undefined;
  return {
    channel: r.channel ?? channel,
    url,
    code,
    instructions: r.instructions ?? undefined,
    expiresAt: r.expires_at ?? undefined,
  };
}
