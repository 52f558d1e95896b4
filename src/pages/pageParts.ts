/** Small pieces every page uses: a button that asks the extension for an action, a codicon, and
 *  the page shown when its data could not be loaded (one sentence and Retry, never a blank page). */
import { describeError, html, t, trustedHtml, type Html } from '../format';
import type { PageView } from './pageController';

/** A codicon by name (names are ours, never server text). */
export function icon(name: string): Html {
  return trustedHtml(`<span class="codicon codicon-${name.replace(/[^a-z0-9-]/g, '')}" aria-hidden="true"></span>`);
}

export function actionButton(action: string, label: string, codicon: string, style: 'primary' | 'secondary' | 'danger' = 'secondary', arg?: string): Html {
  const cls = style === 'primary' ? '' : style;
  return html`<button class="${cls}" data-action="${action}"${arg === undefined ? '' : html` data-arg="${arg}"`}>${icon(codicon)}<span>${label}</span></button>`;
}

export function loadFailed(what: string, error: unknown): PageView {
  return {
    title: t('{0} — not loaded', what),
    actions: { retry: async () => undefined },
    body: html`<h1>${t('{0} could not be loaded', what)}</h1><p class="error">${describeError(error).sentence}</p><div class="actions">${actionButton('retry', t('Retry'), 'refresh', 'primary')}</div>`,
  };
}
