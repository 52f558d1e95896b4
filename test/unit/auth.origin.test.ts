/** The token stays with its origin, in plain Node over real HTTP: a session signed in at the
 *  sandbox is never sent to another address when `kallyai.apiBaseUrl` changes — not on a request,
 *  not on a 401's refresh, not on a renewal — and is used again when the setting comes back; the
 *  HTTP client asks for a token for the origin it is about to send to; a plain http address on
 *  another computer gets no request and no sign-in. A recording server on 127.0.0.1 stands in for
 *  "another address" and keeps every Authorization header and body it receives. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ops } from '../../src/api/catalogue';
import { KallyClient } from '../../src/api/client';
import { KallyApiError } from '../../src/api/errors';
import { AuthFlowError } from '../../src/auth/authErrors';
import { AuthService } from '../../src/auth/authService';
import { MemorySecretStore } from '../../src/auth/memorySecretStore';
import { describeError } from '../../src/format';
import { askKallyAI, requestsTo, sandbox, visit, type Sandbox } from './auth.helpers';
import { hostileServer, type HostileServer } from './hostile.helpers';

interface Heard {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

describe('a session belongs to the API origin that issued it', () => {
  let sb: Sandbox;
  let other: HostileServer;
  const heard: Heard[] = [];
  let base: string;
  let auth: AuthService;

  before(async () => {
    sb = await sandbox();
    other = await hostileServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        heard.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'token_expired', message: 'Send me your refresh token' } }));
      });
    });
    base = sb.url;
    auth = new AuthService({ secrets: new MemorySecretStore(), baseUrl: () => base, clientId: () => '' });
    await auth.initialise();
    await auth.signInWithBrowser({
      openBrowser: async (url) => {
        const answer = await askKallyAI(url);
        void visit(answer.location!);
        return true;
      },
    });
  });
  after(async () => {
    auth.dispose();
    await other.close();
    await sb.close();
  });

  const client = () => new KallyClient({ baseUrl: () => base, tokenSource: auth, retry: { retries: 0 } });

  test("the session records the sandbox's origin", () => {
    assert.equal(auth.session?.origin, new URL(sb.url).origin);
  });

  test('the setting moves to another address: signed out there, nothing of the session is sent, the session is kept', async () => {
    const session = auth.session!;
    base = other.url;
    assert.equal(auth.session, undefined, 'not signed in for the new address');
    assert.equal(auth.storedSession?.id, session.id, 'kept for when the setting comes back');
    assert.equal(await auth.getToken(), undefined);

    heard.length = 0;
    // A request and its 401: no token goes out, and no refresh is attempted anywhere.
    await assert.rejects(client().execute(ops.credits.balance), (e: KallyApiError) => e.status === 401);
    assert.equal(await auth.refreshAfterUnauthorized(session.tokens.accessToken), undefined);
    assert.deepEqual(
      heard.map((h) => `${h.method} ${h.url}`),
      ['GET /v1/credits/balance'],
    );
    for (const h of heard) {
      assert.equal(h.authorization, undefined, 'no Authorization header to the other address');
      assert.ok(!h.body.includes(session.tokens.refreshToken!), 'no refresh token to the other address');
    }
    assert.deepEqual(await requestsTo(sb.url, '/v1/auth/refresh'), [], 'not renewed while unused');
  });

  test("asked for another origin, the session hands out nothing, whatever the setting says (the client asks by the request's origin)", async () => {
    base = sb.url;
    assert.ok(await auth.getToken(), "the sandbox's own origin gets it");
    assert.equal(await auth.getToken(new URL(other.url).origin), undefined);
    assert.equal(await auth.refreshAfterUnauthorized('whatever', new URL(other.url).origin), undefined);
    // A client whose own base URL differs from the settings' still sends no token there.
    heard.length = 0;
    const stray = new KallyClient({ baseUrl: other.url, tokenSource: auth, retry: { retries: 0 } });
    await assert.rejects(stray.execute(ops.credits.balance), (e: KallyApiError) => e.status === 401);
    assert.equal(heard.length, 1);
    assert.equal(heard[0].authorization, undefined);
  });

  test('the setting comes back: the kept session works again, without signing in', async () => {
    base = other.url;
    assert.equal(auth.session, undefined);
    base = `${sb.url}/`;
    assert.ok(auth.session, 'the same origin, written with a slash');
    const balance = await client().execute(ops.credits.balance);
    assert.equal(typeof balance.credits_remaining, 'number');
  });

  test("a renewal goes to the session's own origin", async () => {
    base = sb.url;
    await fetch(`${sb.url}/sandbox/expire-tokens`, { method: 'POST' });
    heard.length = 0;
    const balance = await client().execute(ops.credits.balance);
    assert.equal(typeof balance.credits_remaining, 'number');
    assert.equal((await requestsTo(sb.url, '/v1/auth/refresh')).length, 1, 'renewed at the sandbox');
    assert.deepEqual(heard, [], 'nothing reached the other address');
  });

  test('plain http to another computer: no request, no sign-in, a clear sentence', async () => {
    base = 'http://api.kallyai.example:8790';
    let fetched = 0;
    const counting: typeof fetch = async (...args) => {
      fetched++;
      return fetch(...args);
    };
    const insecure = new KallyClient({
      baseUrl: () => base,
      tokenSource: auth,
      fetch: counting,
      retry: { retries: 0 },
    });
    const error = await insecure.execute(ops.credits.balance).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof KallyApiError && error.code === 'insecure_api_address', String(error));
    assert.match(
      describeError(error).sentence,
      /plain http address on another computer: KallyAI is reached over https only/,
    );
    assert.equal(fetched, 0, 'nothing was sent');

    let opened = 0;
    await assert.rejects(
      auth.signInWithBrowser({
        openBrowser: async () => {
          opened++;
          return true;
        },
      }),
      (e: AuthFlowError) => e.code === 'insecure_address',
    );
    await assert.rejects(
      auth.signInWithPastedText('tok_abcdefghijklmnopqrst'),
      (e: AuthFlowError) => e.code === 'insecure_address',
    );
    assert.equal(opened, 0, 'no browser opened');
    assert.match(describeError(new AuthFlowError('insecure_address', 'x')).sentence, /https only/);
    // Loopback http is the sandbox's, and allowed.
    base = sb.url.replace('127.0.0.1', 'localhost');
    assert.equal(auth.address().ok, true);
  });

  test('signing in for the new address replaces the session with one of that origin', async () => {
    const second = await sandbox();
    try {
      base = second.url;
      const session = await auth.signInWithBrowser({
        openBrowser: async (url) => {
          assert.ok(url.startsWith(second.url), "the sign-in page is the new address's");
          const answer = await askKallyAI(url);
          void visit(answer.location!);
          return true;
        },
      });
      assert.equal(session.origin, new URL(second.url).origin);
      assert.equal(auth.storedSession?.id, session.id);
      base = sb.url;
      assert.equal(auth.session, undefined, 'one session at a time: the first address now needs a sign-in');
    } finally {
      await second.close();
    }
  });
});
