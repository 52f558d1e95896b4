/** The unified inbox and the email drafts waiting for approval (contract §5.5, §5.6). */
import { ops } from '../api/catalogue';
import type { Message } from '../api/schemas/messages';
import { messageMarkdown, messageTitle, threadMarkdown } from '../documents/messageMarkdown';
import { count, oneLine, t } from '../format';
import { notEmailAddresses, recipientsText, type OutboxEmail } from '../models/email';
import { present, type Presentation } from './entry';

const draftOf = (target: unknown): OutboxEmail => (target ?? {}) as OutboxEmail;
const subject = (target: unknown) => oneLine(draftOf(target).subject || t('(no subject)'), 60);
const recipients = (d: OutboxEmail) => recipientsText(d);

export const inboxPresentations: Presentation[] = [
  present(ops.messages.inbox, {
    command: {
      id: 'kallyai.inbox.list',
      title: 'Find a Message…',
      cli: ['kallyai messages inbox'],
      icon: 'search',
      menus: [{ view: 'inbox', group: 'titleMenu', order: 1 }],
    },
    fields: {
      channel: { label: 'Channel', choiceLabels: { email: 'Email', sms: 'SMS', call: 'Call', chat: 'Chat' } },
      unread: { label: 'Unread only', choiceLabels: { true: 'Unread messages only' } },
    },
    ask: ['channel', 'unread'],
    progress: 'Loading your inbox…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a message to read',
      empty: 'No messages.',
      items: ({ data }) =>
        data.messages
          .filter((m) => m.id)
          .map((m) => ({
            label: oneLine(m.subject || m.preview || t('(no subject)'), 70),
            description: [m.from, m.unread ? t('unread') : undefined].filter(Boolean).join(' · '),
            icon: m.unread ? 'circle-filled' : 'mail',
            run: { title: t('Open Message'), command: 'kallyai.inbox.openMessage', args: [{ id: m.id }] },
          })),
    },
  }),
  present(ops.messages.message, {
    command: {
      id: 'kallyai.inbox.openMessage',
      title: 'Open Message',
      cli: ['kallyai messages read'],
      icon: 'mail-read',
      menus: [{ view: 'inbox', item: 'message', group: 'primary', order: 1 }],
    },
    params: { id: { entity: 'message', label: 'Message' } },
    progress: 'Opening the message…',
    result: {
      kind: 'document',
      path: ({ input }) => `inbox/${input.path?.id ?? 'message'}`,
      title: ({ data }) => oneLine(messageTitle(data), 80),
      markdown: ({ data }) => messageMarkdown(data),
    },
    followUp: {
      op: ops.messages.markRead,
      when: ({ data, target }) => Boolean((data as Message).unread ?? (target as Message | undefined)?.unread),
      input: ({ input }) => ({ body: { message_ids: [input.path?.id] } }),
    },
  }),
  present(ops.messages.conversation, {
    command: {
      id: 'kallyai.inbox.openThread',
      title: 'Open Thread',
      cli: ['kallyai messages thread'],
      icon: 'comment-discussion',
      menus: [
        { view: 'inbox', item: 'threaded', group: 'primary', order: 2 },
        { view: 'inbox', item: 'inThread', group: 'inline', order: 2 },
      ],
    },
    params: {
      conversation_id: {
        entity: 'thread',
        label: 'Conversation',
        fromTarget: { message: (m: Message) => m.conversation_id },
      },
    },
    progress: 'Opening the thread…',
    result: {
      kind: 'document',
      path: ({ input }) => `threads/${input.path?.conversation_id ?? 'thread'}`,
      title: ({ data }) =>
        t(
          'Thread — {0}',
          oneLine(
            (data.messages[0]?.subject ?? '').replace(/^(re|fwd?):\s*/i, '') ||
              data.messages[0]?.from ||
              t('Conversation'),
            60,
          ),
        ),
      markdown: ({ data }) =>
        threadMarkdown(data.messages, oneLine(data.messages[0]?.subject || t('Conversation'), 80)),
    },
  }),
  present(ops.messages.markRead, {
    command: {
      id: 'kallyai.inbox.markRead',
      title: 'Mark as Read',
      cli: ['kallyai messages mark-read'],
      icon: 'check',
      menus: [{ view: 'inbox', item: 'unread', group: 'inline', order: 1 }],
    },
    fields: { message_ids: { label: 'Messages', entity: 'message' } },
    targetInput: (ids) => ({ body: { message_ids: ids } }),
    progress: 'Marking as read…',
    result: {
      kind: 'status',
      message: ({ input }) =>
        count(input.body?.message_ids?.length ?? 0, '{0} message marked as read', '{0} messages marked as read'),
    },
  }),
  present(ops.actions.approveEmail, {
    command: {
      id: 'kallyai.inbox.approveEmail',
      title: 'Approve and Send Email…',
      cli: ['kallyai actions email approve'],
      icon: 'send',
      menus: [
        { view: 'inbox', item: 'draft', group: 'inline', order: 1 },
        { view: 'email', item: 'draft', group: 'inline', order: 1 },
      ],
    },
    params: { id: { entity: 'draft', label: 'Draft' } },
    // A recipient that is not an email address is refused before the question (the draft page says which, and offers to write it again).
    unavailable: ({ target }) => {
      const wrong = target ? notEmailAddresses(draftOf(target)) : [];
      if (!wrong.length) return undefined;
      const names = oneLine(wrong.join(', '), 200);
      return wrong.length === 1
        ? t(
            'This draft cannot be sent: {0} is not an email address. Write it again with the right address, or ask KallyAI to revise it.',
            names,
          )
        : t(
            'This draft cannot be sent: {0} are not email addresses. Write it again with the right addresses, or ask KallyAI to revise it.',
            names,
          );
    },
    // The consent names every recipient (To and Cc) and the credits sending costs.
    consent: {
      question: ({ target }) => t('Send the email "{0}" to {1}?', subject(target), recipients(draftOf(target))),
      whom: ({ target }) => recipients(draftOf(target)),
      what: () => t('KallyAI sends it now, from your account. Sent email cannot be recalled.'),
      confirm: 'Send Email',
      decline: "Don't Send",
    },
    progress: 'Sending the email…',
    result: { kind: 'status', message: ({ target }) => t('Email sent to {0}', recipients(draftOf(target))) },
  }),
  present(ops.actions.cancelEmail, {
    command: {
      id: 'kallyai.inbox.cancelEmail',
      title: 'Discard Email Draft…',
      cli: ['kallyai actions email cancel'],
      icon: 'trash',
      menus: [
        { view: 'inbox', item: 'draft', group: 'inline', order: 2 },
        { view: 'email', item: 'draft', group: 'inline', order: 2 },
      ],
    },
    params: { id: { entity: 'draft', label: 'Draft' } },
    consent: {
      question: ({ target }) => t('Discard the draft "{0}" to {1}?', subject(target), recipients(draftOf(target))),
      what: () => t('The email will not be sent.'),
      confirm: 'Discard Draft',
      decline: 'Keep Draft',
    },
    progress: 'Discarding the draft…',
    result: { kind: 'status', message: () => t('Draft discarded') },
  }),
];
