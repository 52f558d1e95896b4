/** The read-only `kallyai:` documents: Markdown rendered for people from what the API answered
 *  (transcripts, call and goal details, messages, budgets, the Ask conversation, account status),
 *  for plain text people want to copy or search. Each lives at its own path (one tab per thing:
 *  `kallyai:/calls/<id>/transcript/<title>.md`); showing it again replaces its text and an open
 *  editor or preview follows. */
import * as vscode from 'vscode';
import type { Markdown } from '../format';
import type { Log } from '../platform/log';
import { KallyFileSystem } from './kallyFileSystem';
import { encodeSegment, SCHEME } from './paths';

export interface Documents {
  /** Shows (or updates, if open) a read-only Markdown document at kallyai:/<path>. `preview`
   *  (default true) opens the Markdown preview, false a read-only text editor. */
  showMarkdown(path: string, markdown: string | Markdown, options?: { preview?: boolean }): Promise<vscode.Uri>;
  /** Replaces a document's text without showing it (an open editor or preview follows). */
  updateMarkdown(path: string, markdown: string | Markdown): vscode.Uri;
  /** The document's URI for a path. */
  uriOf(path: string): vscode.Uri;
}

export function registerDocuments(context: vscode.ExtensionContext, log: Log): Documents {
  const fs = new KallyFileSystem();
  context.subscriptions.push(
    fs,
    vscode.workspace.registerFileSystemProvider(SCHEME, fs, { isReadonly: true, isCaseSensitive: true }),
  );

  const uriOf = (path: string) =>
    vscode.Uri.from({ scheme: SCHEME, path: '/' + path.split('/').filter(Boolean).map(encodeSegment).join('/') });

  const show = async (uri: vscode.Uri, preview: boolean): Promise<vscode.Uri> => {
    const doc = await vscode.workspace.openTextDocument(uri);
    if (preview) {
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
        return uri;
      } catch (e) {
        log.warn(`Markdown preview unavailable, opening the text: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    await vscode.window.showTextDocument(doc, { preview: true });
    return uri;
  };

  return {
    uriOf,
    async showMarkdown(path, markdown, options) {
      const uri = uriOf(path);
      fs.put(uri, String(markdown));
      return show(uri, options?.preview ?? true);
    },
    updateMarkdown(path, markdown) {
      const uri = uriOf(path);
      fs.put(uri, String(markdown));
      return uri;
    },
  };
}
