/** "KallyAI: New Conversation" and "KallyAI: Conversation History": start a fresh conversation, or
 *  pick a past one, read it as a document, and continue it with "Ask…". */
import * as vscode from 'vscode';
import { ops } from '../../api/catalogue';
import { shortDateTime, t } from '../../format';
import { parseArgs } from '../../pipeline/commandArgs';
import type { FailureResult } from '../../pipeline/errors/presenter';
import type { CommandContext } from '../commandContext';
import { conversationEntity } from '../../presentation/entities';
import { conversationArgs } from './askArgs';
import { ConversationStore, type Turn } from './conversationStore';
import { notificationText, plainText } from '../../format/sinks';
import { info } from '../../platform/notify';
import { pickItems, pickOne } from '../../platform/quickInput';

export type NewConversationResult =
  { outcome: 'started'; conversationId?: string } | FailureResult | { outcome: 'dismissed' };

export async function startNewConversation(
  ctx: CommandContext,
  store: ConversationStore,
  options: { quiet?: boolean } = {},
): Promise<NewConversationResult> {
  const r = await ctx.pipeline.run(ops.coordination.newConversation, { interactive: false, quiet: true });
  if (r.outcome === 'failed') return r;
  if (r.outcome !== 'done') return { outcome: 'dismissed' };
  const id = r.data.conversation_id ?? r.data.id ?? undefined;
  await store.setCurrent(id);
  if (id) store.replace(id, []);
  ctx.services.log.info('Started a new conversation');
  if (!options.quiet) {
    const askButton = plainText(t('Ask…'));
    void info(notificationText(t('Started a new conversation with KallyAI.')), askButton).then((c) => {
      if (c === askButton) return vscode.commands.executeCommand('kallyai.ask');
    });
  }
  return { outcome: 'started', conversationId: id };
}

export type ConversationHistoryResult =
  | { outcome: 'opened'; conversationId: string; turns: number; documentUri: string }
  | { outcome: 'dismissed' }
  | { outcome: 'empty' }
  | FailureResult;

export async function conversationHistory(
  ctx: CommandContext,
  store: ConversationStore,
  raw: unknown,
): Promise<ConversationHistoryResult> {
  const args = parseArgs('kallyai.conversationHistory', conversationArgs, raw, 'conversationId');
  let id = args.conversationId;
  let title: string | undefined;
  if (!id) {
    const list = await ctx.pipeline.run(ops.coordination.conversations, { interactive: false, quiet: true });
    if (list.outcome === 'failed') return list;
    if (list.outcome !== 'done') return { outcome: 'dismissed' };
    const conversations = list.data.conversations.filter((c) => c.id);
    if (conversations.length === 0) {
      const askButton = plainText(t('Ask…'));
      void info(notificationText(t('No conversations with KallyAI yet.')), askButton).then((c) => {
        if (c === askButton) return vscode.commands.executeCommand('kallyai.ask');
      });
      return { outcome: 'empty' };
    }
    const current = store.currentId;
    const picked = await pickOne({
      title: t('KallyAI: Conversation History'),
      placeholder: t('Open a conversation and continue it with "Ask…"'),
      items: pickItems(
        conversations.map((c) => ({
          value: { id: String(c.id), title: c.title ?? undefined },
          icon: String(c.id) === current ? 'comment-discussion' : undefined,
          label: conversationEntity.label(c as never),
          description: conversationEntity.description?.(c as never),
          detail: String(c.id) === current ? t('The current conversation') : undefined,
        })),
      ),
    });
    if (!picked) return { outcome: 'dismissed' };
    id = picked.id;
    title = picked.title;
  }
  const history = await ctx.pipeline.run(ops.coordination.history, {
    input: { query: { conversation_id: id } },
    interactive: false,
    quiet: true,
  });
  if (history.outcome === 'failed') return history;
  if (history.outcome !== 'done') return { outcome: 'dismissed' };
  const turns = historyTurns(history.data);
  store.replace(id, turns);
  store.setTitle(id, title);
  await store.setCurrent(id);
  // The page shows the conversation; its text stays in a document for copying and searching.
  const uri = ctx.documents.updateMarkdown(store.documentPath(id, title), store.markdown(id, title));
  if (args.asText)
    await ctx.documents.showMarkdown(store.documentPath(id, title), store.markdown(id, title), { preview: true });
  else await ctx.openPage('conversation', id);
  return { outcome: 'opened', conversationId: id, turns: turns.length, documentUri: uri.toString() };
}

/** The history endpoint's answer is undocumented (contract §12): accept a bare list or one under
 *  messages/history/items/entries/turns, whose items carry role/sender/speaker and
 *  content/message/text/response (or a `message` + `response` pair). */
export function historyTurns(history: unknown): Turn[] {
  const o = (history ?? {}) as Record<string, unknown>;
  const list = Array.isArray(history)
    ? history
    : ([o.messages, o.history, o.items, o.entries, o.turns].find(Array.isArray) ?? []);
  const turns: Turn[] = [];
  for (const item of list as unknown[]) {
    if (!item || typeof item !== 'object') continue;
    const m = item as Record<string, unknown>;
    const rawAt = str(m.created_at ?? m.timestamp ?? m.at);
    const at = rawAt ? shortDateTime(rawAt) : undefined;
    const role = str(m.role ?? m.sender ?? m.speaker ?? m.from ?? m.author);
    const goalId = str(m.goal_id);
    const goal = goalId ? { id: goalId } : undefined;
    if (!role && str(m.message) && str(m.response)) {
      turns.push({ role: 'you', text: str(m.message)!, at }, { role: 'kallyai', text: str(m.response)!, at, goal });
      continue;
    }
    const text = str(m.content ?? m.text ?? m.message ?? m.response ?? m.body);
    if (!text) continue;
    const mine = /^(user|you|human|me)$/i.test(role ?? '');
    turns.push({ role: mine ? 'you' : 'kallyai', text, at, goal: mine ? undefined : goal });
  }
  return turns;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : undefined;
}
