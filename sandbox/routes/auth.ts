/** §5.0 Auth: CLI loopback sign-in, authorization code (+PKCE or client secret), native sign-ins, refresh. */
import { createHash, randomBytes } from 'node:crypto';
import { errorPage, signInPage } from '../auth/pages';
import { isAcceptableAuthorizeRedirect, isLoopbackRedirect, withQuery } from '../auth/redirects';
import { issueTokens, refreshTokens } from '../auth/tokens';
import type { Sandbox } from '../context';
import { type Ctx, type Reply, bodyObject, fail, html, ok, redirect, str } from '../http';
import type { Router } from '../router';

export const DEMO_CLIENT_ID = 'kallyai-vscode';
export const DEMO_CLIENT_SECRET = 'sandbox-secret';
const CODE_TTL_MS = 5 * 60_000;

function cliParams(ctx: Ctx): { redirectUri: string; state?: string } | Reply {
  const redirectUri = ctx.query.get('redirect_uri') ?? '';
  if (!redirectUri) return html(errorPage('Sign-in refused', 'redirect_uri is missing.'), 400);
  if (!isLoopbackRedirect(redirectUri)) {
    return html(
      errorPage(
        'Sign-in refused',
        `The redirect address ${redirectUri} is not allowed. Only http://127.0.0.1:PORT and http://localhost:PORT addresses can receive a sign-in.`,
      ),
      400,
    );
  }
  return { redirectUri, state: ctx.query.get('state') ?? undefined };
}

function cliApproved(sb: Sandbox, redirectUri: string, state: string | undefined): Reply {
  const t = issueTokens(sb);
  return redirect(
    withQuery(redirectUri, {
      access_token: t.access_token,
      refresh_token: t.refresh_token,
      expires_in: t.expires_in,
      state,
    }),
  );
}

interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  state?: string;
  challenge?: string;
  scope?: string;
}

function authorizeParams(ctx: Ctx): AuthorizeParams | Reply {
  const q = ctx.query;
  if (q.get('response_type') !== 'code')
    return html(errorPage('Sign-in refused', 'response_type must be "code".'), 400);
  const clientId = q.get('client_id') ?? '';
  if (clientId !== DEMO_CLIENT_ID)
    return html(
      errorPage(
        'Sign-in refused',
        `Unknown client_id "${clientId}". The sandbox knows the client "${DEMO_CLIENT_ID}".`,
      ),
      400,
    );
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!isAcceptableAuthorizeRedirect(redirectUri))
    return html(errorPage('Sign-in refused', `The redirect address ${redirectUri} is not a valid absolute URI.`), 400);
  const challenge = q.get('code_challenge') ?? undefined;
  const method = q.get('code_challenge_method') ?? (challenge ? 'plain' : undefined);
  if (challenge && method !== 'S256')
    return html(errorPage('Sign-in refused', 'code_challenge_method must be S256.'), 400);
  return { clientId, redirectUri, state: q.get('state') ?? undefined, challenge, scope: q.get('scope') ?? undefined };
}

function authorizeApproved(sb: Sandbox, p: AuthorizeParams): Reply {
  const code = `code_${randomBytes(18).toString('base64url')}`;
  sb.state.auth.codes[code] = {
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    challenge: p.challenge,
    expires: Date.now() + CODE_TTL_MS,
    used: false,
  };
  sb.changed();
  return redirect(withQuery(p.redirectUri, { code, state: p.state }));
}

