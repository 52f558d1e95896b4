/** Reads what a person pastes to sign in: the JSON that kallyai.com's Settings → Developer → API
 *  Tokens gives (`{access_token, refresh_token?, expires_in | expires_at}`), a bare access
 *  token, or the whole loopback redirect address (when the browser could not reach VS Code).
 *  Lenient about quotes, surrounding whitespace and a `Bearer ` prefix; strict about what a token
 *  is: a paste over 16 KB, or with control characters in it (C0, C1, DEL; CR, LF and tab only as
 *  the JSON's own line breaks and indentation), is not a KallyAI token — said before any request,
 *  instead of failing later as a "network error" when fetch refuses the header. Linear in the
 *  length of the paste. No `vscode` here. */
import {
  isTokenValue,
  MAX_TOKEN_LENGTH,
  tokenSetFromFields,
  tokenSetFromQuery,
  TokenParseError,
  type TokenSet,
} from './tokens';

export type PastedToken = { ok: true; tokens: TokenSet } | { ok: false; reason: string };

/** The most a paste may hold (a token set is a few hundred bytes). */
export const MAX_PASTE_BYTES = MAX_TOKEN_LENGTH;

const BARE_TOKEN = /^[A-Za-z0-9._~+/=-]{16,}$/;
// Control characters other than the JSON's own whitespace (tab, LF, CR).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const WHITESPACE = /\s/;

export const NOT_A_TOKEN =
  'This is not a KallyAI token: paste the JSON from Settings → Developer → API Tokens, or the access token itself.';

export function parsePastedToken(text: string, now = Date.now()): PastedToken {
  if (text.length > MAX_PASTE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_PASTE_BYTES) return notAToken();
  let value = text.trim();
  if (!value) return { ok: false, reason: 'Paste the token KallyAI gave you.' };
  if (CONTROL.test(value)) return notAToken();
  // Strip one layer of surrounding quotes or backticks.
  const quoted = /^(["'`])([\s\S]*)\1$/.exec(value);
  if (quoted) value = quoted[2].trim();

  if (value.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      return { ok: false, reason: 'This looks like JSON but is not valid JSON.' };
    }
    const obj = json as Record<string, unknown>;
    // Some pages wrap the set: {"token": {...}} or {"tokens": {...}}.
    const inner = [obj.token, obj.tokens, obj.data].find((v) => v && typeof v === 'object') as
      Record<string, unknown> | undefined;
    return fromFields(inner && !('access_token' in obj) ? inner : obj, now);
  }

  // Outside JSON a line break or a space inside the value means it is not one token.
  if (WHITESPACE.test(value.replace(/^Bearer\s+/i, ''))) return notAToken();

  if (/^https?:\/\//i.test(value) || value.startsWith('?')) {
    try {
      const query = value.startsWith('?') ? new URLSearchParams(value.slice(1)) : new URL(value).searchParams;
      if (query.has('access_token')) return { ok: true, tokens: tokenSetFromQuery(query, now) };
    } catch {
      return notAToken();
    }
    return { ok: false, reason: 'This address carries no access token.' };
  }

  value = value.replace(/^Bearer\s+/i, '');
  if (BARE_TOKEN.test(value) && isTokenValue(value)) return fromFields({ access_token: value }, now);
  return notAToken();
}

function notAToken(): PastedToken {
  return { ok: false, reason: NOT_A_TOKEN };
}

function fromFields(fields: Record<string, unknown>, now: number): PastedToken {
  try {
    return { ok: true, tokens: tokenSetFromFields(fields, now) };
  } catch (e) {
    if (e instanceof TokenParseError && /not a KallyAI token/.test(e.message)) return notAToken();
    return {
      ok: false,
      reason: e instanceof TokenParseError ? 'The JSON has no "access_token".' : 'The token could not be read.',
    };
  }
}
