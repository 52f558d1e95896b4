import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ops } from '../../src/api/catalogue';
import { fixedTokenSource } from '../../src/auth/authApi';
import { AuthFlowError } from '../../src/auth/authErrors';
import { runLoopbackSignIn, startLoopbackSignIn } from '../../src/auth/loopbackFlow';
import { emailFromAccessToken } from '../../src/auth/tokens';
import { askKallyAI, clientFor, refusesConnections, sandbox, visit, type Sandbox } from './auth.helpers';

function stateOf(signInUrl: string): string {
  const state = new URL(signInUrl).searchParams.get('state');
  assert.ok(state);
  return state;
}

/** Records whether a promise has settled, without waiting for it. */
function watch<T>(p: Promise<T>): { settled: boolean } {
  const w = { settled: false };
  p.then(
    () => (w.settled = true),
    () => (w.settled = true),
  );
  return w;
}

describe('loopback sign-in against the sandbox', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await sandbox();
  });
  after(() => sb.close());

  test('signs in end to end and closes the listener', async () => {
    const flow = await startLoopbackSignIn({ baseUrl: sb.url });
    const url = new URL(flow.signInUrl);
    assert.equal(url.pathname, '/v1/auth/cli');
    assert.equal(url.searchParams.get('redirect_uri'), `http://127.0.0.1:${flow.port}`);
    assert.match(stateOf(flow.signInUrl), /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');

    const answer = await askKallyAI(flow.signInUrl);
    assert.equal(answer.status, 302);
    assert.ok(answer.location?.startsWith(`http://127.0.0.1:${flow.port}`));
    const page = await visit(answer.location!);
    assert.equal(page.status, 200);
    assert.match(page.body, /You are signed in to KallyAI\. You can close this tab\./);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);

    const tokens = await flow.tokens;
    assert.equal(emailFromAccessToken(tokens.accessToken), 'demo@kallyai.test');
    assert.ok(tokens.refreshToken);
    assert.ok(tokens.expiresAt > Date.now());
    assert.equal(await refusesConnections(flow.port), true);

    const balance = await clientFor(sb.url, fixedTokenSource(tokens.accessToken)).execute(ops.credits.balance);
    assert.equal(typeof balance.credits_remaining, 'number');
  });

  test('runLoopbackSignIn opens the browser on the sign-in address', async () => {
    const opened: string[] = [];
    const tokens = await runLoopbackSignIn({
      baseUrl: sb.url,
      openBrowser: async (url) => {
        opened.push(url);
        const answer = await askKallyAI(url);
        void visit(answer.location!);
        return true;
      },
    });
    assert.equal(opened.length, 1);
    assert.ok(tokens.accessToken);
  });

  test('refuses a callback whose state does not match, and keeps waiting for the real one', async () => {
    const flow = await startLoopbackSignIn({ baseUrl: sb.url });
    const w = watch(flow.tokens);
    const answer = await askKallyAI(flow.signInUrl);
    const forged = new URL(answer.location!);
    forged.searchParams.set('state', 'not-the-state');
    const refused = await visit(forged.toString());
    assert.equal(refused.status, 400);
    assert.match(refused.body, /does not match/);
    const missing = new URL(answer.location!);
    missing.searchParams.delete('state');
    assert.equal((await visit(missing.toString())).status, 400);
    assert.equal(w.settled, false, 'a forged callback must not end the sign-in');

    assert.equal((await visit(answer.location!)).status, 200);
    assert.ok((await flow.tokens).accessToken);
  });

  test('ignores a callback on another path (404) and keeps waiting', async () => {
    const flow = await startLoopbackSignIn({ baseUrl: sb.url });
    const w = watch(flow.tokens);
    const answer = await askKallyAI(flow.signInUrl);
    const elsewhere = new URL(answer.location!);
    elsewhere.pathname = '/favicon.ico';
    const other = await visit(elsewhere.toString());
    assert.equal(other.status, 404);
    elsewhere.pathname = '/callback/evil';
    assert.equal((await visit(elsewhere.toString())).status, 404);
    assert.equal(w.settled, false);
    assert.equal((await visit(answer.location!)).status, 200);
    assert.ok((await flow.tokens).accessToken);
  });

  test('HTML-escapes the error text it shows and rejects with denied', async () => {
    const flow = await startLoopbackSignIn({ baseUrl: sb.url });
    const cb = new URL(`http://127.0.0.1:${flow.port}/`);
    cb.searchParams.set('state', stateOf(flow.signInUrl));
    cb.searchParams.set('error', '<script>alert("x")</script>');
    const page = await visit(cb.toString());
    assert.equal(page.status, 400);
    assert.ok(!page.body.includes('<script>alert'), 'the error must be escaped');
    assert.match(page.body, /&#60;script&#62;alert/);
    await assert.rejects(flow.tokens, (e: AuthFlowError) => e.code === 'denied');
    assert.equal(await refusesConnections(flow.port), true);
  });

  test('times out and closes the listener', async () => {
    const flow = await startLoopbackSignIn({ baseUrl: sb.url, timeoutMs: 50 });
    await assert.rejects(flow.tokens, (e: AuthFlowError) => e instanceof AuthFlowError && e.code === 'timeout');
    assert.equal(await refusesConnections(flow.port), true);
  });

  test('cancel (AbortSignal) closes the listener', async () => {
    const abort = new AbortController();
    const flow = await startLoopbackSignIn({ baseUrl: sb.url, signal: abort.signal });
    assert.equal(await refusesConnections(flow.port), false, 'listening before the cancel');
    abort.abort();
    await assert.rejects(flow.tokens, (e: AuthFlowError) => e.code === 'cancelled');
    assert.equal(await refusesConnections(flow.port), true);
  });

  test('close() cancels and closes the listener', async () => {
    const flow = await startLoopbackSignIn({ baseUrl: sb.url });
    flow.close();
    await assert.rejects(flow.tokens, (e: AuthFlowError) => e.code === 'cancelled');
    assert.equal(await refusesConnections(flow.port), true);
  });

  test('a browser that cannot be opened ends the flow and closes the listener', async () => {
    let port = 0;
    await assert.rejects(
      runLoopbackSignIn({
        baseUrl: sb.url,
        openBrowser: async (url) => {
          port = Number(new URL(new URL(url).searchParams.get('redirect_uri')!).port);
          return false;
        },
      }),
      (e: AuthFlowError) => e.code === 'browser_failed',
    );
    assert.equal(await refusesConnections(port), true);
  });

  test('sends the externalUri form of the callback, and the sandbox refuses a non-loopback one', async () => {
    const flow = await startLoopbackSignIn({
      baseUrl: sb.url,
      externalUri: async () => 'https://tunnel.example.com/proxy/1234/',
    });
    assert.equal(flow.redirectUri, 'https://tunnel.example.com/proxy/1234/');
    assert.equal(new URL(flow.signInUrl).searchParams.get('redirect_uri'), 'https://tunnel.example.com/proxy/1234/');
    const answer = await askKallyAI(flow.signInUrl);
    assert.equal(answer.status, 400);
    assert.equal(answer.location, null);
    assert.ok(!answer.body.includes('access_token='), 'no token handed out');
    flow.close();
  });
});
