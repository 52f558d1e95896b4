import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { Message } from '../api/schemas/messages';
import type { Services } from '../services';
import { VIEW_DEADLINE_MS, type DataLoader } from './dataLoader';
import { count, humanize, md, oneLine, phoneForPeople, shortDateTime } from '../format';
import { KallyTreeProvider } from './treeProvider';
import { groupNode, icon, infoNode, makeItem, type ViewNode } from './viewNode';

export interface OutboxEmail { id?: string | null; to?: string | null; subject?: string | null; body?: string | null; status?: string | null; created_at?: string | null }
export interface InboxData { messages: Message[]; drafts: OutboxEmail[] }

export interface MessageNode extends ViewNode { readonly kind: 'message'; readonly message: Message }
export interface DraftNode extends ViewNode { readonly kind: 'draft'; readonly draft: OutboxEmail }

export const isMessageNode = (n: unknown): n is MessageNode => !!n && typeof n === 'object' && (n as ViewNode).kind === 'message' && 'message' in (n as object);
export const isDraftNode = (n: unknown): n is DraftNode => !!n && typeof n === 'object' && (n as ViewNode).kind === 'draft' && 'draft' in (n as object);

export type ChannelGroup = 'email' | 'sms' | 'call' | 'chat' | 'other';
const CHANNELS: readonly ChannelGroup[] = ['email', 'sms', 'call', 'chat', 'other'];

const CHANNEL_LABEL: Record<ChannelGroup, () => string> = {
  email: () => vscode.l10n.t('Email'),
  sms: () => vscode.l10n.t('SMS'),
  call: () => vscode.l10n.t('Calls'),
  chat: () => vscode.l10n.t('Chat'),
  other: () => vscode.l10n.t('Other'),
};
const CHANNEL_ICON: Record<ChannelGroup, string> = { email: 'mail', sms: 'comment', call: 'call-incoming', chat: 'comment-discussion', other: 'inbox' };

export function channelOf(m: Message): ChannelGroup {
  const c = (m.channel ?? '').toLowerCase();
  return c === 'email' || c === 'sms' || c === 'call' || c === 'chat' ? c : 'other';
}

/** "message unread threaded" (package.json menus match these). */
export function messageContextValue(m: Message): string {
  return ['message', m.unread ? 'unread' : '', m.conversation_id ? 'threaded' : ''].filter(Boolean).join(' ');
}

export class InboxProvider extends KallyTreeProvider<InboxData> {
  constructor(loader: DataLoader<InboxData>, isSignedIn: () => boolean) {
    super('inbox', vscode.l10n.t('your inbox'), loader, isSignedIn);
  }

  static fetch(services: Services) {
    return async (signal: AbortSignal): Promise<InboxData> => {
      const [inbox, outbox] = await Promise.all([
        services.client.execute(ops.messages.inbox, {}, { signal, deadlineMs: VIEW_DEADLINE_MS }),
        services.client.execute(ops.actions.emailOutbox, {}, { signal, deadlineMs: VIEW_DEADLINE_MS }),
      ]);
      return { messages: inbox.messages, drafts: outbox.emails.filter((e) => e.status === 'pending_approval') };
    };
  }

  unreadCount(): number {
    return (this.loader.data?.messages ?? []).filter((m) => m.unread).length;
  }

  /** Marks messages read in the view at once (the server is told by the caller). */
  markReadLocally(ids: readonly string[]): void {
    const set = new Set(ids);
    this.loader.update((d) => ({ ...d, messages: d.messages.map((m) => (m.id && set.has(m.id) && m.unread ? { ...m, unread: false } : m)) }));
  }

