/** "KallyAI: New Conversation" and "KallyAI: Conversation History": start a fresh conversation, or
 *  pick a past one, read it as a document, and continue it with "Ask…". */
import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { UserActionKind } from '../api/errors';
import { conversationArgs, parseArgs } from './commandArgs';
import type { CommandContext } from './commandContext';
import { ConversationStore, type Turn } from './conversationStore';

export type NewConversationResult = { outcome: 'started'; conversationId?: string } | { outcome: 'failed'; code: string; message: string; action: UserActionKind };

export async function startNewConversation(ctx: CommandContext, store: ConversationStore, options: { quiet?: boolean } = {}): Promise<NewConversationResult> {
  try {
    const r = await ctx.services.client.execute(ops.coordination.newConversation);
    const id = r.conversation_id ?? r.id ?? undefined;
    await store.setCurrent(id);
    if (id) store.replace(id, []);
    ctx.services.log.info(`Started conversation ${id ?? '(unnamed)'}`);
    if (!options.quiet) {
      const askButton = vscode.l10n.t('Ask…');
      void vscode.window.showInformationMessage(vscode.l10n.t('Started a new conversation with KallyAI.'), askButton).then((c) => {
        if (c === askButton) return vscode.commands.executeCommand('kallyai.ask');
      });
    }
    return { outcome: 'started', conversationId: id };
  } catch (e) {
    return { outcome: 'failed', ...ctx.errors.show(e) };
  }
}

export type ConversationHistoryResult =
  | { outcome: 'opened'; conversationId: string; turns: number; documentUri: string }
  | { outcome: 'dismissed' }
  | { outcome: 'empty' }
  | { outcome: 'failed'; code: string; message: string; action: UserActionKind };

export async function conversationHistory(ctx: CommandContext, store: ConversationStore, raw: unknown): Promise<ConversationHistoryResult> {
  const args = parseArgs('kallyai.conversationHistory', conversationArgs, raw, 'conversationId');
  const { client } = ctx.services;
  try {
    let id = args.conversationId;
    let title: string | undefined;
    if (!id) {
      const list = await client.execute(ops.coordination.conversations);
      const conversations = list.conversations.filter((c) => c.id);
      if (conversations.length === 0) {
        const askButton = vscode.l10n.t('Ask…');
        void vscode.window.showInformationMessage(vscode.l10n.t('No conversations with KallyAI yet.'), askButton).then((c) => {
          if (c === askButton) return vscode.commands.executeCommand('kallyai.ask');
        });
        return { outcome: 'empty' };
      }
      const current = store.currentId;
      const picked = await vscode.window.showQuickPick(
        conversations.map((c) => ({
          id: String(c.id),
          title: c.title ?? undefined,
          label: `${c.id === current ? '$(comment-discussion) ' : ''}${c.title || vscode.l10n.t('Conversation {0}', String(c.id))}`,
          description: [formatDate(c.created_at ?? undefined), c.message_count === undefined || c.message_count === null ? undefined : vscode.l10n.t('{0} messages', c.message_count)].filter(Boolean).join(' · '),
          detail: c.id === current ? vscode.l10n.t('The current conversation') : undefined,
        })),
        { title: vscode.l10n.t('KallyAI: Conversation History'), placeHolder: vscode.l10n.t('Open a conversation and continue it with "Ask…"'), matchOnDescription: true },
      );
      if (!picked) return { outcome: 'dismissed' };
      id = picked.id;
      title = picked.title;
    }
    const history = await client.execute(ops.coordination.history, { query: { conversation_id: id } });
    const turns = historyTurns(history);
    store.replace(id, turns);
    await store.setCurrent(id);
    const uri = await ctx.documents.showMarkdown(ConversationStore.documentPath(id), store.markdown(id, title), { preview: true });
    return { outcome: 'opened', conversationId: id, turns: turns.length, documentUri: uri.toString() };
  } catch (e) {
    return { outcome: 'failed', ...ctx.errors.show(e) };
  }
}

/** The history endpoint's answer is undocumented (contract §12): accept a bare list or one under
 *  messages/history/items/entries/turns, whose items carry role/sender/speaker and
 *  content/message/text/response (or a `message` + `response` pair). */
export function historyTurns(history: unknown): Turn[] {
  const o = (history ?? {}) as Record<string, unknown>;
  const list = Array.isArray(history) ? history : [o.messages, o.history, o.items, o.entries, o.turns].find(Array.isArray) ?? [];
  const turns: Turn[] = [];
  for (const item of list as unknown[]) {
    if (!item || typeof item !== 'object') continue;
    const m = item as Record<string, unknown>;
    const at = str(m.created_at ?? m.timestamp ?? m.at);
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

function formatDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' });
}
