import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type SandboxClient, fetchResult, openSandbox } from '../../sandbox/testing';

/** Follows the sign-in page the way a browser does: reads the form and submits it (GET). */
async function clickSignIn(pageUrl: string): Promise<{ page: string; location: string | null; status: number }> {
  const page = await fetchResult(pageUrl);
  assert.equal(page.status, 200);
  assert.match(page.text, /Sign in to KallyAI \(sandbox\)/);
  assert.match(page.text, /Sign in as the demo user/);
  const action = /<form method="get" action="([^"]+)"/.exec(page.text)?.[1];
  assert.ok(action, 'the page has a form');
  // Behind a port proxy (code-server's /proxy/<port>/) the button must stay under the proxy prefix.
  assert.equal(
    new URL(action, 'http://127.0.0.1:8080/proxy/8790/v1/auth/cli?state=s').pathname,
    '/proxy/8790/sandbox/auth/approve',
  );
  const fields = [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(([, k, v]) => [
    k,
    v
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  ]);
  // As a browser does: the form's action is resolved against the page's own address.
  const target = new URL(action, pageUrl);
  target.search = String(new URLSearchParams(fields));
  const res = await fetch(target, { redirect: 'manual' });
  return { page: page.text, location: res.headers.get('location'), status: res.status };
}

function payloadOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

