/** "KallyAI: Ask…": plain words to the coordination AI (POST /v1/coordination/message), in the
 *  current conversation, through the pipeline. The reply lands in a read-only document that grows
 *  with the conversation; a goal it created can be revealed in the Goals view; its suggestions
 *  are buttons. The input box names the stakes (KallyAI may use credits to answer; whatever calls,
 *  emails or spends more stops for approval) and pressing Enter is the consent: a message starts
 *  work only through goals, whose steps ask again before anyone is contacted. */
import { ops } from '../../api/catalogue';
import { replyText, type MessageReply } from '../../api/schemas/coordination';
import { clockTime, creditsLabel, t } from '../../format';
import { goalTitle } from '../../models/goal';
import { parseArgs } from '../../pipeline/commandArgs';
import type { FailureResult } from '../../pipeline/errors/presenter';
import type { CommandContext } from '../commandContext';
import * as vscode from 'vscode';
import { askArgs } from './askArgs';
import { suggestionCommand } from '../../presentation/suggestions';
import { startNewConversation } from './conversationHistory';
import { ConversationStore, type Turn } from './conversationStore';
import { notificationText, plainText } from '../../format/sinks';
import { info } from '../../platform/notify';
import { askOnce, pickItems, pickOne } from '../../platform/quickInput';

export type AskResult =
  | {
      outcome: 'answered';
      conversationId?: string;
      reply: string;
      goalId?: string;
      suggestions: string[];
      /** The conversation document (kallyai:/conversations/<id>/<title>.md). */
      documentUri: string;
      raw: MessageReply;
    }
  | { outcome: 'dismissed' }
  | FailureResult;

/** What sending a message may cost, said where the person writes it (the input box, the page). */
export function askStakes(balance: number | undefined): string {
  return balance === undefined
    ? t('KallyAI may use credits to answer; anything that calls, emails or spends more asks you first.')
    : t(
        'KallyAI may use credits to answer (you have {0}); anything that calls, emails or spends more asks you first.',
        creditsLabel(balance),
      );
}

export async function ask(ctx: CommandContext, store: ConversationStore, raw: unknown): Promise<AskResult> {
  const args = parseArgs('kallyai.ask', askArgs, raw, 'message');
  const { services } = ctx;
  if (!services.auth.isSignedIn) return ctx.errors.show({ code: 'missing_token', status: 0 });
  if (args.newConversation) await startNewConversation(ctx, store, { quiet: true });

  const stakes = askStakes(ctx.views.balance());
  const message =
    args.message ??
    (
      await askOnce({
        title: t('Ask KallyAI'),
        prompt: store.currentId
          ? t('Continues the current conversation ("KallyAI: New Conversation" starts another). {0}', stakes)
          : t('Say what you need in plain words. {0}', stakes),
        placeholder: t('e.g. Book a table for 4 at an Italian place near me on Friday at 8pm'),
        validate: (v) => (v.trim().length > 4000 ? t('At most 4000 characters.') : undefined),
      })
    )?.trim();
  if (!message) return { outcome: 'dismissed' };

  let conversationId = args.conversationId ?? store.currentId;
  const send = () =>
    ctx.pipeline.run(ops.coordination.message, {
      input: { body: { message, ...(conversationId ? { conversation_id: conversationId } : {}) } },
      interactive: false,
      quiet: true,
      inlineConsent: true,
      handlers: { retry: () => ask(ctx, store, { message, conversationId }) },
      // The current conversation is gone on the server (deleted, another account): start a new one.
      recover: (e) => !args.conversationId && (e as { code?: unknown }).code === 'conversation_not_found',
    });
  let result = await send();
  if (result.outcome === 'failed' && result.code === 'conversation_not_found' && !args.conversationId) {
    services.log.info('The current conversation is gone on the server: starting a new one');
    await store.setCurrent(undefined);
    conversationId = undefined;
    result = await send();
  }
  if (result.outcome === 'failed') return result;
  if (result.outcome !== 'done') return { outcome: 'dismissed' };
  const reply = result.data;

  const id = reply.conversation_id ?? conversationId;
  if (id) {
    store.adopt(id);
    await store.setCurrent(id);
  }
  const text = replyText(reply) ?? t('(KallyAI sent no text with this reply.)');
  const suggestions = (reply.suggestions ?? []).filter((s) => s.trim());
  const goal = reply.goal_id ? await goalSummary(ctx, reply.goal_id) : undefined;
  const now = clockTime(new Date());
  const turns: Turn[] = [
    { role: 'you', text: message, at: now },
    { role: 'kallyai', text, at: now, goal, suggestions },
  ];
  store.append(id, ...turns);

  // The page shows the conversation; its text stays in a document for copying and searching.
  const uri = ctx.documents.updateMarkdown(store.documentPath(id), store.markdown(id));
  await ctx.openPage('conversation', id ?? 'current');
  if (goal && args.revealGoal) await ctx.views.revealGoal(goal.id);
  if (!args.fromPage) void offerNext(ctx, store, text, goal?.id, suggestions);
  return {
    outcome: 'answered',
    conversationId: id,
    reply: text,
    goalId: goal?.id,
    suggestions,
    documentUri: uri.toString(),
    raw: reply,
  };
}

/** The reply's notification, with at most three short buttons (a toast cuts longer ones, and a
 *  suggestion is a sentence): "Show Goal", "Suggestions…" (a list of them in full) and "Reply…".
 *  A suggestion picked that names an action runs it, asking first; the others are sent as the next
 *  message. The conversation page beside it shows the suggestions too. */
async function offerNext(
  ctx: CommandContext,
  store: ConversationStore,
  text: string,
  goalId: string | undefined,
  suggestions: string[],
): Promise<void> {
  const showGoal = plainText(t('Show Goal'));
  const suggest = plainText(t('Suggestions…'));
  const replyButton = plainText(t('Reply…'));
  const buttons = [...(goalId ? [showGoal] : []), ...(suggestions.length ? [suggest] : []), replyButton];
  const choice = await info(notificationText(`KallyAI: ${text}`), ...buttons);
  try {
    if (!choice) return;
    if (choice === showGoal && goalId) await ctx.views.revealGoal(goalId);
    else if (choice === replyButton) await ask(ctx, store, {});
    else if (choice === suggest) {
      // Sending the one picked is the consent, as pressing Enter in Ask's input box: the list names the stakes too.
      const message = await pickOne({
        title: t('Send to KallyAI'),
        placeholder: askStakes(ctx.views.balance()),
        items: pickItems(suggestions.map((s) => ({ value: s, label: s }))),
      });
      const command = message ? suggestionCommand(message, goalId) : undefined;
      if (command) await vscode.commands.executeCommand(command.command, ...(command.args ?? []));
      else if (message) await ask(ctx, store, { message });
    }
  } catch (e) {
    ctx.errors.show(e);
  }
}

async function goalSummary(ctx: CommandContext, goalId: string): Promise<Turn['goal']> {
  try {
    const goal = await ctx.services.client.execute(ops.coordination.goal, { path: { id: goalId } });
    return { id: goalId, title: goalTitle(goal), status: goal.status ?? undefined };
  } catch (e) {
    ctx.services.log.debug(`Could not read goal ${goalId}: ${e instanceof Error ? e.message : String(e)}`);
    return { id: goalId };
  }
}
