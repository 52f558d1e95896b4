/** The one way to build a page's HTML from data: every interpolated value is text, escaped by
 *  construction (`&`, `<`, `>`, quotes and backticks as entities), so a server string can never open
 *  a tag, close an attribute or start a script. Only `Html` values (the template's own markup, or
 *  `trustedHtml` for constants written here) pass as markup. Attribute values are quoted in the
 *  templates; a URL attribute never takes a server string (pages have no remote content). */

import type { OwnText } from '../api/serviceText';
import { visibleText } from './sinks';
import { listItemStart } from './text';
import { CharTable, TextBuilder, codes, isBlank, lineRanges } from './textBuilder';

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};
/** Bidirectional overrides and other invisible controls (dropped: they can disguise text), and
 *  what could open a tag, end an attribute or a template (as entities). */
const DROPPED = [
  ...codes(
    '\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000c\u000e\u000f\u007f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069',
  ),
];
for (let c = 0x10; c <= 0x1f; c++) DROPPED.push(c);
const HTML_TEXT = new CharTable([
  ...DROPPED.map((c): [number, string] => [c, '']),
  ...Object.entries(ENTITIES).map(([c, e]): [number, string] => [c.charCodeAt(0), e]),
]);

/** One pass over the text (linear, and fast on text made of nothing but `<`). */
export function escapeHtml(text: string): string {
  return HTML_TEXT.apply(visibleText(text));
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Html(out);
}

/** Markup written by us, never built from server data (service text does not type-check here). */
export const trustedHtml = <T extends string>(text: T & OwnText<T>): Html => new Html(text);

/** Multi-line server text as paragraphs of escaped text: an empty line (or several) between
 *  paragraphs, a line break inside one as `<br>`, blank paragraphs left out. One pass. */
export function textBlock(text: string | null | undefined): Html {
  const source = visibleText(text ?? '');
  const lines = lineRanges(source);
  const last = lines.length / 2 - 1;
  const b = new TextBuilder(source.length * 2);
  let first = 0;
  while (first <= last) {
    // A paragraph runs to the next empty line that has a line on each side (two line breaks).
    let end = first;
    while (end < last && !(end + 1 < last && lines[2 * (end + 1)] === lines[2 * (end + 1) + 1])) end++;
    paragraphInto(b, source, lines, first, end);
    first = end + 1;
    while (first < last && lines[2 * first] === lines[2 * first + 1]) first++;
  }
  return trustedHtml(b.toString());
}

/** Lines `first` to `last` as a paragraph, unless they are all blank. */
function paragraphInto(b: TextBuilder, source: string, lines: Int32Array, first: number, last: number): void {
  let blank = true;
  for (let k = first; k <= last && blank; k++) blank = isBlank(source, lines[2 * k], lines[2 * k + 1]);
  if (blank) return;
  b.text('<p>');
  for (let k = first; k <= last; k++) {
    if (k > first) b.text('<br>');
    HTML_TEXT.write(b, source, lines[2 * k], lines[2 * k + 1]);
  }
  b.text('</p>');
}

/** Server text that may already be a list ("- a\n- b", "1. a") as a list, else paragraphs. */
export function listOrParagraphsHtml(text: string | null | undefined): Html {
  const source = visibleText(text ?? '');
  const lines = lineRanges(source);
  let isList = false;
  for (let k = 0; k < lines.length && !isList; k += 2) isList = listItemStart(source, lines[k], lines[k + 1]) >= 0;
  if (!isList) return textBlock(text);
  const b = new TextBuilder(source.length * 2);
  b.text('<ul>');
  for (let k = 0; k < lines.length; k += 2) {
    const from = lines[k];
    const to = lines[k + 1];
    if (isBlank(source, from, to)) continue;
    const item = listItemStart(source, from, to);
    b.text('<li>');
    HTML_TEXT.write(b, source, item >= 0 ? item : from, to);
    b.text('</li>');
  }
  b.text('</ul>');
  return trustedHtml(b.toString());
}
