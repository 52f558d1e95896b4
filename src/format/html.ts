/** The one way to build a page's HTML from data: every interpolated value is text, escaped by
 *  construction (`&`, `<`, `>`, quotes and backticks as entities), so a server string can never open
 *  a tag, close an attribute or start a script. Only `Html` values (the template's own markup, or
 *  `trustedHtml` for constants written here) pass as markup. Attribute values are quoted in the
 *  templates; a URL attribute never takes a server string (pages have no remote content). */

import type { OwnText } from '../api/serviceText';
import { visibleText } from './sinks';

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(text: string): string {
  // Bidirectional overrides and other invisible characters are dropped: they can disguise text.
  return visibleText(text).replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
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

/** Multi-line server text as paragraphs of escaped text. */
export function textBlock(text: string | null | undefined): Html {
  const paragraphs = (text ?? '').replace(/\r\n?/g, '\n').split(/\n{2,}/).filter((p) => p.trim());
  return html`${paragraphs.map((p) => html`<p>${p.split('\n').map((line, i) => html`${i ? trustedHtml('<br>') : ''}${line}`)}</p>`)}`;
}

/** Server text that may already be a list ("- a\n- b", "1. a") as a list, else paragraphs. */
export function listOrParagraphsHtml(text: string | null | undefined): Html {
  const lines = (text ?? '').replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim());
  const bullet = /^\s*(?:[-*•]|\d+[.)])\s+(.*)$/;
  if (!lines.some((l) => bullet.test(l))) return textBlock(text);
  return html`<ul>${lines.map((l) => html`<li>${bullet.exec(l)?.[1] ?? l}</li>`)}</ul>`;
}
