import { ops } from '../api/catalogue';
import { INBOX_CHANNELS, type Message } from '../api/schemas/messages';
import type { Services } from '../services';
import { VIEW_DEADLINE_MS, type DataLoader } from './dataLoader';
import { count, md, oneLine, phoneForPeople, shortDateTime, blocks, t } from '../format';
import { KallyTreeProvider } from './treeProvider';
import { emptyNode, entityNode, groupNode, icon, infoNode, type ViewNode } from './viewNode';
import { plainText } from '../format/sinks';
import { channelName } from '../models/channel';

export interface OutboxEmail {
  id?: string | null;
  to?: string | null;
  subject?: string | null;
  body?: string | null;
  status?: string | null;
  created_at?: string | null;
}
/** The Inbox view's filters (contract §5.6: `channel`, `unread=true`), chosen in its title. */
export interface InboxFilter {
  channel?: (typeof INBOX_CHANNELS)[number];
  unreadOnly?: boolean;
}
export interface InboxData {
  messages: Message[];
  drafts: OutboxEmail[];
  /** The filter and the page size the messages were loaded with; `total` when the server says. */
  filter?: InboxFilter;
  limit?: number;
  total?: number;
}

/** Messages per "Load more" (the inbox pages by `limit` only: each page asks for more). */
export const INBOX_PAGE = 50;
/** The most the inbox asks for (the schema's limit). */
export const INBOX_MAX = 200;

/** More messages may be waiting: the server said so, or a full page came back. */
export function hasMoreMessages(d: InboxData): boolean {
  const limit = d.limit ?? INBOX_PAGE;
  if (limit >= INBOX_MAX) return false;
  return d.total !== undefined ? d.total > d.messages.length : d.messages.length >= limit;
}

export interface MessageNode extends ViewNode {
  readonly kind: 'message';
  readonly message: Message;
}
export interface DraftNode extends ViewNode {
  readonly kind: 'draft';
  readonly draft: OutboxEmail;
}

export const isMessageNode = (n: unknown): n is MessageNode =>
  !!n && typeof n === 'object' && (n as ViewNode).kind === 'message' && 'message' in (n as object);
export const isDraftNode = (n: unknown): n is DraftNode =>
  !!n && typeof n === 'object' && (n as ViewNode).kind === 'draft' && 'draft' in (n as object);

export type ChannelGroup = 'email' | 'sms' | 'call' | 'chat' | 'other';
const CHANNELS: readonly ChannelGroup[] = ['email', 'sms', 'call', 'chat', 'other'];

const CHANNEL_LABEL: Record<ChannelGroup, () => string> = {
  email: () => t('Email'),
  sms: () => t('SMS'),
  call: () => t('Calls'),
  chat: () => t('Chat'),
  other: () => t('Other'),
};
const CHANNEL_ICON: Record<ChannelGroup, string> = {
  email: 'mail',
  sms: 'comment',
  call: 'call-incoming',
  chat: 'comment-discussion',
  other: 'inbox',
};

export function channelOf(m: Message): ChannelGroup {
  const c = (m.channel ?? '').toLowerCase();
  return c === 'email' || c === 'sms' || c === 'call' || c === 'chat' ? c : 'other';
}

/** "message unread threaded inThread" (package.json menus match these): `inThread` when other
 *  loaded messages share its conversation. */
