/** Activation registers the @kallyai chat participant and every contributed language-model tool as
 *  stubs; the first request loads the commands bundle (the pipeline, the participant, the tools)
 *  and hands over to it, as the command stubs do. */
import * as vscode from 'vscode';
import { PARTICIPANT_ID } from '../chat/chatThread';
import type { CommandLoader } from './commandLoader';

export function registerChatStubs(context: vscode.ExtensionContext, commands: CommandLoader): void {
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, chatContext, stream, token) =>
    commands.load().chat.handle(request, chatContext, stream, token));
  participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'kallyai.svg');
  participant.followupProvider = { provideFollowups: (result) => commands.load().chat.followups(result) };
  context.subscriptions.push(participant);

  const declared = (context.extension.packageJSON.contributes?.languageModelTools ?? []) as Array<{ name: string }>;
  for (const { name } of declared) {
    context.subscriptions.push(vscode.lm.registerTool<unknown>(name, {
      prepareInvocation: (options) => commands.load().tools.prepare(name, options),
      invoke: (options, token) => commands.load().tools.invoke(name, options, token),
    }));
  }
}
