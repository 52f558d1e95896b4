/** "KallyAI: Ask…": plain words to the coordination AI (POST /v1/coordination/message), in the
 *  current conversation. The reply lands in a read-only Markdown document that grows with the
 *  conversation; a goal it created can be revealed in the Goals view; its suggestions are buttons. */
import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { UserActionKind } from '../api/errors';
import { replyText, type MessageReply } from '../api/schemas/coordination';
import { askArgs, parseArgs } from './commandArgs';
import type { CommandContext } from './commandContext';
import { startNewConversation } from './conversationHistory';
import { ConversationStore, type Turn } from './conversationStore';

export type AskResult =
  | {
      outcome: 'answered';
      conversationId?: string;
      reply: string;
      goalId?: string;
      suggestions: string[];
      /** The conversation document (kallyai:/conversations/<id>.md). */
      documentUri: string;
      raw: MessageReply;
    }
  | { outcome: 'dismissed' }
  | { outcome: 'failed'; code: string; message: string; action: UserActionKind };

const MAX_SUGGESTION_BUTTONS = 3;

export async function ask(ctx: CommandContext, store: ConversationStore, raw: unknown): Promise<AskResult> {
  const args = parseArgs('kallyai.ask', askArgs, raw, 'message');
  const { services } = ctx;
  if (!services.auth.isSignedIn) {
    const f = ctx.errors.show({ code: 'missing_token', message: vscode.l10n.t('Sign in to KallyAI to ask it something.'), action: { kind: 'signIn', label: vscode.l10n.t('Sign In') } });
    return { outcome: 'failed', ...f };
  }
  if (args.newConversation) await startNewConversation(ctx, store, { quiet: true });

  const message = args.message ?? (await vscode.window.showInputBox({
    title: vscode.l10n.t('Ask KallyAI'),
    prompt: store.currentId ? vscode.l10n.t('Continues the current conversation ("KallyAI: New Conversation" starts another).') : vscode.l10n.t('Say what you need in plain words.'),
    placeHolder: vscode.l10n.t("e.g. Book a table for 4 at an Italian place near me on Friday at 8pm"),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim().length > 4000 ? vscode.l10n.t('At most 4000 characters.') : undefined),
  }))?.trim();
  if (!message) return { outcome: 'dismissed' };

  const conversationId = args.conversationId ?? store.currentId;
  let reply: MessageReply;
  try {
    reply = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Asking KallyAI…'), cancellable: true },
      (_p, token) => services.client.execute(
        ops.coordination.message,
        { body: { message, ...(conversationId ? { conversation_id: conversationId } : {}) } },
        { signal: signalOf(token) },
      ),
    );
  } catch (e) {
    const f = ctx.errors.show(e, { retry: () => ask(ctx, store, { message, conversationId }) });
    return { outcome: 'failed', ...f };
  }

  const id = reply.conversation_id ?? conversationId;
  if (id) {
    store.adopt(id);
    await store.setCurrent(id);
  }
  const text = replyText(reply) ?? vscode.l10n.t('(KallyAI sent no text with this reply.)');
  const suggestions = (reply.suggestions ?? []).filter((s) => s.trim());
  const goal = reply.goal_id ? await goalSummary(ctx, reply.goal_id) : undefined;
  const now = new Date().toLocaleTimeString(vscode.env.language, { hour: '2-digit', minute: '2-digit' });
  const turns: Turn[] = [
    { role: 'you', text: message, at: now },
    { role: 'kallyai', text, at: now, goal, suggestions },
  ];
  store.append(id, ...turns);
  if (goal) void ctx.views.refresh(['goals', 'credits']);
  else if (reply.credits_used) void ctx.views.refresh(['credits']);

  const uri = await ctx.documents.showMarkdown(ConversationStore.documentPath(id), store.markdown(id), { preview: true });
  if (goal && args.revealGoal) await ctx.views.revealGoal(goal.id);
  void offerNext(ctx, store, text, goal?.id, suggestions);
  return { outcome: 'answered', conversationId: id, reply: text, goalId: goal?.id, suggestions, documentUri: uri.toString(), raw: reply };
}

/** The reply's notification: "Show Goal", the suggestions (each sends itself as the next message), "Reply…". */
async function offerNext(ctx: CommandContext, store: ConversationStore, text: string, goalId: string | undefined, suggestions: string[]): Promise<void> {
  const showGoal = vscode.l10n.t('Show Goal');
  const replyButton = vscode.l10n.t('Reply…');
  const offered = suggestions.slice(0, MAX_SUGGESTION_BUTTONS).map((s) => (s.length > 40 ? `${s.slice(0, 39)}…` : s));
  const buttons = [...(goalId ? [showGoal] : []), ...offered, replyButton];
  const short = text.length > 300 ? `${text.slice(0, 299)}…` : text;
  const choice = await vscode.window.showInformationMessage(`KallyAI: ${short}`, ...buttons);
  try {
    if (!choice) return;
    if (choice === showGoal && goalId) await ctx.views.revealGoal(goalId);
    else if (choice === replyButton) await ask(ctx, store, {});
    else {
      const index = offered.indexOf(choice);
      if (index >= 0) await ask(ctx, store, { message: suggestions[index] });
    }
  } catch (e) {
    ctx.errors.show(e);
  }
}

async function goalSummary(ctx: CommandContext, goalId: string): Promise<Turn['goal']> {
  try {
    const goal = await ctx.services.client.execute(ops.coordination.goal, { path: { id: goalId } });
    return { id: goalId, title: goal.title ?? undefined, status: goal.status ?? undefined };
  } catch (e) {
    ctx.services.log.debug(`Could not read goal ${goalId}: ${e instanceof Error ? e.message : String(e)}`);
    return { id: goalId };
  }
}

function signalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
