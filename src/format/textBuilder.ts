/** Building text one character at a time, for the scanners that read service text (Markdown and
 *  HTML escaping, names, phone numbers): every function on outside text runs in linear time, and
 *  on hostile text it must stay fast too. A regular expression replace pays for each match (a
 *  megabyte of "a-a-a-" is half a million matches, about 0.2 s here); a scanner writing into a
 *  TextBuilder pays a few nanoseconds a character. Characters go into a small buffer that becomes
 *  a string every 8,192 characters (Node's UTF-16 decoder: this layer runs in Node). Also: the character classes the scanners share. */

const CHUNK = 8192;
/** Longer pieces are kept as strings, not copied into the buffer. */
const COPY_MAX = 32;

export class TextBuilder {
  private readonly buffer: Uint16Array;
  private used = 0;
  private readonly parts: string[] = [];

  /** `sizeHint`: about how long the text will be (a short text gets a short buffer). */
  constructor(sizeHint = CHUNK) {
    this.buffer = new Uint16Array(Math.max(2 * COPY_MAX, Math.min(CHUNK, sizeHint)));
  }

  /** One UTF-16 code unit. */
  char(code: number): void {
    if (this.used === this.buffer.length) this.flush();
    this.buffer[this.used++] = code;
  }

  text(s: string): void {
    const n = s.length;
    if (n > COPY_MAX) {
      this.flush();
      this.parts.push(s);
      return;
    }
    if (this.used + n > this.buffer.length) this.flush();
    for (let i = 0; i < n; i++) this.buffer[this.used++] = s.charCodeAt(i);
  }

  /** `s` from `from` to `to`, as it is. */
  slice(s: string, from: number, to: number): void {
    if (to - from > COPY_MAX) this.text(s.slice(from, to));
    else for (let i = from; i < to; i++) this.char(s.charCodeAt(i));
  }

  private flush(): void {
    if (!this.used) return;
    this.parts.push(Buffer.from(this.buffer.buffer, 0, 2 * this.used).toString('utf16le'));
    this.used = 0;
  }

  toString(): string {
    this.flush();
    return this.parts.length === 1 ? this.parts[0] : this.parts.join('');
  }
}

/** What `\s` matches in a JavaScript regular expression (and `trim()` removes). */
export function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** What `\w` matches: ASCII letters, digits and `_`. */
export function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A table of characters to replace (`''` drops one), applied in one pass. */
export class CharTable {
  private readonly ascii: (string | undefined)[] = new Array<string | undefined>(128).fill(undefined);
  private readonly other = new Map<number, string>();
  private readonly any: RegExp;

  constructor(replacements: ReadonlyArray<readonly [code: number, replacement: string]>) {
    for (const [code, replacement] of replacements) {
      if (code < 128) this.ascii[code] = replacement;
      else this.other.set(code, replacement);
    }
    const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
    this.any = new RegExp(`[${replacements.map(([code]) => hex(code)).join('')}]`);
  }

  /** The replacement of one code unit, if it has one. */
  of(code: number): string | undefined {
    return code < 128 ? this.ascii[code] : this.other.size ? this.other.get(code) : undefined;
  }

  /** `text` with the table applied (the same string when nothing in it is in the table). */
  apply(text: string): string {
    if (!this.any.test(text)) return text;
    const b = new TextBuilder(text.length * 2);
    this.write(b, text, 0, text.length);
    return b.toString();
  }

  /** `text` from `from` to `to`, with the table applied, into `b`. */
  write(b: TextBuilder, text: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      const r = this.of(c);
      if (r === undefined) b.char(c);
      else b.text(r);
    }
  }
}

/** The code units of a string, for building tables: codes('<>') → [0x3c, 0x3e]. */
export const codes = (chars: string): number[] => Array.from(chars, (c) => c.charCodeAt(0));

/** Where the lines of `text` start and end, split at `\r\n`, `\r` or `\n`: [start0, end0, start1,
 *  end1, …], in a typed array (a text of half a million short lines costs no object per line). */
export function lineRanges(text: string): Int32Array {
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) breaks++;
  }
  const ranges = new Int32Array(2 * breaks + 2);
  let n = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      ranges[n++] = start;
      ranges[n++] = i;
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
    }
  }
  ranges[n++] = start;
  ranges[n] = text.length;
  return ranges;
}

/** Whether `text` from `from` to `to` is only blanks (what `trim()` would leave empty). */
export function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}
