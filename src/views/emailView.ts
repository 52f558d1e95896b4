import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import { isKallyApiError } from '../api/errors';
import type { EmailAccount, EmailClassification, EmailMessage } from '../api/schemas/email';
import { count, describeError, md, oneLine, shortDateTime, blocks, t } from '../format';
import {
  classificationLabel,
  failureOf,
  mailDate,
  newestMailFirst,
  outboxId,
  outboxState,
  recipientsText,
  senderName,
  type OutboxEmail,
  type OutboxState,
} from '../models/email';
import type { Services } from '../services';
import { VIEW_DEADLINE_MS, type DataLoader } from './dataLoader';
import { KallyTreeProvider } from './treeProvider';
import { emptyNode, entityNode, groupNode, icon, infoNode, memo, type ViewNode } from './viewNode';
import { plainText } from '../format/sinks';

/** What the Email view shows: the connected accounts, the outbox, and the mail of one
 *  classification (its own failure does not hide the rest: no account is "connect one"). */
export interface EmailData {
  accounts: EmailAccount[];
  outbox: OutboxEmail[];
  mail?: EmailMessage[];
  mailTotal?: number;
  /** Why the mail is not shown: a code and a sentence (kept as plain data for the snapshot). */
  mailError?: { code: string; sentence: string };
  /** The classification the mail was loaded with (undefined: all mail). */
  classification?: EmailClassification;
}

const MAIL_LIMIT = 50;

const GROUPS: ReadonlyArray<{ state: OutboxState; label: () => string; icon: vscode.ThemeIcon; expanded: boolean }> = [
  {
    state: 'pending',
    label: () => t('Drafts awaiting approval'),
    icon: icon('mail', 'list.warningForeground'),
    expanded: true,
  },
  { state: 'failed', label: () => t('Failed'), icon: icon('error', 'testing.iconFailed'), expanded: true },
  { state: 'sent', label: () => t('Sent'), icon: icon('pass', 'testing.iconPassed'), expanded: true },
  {
    state: 'discarded',
    label: () => t('Discarded'),
    icon: icon('circle-slash', 'disabledForeground'),
    expanded: false,
  },
  { state: 'other', label: () => t('Other'), icon: icon('question'), expanded: false },
];

const CONTEXT: Record<OutboxState, string> = {
  pending: 'draft awaitingApproval',
  sent: 'sent',
  failed: 'failedEmail',
  discarded: 'discardedEmail',
  other: 'outboxEmail',
};

/** Email: the connected accounts (connect, disconnect), the mail by classification (read,
 *  draft a reply), the outbox (drafts waiting for approval, failed, sent with their replies,
 *  discarded), the voice profile, and the way to the channels. */
export class EmailProvider extends KallyTreeProvider<EmailData> {
  constructor(
    private readonly services: Services,
    loader: DataLoader<EmailData>,
    isSignedIn: () => boolean,
  ) {
    super('email', t('your email'), loader, isSignedIn);
  }

  static fetch(services: Services, classification: () => EmailClassification | undefined) {
    return async (signal: AbortSignal): Promise<EmailData> => {
      const options = { signal, deadlineMs: VIEW_DEADLINE_MS };
      const chosen = classification();
      const mail = services.client
        .execute(
          ops.email.messages,
          { query: { limit: MAIL_LIMIT, ...(chosen ? { classification: chosen } : {}) } },
          options,
        )
        .then(
          (r) => ({ mail: r.messages, mailTotal: r.total ?? undefined }),
          (e: unknown) => {
            // Offline, signed out, cancelled: the whole view says so. Anything else stays in the mail group.
            if (
              !isKallyApiError(e) ||
              e.status === 0 ||
              e.status === 401 ||
              e.status >= 500 ||
              e.code === 'invalid_response'
            )
              throw e;
            return { mailError: { code: e.code, sentence: describeError(e).sentence } };
          },
        );
      const [accounts, outbox, mailPart] = await Promise.all([
        services.client.execute(ops.email.accounts, {}, options),
        services.client.execute(ops.actions.emailOutbox, {}, options),
        mail,
      ]);
      return { accounts: accounts.accounts, outbox: outbox.emails, classification: chosen, ...mailPart };
    };
  }