export function messageContextValue(m: Message, threadSize = 1): string {
  return [
    'message',
    m.unread ? 'unread' : '',
    m.conversation_id ? 'threaded' : '',
    m.conversation_id && threadSize > 1 ? 'inThread' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export class InboxProvider extends KallyTreeProvider<InboxData> {
  constructor(loader: DataLoader<InboxData>, isSignedIn: () => boolean) {
    super('inbox', t('your inbox'), loader, isSignedIn);
  }

  static fetch(services: Services, filter: () => InboxFilter, limit: () => number) {
    return async (signal: AbortSignal): Promise<InboxData> => {
      const f = filter();
      const n = limit();
      const query = {
        limit: n,
        ...(f.channel ? { channel: f.channel } : {}),
        ...(f.unreadOnly ? { unread: 'true' as const } : {}),
      };
      const [inbox, outbox] = await Promise.all([
        services.client.execute(ops.messages.inbox, { query }, { signal, deadlineMs: VIEW_DEADLINE_MS }),
        services.client.execute(ops.actions.emailOutbox, {}, { signal, deadlineMs: VIEW_DEADLINE_MS }),
      ]);
      return {
        messages: inbox.messages,
        drafts: outbox.emails.filter((e) => e.status === 'pending_approval'),
        filter: f,
        limit: n,
        total: inbox.total ?? undefined,
      };
    };
  }

  unreadCount(): number {
    return (this.loader.data?.messages ?? []).filter((m) => m.unread).length;
  }

  /** Marks messages read in the view at once (the server is told by the caller). */
  markReadLocally(ids: readonly string[]): void {
    const set = new Set(ids);
    this.loader.update((d) => ({
      ...d,
      messages: d.messages.map((m) => (m.id && set.has(m.id) && m.unread ? { ...m, unread: false } : m)),
    }));
  }

  protected buildRoots(data: InboxData): ViewNode[] {
    const roots: ViewNode[] = [];
    if (data.drafts.length) {
      roots.push(
        groupNode(
          'inbox/drafts',
          undefined,
          {
            label: plainText(t('Drafts awaiting approval')),
            description: plainText(String(data.drafts.length)),
            tooltip: plainText(t('Emails KallyAI wrote for you: nothing is sent until you approve')),
            icon: icon('mail', 'list.warningForeground'),
            contextValue: 'outboxGroup',
          },
          (self) => data.drafts.map((d, i) => this.draftNode(d, self, i)),
        ),
      );
    }
    const filtered = !!(data.filter?.channel || data.filter?.unreadOnly);
    if (filtered) roots.push(this.filterNode(data.filter!));
    if (data.messages.length === 0) {
      roots.push(
        emptyNode('inbox/empty', undefined, {
          label: plainText(filtered ? t('No messages match the filter') : t('No messages yet')),
          tooltip: plainText(t('Replies by email, SMS, call and chat land here.')),
          icon: icon('inbox'),
        }),
      );
      return roots;
    }
    const threads = new Map<string, number>();
    for (const m of data.messages)
      if (m.conversation_id) threads.set(m.conversation_id, (threads.get(m.conversation_id) ?? 0) + 1);
    this.threadSizes = threads;
    for (const channel of CHANNELS) {
      const messages = data.messages.filter((m) => channelOf(m) === channel);
      if (messages.length === 0) continue;
      const unread = messages.filter((m) => m.unread).length;
      roots.push(
        groupNode(
          `inbox/channel/${channel}`,
          undefined,
          {
            label: plainText(CHANNEL_LABEL[channel]()),
            description: plainText(unread ? t('{0} unread', unread) : String(messages.length)),
            tooltip: plainText(
              `${CHANNEL_LABEL[channel]()}: ${count(messages.length, '{0} message', '{0} messages')}, ${count(unread, '{0} unread', '{0} unread')}`,
            ),
            icon: icon(CHANNEL_ICON[channel]),
            contextValue: `channel ${channel}`,
          },
          (self) => messages.map((m, i) => this.messageNode(m, self, i)),
        ),
      );
    }
    if (hasMoreMessages(data)) roots.push(this.loadMoreNode(data));
    else if ((data.limit ?? INBOX_PAGE) >= INBOX_MAX && data.messages.length >= INBOX_MAX) {
      roots.push(
        infoNode(
          'inbox/limit',
          undefined,
          {
            label: plainText(t('Showing the newest {0} messages', INBOX_MAX)),
            tooltip: plainText(t('Filter by channel or unread to see older ones.')),
            icon: icon('info'),
          },
          'info',
        ),
      );
    }
    return roots;
  }

  private threadSizes = new Map<string, number>();

  /** Loading the next page: the node says so at once. */
  showLoadingMore(): void {
    const node = this.rootNodes().find((n) => n.kind === 'loadMore');
    if (!node) return;
    node.item.label = t('Loading more messages…');
    node.item.iconPath = icon('loading~spin');
    node.item.command = undefined;
    this.changeEmitter.fire(node);
  }

  private loadMoreNode(data: InboxData): ViewNode {
    const shown =
      data.total !== undefined
        ? t('{0} of {1} shown', data.messages.length, data.total)
        : t('{0} shown', data.messages.length);
    return infoNode(
      'inbox/loadMore',
      undefined,
      {
        label: plainText(t('Load more')),
        description: plainText(shown),
        tooltip: plainText(t('Load up to {0} more messages', INBOX_PAGE)),
        icon: icon('fold-down'),
        command: { command: 'kallyai.inbox.loadMore', title: t('Load More Messages') },
        accessibility: { label: plainText(t('Load more messages, {0}', shown)) },
      },
      'loadMore',
    );
  }

  private filterNode(f: InboxFilter): ViewNode {
    const parts = [
      f.channel ? CHANNEL_LABEL[f.channel]() : t('All channels'),
      f.unreadOnly ? t('unread only') : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    return infoNode(
      'inbox/filter',
      undefined,
      {
        label: plainText(t('Filtered: {0}', parts)),
        description: plainText(t('change…')),
        tooltip: plainText(t('Change the filter, or show everything, from the view title.')),
        icon: icon('filter'),
        command: { command: 'kallyai.inbox.filterChannel', title: t('Filter Inbox by Channel…') },
      },
      'inboxFilter',
    );
  }

  private messageNode(m: Message, parent: ViewNode, index: number): MessageNode {
    const id = `${parent.id}/${m.id ?? `#${index}`}`;
    const title = oneLine(m.subject || m.preview || t('(no subject)'), 70);
    const from = oneLine(phoneForPeople(m.from ?? ''), 40);
    const when = shortDateTime(m.received_at);
    const description = [from, when, m.unread ? t('unread') : undefined].filter(Boolean).join(' · ');
    const tooltip = blocks(
      md`**${m.subject || t('(no subject)')}**`,
      md`${t('From')}: ${phoneForPeople(m.from ?? '?')} · ${channelName(m.channel ?? 'other')}${when ? md` · ${when}` : ''}`,
      m.preview ? md`${m.preview}` : undefined,
    );
    return entityNode(
      parent,
      {
        id,
        kind: 'message',
        opens: { command: 'kallyai.inbox.openMessage', title: t('Open Message') },
        target: { kind: 'message', id: m.id, value: m },
        // Unread: a filled dot and "unread" in the description (label highlights would look like a search match).
        label: plainText(title),
        description: plainText(description),
        tooltip,
        icon: m.unread ? icon('circle-filled', 'charts.blue') : icon(CHANNEL_ICON[channelOf(m)]),
        contextValue: messageContextValue(m, m.conversation_id ? this.threadSizes.get(m.conversation_id) : 1),
        accessibility: {
          label: plainText(
            t('{0}message from {1}: {2}, {3}', m.unread ? t('Unread ') : '', from || '?', title, when ?? ''),
          ),
          // The filled dot of an unread message, in words.
          status: plainText(m.unread ? t('Unread') : undefined),
        },
      },
      { message: m },
    );
  }

  private draftNode(d: OutboxEmail, parent: ViewNode, index: number): DraftNode {
    const id = `${parent.id}/${d.id ?? `#${index}`}`;
    const subject = oneLine(d.subject || t('(no subject)'), 70);
    const tooltip = blocks(
      md`**${d.subject ?? ''}**`,
      md`${t('To')}: ${d.to ?? '?'}`,
      d.body ? md`${oneLine(d.body, 400)}` : undefined,
      md`_${t('Waiting for your approval: nothing is sent until you approve.')}_`,
    );
    return entityNode(
      parent,
      {
        id,
        kind: 'draft',
        opens: { command: 'kallyai.inbox.openDraft', title: t('Open Email Draft') },
        target: { kind: 'draft', id: d.id, value: d },
        label: plainText(subject),
        description: plainText(t('to {0}', d.to ?? '?')),
        tooltip,
        icon: icon('mail', 'list.warningForeground'),
        contextValue: 'draft awaitingApproval',
        accessibility: { label: plainText(t('Email draft awaiting approval, to {0}: {1}', d.to ?? '?', subject)) },
      },
      { draft: d },
    );
  }
}
