/** Channels (contract §5.9): the status of each messaging channel, connecting WhatsApp or Telegram
 *  (the answer says how to finish pairing: a link to open, a code to send), testing and
 *  disconnecting them, the notification email addresses ("email contacts": add, change, remove,
 *  verify) and the KallyAI mailbox. Most of it lives on the Channels page (src/pages/channelsPage.ts). */
import { ops } from '../api/catalogue';
import type { ChannelEmail, ChannelState } from '../api/schemas/channels';
import { phoneForPeople, t } from '../format';
import { canConnect, canDisconnect, canTest, channelName } from '../models/channel';
import { present, type CommandSpec, type EntitySpec, type Presentation } from './entry';
import { registerEntities } from './entities';

const entity = <T>(spec: EntitySpec<T>) => spec as unknown as EntitySpec<unknown>;
const channelOf = (target: unknown): ChannelState => (target ?? {}) as ChannelState;
const emailOf = (target: unknown): ChannelEmail => (target ?? {}) as ChannelEmail;
const named = (c: ChannelState) =>
  c.account_name ? t('{0} ({1})', channelName(c.channel), phoneForPeople(c.account_name)) : channelName(c.channel);
export const channelEmailLabel = (e: ChannelEmail) => e.email_address || t('(no address)');

export const channelEntity = entity<ChannelState>({
  kind: 'channel',
  placeholder: 'Pick a channel',
  empty: 'No channel to pick from.',
  list: async (client, signal) => (await client.execute(ops.channels.status, {}, { signal })).channels ?? [],
  id: (c) => c.channel ?? undefined,
  label: (c) => channelName(c.channel),
  description: (c) =>
    c.connected
      ? [t('connected'), c.account_name ? phoneForPeople(c.account_name) : undefined].filter(Boolean).join(' · ')
      : t('not connected'),
});

export const channelEmailEntity = entity<ChannelEmail>({
  kind: 'channelEmail',
  placeholder: 'Pick a notification email address',
  empty: 'You have no notification email addresses.',
  list: async (client, signal) => (await client.execute(ops.channels.listEmails, {}, { signal })).emails,
  id: (e) => e.id ?? undefined,
  label: channelEmailLabel,
  description: (e) =>
    [e.label ?? e.display_name, e.is_primary ? t('primary') : undefined, e.verified ? t('verified') : t('not verified')]
      .filter(Boolean)
      .join(' · '),
});

registerEntities(channelEntity, channelEmailEntity);

const channelsPage = { kind: 'page' as const, page: 'channels' as const, id: () => 'all' };

