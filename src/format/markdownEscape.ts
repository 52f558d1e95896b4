/** The one pass behind every escaped Markdown value (src/format/markdown.ts: md``, paragraphs,
 *  lists, code spans, links): a scanner that reads each character once, so that a value of any
 *  shape (a megabyte of `)`, `[`, `<` or blanks) costs linear time, with no regular expression to
 *  backtrack and no replace that pays for each match. What it writes:
 *   - a run of control characters (newlines included) as one space: no new block can start;
 *   - leading blanks as one space: four would make an indented code block at a line's start;
 *   - what would open a block where a line starts ("- ", "+ ", "=", "#", "1. ", "2) ") with a
 *     backslash before its punctuation;
 *   - `\`, backtick, `*`, `_`, `[`, `]`, `|`, `~`, `$` with a backslash, `&`, `<`, `>` as entities;
 *   - an http(s) address as an autolink `<https://…>` (no escape is processed inside one; the
 *     characters that would end or break it are percent-encoded), without the sentence
 *     punctuation that ends it ("see https://x.com/a." → the link, then "."), a closing bracket
 *     kept when the address opens one ("…/wiki/Fish_(food)"). */
import {
  CharTable,
  TextBuilder,
  codes,
  isDigit as importedIsDigit,
  isSpace as importedIsSpace,
  isWordChar as importedIsWordChar,
} from './textBuilder';

// Local names for the tests made once a character: where modules are not bundled (tsx runs the
// tests and `npm run reliability`), each call through an imported name reads a property first.
const isSpace = importedIsSpace;
const isWordChar = importedIsWordChar;
const isDigit = importedIsDigit;

/** Control characters: C0, DEL and the Unicode line and paragraph separators. */
export const isControl = (c: number): boolean => c <= 0x1f || c === 0x7f || c === 0x2028 || c === 0x2029;

const PLAIN = new CharTable([
  [0x26, '&amp;'],
  [0x3c, '&lt;'],
  [0x3e, '&gt;'],
  ...codes('\\`*_[]|~$').map((c): [number, string] => [c, `\\${String.fromCharCode(c)}`]),
]);

/** A value that needs none of the above comes back as it is, without a scan in script. */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u001f\u007f\u2028\u2029&<>\\`*_[\]|~$]|https?:\/\//i;

/** What may stand after a list or break marker for it to open a block: a blank (a control is a
 *  space by then), or the value's end. */
const breaksAfter = (text: string, k: number, to: number) =>
  k >= to || isSpace(text.charCodeAt(k)) || isControl(text.charCodeAt(k));

/** `text` from `from` to `to` as one escaped Markdown value (it may start a line), into `b`. */
export function escapeInlineInto(b: TextBuilder, text: string, from: number, to: number): void {
  let i = from;
  while (i < to && (isSpace(text.charCodeAt(i)) || isControl(text.charCodeAt(i)))) i++;
  if (i > from) b.char(0x20);
  i = blockStart(b, text, i, to);
  let inControls = false;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isControl(c)) {
      if (!inControls) b.char(0x20);
      inControls = true;
      i++;
      continue;
    }
    inControls = false;
    if ((c === 0x68 || c === 0x48) && (i === from || !isWordChar(text.charCodeAt(i - 1)))) {
      const end = addressEnd(text, i, to);
      if (end > 0) {
        const kept = withoutTrailingPunctuation(text, i, end);
        autolinkInto(b, text, i, kept);
        i = kept;
        continue;
      }
    }
    const r = PLAIN.of(c);
    if (r === undefined) b.char(c);
    else b.text(r);
    i++;
  }
}

/** One value as escaped Markdown. */
export function escapeInlineText(text: string): string {
  if (!NEEDS_WORK.test(text) && !startsSpecially(text)) return text;
  const b = new TextBuilder(text.length * 2);
  escapeInlineInto(b, text, 0, text.length);
  return b.toString();
}

function startsSpecially(text: string): boolean {
  if (!text) return false;
  const c = text.charCodeAt(0);
  return isSpace(c) || isDigit(c) || c === 0x2d || c === 0x2b || c === 0x3d || c === 0x23;
}

/** Escapes the marker that would open a block at `i` (the value's first character after its
 *  leading blanks); returns where the rest starts. */
function blockStart(b: TextBuilder, text: string, i: number, to: number): number {
  if (i >= to) return i;
  const c = text.charCodeAt(i);
  if (c === 0x2d || c === 0x2b || c === 0x3d) {
    // - + =: a list item, a thematic break or a setext underline
    const next = i + 1 < to ? text.charCodeAt(i + 1) : -1;
    if (!breaksAfter(text, i + 1, to) && next !== 0x2d && next !== 0x2b && next !== 0x3d) return i;
  } else if (isDigit(c)) {
    // 1. or 2): an ordered list item (at most 9 digits)
    let k = i;
    while (k < to && k - i < 10 && isDigit(text.charCodeAt(k))) k++;
    const punctuation = k < to ? text.charCodeAt(k) : -1;
    if (k - i > 9 || (punctuation !== 0x2e && punctuation !== 0x29) || !breaksAfter(text, k + 1, to)) return i;
    b.slice(text, i, k);
    i = k;
  } else if (c !== 0x23) {
    // #: a heading
    return i;
  }
  b.char(0x5c);
  b.char(text.charCodeAt(i));
  return i + 1;
}

/** The end of the http(s) address at `i` (`https?://` then characters up to a blank, a control,
 *  `<`, `>`, a quote or a backtick), or -1 when there is none. */
