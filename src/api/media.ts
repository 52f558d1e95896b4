/** Audio behind an address the API gave (a call recording, a voicemail), fetched by the extension
 *  so a page can play it without the page ever seeing a token or reaching the network:
 *   - the bearer token goes only to the API's own origin (never to a storage host a signed address
 *     points at, never into a URL); redirects are followed by hand, dropping the token when the
 *     origin changes;
 *   - only http(s); at most MAX_MEDIA_BYTES, read chunk by chunk; the answer must be audio.
 *  No `vscode` import. */
import { checkApiAddress } from './apiAddress';
import { KallyApiError } from './errors';
import type { TokenSource } from './tokenSource';

export const MAX_MEDIA_BYTES = 40 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 60_000;

export interface MediaOptions {
  /** The API's base URL: its origin is the only one that gets the bearer token. */
  readonly baseUrl: string;
  readonly tokens?: TokenSource;
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
  readonly maxBytes?: number;
  readonly userAgent?: string;
}

export interface MediaFile {
  readonly data: Uint8Array;
  /** e.g. audio/wav (from the answer, else guessed from the address). */
  readonly mimeType: string;
}

const EXTENSION_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  webm: 'audio/webm',
  aac: 'audio/aac',
  flac: 'audio/flac',
};

/** The address as an absolute http(s) URL (relative ones resolve against the API), or undefined. */
export function mediaUrl(address: string | null | undefined, baseUrl: string): URL | undefined {
  if (!address) return undefined;
  try {
    const url = new URL(address, baseUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export async function fetchMedia(address: string, options: MediaOptions): Promise<MediaFile> {
  let url = mediaUrl(address, options.baseUrl);
  if (!url) throw mediaError('invalid_response', 'The audio address is not an http(s) address.');
  const api = checkApiAddress(options.baseUrl);
  if (!api.ok && api.reason === 'insecure')
    throw mediaError('insecure_api_address', 'KallyAI is reached over https only (plain http only on this computer).');
  const apiOrigin = api.ok ? api.origin : new URL(options.baseUrl).origin;
  const doFetch = options.fetch ?? globalThis.fetch;
  const max = options.maxBytes ?? MAX_MEDIA_BYTES;
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let token = url.origin === apiOrigin ? await options.tokens?.getToken(apiOrigin) : undefined;
  let refreshed = false;
  for (let hop = 0; ; hop++) {
    const sameOrigin = url.origin === apiOrigin;
    const headers: Record<string, string> = { Accept: 'audio/*, application/octet-stream;q=0.9' };
    if (options.userAgent) headers['User-Agent'] = options.userAgent;
    if (sameOrigin && token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(url.toString(), { headers, signal, redirect: 'manual' });
    } catch (cause) {
      if (options.signal?.aborted) throw new KallyApiError({ code: 'cancelled', status: 0, cause });
      throw new KallyApiError({ code: timeout.aborted ? 'timeout' : 'network_error', status: 0, cause });
    }
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      await response.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw mediaError('invalid_response', 'The audio address redirected too many times.');
      const next = mediaUrl(response.headers.get('location'), url.toString());
      if (!next)
        throw mediaError(
          'invalid_response',
          'The audio address redirected to something that is not an http(s) address.',
        );
      url = next;
      continue;
    }
    if (response.status === 401 && sameOrigin && token && options.tokens && !refreshed) {
      await response.body?.cancel().catch(() => undefined);
      refreshed = true;
      token = await options.tokens.refreshAfterUnauthorized(token, apiOrigin);
      if (token) {
        hop--;
        continue;
      }
      throw new KallyApiError({ code: 'token_expired', status: 401 });
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const code =
        response.status === 404
          ? 'recording_not_found'
          : response.status === 401
            ? 'token_expired'
            : `http_${response.status}`;
      throw new KallyApiError({
        code,
        status: response.status,
        message: `The audio could not be fetched (HTTP ${response.status}).`,
      });
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    const guessed = EXTENSION_TYPES[url.pathname.split('.').pop()?.toLowerCase() ?? ''];
    if (
      type &&
      !type.startsWith('audio/') &&
      type !== 'application/octet-stream' &&
      !(type === 'video/webm' || type === 'video/mp4')
    ) {
      await response.body?.cancel().catch(() => undefined);
      throw mediaError('invalid_response', `The address answered ${type}, not audio.`);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > max) {
      await response.body?.cancel().catch(() => undefined);
      throw mediaError('response_too_large', `The audio is larger than ${Math.round(max / 1024 / 1024)} MB.`);
    }
    const data = await readAll(response, max, options.signal);
    const mimeType = type && type !== 'application/octet-stream' ? type : (guessed ?? 'audio/mpeg');
    return { data, mimeType };
  }
}

async function readAll(response: Response, max: number, outer: AbortSignal | undefined): Promise<Uint8Array> {
  const body = response.body;
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      let part: ReadableStreamReadResult<Uint8Array>;
      try {
        part = await reader.read();
      } catch (cause) {
        throw new KallyApiError({ code: outer?.aborted ? 'cancelled' : 'network_error', status: 0, cause });
      }
      if (part.done) break;
      size += part.value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw mediaError('response_too_large', `The audio is larger than ${Math.round(max / 1024 / 1024)} MB.`);
      }
      chunks.push(part.value);
    }
  } finally {
    reader.releaseLock();
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function mediaError(code: string, message: string): KallyApiError {
  return new KallyApiError({ code, status: 0, message });
}