describe('sandbox auth', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox();
  });
  after(async () => {
    await c.close();
  });

  it('CLI sign-in: the page button redirects to the loopback URI with tokens and state (query kept)', async () => {
    const redirect = 'http://127.0.0.1:8741/callback?keep=1';
    const r = await clickSignIn(`${c.url}/v1/auth/cli?redirect_uri=${encodeURIComponent(redirect)}&state=xyz-123`);
    assert.equal(r.status, 302);
    const loc = new URL(r.location as string);
    assert.equal(`${loc.origin}${loc.pathname}`, 'http://127.0.0.1:8741/callback');
    assert.equal(loc.searchParams.get('keep'), '1');
    assert.equal(loc.searchParams.get('state'), 'xyz-123');
    assert.equal(loc.searchParams.get('expires_in'), '3600');
    const access = loc.searchParams.get('access_token') as string;
    assert.ok(loc.searchParams.get('refresh_token'));
    assert.equal(payloadOf(access).email, 'demo@kallyai.test');
    const balance = await c.request('GET', '/v1/credits/balance', { token: access });
    assert.equal(balance.status, 200);
    assert.equal(balance.json.credits_remaining, 142.5);
  });

  it('CLI sign-in refuses a non-loopback redirect_uri with an escaped HTML page and no token', async () => {
    for (const bad of [
      'https://evil.example/cb',
      'http://127.0.0.1@evil.example/cb',
      'http://evil.example:8740/',
      'javascript:alert(1)',
      'http://10.0.0.1:8740/<script>',
    ]) {
      const res = await fetchResult(`${c.url}/v1/auth/cli?redirect_uri=${encodeURIComponent(bad)}&state=s`, {
        redirect: 'manual',
      });
      assert.equal(res.status, 400, bad);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(res.headers.get('location'), null);
      assert.doesNotMatch(res.text, /access_token|Sign in as the demo user/);
      assert.doesNotMatch(res.text, /<script>/);
      const direct = await fetchResult(
        `${c.url}/sandbox/auth/approve?flow=cli&redirect_uri=${encodeURIComponent(bad)}`,
        { redirect: 'manual' },
      );
      assert.equal(direct.status, 400);
      assert.equal(direct.headers.get('location'), null);
    }
  });

  it('authorization code + PKCE: right verifier gets tokens once, a wrong verifier is refused', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'vscode://kallyai.kallyai/auth-callback';
    const authorize = (ch: string) =>
      `${c.url}/v1/auth/authorize?response_type=code&client_id=kallyai-vscode&redirect_uri=${encodeURIComponent(redirectUri)}&state=st&code_challenge=${ch}&code_challenge_method=S256`;
    const r = await clickSignIn(authorize(challenge));
    assert.equal(r.status, 302);
    const loc = new URL(r.location as string);
    assert.equal(loc.protocol, 'vscode:');
    assert.equal(loc.searchParams.get('state'), 'st');
    const code = loc.searchParams.get('code') as string;
    const form = (extra: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'kallyai-vscode',
        redirect_uri: redirectUri,
        ...extra,
      }).toString(),
    });
    const ok = await fetchResult(`${c.url}/v1/auth/gpt/token`, form({ code, code_verifier: verifier }));
    assert.equal(ok.status, 200);
    assert.equal(ok.json.expires_in, 3600);
    assert.match(ok.json.scope, /calls:write/);
    assert.equal(payloadOf(ok.json.access_token).sub !== undefined, true);
    const reused = await fetchResult(`${c.url}/v1/auth/gpt/token`, form({ code, code_verifier: verifier }));
    assert.equal(reused.status, 400);
    assert.equal(reused.json.error, 'invalid_grant');

    const r2 = await clickSignIn(authorize(challenge));
    const code2 = new URL(r2.location as string).searchParams.get('code') as string;
    const wrong = await fetchResult(
      `${c.url}/v1/auth/gpt/token`,
      form({ code: code2, code_verifier: randomBytes(32).toString('base64url') }),
    );
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error, 'invalid_grant');
    assert.equal(wrong.json.access_token, undefined);
  });

  it('authorization code with the client secret; a wrong secret is refused', async () => {
    const redirectUri = 'http://127.0.0.1:9000/cb';
    const url = `${c.url}/v1/auth/authorize?response_type=code&client_id=kallyai-vscode&redirect_uri=${encodeURIComponent(redirectUri)}&state=q`;
    const code1 = new URL((await clickSignIn(url)).location as string).searchParams.get('code') as string;
    const post = (code: string, secret: string) =>
      fetchResult(`${c.url}/v1/auth/gpt/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: 'kallyai-vscode',
          client_secret: secret,
          code,
          redirect_uri: redirectUri,
        }).toString(),
      });
    const bad = await post(code1, 'not-the-secret');
    assert.equal(bad.status, 401);
    assert.equal(bad.json.error, 'invalid_client');
    const good = await post(code1, 'sandbox-secret');
    assert.equal(good.status, 200);
    assert.ok(good.json.access_token && good.json.refresh_token);
  });

  it('refresh rotates the refresh token; reusing the old one is 401 token_expired', async () => {
    const first = (await c.post('/sandbox/tokens')).json;
    const refreshed = await fetchResult(`${c.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: first.refresh_token }),
    });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.json.refresh_token, first.refresh_token);
    assert.notEqual(refreshed.json.access_token, first.access_token);
    const reuse = await fetchResult(`${c.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: first.refresh_token }),
    });
    assert.equal(reuse.status, 401);
    assert.equal(reuse.json.error.code, 'token_expired');
    assert.ok(reuse.json.error.correlation_id);
    const next = await fetchResult(`${c.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: refreshed.json.refresh_token }),
    });
    assert.equal(next.status, 200);
  });

  it('missing token → 401 missing_token; forged or expired token → 401 token_expired; public endpoints need none', async () => {
    const missing = await c.request('GET', '/v1/calls', { token: null });
    assert.equal(missing.status, 401);
    assert.equal(missing.json.error.code, 'missing_token');
    const forged = await c.request('GET', '/v1/calls', { token: `${c.token.slice(0, -4)}AAAA` });
    assert.equal(forged.json.error.code, 'token_expired');
    for (const path of [
      '/v1/credits/costs',
      '/v1/credits/plans',
      '/v1/stripe/plans',
      '/v1/referrals/validate/DEMO-KALLY',
    ]) {
      const res = await c.request('GET', path, { token: null });
      assert.equal(res.status, 200, path);
    }
    const { access_token } = (await c.post('/sandbox/tokens')).json;
    assert.equal((await c.request('GET', '/v1/calls', { token: access_token })).status, 200);
    await c.post('/sandbox/expire-tokens');
    const expired = await c.request('GET', '/v1/calls', { token: access_token });
    assert.equal(expired.status, 401);
    assert.equal(expired.json.error.code, 'token_expired');
    c.token = (await c.post('/sandbox/tokens')).json.access_token;
    assert.equal((await c.get('/v1/calls')).status, 200);
  });
});

describe('sandbox auth with --auto-approve', () => {
  let c: SandboxClient;
  before(async () => {
    c = await openSandbox({ autoApprove: true, tokenTtlSeconds: 120 });
  });
  after(async () => {
    await c.close();
  });

  it('redirects at once with tokens and the configured lifetime', async () => {
    const res = await fetch(
      `${c.url}/v1/auth/cli?redirect_uri=${encodeURIComponent('http://localhost:8976/callback')}&state=abc`,
      { redirect: 'manual' },
    );
    assert.equal(res.status, 302);
    const loc = new URL(res.headers.get('location') as string);
    assert.equal(loc.host, 'localhost:8976');
    assert.equal(loc.searchParams.get('state'), 'abc');
    assert.equal(loc.searchParams.get('expires_in'), '120');
    const exp = payloadOf(loc.searchParams.get('access_token') as string).exp as number;
    assert.ok(exp - Date.now() / 1000 <= 121);
  });
});
