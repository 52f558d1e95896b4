/** Which addresses KallyAI hands to the operating system to open. An address in an answer (a
 *  recording's playback address, a billing portal, a channel's pairing link) was written by the
 *  service or by whoever reached it, so it is opened only when it is a web page: `https:`, or
 *  `http:` on this computer (the local sandbox). `mailto:` and `tel:` open only where the
 *  person asked to write or call (the caller says so). Anything else — `file:`, `vscode:`,
 *  `smb:`, `javascript:`, a malformed or oversized address, one with a user name or password in
 *  it — is refused. Linear in the address's length. No `vscode` here. */
import { isLoopbackHost } from '../api/apiAddress';

/** Longer than any address KallyAI sends (signed storage addresses are ~2 KB). */
export const MAX_LINK_LENGTH = 8 * 1024;

export interface LinkOptions {
  /** The person asked to email or call this address (a "Write Email" or "Call" button of theirs). */
  readonly contact?: boolean;
}

export type LinkRefusal =
  /** A scheme that is not opened (`file:`, `vscode:`…), or `mailto:`/`tel:` nobody asked for. */
  | { readonly reason: 'scheme'; readonly scheme: string }
  /** Plain http to another computer. */
  | { readonly reason: 'insecure' }
  /** Not an address, too long, or with credentials in it. */
  | { readonly reason: 'malformed' };

export type LinkCheck = { readonly ok: true; readonly url: string } | ({ readonly ok: false } & LinkRefusal);

// eslint-disable-next-line no-control-regex
const SPACE_OR_CONTROL = /[\u0000-\u0020\u007f-\u009f]/;
const CONTACT_SCHEMES = new Set(['mailto:', 'tel:']);

export function checkLink(address: string, options: LinkOptions = {}): LinkCheck {
  if (typeof address !== 'string' || address.length === 0 || address.length > MAX_LINK_LENGTH)
    return { ok: false, reason: 'malformed' };
  // A real address has no spaces or control characters (URL would quietly strip some of them).
  if (SPACE_OR_CONTROL.test(address)) return { ok: false, reason: 'malformed' };
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const scheme = url.protocol;
  if (scheme === 'https:' || scheme === 'http:') {
    if (url.username || url.password || !url.hostname) return { ok: false, reason: 'malformed' };
    if (scheme === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, reason: 'insecure' };
    return { ok: true, url: address };
  }
  if (CONTACT_SCHEMES.has(scheme) && options.contact === true) return { ok: true, url: address };
  // URL lower-cases the scheme and allows only [a-z0-9+.-] in it; it is shown cut short.
  return { ok: false, reason: 'scheme', scheme: scheme.slice(0, 24) };
}
