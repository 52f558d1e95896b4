/** The small HTML pages of the sandbox's sign-in: the sign-in page and the error page. */
import { escapeHtml } from '../http';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f4f5f7;color:#1d1f23;display:flex;justify-content:center;padding:48px 16px;margin:0}
main{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:32px;max-width:440px;width:100%}
h1{font-size:1.4rem;margin:0 0 8px}p{line-height:1.5;color:#444}.note{font-size:.85rem;color:#777}
button,.button{display:inline-block;background:#5b4bff;color:#fff;border:0;border-radius:8px;padding:12px 20px;font-size:1rem;cursor:pointer;text-decoration:none}
a.secondary{margin-left:12px;color:#555}code{background:#f0f0f3;padding:2px 4px;border-radius:4px;word-break:break-all}
</style></head><body><main>${body}</main></body></html>`;
}

export function signInPage(opts: {
  action: string;
  fields: Record<string, string>;
  denyHref: string;
  clientLabel: string;
}): string {
  const hidden = Object.entries(opts.fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  return page(
    'Sign in to KallyAI (sandbox)',
    `<h1>Sign in to KallyAI (sandbox)</h1>
<p>${escapeHtml(opts.clientLabel)} wants to use your KallyAI account.</p>
<p>This is the local sandbox: there is no password. You will be signed in as <strong>Demo User</strong> (demo@kallyai.test).</p>
<form method="get" action="${escapeHtml(opts.action)}">
${hidden}
<button type="submit" id="approve">Sign in as the demo user</button>
<a class="secondary" id="deny" href="${escapeHtml(opts.denyHref)}">Cancel</a>
</form>
<p class="note">Nothing leaves this computer.</p>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(`${title} (KallyAI sandbox)`, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

export function infoPage(title: string, bodyHtml: string): string {
  return page(`${title} (KallyAI sandbox)`, `<h1>${escapeHtml(title)}</h1>${bodyHtml}`);
}
