/** The `kallyai:` URI scheme. The last path segment is what the tab shows, so it names the thing
 *  ("Luigi's Trattoria — transcript, Nov 29.md"); the segments before it keep things apart. */
import { replaceRuns } from '../format/text';
import { isSpace as importedIsSpace } from '../format/textBuilder';

const isSpace = importedIsSpace; // a local name: it is called once a character
/** What becomes a space in a segment: slashes, control characters, blanks. */
const isSeparator = (c: number) => c <= 0x1f || c === 0x2f || c === 0x5c || isSpace(c);

export const SCHEME = 'kallyai';

/** A path segment: no slashes, no control characters, never empty; each run of them and of
 *  blanks one space (one pass: names come from the server). */
export function encodeSegment(text: string): string {
  return replaceRuns(text, isSeparator, ' ').trim() || '_';
}
