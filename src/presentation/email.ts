/** Email (contract §5.8 and the outgoing email of §5.5): the connected accounts, the mail by
 *  classification, reading and answering an email, writing one (a draft: nothing is sent until it
 *  is approved), the outbox and the replies to a sent email, and the voice profile. How each
 *  operation is asked, consented, shown, and placed in the Email view. */
import { ops } from '../api/catalogue';
import { EMAIL_CLASSIFICATIONS, type EmailAccount, type EmailMessage } from '../api/schemas/email';
import { voiceProfileMarkdown } from '../documents/emailMarkdown';
import { codeLabel, count, humanize, oneLine, shortDateTime, t } from '../format';
import {
  classificationLabel,
  draftIdOf,
  isDraft,
  mailDate,
  newestMailFirst,
  outboxId,
  outboxState,
  outboxStateLabel,
  recipientsText,
  senderName,
  type OutboxEmail,
} from '../models/email';
import { present, type CommandSpec, type EntitySpec, type Presentation } from './entry';
import { registerEntities } from './entities';

const accountOf = (target: unknown): EmailAccount => (target ?? {}) as EmailAccount;
const mailOf = (target: unknown): EmailMessage => (target ?? {}) as EmailMessage;
const subjectOf = (s: string | null | undefined) => oneLine(s || t('(no subject)'), 60);
const providerName = (p: string | null | undefined) =>
  p === 'gmail' ? 'Gmail' : p === 'outlook' ? 'Outlook' : humanize(p) || t('Email');
export const accountLabel = (a: EmailAccount) => a.email || providerName(a.provider);

const entity = <T>(spec: EntitySpec<T>) => spec as unknown as EntitySpec<unknown>;

