/** The one way to build Markdown from data: every interpolated value is escaped by construction.
 *
 *    md`**${label}:** ${serverText}`      // serverText can hold <img>, [x](command:…), `, #, newlines…
 *
 *  Values become plain text: Markdown punctuation is backslash-escaped, `<`, `>` and `&` become
 *  entities (no raw HTML, no `<command:…>` autolinks), newlines collapse to spaces (no breaking
 *  out of a line, a table cell or a code span), and `$(…)` theme icons are not interpreted.
 *  Web addresses inside a value stay clickable and intact: an http(s) URL is emitted as an
 *  autolink `<https://…>`, where no escape is processed (escaping inside a linkified URL would
 *  put backslashes into the address). Only what is wrapped in `Markdown` (the template's own
 *  text, `raw()` for trusted constants, or the helpers below) is emitted as is. */

import type { OwnText } from '../api/serviceText';
import { visibleText } from './sinks';

export class Markdown {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type MarkdownValue = Markdown | string | number | boolean | null | undefined | readonly MarkdownValue[];

/** Trusted Markdown written by us: service text does not type-check here (`OwnText`). */
export const raw = <T extends string>(text: T & OwnText<T>): Markdown => new Markdown(text);

export function md(strings: TemplateStringsArray, ...values: MarkdownValue[]): Markdown {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Markdown(out);
}

function render(value: MarkdownValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Markdown) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeInline(String(value));
}

// Punctuation that can open or close an inline construct anywhere in a line: escapes, code spans,
// emphasis, link and image brackets, table cells, strikethrough, `$(…)` theme icons. Everything
// else (`+`, `-`, `#`, `(`, `.`…) is only special where a line starts, handled by `escapeLineStart`,
// so "+1 201 555 0100" or "Dinner (Friday)" stay as written where Markdown is shown as plain text
// (VS Code's tool-confirmation dialog shows the Markdown source, backslashes included).
const SPECIAL = /[\\`*_[\]|~$]/g;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// What makes a block when a line starts with it: a list item ("- ", "+ ", "1. ", "2) "), a heading
// ("#"), a thematic break or a setext underline ("---", "==="). `*`, `>` and `<` are escaped anyway.
const BLOCK_START = /^([-+=](?=[\s\-+=]|$)|#|\d{1,9}[.)](?=\s|$))/;

/** Escapes one value for inline use. The value may start a line (the template decides), so what
 *  would open a block there is escaped too; inside the value no line can start. */
export function escapeInline(text: string): string {
  // Newlines (and other control characters) collapse to one space: no new block can start.
  // Leading blanks become one space: four would make an indented code block at a line's start.
  // Invisible characters that reorder or hide text (bidi controls, zero-width…) are dropped.
  // eslint-disable-next-line no-control-regex
  const flat = visibleText(text).replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/^\s+/, ' ');
  let out = '';
  let last = 0;
  for (const match of flat.matchAll(URL_IN_TEXT)) {
    const start = match.index ?? 0;
    const { url, trailing } = splitTrailingPunctuation(match[0]);
    out += escapePlain(flat.slice(last, start)) + autolink(url) + escapePlain(trailing);
    last = start + match[0].length;
  }
  out += escapePlain(flat.slice(last));
  return escapeLineStart(out);
}

function escapeLineStart(escaped: string): string {
  const lead = /^\s*/.exec(escaped)![0];
  const rest = escaped.slice(lead.length);
  const m = BLOCK_START.exec(rest);
  if (!m) return escaped;
  const marker = m[1];
  const at = marker.length - 1; // the punctuation: "-", "#", or the "." / ")" after the digits
  return `${lead}${marker.slice(0, at)}\\${marker[at]}${rest.slice(marker.length)}`;
}

function escapePlain(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(SPECIAL, (c) => `\\${c}`);
}

/** A URL ends before trailing sentence punctuation: "see https://x.com/a." → "https://x.com/a" + ".". */
function splitTrailingPunctuation(url: string): { url: string; trailing: string } {
  let end = url.length;
  const opens = (s: string, o: string, c: string) => s.split(o).length - s.split(c).length;
  for (;;) {
    const last = url[end - 1];
    if (last && '.,;:!?'.includes(last)) end--;
    else if (last && ')]}'.includes(last) && opens(url.slice(0, end), { ')': '(', ']': '[', '}': '{' }[last]!, last) < 0) end--;
    else break;
  }
  return { url: url.slice(0, end), trailing: url.slice(end) };
}

function autolink(url: string): string {
  // Inside <…> nothing is unescaped; characters that would end or break it are percent-encoded.
  const safe = url.replace(/[<>\s"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `<${safe}>`;
}

/** Multi-line server text as paragraphs: each line escaped, line breaks kept, blank lines kept. */
export function paragraphs(text: string | null | undefined): Markdown {
  const lines = (text ?? '').replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) out.push(line.trim() === '' ? '' : `${escapeInline(line)}  `);
  return new Markdown(out.join('\n').replace(/\n{3,}/g, '\n\n').trim());
}

/** Server text as a bullet list when it already is one ("- a\n- b", "1. a"), else paragraphs. */
export function listOrParagraphs(text: string | null | undefined): Markdown {
  const lines = (text ?? '').replace(/\r\n?/g, '\n').split('\n');
  const bullet = /^\s*(?:[-*•]|\d+[.)])\s+(.*)$/;
  if (!lines.some((l) => bullet.test(l))) return paragraphs(text);
  return new Markdown(lines.filter((l) => l.trim()).map((l) => {
    const m = bullet.exec(l);
    return m ? `- ${escapeInline(m[1])}` : `${escapeInline(l)}  `;
  }).join('\n'));
}

/** Inline code whose fence is longer than any backtick run inside. */
export function code(text: string | null | undefined): Markdown {
  // eslint-disable-next-line no-control-regex
  const flat = visibleText(text ?? '').replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return new Markdown(`${fence}${pad}${flat}${pad}${fence}`);
}

/** A table: header labels and rows of values, each cell escaped. */
export function table(headers: readonly MarkdownValue[], rows: readonly (readonly MarkdownValue[])[], align?: readonly ('left' | 'right')[]): Markdown {
  const line = (cells: readonly MarkdownValue[]) => `| ${cells.map((c) => render(c) || ' ').join(' | ')} |`;
  const rule = `|${headers.map((_, i) => (align?.[i] === 'right' ? '---:' : '---')).join('|')}|`;
  return new Markdown([line(headers), rule, ...rows.map(line)].join('\n'));
}

/** A link to an http(s) address with escaped text; any other scheme is shown as text only. The
 *  address is one we made (service text does not type-check): chat answers never link at all. */
export function link<U extends string>(text: MarkdownValue, url: (U & OwnText<U>) | null | undefined): Markdown {
  if (!url || !/^https?:\/\//i.test(url)) return md`${text}`;
  return new Markdown(`[${render(text)}](${autolink(url).slice(1, -1).replace(/[()]/g, (c) => encodeURIComponent(c))})`);
}

/** Joins Markdown pieces (and escaped values) with a separator. */
export function join(parts: readonly MarkdownValue[], separator: string): Markdown {
  return new Markdown(parts.filter((p) => p !== undefined && p !== null && p !== '').map(render).join(separator));
}

/** Blocks separated by blank lines; empty blocks dropped. */
export function blocks(...parts: MarkdownValue[]): Markdown {
  return new Markdown(parts.map(render).filter((p) => p.trim() !== '').join('\n\n') + '\n');
}