function addressEnd(text: string, i: number, to: number): number {
  if (i + 8 > to) return -1; // "http://" and one character at least
  if (
    (text.charCodeAt(i + 1) | 0x20) !== 0x74 ||
    (text.charCodeAt(i + 2) | 0x20) !== 0x74 ||
    (text.charCodeAt(i + 3) | 0x20) !== 0x70
  )
    return -1;
  let k = i + 4;
  if ((text.charCodeAt(k) | 0x20) === 0x73) k++;
  if (k + 3 >= to || text.charCodeAt(k) !== 0x3a || text.charCodeAt(k + 1) !== 0x2f || text.charCodeAt(k + 2) !== 0x2f)
    return -1;
  k += 3;
  let j = k;
  while (j < to && !endsAddress(text.charCodeAt(j))) j++;
  return j > k ? j : -1;
}

const endsAddress = (c: number) =>
  isSpace(c) || isControl(c) || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x27 || c === 0x60;

const SENTENCE_END = new Set(codes('.,;:!?'));

/** Where an address from `from` to `to` ends without its trailing sentence punctuation; a closing
 *  bracket stays while the address opens as many. Brackets are counted once and the count follows
 *  the end back: linear in the address. */
function withoutTrailingPunctuation(text: string, from: number, to: number): number {
  let round = 0; // opened minus closed
  let square = 0;
  let curly = 0;
  for (let i = from; i < to; i++) {
    switch (text.charCodeAt(i)) {
      case 0x28:
        round++;
        break;
      case 0x29:
        round--;
        break;
      case 0x5b:
        square++;
        break;
      case 0x5d:
        square--;
        break;
      case 0x7b:
        curly++;
        break;
      case 0x7d:
        curly--;
        break;
    }
  }
  let end = to;
  while (end > from) {
    const last = text.charCodeAt(end - 1);
    if (SENTENCE_END.has(last)) end--;
    else if (last === 0x29 && round < 0) {
      round++;
      end--;
    } else if (last === 0x5d && square < 0) {
      square++;
      end--;
    } else if (last === 0x7d && curly < 0) {
      curly++;
      end--;
    } else break;
  }
  return end;
}

/** What an autolink percent-encodes: `<`, `>`, blanks, quotes, backticks, `\`. */
const breaksAutolink = (c: number) =>
  c === 0x3c || c === 0x3e || isSpace(c) || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x5c;

const percent = (c: number) => `%${c.toString(16).toUpperCase().padStart(2, '0')}`;
const ASCII_PERCENT = Array.from({ length: 128 }, (_, c) => percent(c));

function percentInto(b: TextBuilder, c: number): void {
  b.text(c < 128 ? ASCII_PERCENT[c] : percent(c));
}

/** `<address>`, with what would end or break an autolink percent-encoded. */
export function autolinkInto(b: TextBuilder, text: string, from: number, to: number): void {
  b.char(0x3c);
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (breaksAutolink(c)) percentInto(b, c);
    else b.char(c);
  }
  b.char(0x3e);
}

/** The address of a `[text](address)` link: as in an autolink, and `(`, `)` percent-encoded too. */
export function linkTarget(url: string): string {
  const b = new TextBuilder(url.length * 2);
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (breaksAutolink(c) || c === 0x28 || c === 0x29) percentInto(b, c);
    else b.char(c);
  }
  return b.toString();
}

/** `text` with each run of control characters as one space (for code spans), and the longest
 *  run of backticks in it. */
export function flattenControls(text: string): { flat: string; longestBackticks: number } {
  const b = new TextBuilder(text.length);
  let longest = 0;
  let run = 0;
  let inControls = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isControl(c)) {
      if (!inControls) b.char(0x20);
      inControls = true;
      run = 0;
      continue;
    }
    inControls = false;
    run = c === 0x60 ? run + 1 : 0;
    if (run > longest) longest = run;
    b.char(c);
  }
  return { flat: b.toString(), longestBackticks: longest };
}