  /** Drafts waiting for approval (the view's badge). */
  draftCount(): number {
    return (this.loader.data?.outbox ?? []).filter((e) => outboxState(e) === 'pending').length;
  }

  protected buildRoots(data: EmailData): ViewNode[] {
    return [
      this.accountsGroup(data),
      this.mailGroup(data),
      this.outboxGroup(data),
      this.voiceNode(),
      this.channelsNode(),
    ];
  }

  private accountsGroup(data: EmailData): ViewNode {
    return groupNode(
      'email/accounts',
      undefined,
      {
        label: plainText(t('Accounts')),
        description: plainText(data.accounts.length ? String(data.accounts.length) : t('none connected')),
        tooltip: plainText(t('The email accounts KallyAI reads and sends from')),
        icon: icon('account'),
        contextValue: 'accountsGroup',
      },
      (self) =>
        data.accounts.length ? data.accounts.map((a, i) => this.accountNode(a, self, i)) : [this.connectNode(self)],
    );
  }

  private accountNode(a: EmailAccount, parent: ViewNode, index: number): ViewNode {
    const id = `${parent.id}/${a.id ?? `#${index}`}`;
    const provider = a.provider === 'gmail' ? 'Gmail' : a.provider === 'outlook' ? 'Outlook' : (a.provider ?? '');
    const connected = shortDateTime(a.connected_at);
    const label = a.email || provider || t('Email account');
    const description = [provider, a.status && a.status !== 'connected' ? a.status : undefined]
      .filter(Boolean)
      .join(' · ');
    return entityNode(parent, {
      id,
      kind: 'emailAccount',
      target: { kind: 'emailAccount', id: a.id, value: a },
      label: plainText(label),
      description: plainText(description),
      tooltip: plainText(
        connected ? t('{0} ({1}), connected {2}', label, provider, connected) : `${label} (${provider})`,
      ),
      icon: icon(a.status && a.status !== 'connected' ? 'warning' : 'mail'),
      contextValue: 'emailAccount',
    });
  }

  private connectNode(parent: ViewNode | undefined, id = 'email/accounts/connect'): ViewNode {
    return infoNode(
      id,
      parent,
      {
        label: plainText(t('Connect an email account')),
        description: plainText(t('Gmail or Outlook')),
        tooltip: plainText(t('KallyAI reads, classifies and answers your email once an account is connected.')),
        icon: icon('plug'),
        command: { command: 'kallyai.email.connect', title: t('Connect Email Account…') },
      },
      'connectEmail',
    );
  }

  private mailGroup(data: EmailData): ViewNode {
    const mail = data.mail ?? [];
    const unread = mail.filter((m) => m.unread).length;
    const shown = data.classification ? classificationLabel(data.classification) : t('All mail');
    return groupNode(
      'email/mail',
      undefined,
      {
        label: plainText(t('Mail — {0}', shown)),
        description: plainText(
          data.mailError ? undefined : unread ? t('{0} unread', unread) : String(data.mailTotal ?? mail.length),
        ),
        tooltip: plainText(t('Your email, as KallyAI classified it. Filter it from the view title.')),
        icon: icon('inbox'),
        contextValue: 'mailGroup',
      },
      (self) => {
        if (data.mailError?.code === 'email_not_connected') return [this.connectNode(self, 'email/mail/connect')];
        if (data.mailError) {
          return [
            infoNode(
              'email/mail/error',
              self,
              {
                label: plainText(t('Could not load your mail: {0} — Retry', data.mailError.sentence)),
                tooltip: plainText(data.mailError.sentence),
                icon: icon('error', 'problemsWarningIcon.foreground'),
                command: { command: 'kallyai.retry', title: t('Retry'), arguments: ['email'] },
              },
              'error',
            ),
          ];
        }
        if (!mail.length) {
          return [
            emptyNode('email/mail/empty', self, {
              label: plainText(data.classification ? t('No {0} email', shown.toLowerCase()) : t('No email')),
              tooltip: plainText(t('Filter the mail by another classification from the view title.')),
              icon: icon('inbox'),
            }),
          ];
        }
        const nodes = newestMailFirst(mail).map((m, i) => this.mailNode(m, self, i));
        if (data.mailTotal !== undefined && data.mailTotal > mail.length) {
          nodes.push(
            infoNode(
              'email/mail/more',
              self,
              {
                label: plainText(t('{0} more — Find an Email…', data.mailTotal - mail.length)),
                icon: icon('search'),
                command: { command: 'kallyai.email.list', title: t('Find an Email…') },
              },
              'more',
            ),
          );
        }
        return nodes;
      },
    );
  }