export const channelPresentations: Presentation[] = [
  present(ops.channels.status, {
    command: {
      id: 'kallyai.channels.status',
      title: 'Manage Channels',
      cli: ['kallyai channels status'],
      icon: 'radio-tower',
      menus: [
        { view: 'email', group: 'titleMenu', order: 8 },
        { view: 'inbox', group: 'titleMenu', order: 8 },
      ],
    },
    progress: 'Loading your channels…',
    result: channelsPage,
  }),
  present(ops.channels.connect, {
    command: {
      id: 'kallyai.channels.connect',
      title: 'Connect Channel…',
      cli: ['kallyai channels connect'],
      icon: 'plug',
    },
    params: {
      channel: {
        entity: 'channel',
        label: 'Channel',
        filter: ((c: ChannelState) => canConnect(c) && !c.connected) as (item: never) => boolean,
      },
    },
    progress: 'Connecting…',
    // The page shows how to finish pairing (a link to open, a code to copy) and follows it.
    result: channelsPage,
  }),
  present(ops.channels.test, {
    command: {
      id: 'kallyai.channels.test',
      title: 'Send a Test Message…',
      cli: ['kallyai channels test'],
      icon: 'beaker',
    },
    params: { channel: { entity: 'channel', label: 'Channel', filter: canTest as (item: never) => boolean } },
    consent: {
      question: ({ target, input }) =>
        t('Send a test message on {0}?', target ? named(channelOf(target)) : channelName(input.path?.channel)),
      whom: ({ target, input }) =>
        channelOf(target).account_name ? named(channelOf(target)) : channelName(input.path?.channel),
      what: () =>
        t('KallyAI sends a short test message through this channel to check that it works. Nothing is saved.'),
      confirm: 'Send Test',
      decline: "Don't Send",
    },
    progress: 'Sending a test message…',
    result: {
      kind: 'notify',
      message: ({ data, input }) =>
        data.success === false
          ? t(
              'The {0} test did not go through: {1}',
              channelName(input.path?.channel),
              data.message ?? t('no reason given'),
            )
          : (data.message ??
            t(
              'Test message sent on {0}{1}.',
              channelName(input.path?.channel),
              data.account_name ? ` (${data.account_name})` : '',
            )),
    },
  }),
  present(ops.channels.disconnect, {
    command: {
      id: 'kallyai.channels.disconnect',
      title: 'Disconnect Channel…',
      cli: ['kallyai channels disconnect'],
      icon: 'debug-disconnect',
    },
    params: { channel: { entity: 'channel', label: 'Channel', filter: canDisconnect as (item: never) => boolean } },
    consent: {
      question: ({ target, input }) =>
        t('Disconnect {0}?', target ? named(channelOf(target)) : channelName(input.path?.channel)),
      what: ({ input }) =>
        input.path?.channel === 'email'
          ? t('KallyAI stops reading and sending your email until you connect an account again.')
          : t(
              'KallyAI stops sending and receiving messages on {0} until you connect it again.',
              channelName(input.path?.channel),
            ),
      confirm: 'Disconnect',
      decline: 'Stay Connected',
    },
    progress: 'Disconnecting…',
    result: { kind: 'status', message: ({ input }) => t('{0} disconnected', channelName(input.path?.channel)) },
  }),
  // ----- notification email addresses -----
  present(ops.channels.listEmails, {
    command: {
      id: 'kallyai.channels.emails',
      title: 'Notification Email Addresses',
      cli: ['kallyai channels email-list'],
      icon: 'mail',
    },
    progress: 'Loading your notification email addresses…',
    result: channelsPage,
  }),
  present(ops.channels.addEmail, {
    command: {
      id: 'kallyai.channels.addEmail',
      title: 'Add Notification Email Address…',
      cli: ['kallyai channels email-add'],
      icon: 'add',
    },
    fields: {
      email_address: {
        label: 'Email address',
        placeholder: 'name@example.com',
        help: 'KallyAI sends it a verification email',
      },
      label: { label: 'Label', placeholder: 'e.g. Work' },
      is_primary: { label: 'Make it your primary address' },
      display_name: { label: 'Display name', hidden: true },
    },
    ask: ['label'],
    consent: {
      question: ({ input }) => t('Send a verification email to {0}?', input.body?.email_address ?? '?'),
      whom: ({ input }) => input.body?.email_address,
      what: () =>
        t(
          'KallyAI adds the address to your notification addresses and emails it a verification link. It receives nothing else until it is verified.',
        ),
      confirm: 'Send Verification Email',
      decline: "Don't Add",
    },
    progress: 'Adding the address…',
    result: {
      kind: 'notify',
      message: ({ input }) =>
        t(
          '{0} was added. Open the verification email KallyAI sent there and enter its code with "Verify Notification Email Address…".',
          input.body?.email_address ?? '',
        ),
      actions: () => [{ title: t('Enter the Code…'), command: 'kallyai.channels.verifyEmail' }],
    },
  }),
  present(ops.channels.updateEmail, {
    command: {
      id: 'kallyai.channels.updateEmail',
      title: 'Change Notification Email Address…',
      cli: ['kallyai channels email-update'],
      icon: 'edit',
    },
    params: { id: { entity: 'channelEmail', label: 'Address' } },
    fields: {
      label: { label: 'Label', placeholder: 'e.g. Work' },
      is_primary: { label: 'Primary address' },
      receives_notifications: { label: 'Receives notifications' },
      receives_copies: { label: 'Receives copies of emails KallyAI sends' },
      display_name: { label: 'Display name', hidden: true },
    },
    ask: ['label', 'is_primary', 'receives_notifications', 'receives_copies'],
    progress: 'Saving the address…',
    result: {
      kind: 'status',
      message: ({ target, data }) => t('Saved {0}', channelEmailLabel(target ? emailOf(target) : data)),
    },
  }),
  present(ops.channels.deleteEmail, {
    command: {
      id: 'kallyai.channels.deleteEmail',
      title: 'Remove Notification Email Address…',
      cli: ['kallyai channels email-delete'],
      icon: 'trash',
    },
    params: { id: { entity: 'channelEmail', label: 'Address' } },
    consent: {
      question: ({ target }) => t('Remove {0} from your notification addresses?', channelEmailLabel(emailOf(target))),
      what: ({ target }) =>
        emailOf(target).is_primary
          ? t(
              'It is your primary address: KallyAI stops sending notifications and copies there. Adding it again needs a new verification.',
            )
          : t('KallyAI stops sending notifications and copies there. Adding it again needs a new verification.'),
      confirm: 'Remove Address',
      decline: 'Keep Address',
    },
    progress: 'Removing the address…',
    result: { kind: 'status', message: ({ target }) => t('Removed {0}', channelEmailLabel(emailOf(target))) },
  }),
  present(ops.channels.verifyEmail, {
    command: {
      id: 'kallyai.channels.verifyEmail',
      title: 'Verify Notification Email Address…',
      cli: ['kallyai channels email-verify'],
      icon: 'verified',
    },
    fields: {
      token: { label: 'Verification code', placeholder: 'the code, or the whole link, from the verification email' },
    },
    progress: 'Verifying…',
    result: {
      kind: 'notify',
      message: ({ data }) =>
        verified(data.location ?? data.text)
          ? t('The address is verified: KallyAI sends your notifications there.')
          : t(
              'That code was not accepted. Copy it again from the newest verification email, or add the address again for a new one.',
            ),
      actions: () => [{ title: t('Manage Channels'), command: 'kallyai.channels.status' }],
    },
  }),
  present(ops.channels.mailbox, {
    command: {
      id: 'kallyai.channels.mailbox',
      title: 'Show KallyAI Mailbox Address',
      cli: ['kallyai channels mailbox'],
      icon: 'inbox',
    },
    progress: 'Loading your KallyAI mailbox…',
    result: {
      kind: 'notify',
      message: ({ data }) =>
        data.mailbox
          ? t('Your KallyAI mailbox is {0}. Email sent or forwarded there reaches KallyAI.', data.mailbox)
          : t('KallyAI did not send your mailbox address.'),
      actions: ({ data }) =>
        data.mailbox
          ? [{ title: t('Copy Address'), command: 'kallyai.channels.copyMailbox', args: [data.mailbox] }]
          : [],
    },
  }),
];

/** The verify link answers with a redirect to the app's settings: `email_verified=1`, or an error. */
function verified(where: string | undefined): boolean {
  return /[?&]email_verified=(1|true)\b/.test(where ?? '') || /[?&]verified=(1|true)\b/.test(where ?? '');
}

export const channelCommands: readonly CommandSpec[] = [
  {
    id: 'kallyai.channels.copyMailbox',
    title: 'Copy KallyAI Mailbox Address',
    icon: 'copy',
    runs: ['channels.mailbox'],
  },
];
