/** JWT-shaped access tokens (HS256 over {sub,email,name,exp,iat,jti}) and rotating opaque refresh tokens. */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Sandbox } from '../context';
import { fail } from '../http';

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: 'Bearer';
  scope: string;
}

export const SCOPES =
  'calls:read calls:write coordination:read coordination:write actions:read actions:write messages:read messages:write search:read email:read email:write credits:read budget:read budget:write transcripts:read recordings:read subscription:read billing:manage';

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

function sign(secret: string, input: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

export function issueTokens(sb: Sandbox): TokenSet {
  const { state, options } = sb;
  const now = Date.now();
  const jti = randomUUID();
  const exp = now + options.tokenTtlSeconds * 1000;
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({
      sub: state.user.id,
      email: state.user.email,
      name: state.user.name,
      iat: Math.floor(now / 1000),
      exp: Math.floor(exp / 1000),
      jti,
      iss: 'kallyai-sandbox',
    }),
  );
  const access_token = `${header}.${payload}.${sign(state.auth.secret, `${header}.${payload}`)}`;
  const refresh_token = `rt_${randomBytes(24).toString('base64url')}`;
  state.auth.access[jti] = { exp };
  state.auth.refresh[refresh_token] = true;
  pruneExpired(sb, now);
  sb.changed();
  return { access_token, refresh_token, expires_in: options.tokenTtlSeconds, token_type: 'Bearer', scope: SCOPES };
}

function pruneExpired(sb: Sandbox, now: number): void {
  const access = sb.state.auth.access;
  const keys = Object.keys(access);
  if (keys.length < 500) return;
  for (const k of keys) if (access[k].exp < now - 86_400_000) delete access[k];
}

/** 401 missing_token without a bearer header; 401 token_expired when expired, unknown or forged. */
export function requireBearer(sb: Sandbox, authorization: string | undefined): void {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!authorization || !m)
    fail(401, 'missing_token', 'Sign in to KallyAI: this request needs an access token.', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  const parts = m[1].split('.');
  const expired = () =>
    fail(401, 'token_expired', 'Your session has expired. Sign in again.', {
      headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
    });
  if (parts.length !== 3) expired();
  const expected = Buffer.from(sign(sb.state.auth.secret, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) expired();
  let jti: unknown;
  try {
    jti = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')).jti;
  } catch {
    expired();
  }
  const record = typeof jti === 'string' ? sb.state.auth.access[jti] : undefined;
  if (!record || record.exp <= Date.now()) expired();
}

/** Rotation: the old refresh token stops working; reusing it is 401 token_expired. */
export function refreshTokens(sb: Sandbox, refreshToken: string): TokenSet {
  if (sb.state.auth.refresh[refreshToken] !== true)
    fail(401, 'token_expired', 'This refresh token is no longer valid. Sign in again.');
  sb.state.auth.refresh[refreshToken] = false;
  return issueTokens(sb);
}

/** /sandbox/expire-tokens: every access token issued so far is now expired. */
export function expireAllAccessTokens(sb: Sandbox): number {
  const access = sb.state.auth.access;
  const now = Date.now();
  for (const k of Object.keys(access)) access[k].exp = Math.min(access[k].exp, now - 1);
  sb.changed();
  return Object.keys(access).length;
}
