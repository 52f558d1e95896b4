/** The token set we keep for a signed-in user, and lenient parsing of every shape the
 *  contract (§2) hands us: the loopback redirect query, the token endpoint's JSON, the
 *  `kallyai` CLI's token file, and what a person pastes. No `vscode` here. */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenSet {
  readonly accessToken: string;
  /** Absent when the server sent none (the CLI then writes `null`). */
  readonly refreshToken?: string;
  /** Expiry of the access token, milliseconds since the epoch. */
  readonly expiresAt: number;
}

/** Access tokens last an hour in every source; used when nothing says otherwise. */
export const DEFAULT_LIFETIME_SECONDS = 3600;

/** Far longer than any KallyAI token (a JWT of a few hundred bytes): a longer value is not one,
 *  and would not fit in a request's headers anyway. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

export class TokenParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenParseError';
  }
}

type Raw = Record<string, unknown>;

function numberFrom(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

function stringFrom(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** An epoch that may be in seconds (the contract) or, leniently, in milliseconds. */
export function epochToMs(value: number): number {
  return value > 1e12 ? Math.round(value) : Math.round(value * 1000);
}

/** A token goes into an `Authorization` header: visible ASCII only (no space, no control
 *  character — CR/LF would break the header, and fetch refuses it as a network error — nothing
 *  past U+007E) and at most MAX_TOKEN_LENGTH characters. */
export function isTokenValue(value: string): boolean {
  return value.length > 0 && value.length <= MAX_TOKEN_LENGTH && /^[\x21-\x7e]+$/.test(value);
}

function tokenFrom(value: unknown, field: string): string | undefined {
  const text = stringFrom(value);
  if (text !== undefined && !isTokenValue(text)) throw new TokenParseError(`The ${field} is not a KallyAI token.`);
  return text;
}

/**
 * Builds a TokenSet from `{access_token, refresh_token?, expires_in? | expires_at?}` (numbers
 * may be strings or floats; a `null` or empty refresh token means none). When no expiry is
 * given the JWT `exp` claim is used, else one hour from `now`. A token that is not a header-safe
 * value (isTokenValue) throws TokenParseError.
 */
export function tokenSetFromFields(raw: Raw, now = Date.now()): TokenSet {
  const accessToken = tokenFrom(raw.access_token, 'access token') ?? tokenFrom(raw.accessToken, 'access token');
  if (!accessToken) throw new TokenParseError('No access token was found.');
  const refreshToken = tokenFrom(raw.refresh_token, 'refresh token') ?? tokenFrom(raw.refreshToken, 'refresh token');
  const expiresIn = numberFrom(raw.expires_in);
  const expiresAtField = numberFrom(raw.expires_at) ?? numberFrom(raw.expiresAt);
  let expiresAt: number;
  if (expiresAtField !== undefined) expiresAt = epochToMs(expiresAtField);
  else if (expiresIn !== undefined) expiresAt = now + Math.round(expiresIn * 1000);
  else {
    const exp = numberFrom(decodeJwtPayload(accessToken)?.exp);
    expiresAt = exp !== undefined ? epochToMs(exp) : now + DEFAULT_LIFETIME_SECONDS * 1000;
  }
  return refreshToken ? { accessToken, refreshToken, expiresAt } : { accessToken, expiresAt };
}

/** Tokens from a redirect's query string (`?access_token=…&refresh_token=…&expires_in=…`). */
export function tokenSetFromQuery(query: URLSearchParams, now = Date.now()): TokenSet {
  return tokenSetFromFields(Object.fromEntries(query.entries()), now);
}

/** True when the access token expires within `marginMs` of `now` (or already has). */
export function isExpiring(tokens: TokenSet, now = Date.now(), marginMs = 60_000): boolean {
  return tokens.expiresAt - marginMs <= now;
}

/** The JSON payload of a JWT-shaped token, read without verifying anything; undefined otherwise. */
export function decodeJwtPayload(token: string): Raw | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const json = Buffer.from(parts[1], 'base64url').toString('utf8');
    const payload: unknown = JSON.parse(json);
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Raw) : undefined;
  } catch {
    return undefined;
  }
}

/** The `email` claim of a JWT access token, when present and plausible. */
export function emailFromAccessToken(token: string): string | undefined {
  const email = decodeJwtPayload(token)?.email;
  return typeof email === 'string' && /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined;
}

/** A stable account id: the JWT `sub`, else the email, else a fixed id (one account at a time). */
export function accountIdFromAccessToken(token: string): string {
  const payload = decodeJwtPayload(token);
  const sub = payload?.sub;
  if (typeof sub === 'string' && sub) return sub;
  if (typeof sub === 'number') return String(sub);
  return emailFromAccessToken(token) ?? 'kallyai';
}

/** Serialised form kept in secret storage. */
export function tokenSetToJson(tokens: TokenSet): Raw {
  return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? null, expiresAt: tokens.expiresAt };
}

/** Reads what `tokenSetToJson` wrote; undefined when it is not a usable token set. */
export function tokenSetFromJson(value: unknown): TokenSet | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const raw = value as Raw;
  const accessToken = stringFrom(raw.accessToken);
  const expiresAt = numberFrom(raw.expiresAt);
  if (!accessToken || expiresAt === undefined || !isTokenValue(accessToken)) return undefined;
  const refreshToken = stringFrom(raw.refreshToken);
  if (refreshToken !== undefined && !isTokenValue(refreshToken)) return undefined;
  return refreshToken ? { accessToken, refreshToken, expiresAt } : { accessToken, expiresAt };
}

/** Constant-time comparison of two strings (for `state`). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}

/** A random URL-safe string (`state`, nonces, PKCE verifiers): `bytes` of entropy, base64url. */
export function randomUrlSafe(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