function tokenEndpoint(ctx: Ctx): Reply {
  const b = bodyObject(ctx);
  const grant = str(b.grant_type) ?? 'authorization_code';
  const flatError = (status: number, code: string, message: string): never =>
    fail(status, code, message, { shape: 'flat' });
  if (grant === 'refresh_token') {
    const rt = str(b.refresh_token);
    if (!rt) flatError(400, 'invalid_request', 'refresh_token is required.');
    return ok(refreshTokens(ctx.sb, rt as string));
  }
  if (grant !== 'authorization_code')
    flatError(400, 'unsupported_grant_type', `grant_type "${grant}" is not supported.`);
  const secret = str(b.client_secret);
  if (secret !== undefined && secret !== DEMO_CLIENT_SECRET)
    flatError(401, 'invalid_client', 'The client secret is wrong.');
  const code = str(b.code) ?? '';
  const record = ctx.sb.state.auth.codes[code];
  if (!record || record.used || record.expires < Date.now())
    flatError(400, 'invalid_grant', 'The authorization code is unknown, expired or already used.');
  const clientId = str(b.client_id);
  if (clientId && clientId !== record.client_id)
    flatError(400, 'invalid_grant', 'The code was issued to another client.');
  const redirectUri = str(b.redirect_uri);
  if (redirectUri && redirectUri !== record.redirect_uri)
    flatError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
  if (record.challenge) {
    const verifier = str(b.code_verifier);
    if (!verifier) flatError(400, 'invalid_grant', 'code_verifier is required for this code (PKCE).');
    const hashed = createHash('sha256')
      .update(verifier as string)
      .digest('base64url');
    if (hashed !== record.challenge)
      flatError(400, 'invalid_grant', 'The code_verifier does not match the code_challenge.');
  } else if (secret !== DEMO_CLIENT_SECRET) {
    flatError(401, 'invalid_client', 'client_secret is required when no PKCE challenge was sent.');
  }
  record.used = true;
  ctx.sb.changed();
  return ok(issueTokens(ctx.sb));
}

export function registerAuth(router: Router): void {
  const pub = { public: true };
  router.get(
    '/v1/auth/cli',
    (ctx) => {
      const p = cliParams(ctx);
      if ('status' in p) return p;
      if (ctx.sb.options.autoApprove) return cliApproved(ctx.sb, p.redirectUri, p.state);
      const fields: Record<string, string> = {
        flow: 'cli',
        redirect_uri: p.redirectUri,
        ...(p.state ? { state: p.state } : {}),
      };
      return html(
        signInPage({
          action: '../../sandbox/auth/approve',
          fields,
          denyHref: `../../sandbox/auth/deny?${new URLSearchParams(fields)}`,
          clientLabel: 'The KallyAI command-line sign-in',
        }),
      );
    },
    pub,
  );

  router.get(
    '/v1/auth/authorize',
    (ctx) => {
      const p = authorizeParams(ctx);
      if ('status' in p) return p;
      if (ctx.sb.options.autoApprove) return authorizeApproved(ctx.sb, p);
      const fields: Record<string, string> = Object.fromEntries([...ctx.query.entries()]);
      fields.flow = 'authorize';
      return html(
        signInPage({
          action: '../../sandbox/auth/approve',
          fields,
          denyHref: `../../sandbox/auth/deny?${new URLSearchParams(fields)}`,
          clientLabel: `The app "${p.clientId}"`,
        }),
      );
    },
    pub,
  );

  // The sign-in page's button and cancel link (sandbox pages, not part of the API contract).
  router.get(
    '/sandbox/auth/approve',
    (ctx) => {
      if (ctx.query.get('flow') === 'authorize') {
        const p = authorizeParams(ctx);
        return 'status' in p ? p : authorizeApproved(ctx.sb, p);
      }
      const p = cliParams(ctx);
      return 'status' in p ? p : cliApproved(ctx.sb, p.redirectUri, p.state);
    },
    pub,
  );
  router.get(
    '/sandbox/auth/deny',
    (ctx) => {
      const p = ctx.query.get('flow') === 'authorize' ? authorizeParams(ctx) : cliParams(ctx);
      if ('status' in p) return p;
      return redirect(
        withQuery(p.redirectUri, {
          error: 'access_denied',
          error_description: 'The user cancelled the sign-in.',
          state: p.state,
        }),
      );
    },
    pub,
  );

  router.post('/v1/auth/gpt/token', tokenEndpoint, pub);
  router.post(
    '/v1/auth/google/validate',
    (ctx) => {
      if (!str(bodyObject(ctx).id_token))
        fail(422, 'validation_error', 'id_token is required.', { details: { field: 'id_token' } });
      return ok(issueTokens(ctx.sb));
    },
    pub,
  );
  router.post(
    '/v1/auth/apple/token',
    (ctx) => {
      if (!str(bodyObject(ctx).identity_token))
        fail(422, 'validation_error', 'identity_token is required.', { details: { field: 'identity_token' } });
      return ok(issueTokens(ctx.sb));
    },
    pub,
  );
  router.post(
    '/v1/auth/refresh',
    (ctx) => {
      const rt = str(bodyObject(ctx).refresh_token);
      if (!rt) fail(422, 'validation_error', 'refresh_token is required.', { details: { field: 'refresh_token' } });
      return ok(refreshTokens(ctx.sb, rt as string));
    },
    pub,
  );
}
