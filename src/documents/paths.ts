/** The `kallyai:` URI scheme. The last path segment is what the tab shows, so it names the thing
 *  ("Luigi's Trattoria — transcript, Nov 29.md"); the segments before it keep things apart. */
import { capped, visibleText } from '../format/sinks';

export const SCHEME = 'kallyai';

/** A path segment (the last one is a tab title): no slashes, no invisible or control characters,
 *  at most 100 characters, never empty. */
export function encodeSegment(text: string): string {
  const flat = visibleText(text.replace(/[/\\]/g, ' '), { oneLine: true });
  const extension = /\.[a-z]{1,5}$/i.exec(flat)?.[0] ?? '';
  return capped(flat.slice(0, flat.length - extension.length), 100) + extension || '_';
}
