/** Activation registers the @kallyai chat participant and every contributed language-model tool as
 *  stubs; the first request loads the commands bundle (the pipeline, the participant, the tools)
 *  and hands over to it, as the command stubs do. Each API is detected first: an editor built on
 *  VS Code (VSCodium, others installing from Open VSX) may have no chat or no language-model
 *  tools, and then nothing of it is registered — the views, pages and commands work the same, and
 *  agents reach KallyAI through the MCP server (src/mcp). Activation never throws for a missing API. */
import * as vscode from 'vscode';
import { PARTICIPANT_ID } from '../chat/chatThread';
import type { CommandLoader } from './commandLoader';
import type { Log } from '../platform/log';

/** What the editor let us register (the host tests read it through the test exports). */
export interface ChatRegistration {
  readonly participant: boolean;
  readonly tools: number;
}

export function registerChatStubs(
  context: vscode.ExtensionContext,
  commands: CommandLoader,
  log: Log,
): ChatRegistration {
  const chat = (vscode as { chat?: Partial<typeof vscode.chat> }).chat;
  const lm = (vscode as { lm?: Partial<typeof vscode.lm> }).lm;
  let participant = false;
  let tools = 0;
  if (typeof chat?.createChatParticipant === 'function') {
    try {
      const registered = chat.createChatParticipant(PARTICIPANT_ID, (request, chatContext, stream, token) =>
        commands.load().chat.handle(request, chatContext, stream, token),
      );
      registered.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'kallyai.svg');
      registered.followupProvider = { provideFollowups: (result) => commands.load().chat.followups(result) };
      context.subscriptions.push(registered);
      participant = true;
    } catch (e) {
      log.warn(`The @kallyai chat participant was not registered: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else {
    log.info('This editor has no chat API: @kallyai is not offered (agents can use the KallyAI MCP server).');
  }
  if (typeof lm?.registerTool === 'function') {
    const declared = (context.extension.packageJSON.contributes?.languageModelTools ?? []) as Array<{ name: string }>;
    for (const { name } of declared) {
      try {
        context.subscriptions.push(
          lm.registerTool<unknown>(name, {
            prepareInvocation: (options) => commands.load().tools.prepare(name, options),
            invoke: (options, token) => commands.load().tools.invoke(name, options, token),
          }),
        );
        tools++;
      } catch (e) {
        log.warn(`The tool ${name} was not registered: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  } else {
    log.info("This editor has no language-model tools API: KallyAI's tools are offered through its MCP server only.");
  }
  return { participant, tools };
}
