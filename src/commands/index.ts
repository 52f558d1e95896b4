/** Registers the commands of this issue (Make a Call, Ask, conversations, the CLI parity commands)
 *  and the account commands. Each handler takes one optional argument object (see commandArgs.ts)
 *  and returns a result object, so tests and the chat assistant can drive them. */
import * as vscode from 'vscode';
import type { Documents } from '../documents';
import type { Services } from '../services';
import type { Views } from '../views';
import { registerAccountCommands } from './accountCommands';
import { ask } from './ask';
import type { CommandContext } from './commandContext';
import { conversationHistory, startNewConversation } from './conversationHistory';
import { ConversationStore } from './conversationStore';
import { createErrorPresenter } from './errorPresenter';
import { callHistory, openBillingPortal, openCallDocument, showSubscription, showUsage } from './parityCommands';
import { makeCall } from './placeCall';

export function registerCommands(services: Services, views: Views, documents: Documents): void {
  const errors = createErrorPresenter(services.log);
  const ctx: CommandContext = { services, views, documents, errors };
  const store = new ConversationStore(services.context.workspaceState);

  const handlers: Record<string, (arg: unknown) => Promise<unknown>> = {
    'kallyai.makeCall': (a) => makeCall(ctx, a),
    'kallyai.ask': (a) => ask(ctx, store, a),
    'kallyai.newConversation': () => startNewConversation(ctx, store),
    'kallyai.conversationHistory': (a) => conversationHistory(ctx, store, a),
    'kallyai.showUsage': (a) => showUsage(ctx, a),
    'kallyai.showSubscription': (a) => showSubscription(ctx, a),
    'kallyai.openBillingPortal': (a) => openBillingPortal(ctx, a),
    'kallyai.callHistory': (a) => callHistory(ctx, a),
    'kallyai.callInfo': (a) => openCallDocument(ctx, a, 'details'),
    'kallyai.callTranscript': (a) => openCallDocument(ctx, a, 'transcript'),
  };
  for (const [id, handler] of Object.entries(handlers)) {
    services.context.subscriptions.push(vscode.commands.registerCommand(id, async (arg: unknown) => {
      try {
        return await handler(arg);
      } catch (e) {
        // Invalid arguments and anything unexpected: shown once, and returned as a failure.
        return { outcome: 'failed', ...errors.show(e) };
      }
    }));
  }
  registerAccountCommands(services);
}
