/** The token endpoints as the sign-in code needs them, executed through the API client's
 *  catalogue (ops.auth.*), with failures sorted into what the caller must do about them.
 *  No `vscode` here. */
import { ops } from '../api/catalogue';
import type { KallyClient } from '../api/client';
import { KallyApiError } from '../api/errors';
import type { TokenSource } from '../api/tokenSource';
import { AuthFlowError } from './authErrors';
import type { CodeExchange } from './pkceFlow';
import { tokenSetFromFields, type TokenSet } from './tokens';

/**
 * Sorts an error from a token request:
 * - 400/401/403 → `refused` (the grant is dead: the session ends);
 * - network, timeout, 429, 5xx, a malformed answer → `network` (keep the session, try later);
 * - a cancelled request → `cancelled`.
 */
export function classifyTokenError(error: unknown, what: string): AuthFlowError {
  if (error instanceof AuthFlowError) return error;
  if (error instanceof KallyApiError) {
    if (error.code === 'cancelled') return new AuthFlowError('cancelled', `${what} was cancelled.`, { cause: error });
    if (error.status === 400 || error.status === 401 || error.status === 403) {
      return new AuthFlowError('refused', `${what} was refused by KallyAI (${error.code}).`, { cause: error });
    }
    return new AuthFlowError('network', `${what} failed: ${error.message}`, { cause: error });
  }
  return new AuthFlowError('network', `${what} failed.`, { cause: error });
}

/** POST /v1/auth/refresh. Keeps the old refresh token when the answer has none (contract §10). */
export async function requestRefresh(
  client: KallyClient,
  refreshToken: string,
  now: () => number = Date.now,
): Promise<TokenSet> {
  let answer: Record<string, unknown>;
  try {
    answer = (await client.execute(ops.auth.refresh, { body: { refresh_token: refreshToken } })) as Record<
      string,
      unknown
    >;
  } catch (e) {
    throw classifyTokenError(e, 'Renewing the KallyAI session');
  }
  const tokens = tokenSetFromFields(answer, now());
  return tokens.refreshToken ? tokens : { ...tokens, refreshToken };
}

/** POST /v1/auth/gpt/token (form) with the code and its PKCE verifier. */
export async function exchangeAuthorizationCode(
  client: KallyClient,
  params: CodeExchange,
  now: () => number = Date.now,
): Promise<TokenSet> {
  let answer: Record<string, unknown>;
  try {
    answer = (await client.execute(ops.auth.gptToken, {
      body: {
        grant_type: 'authorization_code',
        client_id: params.clientId,
        code: params.code,
        redirect_uri: params.redirectUri,
        code_verifier: params.codeVerifier,
      },
    })) as Record<string, unknown>;
  } catch (e) {
    const failure = classifyTokenError(e, 'Exchanging the sign-in code');
    throw failure.code === 'refused' ? new AuthFlowError('denied', failure.message, { cause: e }) : failure;
  }
  return tokenSetFromFields(answer, now());
}

/** A token source that hands out one fixed token and never refreshes (for checking a token). */
export function fixedTokenSource(accessToken: string): TokenSource {
  return { getToken: async () => accessToken, refreshAfterUnauthorized: async () => undefined };
}

/**
 * Checks an access token with one API call (GET /v1/users/me/subscription, as the MCP setup
 * does; GET /v1/credits/balance when that older endpoint is gone). Throws `token_rejected`
 * when KallyAI refuses the token, `network` when it cannot be asked.
 */
export async function verifyAccessToken(
  clientFor: (tokens: TokenSource) => KallyClient,
  accessToken: string,
): Promise<void> {
  const client = clientFor(fixedTokenSource(accessToken));
  try {
    await client.execute(ops.users.subscription);
  } catch (e) {
    if (e instanceof KallyApiError && e.status === 404) {
      try {
        await client.execute(ops.credits.balance);
        return;
      } catch (e2) {
        throw verificationError(e2);
      }
    }
    throw verificationError(e);
  }
}

function verificationError(e: unknown): AuthFlowError {
  if (e instanceof KallyApiError && (e.status === 401 || e.status === 403)) {
    return new AuthFlowError('token_rejected', 'KallyAI did not accept this token. It may be expired or revoked.', {
      cause: e,
    });
  }
  const failure = classifyTokenError(e, 'Checking the token');
  return failure.code === 'refused' ? new AuthFlowError('token_rejected', failure.message, { cause: e }) : failure;
}
