/** Reads what a person pastes to sign in: the JSON that kallyai.com's Settings → Developer →
 *  API Tokens gives (`{access_token, refresh_token?, expires_in | expires_at}`), a bare access
 *  token, or the whole loopback redirect address (when the browser could not reach VS Code).
 *  Lenient about quotes, whitespace and a `Bearer ` prefix. No `vscode` here. */
import { tokenSetFromFields, tokenSetFromQuery, TokenParseError, type TokenSet } from './tokens';

export type PastedToken = { ok: true; tokens: TokenSet } | { ok: false; reason: string };

const BARE_TOKEN = /^[A-Za-z0-9._~+/=-]{16,}$/;

export function parsePastedToken(text: string, now = Date.now()): PastedToken {
  let value = text.trim();
  if (!value) return { ok: false, reason: 'Paste the token KallyAI gave you.' };
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
    const inner = [obj.token, obj.tokens, obj.data].find((v) => v && typeof v === 'object') as Record<string, unknown> | undefined;
    return fromFields(inner && !('access_token' in obj) ? inner : obj, now);
  }

  if (/^https?:\/\//i.test(value) || value.startsWith('?')) {
    try {
      const query = value.startsWith('?') ? new URLSearchParams(value.slice(1)) : new URL(value).searchParams;
      if (query.has('access_token')) return { ok: true, tokens: tokenSetFromQuery(query, now) };
    } catch {
      // fall through to the message below
    }
    return { ok: false, reason: 'This address carries no access token.' };
  }

  value = value.replace(/^Bearer\s+/i, '');
  if (BARE_TOKEN.test(value)) return fromFields({ access_token: value }, now);
  return { ok: false, reason: 'This is not a KallyAI token: paste the JSON from Settings → Developer → API Tokens, or the access token itself.' };
}

function fromFields(fields: Record<string, unknown>, now: number): PastedToken {
  try {
    return { ok: true, tokens: tokenSetFromFields(fields, now) };
  } catch (e) {
    return { ok: false, reason: e instanceof TokenParseError ? 'The JSON has no "access_token".' : 'The token could not be read.' };
  }
}
