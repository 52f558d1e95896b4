import * as vscode from 'vscode';

/** The `kallyai:` URIs. The last segment is what the tab shows, so it names the thing
 *  ("Transcript — Bella Napoli 2026-03-14.md"); the segments before it say what to fetch. */
export const SCHEME = 'kallyai';

/** A path segment: no slashes, no control characters, never empty. */
export function encodeSegment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[/\\\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim() || '_';
}

export function kallyUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: '/' + segments.map(encodeSegment).join('/') });
}

export type DynamicDocument =
  | { kind: 'transcript'; callId: string }
  | { kind: 'callDetails'; callId: string }
  | { kind: 'message'; messageId: string }
  | { kind: 'thread'; conversationId: string };

/** kallyai:/calls/<id>/transcript/<title>.md, …/details/<title>.md, /inbox/<id>/<title>.md, /threads/<id>/<title>.md */
export function parseDynamic(uri: vscode.Uri): DynamicDocument | undefined {
  const parts = uri.path.split('/').filter(Boolean);
  if (parts[0] === 'calls' && parts.length === 4 && parts[2] === 'transcript') return { kind: 'transcript', callId: parts[1] };
  if (parts[0] === 'calls' && parts.length === 4 && parts[2] === 'details') return { kind: 'callDetails', callId: parts[1] };
  if (parts[0] === 'inbox' && parts.length === 3) return { kind: 'message', messageId: parts[1] };
  if (parts[0] === 'threads' && parts.length === 3) return { kind: 'thread', conversationId: parts[1] };
  return undefined;
}
