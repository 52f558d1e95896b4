/** Sandbox-served files: call recordings and voicemail audio (a tiny valid MP3), and the small pages the API links to. */
import { silentMp3 } from '../calls/mp3';
import { infoPage } from '../auth/pages';
import { escapeHtml, html } from '../http';
import type { Router } from '../router';

export function registerMedia(router: Router): void {
  const pub = { public: true };
  const audio = () => ({ status: 200, headers: { 'content-type': 'audio/mpeg', 'cache-control': 'no-store', 'accept-ranges': 'none' }, body: silentMp3() });
  router.get('/sandbox/media/recordings/{name}', audio, pub);
  router.get('/sandbox/media/voicemails/{name}', audio, pub);
  router.get('/sandbox/pages/{page}', (ctx) => {
    const titles: Record<string, string> = { billing: 'Billing portal', checkout: 'Checkout', settings: 'Settings', pricing: 'Pricing', 'connect-email': 'Connect your email' };
    const title = titles[ctx.params.page] ?? 'KallyAI sandbox';
    const details = [...ctx.query.entries()].map(([k, v]) => `<li><code>${escapeHtml(k)}</code> = <code>${escapeHtml(v)}</code></li>`).join('');
    return html(infoPage(title, `<p>This is the sandbox's stand-in for the KallyAI ${escapeHtml(title.toLowerCase())} page. Nothing is charged and nothing leaves this computer.</p>${details ? `<ul>${details}</ul>` : ''}`));
  }, pub);
}