  private mailNode(m: EmailMessage, parent: ViewNode, index: number): ViewNode {
    const id = `${parent.id}/${m.id ?? `#${index}`}`;
    const subject = oneLine(m.subject || m.snippet || t('(no subject)'), 70);
    const from = oneLine(senderName(m.from), 40);
    const when = shortDateTime(mailDate(m));
    return entityNode(parent, {
      id,
      kind: 'mail',
      opens: { command: 'kallyai.email.read', title: t('Read Email') },
      target: { kind: 'email', id: m.id, value: m },
      label: plainText(subject),
      description: plainText([from, when, m.unread ? t('unread') : undefined].filter(Boolean).join(' · ')),
      tooltip: blocks(
        md`**${m.subject || t('(no subject)')}**`,
        md`${t('From')}: ${m.from ?? '?'}${when ? md` · ${when}` : ''}${m.classification ? md` · ${classificationLabel(m.classification)}` : ''}`,
        (m.snippet ?? m.preview) ? md`${oneLine(m.snippet ?? m.preview, 300)}` : undefined,
      ),
      icon: m.unread ? icon('circle-filled', 'charts.blue') : icon(m.classification === 'spam' ? 'warning' : 'mail'),
      contextValue: ['mail', m.unread ? 'unread' : ''].filter(Boolean).join(' '),
      accessibility: {
        label: plainText(
          t('{0}email from {1}: {2}, {3}', m.unread ? t('Unread ') : '', from || '?', subject, when ?? ''),
        ),
        status: plainText(m.unread ? t('Unread') : undefined),
      },
    });
  }

  private outboxGroup(data: EmailData): ViewNode {
    const pending = data.outbox.filter((e) => outboxState(e) === 'pending').length;
    return groupNode(
      'email/outbox',
      undefined,
      {
        label: plainText(t('Outbox')),
        description: plainText(
          pending ? count(pending, '{0} draft to approve', '{0} drafts to approve') : String(data.outbox.length),
        ),
        tooltip: plainText(
          t('Email KallyAI wrote for you: drafts wait for your approval; sent and failed email and the replies'),
        ),
        icon: icon('send'),
        contextValue: 'outboxGroup',
      },
      (self) => {
        if (!data.outbox.length) {
          return [
            emptyNode('email/outbox/empty', self, {
              label: plainText(t('Nothing in your outbox — Write Email…')),
              icon: icon('edit'),
              command: { command: 'kallyai.email.write', title: t('Write Email…') },
            }),
          ];
        }
        return GROUPS.map((g) => ({ ...g, emails: data.outbox.filter((e) => outboxState(e) === g.state) }))
          .filter((g) => g.emails.length)
          .map((g) =>
            groupNode(
              `email/outbox/${g.state}`,
              self,
              {
                label: plainText(g.label()),
                description: plainText(String(g.emails.length)),
                icon: g.icon,
                contextValue: `outbox ${g.state}`,
                expanded: g.expanded,
              },
              (group) => g.emails.map((e, i) => this.outboxNode(e, g.state, group, i)),
            ),
          );
      },
    );
  }

