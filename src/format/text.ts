/** Plain-text helpers: server words made readable, one-line labels, list items. Each reads its
 *  text once (linear time on any input). */
import { TextBuilder, isDigit as importedIsDigit, isSpace as importedIsSpace } from './textBuilder';

// Local names for the tests made once a character (src/format/markdownEscape.ts says why).
const isSpace = importedIsSpace;
const isDigit = importedIsDigit;

/** "in_progress" → "In progress": each run of `_` and `-` a space. */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  const text = replaceRuns(value, (c) => c === 0x5f || c === 0x2d, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `text` with each run of characters that `inRun` accepts replaced by `replacement` (what
 *  `text.replace(/[…]+/g, replacement)` does, without paying for each match). */
export function replaceRuns(text: string, inRun: (c: number) => boolean, replacement: string): string {
  let i = 0;
  while (i < text.length && !inRun(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  const b = new TextBuilder(text.length);
  b.slice(text, 0, i);
  let inside = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inRun(c)) {
      if (!inside) b.text(replacement);
      inside = true;
    } else {
      inside = false;
      b.char(c);
    }
  }
  return b.toString();
}

/** A single line, at most `max` characters: blanks collapsed, words read only as far as the line
 *  reaches (a megabyte of text costs no more than its first words). */
export function oneLine(text: string | null | undefined, max = 80): string {
  const word = /\S+/g;
  let flat = '';
  for (let m = word.exec(text ?? ''); m && flat.length <= max; m = word.exec(text ?? ''))
    flat += flat ? ` ${m[0]}` : m[0];
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Where the text of a list item starts in the line of `text` from `from` to `to` ("- a", "* a",
 *  "• a", "1. a", "2) a": at "a"), or -1 when the line is not one. What
 *  `/^\s*(?:[-*•]|\d+[.)])\s+(.*)$/` reads, in one pass without its backtracking. */
export function listItemStart(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  const first = i < to ? text.charCodeAt(i) : -1;
  if (first === 0x2d || first === 0x2a || first === 0x2022) i++;
  else {
    const digits = i;
    while (i < to && isDigit(text.charCodeAt(i))) i++;
    const punctuation = i < to ? text.charCodeAt(i) : -1;
    if (i === digits || (punctuation !== 0x2e && punctuation !== 0x29)) return -1;
    i++;
  }
  if (i >= to || !isSpace(text.charCodeAt(i))) return -1;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  for (let k = i; k < to; k++) if (isLineTerminator(text.charCodeAt(k))) return -1;
  return i;
}

/** The text of a line that is a list item ("- a" → "a"), else undefined. */
export function listItemText(line: string): string | undefined {
  const start = listItemStart(line, 0, line.length);
  return start < 0 ? undefined : line.slice(start);
}

/** What `.` does not match in a regular expression. */
const isLineTerminator = (c: number) => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
