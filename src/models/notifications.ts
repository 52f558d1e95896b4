/** What needs the person now (GET /v1/notifications/pending, contract §5.15), item by item, each
 *  with the place that deals with it: a goal opens its page, an email waiting for approval its
 *  draft, an unread message the message, a voicemail where voicemails are. No `vscode`. */
import type { Pending } from '../api/schemas/notifications';
import { codeLabel, count, oneLine, phoneForPeople, t } from '../format';
import { actionTypeLabel } from './activity';

export type PendingKind = 'goal' | 'approval' | 'message' | 'voicemail' | 'action';

export interface PendingItem {
  readonly kind: PendingKind;
  readonly id: string;
  readonly label: string;
  /** What is asked of the person, in words. */
  readonly description: string;
  readonly icon: string;
  /** The command that opens its place, and its arguments. */
  readonly command: string;
  readonly args: readonly unknown[];
}

/** Where a voicemail is listened to: the Inbox until the receptionist's voicemail page is there. */
export const VOICEMAIL_PLACE = 'kallyai.inbox.focus';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const idOf = (v: unknown): string | undefined =>
  typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;
const itemsOf = (bucket: unknown): Array<Record<string, unknown>> => {
  const items = bucket && typeof bucket === 'object' ? (bucket as { items?: unknown }).items : undefined;
  return Array.isArray(items) ? items.filter((i): i is Record<string, unknown> => !!i && typeof i === 'object') : [];
};

/** Every pending thing, goals first (they hold work up), then approvals, then unread messages. */
export function pendingItems(p: Pending): PendingItem[] {
  const out: PendingItem[] = [];
  const goalIds = new Set<string>();
  for (const g of itemsOf(p.goals)) {
    const id = idOf(g.id);
    if (!id) continue;
    goalIds.add(id);
    out.push({
      kind: 'goal',
      id,
      label: oneLine(str(g.title) ?? str(g.summary) ?? t('A goal'), 90),
      description: str(g.waiting_for)
        ? t('Goal · {0}', codeLabel('waitingFor', String(g.waiting_for)))
        : t('Goal · needs you'),
      icon: 'bell-dot',
      command: 'kallyai.goals.openGoal',
      args: [{ id }],
    });
  }
  const active = p.active_goal;
  const activeId = idOf(active?.id);
  if (activeId && !goalIds.has(activeId) && active?.status === 'needs_input') {
    out.push({
      kind: 'goal',
      id: activeId,
      label: oneLine(str(active.summary) ?? t('A goal'), 90),
      description: t('Goal · needs you'),
      icon: 'bell-dot',
      command: 'kallyai.goals.openGoal',
      args: [{ id: activeId }],
    });
  }
  for (const a of itemsOf(p.actions)) {
    const id = idOf(a.id);
    if (!id) continue;
    const type = str(a.type) ?? '';
    const label = oneLine(str(a.summary) ?? actionTypeLabel(type), 90);
    // "voicemail" contains "email": it is looked for first.
    if (/voicemail/.test(type))
      out.push({
        kind: 'voicemail',
        id,
        label,
        description: t('Voicemail · listen'),
        icon: 'record',
        command: VOICEMAIL_PLACE,
        args: [],
      });
    else if (/(^|_)email/.test(type))
      out.push({
        kind: 'approval',
        id,
        label,
        description: t('Email draft · approve or discard'),
        icon: 'mail',
        command: 'kallyai.inbox.openDraft',
        args: [{ id }],
      });
    else
      out.push({
        kind: 'action',
        id,
        label,
        description: t('{0} · needs you', actionTypeLabel(type)),
        icon: 'zap',
        command: 'kallyai.activity.focus',
        args: [],
      });
  }
  for (const m of itemsOf(p.inbox)) {
    const id = idOf(m.id);
    if (!id) continue;
    const channel = str(m.channel) ?? '';
    const from = str(m.from);
    const voicemail = channel === 'voicemail';
    out.push({
      kind: voicemail ? 'voicemail' : 'message',
      id,
      label: oneLine(str(m.preview) ?? str(m.subject) ?? t('(no preview)'), 90),
      description: voicemail
        ? from
          ? t('Voicemail from {0}', phoneForPeople(from))
          : t('Voicemail · listen')
        : from
          ? t('Unread {0} from {1}', channelWord(channel), phoneForPeople(from))
          : t('Unread {0}', channelWord(channel)),
      icon: voicemail ? 'record' : 'circle-filled',
      command: 'kallyai.inbox.openMessage',
      args: [{ id }],
    });
  }
  return out;
}

function channelWord(channel: string): string {
  switch (channel) {
    case 'email':
      return t('email');
    case 'sms':
      return t('SMS');
    case 'call':
      return t('call message');
    case 'chat':
      return t('chat message');
    default:
      return t('message');
  }
}

/** How many things wait, by kind, and in all. */
export function pendingCounts(p: Pending): { goals: number; approvals: number; messages: number; total: number } {
  const n = (bucket: unknown) => {
    const c = bucket && typeof bucket === 'object' ? (bucket as { count?: unknown }).count : undefined;
    return typeof c === 'number' && Number.isFinite(c) ? c : itemsOf(bucket).length;
  };
  const goals = n(p.goals);
  const approvals = n(p.actions);
  const messages = n(p.inbox);
  const total =
    typeof p.total_pending === 'number' && Number.isFinite(p.total_pending)
      ? p.total_pending
      : goals + approvals + messages;
  return { goals, approvals, messages, total };
}

/** "2 goals wait for you", "2 things to approve", "5 unread messages": the lines with a count. */
export function pendingLines(p: Pending): string[] {
  const c = pendingCounts(p);
  return [
    c.goals ? count(c.goals, '{0} goal waits for you', '{0} goals wait for you') : undefined,
    c.approvals ? count(c.approvals, '{0} thing to approve', '{0} things to approve') : undefined,
    c.messages ? count(c.messages, '{0} unread message', '{0} unread messages') : undefined,
  ].filter((x): x is string => !!x);
}
