// PLACEHOLDER until the views issue lands (the read-only kallyai: documents).
import type * as vscode from 'vscode';
import type { Services } from '../services';

/** The read-only `kallyai:` documents: transcripts, call details, messages, and in-memory Markdown
 *  documents that other parts update (the Ask conversation, account status). */
export interface Documents {
  /** Opens the call's transcript (Markdown, in the Markdown preview). */
  openTranscript(callId: string): Promise<void>;
  /** Opens the call's details as a read-only Markdown document. */
  openCallDetails(callId: string): Promise<void>;
  /** Opens an inbox message as a read-only document (the caller marks it read). */
  openMessage(messageId: string): Promise<void>;
  /** Shows (or updates, if already open) an in-memory read-only Markdown document at kallyai:/<path>. */
  showMarkdown(path: string, markdown: string, options?: { preview?: boolean }): Promise<vscode.Uri>;
}

export function registerDocuments(_services: Services): Documents {
  const none = async () => {};
  return { openTranscript: none, openCallDetails: none, openMessage: none, showMarkdown: async () => { throw new Error('not yet'); } };
}
