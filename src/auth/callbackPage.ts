/** The small page the loopback listener shows in the browser after KallyAI redirects back.
 *  Any text that came from outside is HTML-escaped; the page loads nothing remote and removes
 *  the tokens from the address bar and history. No `vscode` here. */
import { randomUrlSafe } from './tokens';

export type CallbackPageKind = 'success' | 'error' | 'stateMismatch';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const TEXT: Record<CallbackPageKind, { title: string; body: string }> = {
  success: { title: 'Signed in to KallyAI', body: 'You are signed in to KallyAI. You can close this tab.' },
  error: {
    title: 'KallyAI sign-in failed',
    body: 'KallyAI did not sign you in. Go back to VS Code to try again or to try another way.',
  },
  stateMismatch: {
    title: 'KallyAI sign-in link out of date',
    body: 'This sign-in does not match the one VS Code is waiting for. Go back to VS Code and start the sign-in again.',
  },
};

export function callbackPage(kind: CallbackPageKind, detail?: string): { html: string; csp: string } {
  const nonce = randomUrlSafe(16);
  const { title, body } = TEXT[kind];
  const detailHtml = detail ? `<p class="detail">${escapeHtml(detail)}</p>` : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}.detail{color:#a00;white-space:pre-wrap}</style>
<script nonce="${nonce}">history.replaceState(null,'',location.pathname);</script>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>${detailHtml}</body></html>`;
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
  return { html, csp };
}
