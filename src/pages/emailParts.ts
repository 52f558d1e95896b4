/** Pieces the email pages share: the header table (From, To, Cc, Date, Subject), the body as
 *  escaped text, a reply in a thread. Every server string is escaped by construction. */
import { html, shortDateTime, t, textBlock, type Html } from '../format';

/** A table of headers; rows without a value are left out. */
export function headerTable(rows: ReadonlyArray<readonly [string, string | undefined | null]>): Html {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== '');
  return html`<table class="mail-headers">${shown.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</table>`;
}

/** An email's text: paragraphs of escaped text in a framed block (never HTML). */
export function mailBody(text: string | null | undefined): Html {
  return text && text.trim()
    ? html`<div class="mail-body">${textBlock(text)}</div>`
    : html`<p class="muted">${t('(This email has no text.)')}</p>`;
}

/** One message of a thread: who, when, what. */
export function threadEntry(
  who: string,
  when: string | null | undefined,
  body: string | null | undefined,
  subject?: string | null,
): Html {
  return html`<div class="turn reply"><span class="who">${who}</span>${when ? html`<span class="when">${shortDateTime(when) ?? when}</span>` : ''}${subject ? html`<p><strong>${subject}</strong></p>` : ''}${textBlock(body ?? '')}</div>`;
}
