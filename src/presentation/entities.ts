/** The things an id names, each with the list that feeds its picker ("pick a goal") and how one
 *  reads in a pick list. The pipeline picks ids from here; nobody types a UUID. */
import { ops } from '../api/catalogue';
import type { Call } from '../api/schemas/calls';
import type { Goal } from '../api/schemas/coordination';
import type { Message } from '../api/schemas/messages';
import { describeCallStatus, oneLine, shortDateTime, t } from '../format';
import { callLabel } from '../models/call';
import { goalStateLabel, goalTitle } from '../models/goal';
import type { EntityKind, EntitySpec } from './entry';

type Draft = {
  id?: string | null;
  to?: string | null;
  subject?: string | null;
  status?: string | null;
  created_at?: string | null;
};
type Conversation = {
  id?: string | null;
  title?: string | null;
  created_at?: string | null;
  message_count?: number | null;
};

const entity = <T>(spec: EntitySpec<T>) => spec as unknown as EntitySpec<unknown>;

export const goalEntity = entity<Goal>({
  kind: 'goal',
  placeholder: 'Pick a goal',
  empty: 'No goals to pick from.',
  list: async (client, signal) =>
    (await client.execute(ops.coordination.goals, { query: { limit: 200 } }, { signal })).goals,
  get: (client, id) => client.execute(ops.coordination.goal, { path: { id } }),
  getOp: ops.coordination.goal.id,
  id: (g) => g.id ?? undefined,
  label: (g) => goalTitle(g),
  description: (g) => [goalStateLabel(g), shortDateTime(g.updated_at ?? g.created_at)].filter(Boolean).join(' · '),
});

export const callEntity = entity<Call>({
  kind: 'call',
  placeholder: 'Pick a call',
  empty: 'No calls yet.',
  list: async (client, signal) => (await client.execute(ops.calls.list, { query: { limit: 50 } }, { signal })).calls,
  get: (client, id) => client.execute(ops.calls.get, { path: { call_id: id } }),
  getOp: ops.calls.get.id,
  id: (c) => c.call_id,
  label: (c) => callLabel(c),
  description: (c) =>
    [describeCallStatus(c.status).label, shortDateTime(c.created_at ?? c.metadata?.created_at ?? c.scheduled_for)]
      .filter(Boolean)
      .join(' · '),
  detail: (c) => oneLine(c.highlights ?? c.result_summary ?? c.submission?.task_description, 100) || undefined,
});

export const messageEntity = entity<Message>({
  kind: 'message',
  placeholder: 'Pick a message',
  empty: 'Your inbox is empty.',
  list: async (client, signal) => (await client.execute(ops.messages.inbox, {}, { signal })).messages,
  get: (client, id) => client.execute(ops.messages.message, { path: { id } }),
  getOp: ops.messages.message.id,
  id: (m) => m.id ?? undefined,
  label: (m) => oneLine(m.subject || m.preview || t('(no subject)'), 70),
  description: (m) =>
    [m.from, shortDateTime(m.received_at), m.unread ? t('unread') : undefined].filter(Boolean).join(' · '),
});

/** A conversation thread of the inbox, named by one of its messages. */
export const threadEntity = entity<Message>({
  kind: 'thread',
  placeholder: 'Pick a conversation',
  empty: 'No conversations in your inbox.',
  list: async (client, signal) => {
    const messages = (await client.execute(ops.messages.inbox, {}, { signal })).messages;
    const seen = new Set<string>();
    return messages.filter((m) => m.conversation_id && !seen.has(m.conversation_id) && seen.add(m.conversation_id));
  },
  id: (m) => m.conversation_id ?? undefined,
  label: (m) => oneLine(m.subject?.replace(/^(re|fwd?):\s*/i, '') || m.from || t('Conversation'), 70),
  description: (m) => [m.from, shortDateTime(m.received_at)].filter(Boolean).join(' · '),
});

export const draftEntity = entity<Draft>({
  kind: 'draft',
  placeholder: 'Pick an email draft',
  empty: 'No drafts are waiting for your approval.',
  list: async (client, signal) =>
    (await client.execute(ops.actions.emailOutbox, {}, { signal })).emails.filter(
      (e) => e.status === 'pending_approval',
    ),
  id: (d) => d.id ?? undefined,
  label: (d) => oneLine(d.subject || t('(no subject)'), 70),
  description: (d) => [d.to ? t('to {0}', d.to) : undefined, shortDateTime(d.created_at)].filter(Boolean).join(' · '),
});

export const conversationEntity = entity<Conversation>({
  kind: 'conversation',
  placeholder: 'Pick a conversation with KallyAI',
  empty: 'No conversations with KallyAI yet.',
  list: async (client, signal) => (await client.execute(ops.coordination.conversations, {}, { signal })).conversations,
  id: (c) => (c.id === undefined || c.id === null ? undefined : String(c.id)),
  label: (c) => c.title || t('Untitled conversation'),
  description: (c) =>
    [shortDateTime(c.created_at), c.message_count != null ? t('{0} messages', c.message_count) : undefined]
      .filter(Boolean)
      .join(' · '),
});

const ENTITIES = new Map<EntityKind, EntitySpec<unknown>>();

/** Registers entities (each domain's presentation file adds its own). */
export function registerEntities(...specs: EntitySpec<unknown>[]): void {
  for (const s of specs) ENTITIES.set(s.kind, s);
}

registerEntities(goalEntity, callEntity, messageEntity, threadEntity, draftEntity, conversationEntity);

export function entityOf(kind: EntityKind): EntitySpec<unknown> | undefined {
  return ENTITIES.get(kind);
}
