import * as os from 'node:os';
import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { Call } from '../api/schemas/calls';
import type { Message } from '../api/schemas/messages';
import type { Services } from '../services';
import { callDetailsMarkdown, callTitle, transcriptMarkdown } from './callMarkdown';
import { KallyFileSystem } from './kallyFileSystem';
import { messageMarkdown, messageTitle, threadMarkdown } from './messageMarkdown';
import { encodeSegment, kallyUri, SCHEME, type DynamicDocument } from './paths';

/** The read-only `kallyai:` documents: transcripts, call details, messages, and in-memory Markdown
 *  documents that other parts update (the Ask conversation, account status). */
export interface Documents {
  /** Opens the call's transcript (Markdown, in the Markdown preview). `call`, if known, names the tab without a request. */
  openTranscript(callId: string, call?: Call): Promise<vscode.Uri>;
  /** Opens the call's details as a read-only Markdown document (in the preview). */
  openCallDetails(callId: string, call?: Call): Promise<vscode.Uri>;
  /** Opens an inbox message as a read-only document (the caller marks it read). */
  openMessage(messageId: string, message?: Message): Promise<vscode.Uri>;
  /** Opens a conversation thread (ops.messages.conversation) as a read-only document. */
  openThread(conversationId: string, title?: string): Promise<vscode.Uri>;
  /** Shows (or updates, if already open) an in-memory read-only Markdown document at kallyai:/<path>.
   *  `preview` (default true) opens the Markdown preview, false a read-only text editor. */
  showMarkdown(path: string, markdown: string, options?: { preview?: boolean }): Promise<vscode.Uri>;
  /** Replaces an in-memory document's text without showing it (an open editor/preview follows). */
  updateMarkdown(path: string, markdown: string): vscode.Uri;
  /** Saves the call's calendar entry (.ics) where the user chooses (or at `target`) and offers to open it. */
  saveCalendar(callId: string, options?: { call?: Call; target?: vscode.Uri }): Promise<vscode.Uri | undefined>;
  /** kallyai: URIs of a call's documents (tests, links). */
  transcriptUri(call: Call): vscode.Uri;
  callDetailsUri(call: Call): vscode.Uri;
}

export function registerDocuments(services: Services): Documents {
  const { client, context } = services;

  const render = async (doc: DynamicDocument): Promise<string> => {
    switch (doc.kind) {
      case 'transcript': {
        const [call, transcript] = await Promise.all([
          client.execute(ops.calls.get, { path: { call_id: doc.callId } }),
          client.execute(ops.calls.transcript, { path: { call_id: doc.callId } }),
        ]);
        return transcriptMarkdown(call, transcript.entries);
      }
      case 'callDetails':
        return callDetailsMarkdown(await client.execute(ops.calls.get, { path: { call_id: doc.callId } }));
      case 'message':
        return messageMarkdown(await client.execute(ops.messages.message, { path: { id: doc.messageId } }));
      case 'thread': {
        const thread = await client.execute(ops.messages.conversation, { path: { conversation_id: doc.conversationId } });
        const first = thread.messages[0];
        return threadMarkdown(thread.messages, first ? messageTitle(first) : vscode.l10n.t('Conversation'));
      }
    }
  };

  const fs = new KallyFileSystem(render);
  context.subscriptions.push(fs, vscode.workspace.registerFileSystemProvider(SCHEME, fs, { isReadonly: true, isCaseSensitive: true }));

  const show = async (uri: vscode.Uri, preview = true): Promise<vscode.Uri> => {
    // Opening the document first surfaces a failed fetch as an error instead of an empty preview.
    const doc = await vscode.workspace.openTextDocument(uri);
    if (preview) {
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
        return uri;
      } catch (e) {
        services.log.warn(`Markdown preview unavailable, opening the text: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    await vscode.window.showTextDocument(doc, { preview: true });
    return uri;
  };

  const callFor = async (callId: string, call?: Call) => call ?? client.execute(ops.calls.get, { path: { call_id: callId } });
  const transcriptUri = (call: Call) => kallyUri('calls', call.call_id, 'transcript', `${vscode.l10n.t('Transcript — {0}', callTitle(call))}.md`);
  const callDetailsUri = (call: Call) => kallyUri('calls', call.call_id, 'details', `${vscode.l10n.t('Call — {0}', callTitle(call))}.md`);
  const memoryUri = (path: string) => vscode.Uri.from({ scheme: SCHEME, path: '/' + path.split('/').filter(Boolean).map(encodeSegment).join('/') });

  return {
    transcriptUri,
    callDetailsUri,
    async openTranscript(callId, call) {
      const uri = transcriptUri(await callFor(callId, call));
      fs.invalidate(uri);
      return show(uri);
    },
    async openCallDetails(callId, call) {
      const uri = callDetailsUri(await callFor(callId, call));
      fs.invalidate(uri);
      return show(uri);
    },
    async openMessage(messageId, message) {
      const m = message ?? (await client.execute(ops.messages.message, { path: { id: messageId } }));
      return show(kallyUri('inbox', messageId, `${messageTitle(m)}.md`));
    },
    async openThread(conversationId, title) {
      const uri = kallyUri('threads', conversationId, `${title ?? vscode.l10n.t('Conversation')}.md`);
      fs.invalidate(uri);
      return show(uri);
    },
    async showMarkdown(path, markdown, options) {
      const uri = memoryUri(path);
      fs.put(uri, markdown);
      return show(uri, options?.preview ?? true);
    },
    updateMarkdown(path, markdown) {
      const uri = memoryUri(path);
      fs.put(uri, markdown);
      return uri;
    },
    async saveCalendar(callId, options) {
      const call = await callFor(callId, options?.call);
      const ics = await client.execute(ops.calls.calendar, { path: { call_id: callId } });
      const name = `${encodeSegment(callTitle(call))}.ics`;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
      const target = options?.target ?? (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(folder, name),
        filters: { [vscode.l10n.t('Calendar')]: ['ics'] },
        saveLabel: vscode.l10n.t('Save Calendar Entry'),
      }));
      if (!target) return undefined;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(ics.text));
      if (!options?.target) {
        const open = vscode.l10n.t('Open');
        void vscode.window.showInformationMessage(vscode.l10n.t('Saved the calendar entry {0}.', name), open).then((choice) => {
          if (choice === open) void vscode.env.openExternal(target);
        });
      }
      return target;
    },
  };
}
