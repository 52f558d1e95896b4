/** The `kallyai:` URI scheme. The last path segment is what the tab shows, so it names the thing
 *  ("Luigi's Trattoria — transcript, Nov 29.md"); the segments before it keep things apart. */
export const SCHEME = 'kallyai';

/** A path segment: no slashes, no control characters, never empty. */
export function encodeSegment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[/\\\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim() || '_';
}
