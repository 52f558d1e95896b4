/** Where the KallyAI API may be reached, and what "this computer" means for an address. A token
 *  travels only over https, or over plain http to a loopback address (a local sandbox:
 *  127.0.0.0/8, ::1, localhost). A session belongs to the origin of the API address it was
 *  issued by (`https://api.kallyai.com`), and is never sent to another. No `vscode` here. */

/** The address the API has unless `kallyai.apiBaseUrl` says otherwise; also the origin of a
 *  session stored before sessions recorded their own. */
export const DEFAULT_API_BASE_URL = 'https://api.kallyai.com';

/** True for a host name on this computer: `localhost`, 127.0.0.0/8 and ::1 (as `URL.hostname`
 *  writes them: an IPv4 address normalised, an IPv6 one in brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export type ApiAddress =
  | { readonly ok: true; readonly origin: string; readonly url: string }
  /** `insecure`: plain http to another computer; `invalid`: not an http(s) address at all. */
  | { readonly ok: false; readonly reason: 'insecure' | 'invalid' };

/** Checks an API base URL before anything is sent to it: https anywhere, http only on loopback. */
export function checkApiAddress(baseUrl: string): ApiAddress {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.username || url.password) return { ok: false, reason: 'invalid' };
  if (url.protocol === 'https:') return { ok: true, origin: url.origin, url: baseUrl };
  if (url.protocol === 'http:')
    return isLoopbackHost(url.hostname)
      ? { ok: true, origin: url.origin, url: baseUrl }
      : { ok: false, reason: 'insecure' };
  return { ok: false, reason: 'invalid' };
}

/** The origin of an API address that may be used, else undefined. */
export function apiOrigin(baseUrl: string): string | undefined {
  const checked = checkApiAddress(baseUrl);
  return checked.ok ? checked.origin : undefined;
}

/** The origin of any absolute URL, else undefined. */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
