/** An HTML email as plain text, read by a tokenizer in one pass over the markup (linear time on
 *  any input: every character is looked at a bounded number of times, and no regular expression
 *  can backtrack). It follows the HTML standard's tokenizer where a reader sees the difference:
 *   - `<` starts a tag only before a letter (`</` + letter: an end tag; `<!--`: a comment; `<!`,
 *     `<?`, `</` + other: a bogus comment up to `>`); any other `<` is text, kept as written;
 *   - a tag ends at the first `>` outside a quoted attribute value; a tag, comment or quoted value
 *     that the markup never closes runs to the end and is dropped;
 *   - the content of script, style, title, iframe, noembed and noframes is dropped up to their
 *     end tag (to the end when there is none), and so is the head's text;
 *   - `<br>` is a line break, the end of a paragraph, div, list item, table row, heading or quote
 *     is a blank line; every other tag is dropped and its text kept;
 *   - character references are decoded (numeric ones, with the standard's Windows-1252 reading of
 *     128–159, and the named ones mail uses: `&amp;`, `&nbsp;`, `&rsquo;`, `&aacute;`…, with their `;`);
 *  then blanks before a line break go, three or more line breaks become two, and the ends are
 *  trimmed. The result is text, escaped again wherever it is shown. No `vscode` import. */

import { TextBuilder } from '../format/textBuilder';

/** Elements whose content is not text for a reader: skipped up to their end tag. */
const SKIPPED_CONTENT = new Set(['script', 'style', 'title', 'iframe', 'noembed', 'noframes']);
/** End tags that end a block: a blank line. */
const BLOCK_ENDS = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);
/** Start tags that may stand in the head; any other one (or text) ends it, as in the standard. */
const HEAD_TAGS = new Set([
  'head',
  'base',
  'basefont',
  'bgsound',
  'link',
  'meta',
  'title',
  'style',
  'script',
  'noscript',
  'template',
]);

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  deg: '°',
  times: '×',
  divide: '÷',
  iexcl: '¡',
  iquest: '¿',
  ordf: 'ª',
  ordm: 'º',
  sect: '§',
  para: '¶',
  zwnj: '\u200c',
  zwj: '\u200d',
  shy: '\u00ad',
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  aacute: 'á',
  eacute: 'é',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  uuml: 'ü',
  ntilde: 'ñ',
  ccedil: 'ç',
  Aacute: 'Á',
  Eacute: 'É',
  Iacute: 'Í',
  Oacute: 'Ó',
  Uacute: 'Ú',
  Uuml: 'Ü',
  Ntilde: 'Ñ',
  Ccedil: 'Ç',
};
/** The longest name in NAMED: a longer run of letters after `&` is not one of them. */
const NAMED_MAX = 6;
/** Numeric references 128–159 read as Windows-1252, as the HTML standard says (mail from Outlook uses them). */
const WINDOWS_1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const isLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
/** The standard's whitespace inside a tag: tab, line feed, form feed, carriage return, space. */
const isTagSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

export function htmlToText(markup: string): string {
  return tidyLines(new Tokenizer(markup).run());
}

class Tokenizer {
  private readonly out: string[] = [];
  private inHead = false;
  private readonly n: number;

  constructor(private readonly s: string) {
    this.n = s.length;
  }

  run(): string {
    const { s, n } = this;
    let textStart = 0;
    for (let lt = s.indexOf('<'); lt >= 0; lt = s.indexOf('<', lt + 1)) {
      if (!this.opensMarkup(lt)) continue; // a `<` that is text stays in the run
      if (lt > textStart) this.text(s.slice(textStart, lt));
      textStart = this.markup(lt);
      if (textStart >= n) break;
      lt = textStart - 1;
    }
    if (textStart < n) this.text(s.slice(textStart));
    return this.out.join('');
  }

  /** Whether the `<` at `at` starts a tag, a comment or a bogus comment (else it is text). */
  private opensMarkup(at: number): boolean {
    const next = at + 1 < this.n ? this.s.charCodeAt(at + 1) : -1;
    return isLetter(next) || next === 0x21 || next === 0x3f || (next === 0x2f && at + 2 < this.n);
  }

  private text(raw: string): void {
    if (this.inHead) {
      if (raw.trim() === '') return;
      this.inHead = false;
    }
    this.out.push(raw.includes('&') ? decodeReferences(raw) : raw);
  }

  /** The markup that starts at `<` (position `at`); returns where the text goes on. */
  private markup(at: number): number {
    const { s } = this;
    const next = s.charCodeAt(at + 1);
    if (isLetter(next)) return this.startTag(at + 1);
    if (next === 0x2f /* / */) {
      const after = s.charCodeAt(at + 2);
      if (isLetter(after)) return this.endTag(at + 2);
      return after === 0x3e /* > */ ? at + 3 : this.bogusComment(at + 2);
    }
    if (next === 0x21 /* ! */) return s.startsWith('--', at + 2) ? this.comment(at + 4) : this.bogusComment(at + 2);
    return this.bogusComment(at + 1); // <?
  }

