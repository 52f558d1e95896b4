/** Small pieces every page uses: a button that asks the extension for an action, a codicon, the
 *  page shown when its data could not be loaded (one sentence and Retry, never a blank page), and a
 *  call's transcript. */
import { describeError, html, t, textBlock, trustedHtml, type Html } from '../format';
import type { PageView } from './pageController';

/** A codicon by name (names are ours, never server text); `name~spin` spins (not when the person
 *  asks for less motion: page.css). */
export function icon(name: string): Html {
  const [base, modifier] = name.split('~');
  const spin = modifier === 'spin' ? ' codicon-modifier-spin' : '';
  return trustedHtml(
    `<span class="codicon codicon-${base.replace(/[^a-z0-9-]/g, '')}${spin}" aria-hidden="true"></span>`,
  );
}

export function actionButton(
  action: string,
  label: string,
  codicon: string,
  style: 'primary' | 'secondary' | 'danger' = 'secondary',
  arg?: string,
): Html {
  const cls = style === 'primary' ? '' : style;
  return html`<button class="${cls}" data-action="${action}"${arg === undefined ? '' : html` data-arg="${arg}"`}>${icon(codicon)}<span>${label}</span></button>`;
}

/** The bar of a page's main actions: a landmark a screen reader can jump to ("Actions, region"). */
export function actionBar(buttons: Html | readonly Html[], label = t('Actions')): Html {
  return html`<section class="actions" aria-label="${label}">${buttons}</section>`;
}

export function loadFailed(what: string, error: unknown): PageView {
  return {
    title: t('{0} — not loaded', what),
    actions: { retry: async () => undefined },
    body: html`<h1>${t('{0} could not be loaded', what)}</h1><p class="error">${describeError(error).sentence}</p><div class="actions">${actionButton('retry', t('Retry'), 'refresh', 'primary')}</div>`,
  };
}

export type TranscriptEntry = { speaker: string; content: string; timestamp?: string | null };

/** A call's transcript, each line under the name `speakerName` gives its speaker; `undefined` when
 *  it could not be loaded. */
export function transcriptSection(
  entries: readonly TranscriptEntry[] | undefined,
  speakerName: (speaker: string) => string,
): Html {
  if (!entries)
    return html`<h2>${t('Transcript')}</h2><p class="muted">${t('The transcript could not be loaded.')}</p>`;
  if (!entries.length)
    return html`<h2>${t('Transcript')}</h2><p class="muted">${t('This call has no transcript.')}</p>`;
  return html`<h2>${t('Transcript')}</h2><div class="transcript">${entries.map((e) => html`<div class="line"><span class="speaker">${speakerName(e.speaker)}</span>${e.timestamp ? html`<span class="time">${e.timestamp}</span>` : ''}${textBlock(e.content)}</div>`)}</div>`;
}