  private outboxNode(e: OutboxEmail, state: OutboxState, parent: ViewNode, index: number): ViewNode {
    const emailId = outboxId(e);
    const id = `${parent.id}/${emailId ?? `#${index}`}`;
    const subject = oneLine(e.subject || t('(no subject)'), 70);
    const replies = e.reply_count ?? 0;
    const when = shortDateTime(e.sent_at ?? e.updated_at ?? e.created_at);
    const failure = state === 'failed' ? failureOf(e) : undefined;
    const description = [
      t('to {0}', oneLine(recipientsText(e), 50)),
      replies ? count(replies, '{0} reply', '{0} replies') : when,
    ]
      .filter(Boolean)
      .join(' · ');
    const kind = state === 'pending' ? 'draft' : state === 'sent' ? 'sentEmail' : 'outboxEmail';
    const node: ViewNode & { draft?: OutboxEmail } = entityNode(
      parent,
      {
        id,
        kind: state === 'pending' ? 'draft' : 'outbox',
        target: emailId ? { kind, id: emailId, value: e } : undefined,
        label: plainText(subject),
        description: plainText(description),
        tooltip: blocks(
          md`**${e.subject || t('(no subject)')}**`,
          md`${t('To')}: ${recipientsText(e)}`,
          e.body ? md`${oneLine(e.body, 400)}` : undefined,
          failure ? md`_${failure}_` : undefined,
          state === 'pending' ? md`_${t('Waiting for your approval: nothing is sent until you approve.')}_` : undefined,
        ),
        icon:
          state === 'pending'
            ? icon('mail', 'list.warningForeground')
            : state === 'failed'
              ? icon('error', 'testing.iconFailed')
              : state === 'sent'
                ? icon(replies ? 'comment-discussion' : 'pass')
                : icon('circle-slash'),
        contextValue: [CONTEXT[state], replies ? 'hasReplies' : ''].filter(Boolean).join(' '),
        collapsible: replies ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        accessibility: {
          label: plainText(
            t(
              'Email {0} to {1}: {2}',
              GROUPS.find((g) => g.state === state)?.label() ?? '',
              recipientsText(e),
              subject,
            ),
          ),
        },
      },
      state === 'pending' ? { draft: e } : {},
    );
    if (emailId)
      node.item.command = {
        command: 'kallyai.inbox.openDraft',
        title: t('Open'),
        arguments: [{ id: emailId }],
      };
    if (replies && emailId)
      node.children = memo(
        () => this.replyNodes(node, emailId),
        (err) => [this.errorNode(err, `${id}/error`, node, ['email'])],
      );
    return node;
  }

  private async replyNodes(parent: ViewNode, emailId: string): Promise<ViewNode[]> {
    const { replies } = await this.services.client.execute(
      ops.actions.emailReplies,
      { path: { id: emailId } },
      { deadlineMs: VIEW_DEADLINE_MS },
    );
    if (!replies.length)
      return [emptyNode(`${parent.id}/none`, parent, { label: plainText(t('No replies yet')), icon: icon('comment') })];
    return replies.map((r, i) =>
      infoNode(
        `${parent.id}/${r.id ?? `#${i}`}`,
        parent,
        {
          label: plainText(oneLine(r.body || r.snippet || r.subject || t('(empty reply)'), 70)),
          description: plainText([senderName(r.from), shortDateTime(r.received_at)].filter(Boolean).join(' · ')),
          tooltip: blocks(
            md`**${r.from ?? '?'}** · ${shortDateTime(r.received_at) ?? ''}`,
            md`${oneLine(r.body, 600)}`,
          ),
          icon: icon('reply'),
          command: {
            command: 'kallyai.email.replies',
            title: t('Show Replies'),
            arguments: [{ id: emailId }],
          },
        },
        'reply',
      ),
    );
  }

  private voiceNode(): ViewNode {
    return infoNode(
      'email/voice',
      undefined,
      {
        label: plainText(t('Voice profile')),
        description: plainText(t('how KallyAI writes as you')),
        tooltip: plainText(t('Show it, or train it from sent emails that sound like you')),
        icon: icon('person'),
        command: { command: 'kallyai.email.voiceProfile', title: t('Show Voice Profile') },
      },
      'voiceProfile',
    );
  }

  private channelsNode(): ViewNode {
    return infoNode(
      'email/channels',
      undefined,
      {
        label: plainText(t('Channels')),
        description: plainText(t('email, SMS, WhatsApp, Telegram…')),
        tooltip: plainText(t('Connect, test and disconnect channels; notification addresses; your KallyAI mailbox')),
        icon: icon('radio-tower'),
        command: { command: 'kallyai.channels.status', title: t('Manage Channels') },
      },
      'channels',
    );
  }
}