  protected buildRoots(data: InboxData): ViewNode[] {
    const roots: ViewNode[] = [];
    if (data.drafts.length) {
      roots.push(groupNode('inbox/drafts', undefined, {
        label: vscode.l10n.t('Drafts awaiting approval'),
        description: String(data.drafts.length),
        tooltip: vscode.l10n.t('Emails KallyAI wrote for you: nothing is sent until you approve'),
        icon: icon('mail', 'list.warningForeground'),
        contextValue: 'outboxGroup',
      }, (self) => data.drafts.map((d, i) => this.draftNode(d, self, i))));
    }
    if (data.messages.length === 0) {
      roots.push(infoNode('inbox/empty', undefined, {
        label: vscode.l10n.t('No messages yet'),
        tooltip: vscode.l10n.t('Replies by email, SMS, call and chat land here.'),
        icon: icon('inbox'),
      }, 'empty'));
      return roots;
    }
    for (const channel of CHANNELS) {
      const messages = data.messages.filter((m) => channelOf(m) === channel);
      if (messages.length === 0) continue;
      const unread = messages.filter((m) => m.unread).length;
      roots.push(groupNode(`inbox/channel/${channel}`, undefined, {
        label: CHANNEL_LABEL[channel](),
        description: unread ? vscode.l10n.t('{0} unread', unread) : String(messages.length),
        tooltip: `${CHANNEL_LABEL[channel]()}: ${count(messages.length, '{0} message', '{0} messages')}, ${count(unread, '{0} unread', '{0} unread')}`,
        icon: icon(CHANNEL_ICON[channel]),
        contextValue: `channel ${channel}`,
      }, (self) => messages.map((m, i) => this.messageNode(m, self, i))));
    }
    return roots;
  }

  private messageNode(m: Message, parent: ViewNode, index: number): MessageNode {
    const id = `${parent.id}/${m.id ?? `#${index}`}`;
    const title = oneLine(m.subject || m.preview || vscode.l10n.t('(no subject)'), 70);
    const from = oneLine(phoneForPeople(m.from ?? ''), 40);
    const when = shortDateTime(m.received_at);
    const description = [from, when, m.unread ? vscode.l10n.t('unread') : undefined].filter(Boolean).join(' · ');
    const tooltip = new vscode.MarkdownString([
      md`**${m.subject || vscode.l10n.t('(no subject)')}**`,
      md`${vscode.l10n.t('From')}: ${phoneForPeople(m.from ?? '?')} · ${humanize(m.channel ?? 'other')}${when ? md` · ${when}` : ''}`,
      m.preview ? md`${m.preview}` : undefined,
    ].filter(Boolean).join('\n\n'), true);
    const node: MessageNode = {
      id,
      parent,
      kind: 'message',
      message: m,
      target: m.id ? { kind: 'message', id: m.id, value: m } : undefined,
      item: makeItem({
        id,
        // Unread: a filled dot and "unread" in the description (label highlights would look like a search match).
        label: title,
        description,
        tooltip,
        icon: m.unread ? icon('circle-filled', 'charts.blue') : icon(CHANNEL_ICON[channelOf(m)]),
        contextValue: messageContextValue(m),
        command: { command: 'kallyai.inbox.openMessage', title: vscode.l10n.t('Open Message'), arguments: [undefined] },
        accessibilityLabel: vscode.l10n.t('{0}message from {1}: {2}, {3}', m.unread ? vscode.l10n.t('Unread ') : '', from || '?', title, when ?? ''),
      }),
    };
    node.item.command!.arguments = [node];
    return node;
  }

  private draftNode(d: OutboxEmail, parent: ViewNode, index: number): DraftNode {
    const id = `${parent.id}/${d.id ?? `#${index}`}`;
    const subject = oneLine(d.subject || vscode.l10n.t('(no subject)'), 70);
    const tooltip = new vscode.MarkdownString([
      md`**${d.subject ?? ''}**`,
      md`${vscode.l10n.t('To')}: ${d.to ?? '?'}`,
      d.body ? md`${oneLine(d.body, 400)}` : undefined,
      md`_${vscode.l10n.t('Waiting for your approval: nothing is sent until you approve.')}_`,
    ].filter(Boolean).join('\n\n'), true);
    const node: DraftNode = {
      id,
      parent,
      kind: 'draft',
      draft: d,
      target: d.id ? { kind: 'draft', id: d.id, value: d } : undefined,
      item: makeItem({
        id,
        label: subject,
        description: vscode.l10n.t('to {0}', d.to ?? '?'),
        tooltip,
        icon: icon('mail', 'list.warningForeground'),
        contextValue: 'draft awaitingApproval',
        accessibilityLabel: vscode.l10n.t('Email draft awaiting approval, to {0}: {1}', d.to ?? '?', subject),
      }),
    };
    node.item.command = { command: 'kallyai.inbox.openDraft', title: vscode.l10n.t('Open Email Draft'), arguments: [node] };
    return node;
  }
}
