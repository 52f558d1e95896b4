/** Sandbox-served files: call recordings and voicemail audio (a WAV the sandbox makes, as long as
 *  the call), and the small pages the API links to. Audio needs the address's signature or a
 *  bearer token; an unknown id is a 404. */
import { conversationWav, type MediaKind, validMediaSignature } from '../calls/audio';
import { infoPage } from '../auth/pages';
import { requireBearer } from '../auth/tokens';
import type { Sandbox } from '../context';
import { type Ctx, escapeHtml, fail, html } from '../http';
import type { Router } from '../router';

/** How long the thing behind a recording or voicemail lasted, in seconds. */
function durationOf(sb: Sandbox, kind: MediaKind, id: string): number {
  if (kind === 'voicemails') {
    const v = sb.state.voicemails.find((x) => x.id === id);
    if (!v) fail(404, 'voicemail_not_found', `No voicemail with id ${id}.`);
    return Number(v.duration_seconds) || 1;
  }
  const outbound = sb.state.calls.find((c) => c.call_id === id);
  if (outbound) return outbound.duration_seconds || 1;
  const inbound = sb.state.inboundCalls.find((c) => c.id === id);
  if (!inbound) fail(404, 'recording_not_found', `No recording for ${id}.`);
  return Number(inbound.duration_seconds) || 1;
}

function audio(kind: MediaKind) {
  return (ctx: Ctx) => {
    const id = decodeURIComponent(ctx.params.name.replace(/\.(wav|mp3)$/, ''));
    if (!validMediaSignature(ctx.sb, kind, id, ctx.query.get('expires'), ctx.query.get('signature'))) {
      // No valid signature: the request must carry the account's bearer token.
      requireBearer(ctx.sb, ctx.headers.authorization);
    }
    const body = conversationWav(durationOf(ctx.sb, kind, id));
    return {
      status: 200,
      headers: { 'content-type': 'audio/wav', 'cache-control': 'private, no-store', 'accept-ranges': 'none' },
      body,
    };
  };
}

export function registerMedia(router: Router): void {
  const pub = { public: true };
  router.get('/sandbox/media/recordings/{name}', audio('recordings'), pub);
  router.get('/sandbox/media/voicemails/{name}', audio('voicemails'), pub);
  router.get(
    '/sandbox/pages/{page}',
    (ctx) => {
      const titles: Record<string, string> = {
        billing: 'Billing portal',
        checkout: 'Checkout',
        settings: 'Settings',
        pricing: 'Pricing',
        'connect-email': 'Connect your email',
      };
      const title = titles[ctx.params.page] ?? 'KallyAI sandbox';
      const details = [...ctx.query.entries()]
        .map(([k, v]) => `<li><code>${escapeHtml(k)}</code> = <code>${escapeHtml(v)}</code></li>`)
        .join('');
      return html(
        infoPage(
          title,
          `<p>This is the sandbox's stand-in for the KallyAI ${escapeHtml(title.toLowerCase())} page. Nothing is charged and nothing leaves this computer.</p>${details ? `<ul>${details}</ul>` : ''}`,
        ),
      );
    },
    pub,
  );
}
