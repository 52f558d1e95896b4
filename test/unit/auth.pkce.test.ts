import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exchangeAuthorizationCode } from '../../src/auth/authApi';
import { AuthFlowError } from '../../src/auth/authErrors';
import { codeChallengeS256, createCodeVerifier, PkceFlow } from '../../src/auth/pkceFlow';
import { emailFromAccessToken } from '../../src/auth/tokens';
import { askKallyAI, clientFor, requestsTo, sandbox, type Sandbox } from './auth.helpers';

const REDIRECT = 'vscode://kallyai.kallyai/auth/callback';
const CLIENT_ID = 'kallyai-vscode';

describe('authorization code + PKCE against the sandbox', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await sandbox();
  });
  after(() => sb.close());

  const flowWith = (options: Partial<ConstructorParameters<typeof PkceFlow>[0]> = {}) =>
    new PkceFlow({
      baseUrl: sb.url,
      clientId: CLIENT_ID,
      exchange: (p) => exchangeAuthorizationCode(clientFor(sb.url), p),
      ...options,
    });

  test('S256 challenge matches RFC 7636 appendix B', () => {
    assert.equal(
      codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    assert.match(createCodeVerifier(), /^[A-Za-z0-9_-]{43}$/);
  });

  test('signs in with the right verifier', async () => {
    const flow = flowWith();
    const pending = flow.begin({ redirectUri: REDIRECT });
    const url = new URL(pending.authorizeUrl);
    assert.equal(url.pathname, '/v1/auth/authorize');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('client_id'), CLIENT_ID);
    assert.equal(url.searchParams.get('redirect_uri'), REDIRECT);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('state'), pending.state);

    const answer = await askKallyAI(pending.authorizeUrl);
    assert.equal(answer.status, 302);
    const callback = new URL(answer.location!);
    assert.equal(`${callback.protocol}//${callback.host}${callback.pathname}`, REDIRECT);
    assert.equal(flow.handleCallback(callback.search), true);
    const tokens = await pending.tokens;
    assert.equal(emailFromAccessToken(tokens.accessToken), 'demo@kallyai.test');
    assert.ok(tokens.refreshToken);
    assert.equal(flow.pendingCount, 0);

    const exchanges = await requestsTo(sb.url, '/v1/auth/gpt/token');
    const last = exchanges.at(-1)?.body as Record<string, string> | undefined;
    assert.equal(last?.grant_type, 'authorization_code');
    assert.ok(last && !('client_secret' in last), 'a public client sends no secret');
  });

  test('a wrong verifier is refused by the sandbox', async () => {
    const flow = flowWith({
      exchange: (p) => exchangeAuthorizationCode(clientFor(sb.url), { ...p, codeVerifier: createCodeVerifier() }),
    });
    const pending = flow.begin({ redirectUri: REDIRECT });
    const answer = await askKallyAI(pending.authorizeUrl);
    assert.equal(flow.handleCallback(new URL(answer.location!).search), true);
    await assert.rejects(pending.tokens, (e: AuthFlowError) => e.code === 'denied' && /sign-in code/.test(e.message));
  });

  test('an unknown state is ignored, not an error', async () => {
    const flow = flowWith();
    const pending = flow.begin({ redirectUri: REDIRECT });
    assert.equal(flow.handleCallback('?code=abc&state=somebody-else'), false);
    assert.equal(flow.handleCallback('?code=abc'), false);
    assert.equal(flow.pendingCount, 1, 'the real sign-in is still waiting');
    const answer = await askKallyAI(pending.authorizeUrl);
    assert.equal(flow.handleCallback(new URL(answer.location!).searchParams), true);
    assert.ok((await pending.tokens).accessToken);
    // The same callback again: already used, so unknown now.
    assert.equal(flow.handleCallback(new URL(answer.location!).search), false);
  });

  test('a stale state is ignored', async () => {
    let now = 1_000_000;
    const flow = flowWith({ now: () => now, staleAfterMs: 60_000 });
    const pending = flow.begin({ redirectUri: REDIRECT });
    const answer = await askKallyAI(pending.authorizeUrl);
    now += 61_000;
    assert.equal(flow.handleCallback(new URL(answer.location!).search), false);
    await assert.rejects(pending.tokens, (e: AuthFlowError) => e.code === 'timeout');
  });

  test('a cancelled sign-in forgets its state', async () => {
    const flow = flowWith();
    const abort = new AbortController();
    const pending = flow.begin({ redirectUri: REDIRECT, signal: abort.signal });
    const answer = await askKallyAI(pending.authorizeUrl);
    abort.abort();
    await assert.rejects(pending.tokens, (e: AuthFlowError) => e.code === 'cancelled');
    assert.equal(flow.handleCallback(new URL(answer.location!).search), false);
  });

  test('an error in the callback rejects that sign-in', async () => {
    const flow = flowWith();
    const pending = flow.begin({ redirectUri: REDIRECT });
    assert.equal(flow.handleCallback(`?state=${pending.state}&error=access_denied`), true);
    await assert.rejects(pending.tokens, (e: AuthFlowError) => e.code === 'denied' && /access_denied/.test(e.message));
  });
});