  /** A tag's name from `from` to whitespace, `/` or `>`, in lower case, and where it ends. */
  private tagName(from: number): [string, number] {
    const { s, n } = this;
    let j = from;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (isTagSpace(c) || c === 0x2f || c === 0x3e) break;
      j++;
    }
    return [s.slice(from, j).toLowerCase(), j];
  }

  /** Skips a tag's attributes up to its `>`; returns the position after it, or -1 when the markup
   *  ends inside the tag (the standard drops such a tag). */
  private tagEnd(from: number): number {
    const { s, n } = this;
    let j = from;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c === 0x3e) return j + 1;
      j++;
      if (c === 0x3d /* = */) {
        while (j < n && isTagSpace(s.charCodeAt(j))) j++;
        const q = s[j];
        if (q === '"' || q === "'") {
          const close = s.indexOf(q, j + 1);
          if (close < 0) return -1;
          j = close + 1;
        }
      }
    }
    return -1;
  }

  private startTag(from: number): number {
    const [name, after] = this.tagName(from);
    const end = this.tagEnd(after);
    if (end < 0) return this.n;
    if (name === 'head') this.inHead = true;
    else if (name === 'body' || (this.inHead && !HEAD_TAGS.has(name))) this.inHead = false;
    if (name === 'br') this.out.push('\n');
    return SKIPPED_CONTENT.has(name) ? this.skipContent(name, end) : end;
  }

  private endTag(from: number): number {
    const [name, after] = this.tagName(from);
    const end = this.tagEnd(after);
    if (end < 0) return this.n;
    if (name === 'head') this.inHead = false;
    if (name === 'br') this.out.push('\n');
    else if (BLOCK_ENDS.has(name)) this.out.push('\n\n');
    return end;
  }

  /** Skips to the end tag of a script, style… (`</name` then whitespace, `/` or `>`), or to the end. */
  private skipContent(name: string, from: number): number {
    const { s, n } = this;
    let at = s.indexOf('</', from);
    while (at >= 0) {
      const nameEnd = at + 2 + name.length;
      if (s.slice(at + 2, nameEnd).toLowerCase() === name) {
        const c = nameEnd < n ? s.charCodeAt(nameEnd) : -1;
        if (isTagSpace(c) || c === 0x2f || c === 0x3e) {
          const end = this.tagEnd(nameEnd);
          return end < 0 ? n : end;
        }
      }
      at = s.indexOf('</', at + 2);
    }
    return n;
  }

  /** A comment's text starts at `from` (after `<!--`); it ends at `-->` or `--!>` (or at once for
   *  `<!-->` and `<!--->`), else at the end. */
  private comment(from: number): number {
    const { s, n } = this;
    if (s.startsWith('>', from)) return from + 1;
    if (s.startsWith('->', from)) return from + 2;
    let at = s.indexOf('--', from);
    while (at >= 0) {
      if (s.startsWith('>', at + 2)) return at + 3;
      if (s.startsWith('!>', at + 2)) return at + 4;
      at = s.indexOf('--', at + 1);
    }
    return n;
  }

  private bogusComment(from: number): number {
    const close = this.s.indexOf('>', from);
    return close < 0 ? this.n : close + 1;
  }
}

/** Character references in a run of text, decoded; anything that is not one stays as written. */
export function decodeReferences(text: string): string {
  const parts: string[] = [];
  let last = 0;
  let amp = text.indexOf('&');
  while (amp >= 0) {
    const [value, end] = reference(text, amp);
    if (value !== undefined) {
      parts.push(text.slice(last, amp), value);
      last = end;
    }
    amp = text.indexOf('&', value !== undefined ? end : amp + 1);
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** The reference at `amp` (`&#65;`, `&#x41;`, `&amp;`) and the position after its `;`. */
function reference(text: string, amp: number): [string | undefined, number] {
  const n = text.length;
  let j = amp + 1;
  if (text.charCodeAt(j) === 0x23 /* # */) {
    j++;
    const hex = text.charCodeAt(j) === 0x78 || text.charCodeAt(j) === 0x58;
    if (hex) j++;
    const digitsFrom = j;
    while (j < n && (hex ? isHexDigit(text.charCodeAt(j)) : isDigit(text.charCodeAt(j)))) j++;
    if (j === digitsFrom || text.charCodeAt(j) !== 0x3b /* ; */) return [undefined, j];
    const code = parseInt(text.slice(digitsFrom, j), hex ? 16 : 10);
    if (!(code > 0 && code < 0x110000)) return [undefined, j];
    return [code >= 0x80 && code <= 0x9f ? WINDOWS_1252[code - 0x80] : String.fromCodePoint(code), j + 1];
  }
  while (j < n && j - amp <= NAMED_MAX + 1 && isLetter(text.charCodeAt(j))) j++;
  if (j === amp + 1 || text.charCodeAt(j) !== 0x3b) return [undefined, j];
  const name = text.slice(amp + 1, j);
  const value = Object.hasOwn(NAMED, name)
    ? NAMED[name]
    : Object.hasOwn(NAMED, name.toLowerCase())
      ? NAMED[name.toLowerCase()]
      : undefined;
  return [value, j + 1];
}

/** Blanks (spaces, tabs) before a line break removed, three or more line breaks made two, the
 *  ends trimmed: one pass. */
export function tidyLines(text: string): string {
  const b = new TextBuilder(text.length);
  let newlines = 0;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    let end = nl;
    while (end > lineStart && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
    if (end > lineStart) {
      if (newlines) b.text(newlines > 2 ? '\n\n' : '\n'.repeat(newlines));
      b.slice(text, lineStart, end);
      newlines = 0;
    }
    newlines++;
    lineStart = nl + 1;
  }
  if (newlines) b.text(newlines > 2 ? '\n\n' : '\n'.repeat(newlines));
  b.slice(text, lineStart, text.length);
  return b.toString().trim();
}