export const emailAccountEntity = entity<EmailAccount>({
  kind: 'emailAccount',
  placeholder: 'Pick an email account',
  empty: 'No email account is connected.',
  list: async (client, signal) => (await client.execute(ops.email.accounts, {}, { signal })).accounts,
  id: (a) => a.id ?? undefined,
  label: accountLabel,
  description: (a) =>
    [
      providerName(a.provider),
      codeLabel('accountStatus', a.status),
      a.connected_at ? t('connected {0}', shortDateTime(a.connected_at) ?? '') : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
});

export const emailMessageEntity = entity<EmailMessage>({
  kind: 'email',
  placeholder: 'Pick an email',
  empty: 'No email to pick from.',
  list: async (client, signal) =>
    newestMailFirst((await client.execute(ops.email.messages, { query: { limit: 50 } }, { signal })).messages),
  get: (client, id) => client.execute(ops.email.message, { path: { id } }),
  getOp: ops.email.message.id,
  id: (m) => m.id ?? undefined,
  label: (m) => oneLine(m.subject || m.snippet || t('(no subject)'), 70),
  description: (m) =>
    [
      senderName(m.from),
      shortDateTime(mailDate(m)),
      m.classification ? classificationLabel(m.classification) : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
});

export const sentEmailEntity = entity<OutboxEmail>({
  kind: 'sentEmail',
  placeholder: 'Pick a sent email',
  empty: 'You have no sent email yet.',
  list: async (client, signal) =>
    (await client.execute(ops.actions.emailOutbox, {}, { signal })).emails.filter((e) => outboxState(e) === 'sent'),
  id: outboxId,
  label: (e) => oneLine(e.subject || t('(no subject)'), 70),
  description: (e) =>
    [
      t('to {0}', recipientsText(e)),
      shortDateTime(e.sent_at ?? e.created_at),
      e.reply_count ? count(e.reply_count, '{0} reply', '{0} replies') : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
});

registerEntities(emailAccountEntity, emailMessageEntity, sentEmailEntity);

const CLASSIFICATION_LABELS = Object.fromEntries(EMAIL_CLASSIFICATIONS.map((c) => [c, classificationLabel(c)]));

export const emailPresentations: Presentation[] = [
  // ----- accounts -----
  present(ops.email.accounts, {
    command: {
      id: 'kallyai.email.accounts',
      title: 'Email Accounts…',
      cli: ['kallyai email accounts'],
      icon: 'account',
      menus: [{ view: 'email', group: 'titleMenu', order: 2 }],
    },
    progress: 'Loading your email accounts…',
    result: {
      kind: 'pick',
      placeholder: 'Your connected email accounts: pick one to disconnect it, or connect another',
      empty: 'No email account is connected.',
      items: ({ data }) => [
        ...data.accounts
          .filter((a) => a.id)
          .map((a) => ({
            label: accountLabel(a),
            description: [providerName(a.provider), codeLabel('accountStatus', a.status)].filter(Boolean).join(' · '),
            detail: a.connected_at ? t('Connected {0}', shortDateTime(a.connected_at) ?? '') : undefined,
            icon: 'mail',
            run: { title: t('Disconnect…'), command: 'kallyai.email.disconnect', args: [{ id: a.id }] },
          })),
        {
          label: t('Connect Gmail…'),
          icon: 'plug',
          run: { title: t('Connect Gmail'), command: 'kallyai.email.connectGmail' },
        },
        {
          label: t('Connect Outlook…'),
          icon: 'plug',
          run: { title: t('Connect Outlook'), command: 'kallyai.email.connectOutlook' },
        },
      ],
    },
  }),
  present(ops.email.gmailUrl, {
    progress: 'Opening Gmail…',
    result: {
      kind: 'open',
      url: ({ data }) => data.url,
      missing: 'KallyAI did not send the address of the Gmail consent page.',
    },
  }),
  present(ops.email.outlookUrl, {
    progress: 'Opening Outlook…',
    result: {
      kind: 'open',
      url: ({ data }) => data.url,
      missing: 'KallyAI did not send the address of the Outlook consent page.',
    },
  }),
  present(ops.email.disconnect, {
    command: {
      id: 'kallyai.email.disconnect',
      title: 'Disconnect Email Account…',
      cli: ['kallyai email disconnect'],
      icon: 'debug-disconnect',
      menus: [{ view: 'email', item: 'emailAccount', group: 'danger', order: 1 }],
    },
    params: { id: { entity: 'emailAccount', label: 'Email account' } },
    consent: {
      question: ({ target }) => t('Disconnect {0} from KallyAI?', accountLabel(accountOf(target))),
      what: ({ target }) =>
        t(
          'KallyAI stops reading, classifying and sending email from {0} ({1}). You can connect it again later.',
          accountLabel(accountOf(target)),
          providerName(accountOf(target).provider),
        ),
      confirm: 'Disconnect Account',
      decline: 'Keep Account',
    },
    progress: 'Disconnecting the account…',
    result: { kind: 'status', message: ({ target }) => t('Disconnected {0}', accountLabel(accountOf(target))) },
  }),
  // ----- mail -----
  present(ops.email.messages, {
    command: {
      id: 'kallyai.email.list',
      title: 'Find an Email…',
      cli: ['kallyai email list'],
      icon: 'search',
      menus: [{ view: 'email', group: 'titleMenu', order: 1 }],
    },
    fields: { classification: { label: 'Classification', choiceLabels: CLASSIFICATION_LABELS } },
    ask: ['classification'],
    progress: 'Loading your email…',
    result: {
      kind: 'pick',
      placeholder: 'Pick an email to read',
      empty: 'No email matches.',
      items: ({ data }) =>
        newestMailFirst(data.messages.filter((m) => m.id)).map((m) => ({
          label: oneLine(m.subject || m.snippet || t('(no subject)'), 70),
          description: [
            senderName(m.from),
            shortDateTime(mailDate(m)),
            m.classification ? classificationLabel(m.classification) : undefined,
          ]
            .filter(Boolean)
            .join(' · '),
          detail: oneLine(m.snippet ?? m.preview, 120) || undefined,
          icon: m.unread ? 'circle-filled' : 'mail',
          run: { title: t('Read Email'), command: 'kallyai.email.read', args: [{ id: m.id }] },
        })),
    },
  }),
  present(ops.email.message, {
    command: {
      id: 'kallyai.email.read',
      title: 'Read Email',
      cli: ['kallyai email read'],
      icon: 'mail-read',
      menus: [{ view: 'email', item: 'mail', group: 'primary', order: 1 }],
    },
    params: { id: { entity: 'email', label: 'Email' } },
    progress: 'Opening the email…',
    result: { kind: 'page', page: 'mail', id: ({ input }) => input.path?.id },
  }),
  present(ops.email.respond, {
    command: {
      id: 'kallyai.email.respond',
      title: 'Draft a Reply…',
      cli: ['kallyai email respond'],
      icon: 'reply',
      menus: [{ view: 'email', item: 'mail', group: 'inline', order: 1 }],
    },
    params: { id: { entity: 'email', label: 'Email' } },
    fields: {
      instructions: {
        label: 'Instructions for the reply',
        placeholder: 'e.g. Say yes, Thursday at 10 works',
        help: 'leave it empty and KallyAI decides',
      },
    },
    ask: ['instructions'],
    consent: {
      question: ({ target }) => t('Ask KallyAI to draft a reply to "{0}"?', subjectOf(mailOf(target).subject)),
      what: ({ input, target }) => {
        const to = senderName(mailOf(target).from);
        return input.body?.instructions
          ? t(
              'KallyAI writes a reply to {0} in your voice, following your instructions: {1}. It waits in Drafts: nothing is sent until you approve it.',
              to || '?',
              input.body.instructions,
            )
          : t(
              'KallyAI writes a reply to {0} in your voice. It waits in Drafts: nothing is sent until you approve it.',
              to || '?',
            );
      },
      confirm: 'Draft Reply',
      decline: 'Not Now',
    },
    progress: 'KallyAI is drafting the reply…',
    result: {
      kind: 'page',
      page: 'draft',
      id: ({ data }) => draftIdOf(data),
      missing: 'KallyAI drafted a reply. It is in Drafts, waiting for your approval.',
    },
  }),
  // ----- writing and the outbox -----
  present(ops.actions.sendEmail, {
    progress: 'Saving the draft…',
    result: {
      kind: 'page',
      page: 'draft',
      id: ({ data }) => outboxId(data),
      missing: 'The draft was saved. It is in Drafts, waiting for your approval.',
    },
  }),
  present(ops.actions.emailOutbox, {
    command: {
      id: 'kallyai.email.outbox',
      title: 'Find in Outbox…',
      cli: ['kallyai actions email outbox'],
      icon: 'inbox',
      menus: [{ view: 'email', group: 'titleMenu', order: 3 }],
    },
    progress: 'Loading your outbox…',
    result: {
      kind: 'pick',
      placeholder: 'Pick an email: drafts waiting for approval, sent, failed',
      empty: 'Your outbox is empty.',
      items: ({ data }) =>
        data.emails
          .filter((e) => outboxId(e))
          .map((e) => ({
            label: oneLine(e.subject || t('(no subject)'), 70),
            description: [t('to {0}', recipientsText(e)), outboxStateLabel(e)].join(' · '),
            detail: shortDateTime(e.sent_at ?? e.created_at),
            icon: isDraft(e)
              ? 'mail'
              : outboxState(e) === 'sent'
                ? 'pass'
                : outboxState(e) === 'failed'
                  ? 'error'
                  : 'circle-slash',
            run: { title: t('Open'), command: 'kallyai.inbox.openDraft', args: [{ id: outboxId(e) }] },
          })),
    },
  }),
  present(ops.actions.emailReplies, {
    command: {
      id: 'kallyai.email.replies',
      title: 'Show Replies',
      cli: ['kallyai actions email replies'],
      icon: 'comment-discussion',
      menus: [{ view: 'email', item: 'sent', group: 'primary', order: 1 }],
    },
    params: { id: { entity: 'sentEmail', label: 'Sent email' } },
    progress: 'Loading the replies…',
    result: { kind: 'page', page: 'draft', id: ({ input }) => input.path?.id },
  }),
  // ----- the voice profile -----
  present(ops.email.voiceProfile, {
    command: {
      id: 'kallyai.email.voiceProfile',
      title: 'Show Voice Profile',
      cli: ['kallyai email voice-profile'],
      icon: 'person',
      menus: [{ view: 'email', item: 'voiceProfile', group: 'primary', order: 1 }],
    },
    progress: 'Loading your voice profile…',
    result: {
      kind: 'document',
      path: () => 'email/voice-profile',
      title: () => t('Your writing voice'),
      markdown: ({ data }) => voiceProfileMarkdown(data),
    },
  }),
  present(ops.email.trainVoice, {
    command: {
      id: 'kallyai.email.trainVoice',
      title: 'Train Voice…',
      cli: ['kallyai email train-voice'],
      icon: 'mortar-board',
      menus: [{ view: 'email', item: 'voiceProfile', group: 'inline', order: 1 }],
    },
    fields: { email_ids: { label: 'Sent emails that sound like you', entity: 'sentEmail' } },
    ask: ['email_ids'],
    progress: 'Training your voice profile…',
    result: {
      kind: 'notify',
      message: ({ input }) => {
        const n = input.body?.email_ids?.length;
        return n
          ? count(
              n,
              'KallyAI learned your writing voice from {0} email.',
              'KallyAI learned your writing voice from {0} emails.',
            )
          : t('KallyAI learned your writing voice from your sent email.');
      },
      actions: () => [{ title: t('Show Voice Profile'), command: 'kallyai.email.voiceProfile' }],
    },
  }),
];

/** The hand-written email commands (src/commands/email): they ask their own questions, then run
 *  the operations above through the pipeline. */
export const emailCommands: readonly CommandSpec[] = [
  {
    id: 'kallyai.email.write',
    title: 'Write Email…',
    cli: ['kallyai actions email send'],
    icon: 'edit',
    runs: ['actions.sendEmail'],
    menus: [
      { view: 'email', group: 'title', order: 1 },
      { view: 'inbox', group: 'titleMenu', order: 2 },
    ],
  },
  {
    id: 'kallyai.email.connect',
    title: 'Connect Email Account…',
    cli: ['kallyai email connect'],
    icon: 'plug',
    runs: ['email.gmailUrl', 'email.outlookUrl', 'email.accounts'],
    menus: [
      { view: 'email', group: 'title', order: 3 },
      { view: 'email', item: 'connectEmail', group: 'inline', order: 1 },
    ],
  },
  {
    id: 'kallyai.email.connectGmail',
    title: 'Connect Gmail',
    icon: 'plug',
    runs: ['email.gmailUrl', 'email.accounts'],
    menus: [{ view: 'email', group: 'titleMenu', order: 4 }],
  },
  {
    id: 'kallyai.email.connectOutlook',
    title: 'Connect Outlook',
    icon: 'plug',
    runs: ['email.outlookUrl', 'email.accounts'],
    menus: [{ view: 'email', group: 'titleMenu', order: 5 }],
  },
  {
    id: 'kallyai.email.filterMail',
    title: 'Filter Mail by Classification…',
    icon: 'filter',
    runs: ['email.messages'],
    menus: [{ view: 'email', group: 'title', order: 2 }],
  },
  {
    id: 'kallyai.email.refresh',
    title: 'Refresh Email',
    icon: 'refresh',
    runs: [],
    menus: [{ view: 'email', group: 'title', order: 9 }],
  },
];
