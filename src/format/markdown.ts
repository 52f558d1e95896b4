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
import { escapeInlineInto, escapeInlineText, flattenControls, linkTarget } from './markdownEscape';
import { visibleText } from './sinks';
import { listItemStart } from './text';
import { TextBuilder, isBlank, lineRanges } from './textBuilder';

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
  return strings.some((s) => s.trim() !== '') ? nonBlank(out) : new Markdown(out);
}

/** Markdown known to hold more than blanks (a template with text of its own, a block, a table):
 *  `blocks` keeps it without reading it. Reading a text built with `+` copies all of it, and a
 *  document nests blocks in blocks: on a megabyte of server text each level would pay again. */
const NON_BLANK = new WeakSet<Markdown>();
function nonBlank(text: string): Markdown {
  const markdown = new Markdown(text);
  NON_BLANK.add(markdown);
  return markdown;
}

function render(value: MarkdownValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Markdown) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeInline(String(value));
}

/** Escapes one value for inline use (src/format/markdownEscape.ts says how): punctuation that
 *  opens inline constructs anywhere in a line (escapes, code spans, emphasis, link brackets, table
 *  cells, strikethrough, `$(…)` theme icons) is backslash-escaped; `+`, `-`, `#`, `(`, `.`… only
 *  where a line starts, so "+1 201 555 0100" or "Dinner (Friday)" stay as written where Markdown is
 *  shown as plain text (VS Code's tool-confirmation dialog shows the Markdown source, backslashes
 *  included). The value may start a line (the template decides); inside it no line can start.
 *  One pass over the text. */
export function escapeInline(text: string): string {
  return escapeInlineText(visibleText(text));
}

/** Multi-line server text as paragraphs: each line escaped, line breaks kept, blank lines kept
 *  (two or more as one). One pass over the text. */
export function paragraphs(text: string | null | undefined): Markdown {
  const source = visibleText(text ?? '');
  const lines = lineRanges(source);
  const b = new TextBuilder(source.length * 2);
  let written = false;
  let blanks = 0;
  for (let k = 0; k < lines.length; k += 2) {
    const from = lines[k];
    const to = lines[k + 1];
    if (isBlank(source, from, to)) {
      blanks++;
      continue;
    }
    if (written) b.text(blanks ? '\n\n' : '\n');
    escapeInlineInto(b, source, from, to);
    b.text('  ');
    written = true;
    blanks = 0;
  }
  return new Markdown(b.toString().trim());
}

/** Server text as a bullet list when it already is one ("- a\n- b", "1. a"), else paragraphs. */
export function listOrParagraphs(text: string | null | undefined): Markdown {
  const source = visibleText(text ?? '');
  const lines = lineRanges(source);
  let isList = false;
  for (let k = 0; k < lines.length && !isList; k += 2) isList = listItemStart(source, lines[k], lines[k + 1]) >= 0;
  if (!isList) return paragraphs(text);
  const b = new TextBuilder(source.length * 2);
  let written = false;
  for (let k = 0; k < lines.length; k += 2) {
    const from = lines[k];
    const to = lines[k + 1];
    if (isBlank(source, from, to)) continue;
    if (written) b.char(0x0a);
    const item = listItemStart(source, from, to);
    if (item >= 0) {
      b.text('- ');
      escapeInlineInto(b, source, item, to);
    } else {
      escapeInlineInto(b, source, from, to);
      b.text('  ');
    }
    written = true;
  }
  return new Markdown(b.toString());
}

/** Inline code whose fence is longer than any backtick run inside. */
export function code(text: string | null | undefined): Markdown {
  const { flat, longestBackticks } = flattenControls(visibleText(text ?? ''));
  const fence = '`'.repeat(longestBackticks + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return new Markdown(`${fence}${pad}${flat}${pad}${fence}`);
}

/** A table: header labels and rows of values, each cell escaped. */
export function table(
  headers: readonly MarkdownValue[],
  rows: readonly (readonly MarkdownValue[])[],
  align?: readonly ('left' | 'right')[],
): Markdown {
  const line = (cells: readonly MarkdownValue[]) => `| ${cells.map((c) => render(c) || ' ').join(' | ')} |`;
  const rule = `|${headers.map((_, i) => (align?.[i] === 'right' ? '---:' : '---')).join('|')}|`;
  return nonBlank([line(headers), rule, ...rows.map(line)].join('\n'));
}

/** A link to an http(s) address with escaped text; any other scheme is shown as text only. */
export function link<U extends string>(text: MarkdownValue, url: (U & OwnText<U>) | null | undefined): Markdown {
  if (!url || !/^https?:\/\//i.test(url)) return md`${text}`;
  return new Markdown(`[${render(text)}](${linkTarget(url)})`);
}

/** Joins Markdown pieces (and escaped values) with a separator. */
export function join(parts: readonly MarkdownValue[], separator: string): Markdown {
  return new Markdown(
    parts
      .filter((p) => p !== undefined && p !== null && p !== '')
      .map(render)
      .join(separator),
  );
}

/** Blocks separated by blank lines; empty blocks dropped. Joined with `+`, not `join()`: a
 *  document nests blocks in blocks, and each join would copy all it holds once more. */
export function blocks(...parts: MarkdownValue[]): Markdown {
  let out = '';
  for (const part of parts) {
    const text = render(part);
    if (!(part instanceof Markdown && NON_BLANK.has(part)) && text.trim() === '') continue;
    out = out ? `${out}\n\n${text}` : text;
  }
  return out ? nonBlank(`${out}\n`) : new Markdown('\n');
}
