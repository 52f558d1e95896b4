import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ops } from '../../src/api/catalogue';
import { requestRefresh } from '../../src/auth/authApi';
import { AuthFlowError } from '../../src/auth/authErrors';
import { MemorySecretStore } from '../../src/auth/memorySecretStore';
import { Refresher, type RefresherOptions, type SessionEnded } from '../../src/auth/refresher';
import { newSession, SessionStore, type StoredSession } from '../../src/auth/sessionStore';
import type { TokenSet } from '../../src/auth/tokens';
import { clearRequests, clientFor, post, requestsTo, sandbox, signIn, type Sandbox } from './auth.helpers';

describe('token refresh against the sandbox', () => {
  let sb: Sandbox;
  before(async () => {
    sb = await sandbox();
  });
  after(() => sb.close());
  beforeEach(async () => {
    await fetch(`${sb.url}/sandbox/faults`, { method: 'DELETE' });
    await clearRequests(sb.url);
  });

  const refreshCount = async () => (await requestsTo(sb.url, '/v1/auth/refresh')).length;

  /** A signed-in session whose access token this side already considers expired. */
  async function expiredSession(): Promise<{ session: StoredSession; tokens: TokenSet }> {
    const tokens = await signIn(sb.url);
    const stale: TokenSet = { ...tokens, expiresAt: Date.now() - 1000 };
    return { session: newSession(stale, 'browser', sb.url), tokens };
  }

  function window(secrets: MemorySecretStore, options: Partial<RefresherOptions> = {}) {
    const store = new SessionStore(secrets);
    const refresher = new Refresher({
      store,
      refresh: (rt) => requestRefresh(clientFor(sb.url), rt, options.now),
      lease: { settleMs: 20, pollMs: 20 },
      ...options,
    });
    return { store, refresher };
  }

  /** Two windows over one secret store: A saved an expired session, B has read it. */
  async function twoWindowsWithAnExpiredSession() {
    const { session } = await expiredSession();
    const secrets = new MemorySecretStore();
    const a = window(secrets);
    const b = window(secrets);
    await a.store.save(session);
    await b.store.load();
    return { session, a, b };
  }

  function changed(store: SessionStore, accessToken: string): Promise<StoredSession | undefined> {
    if (store.current?.tokens.accessToken === accessToken) return Promise.resolve(store.current);
    return new Promise((resolve) => {
      const sub = store.onDidChange((s) => {
        if (s?.tokens.accessToken === accessToken) {
          sub.dispose();
          resolve(s);
        }
      });
    });
  }

  test('rotates: new access and refresh tokens; the old refresh token is refused afterwards', async () => {
    const { session } = await expiredSession();
    const { store, refresher } = window(new MemorySecretStore());
    await store.save(session);
    const fresh = await refresher.getAccessToken();
    assert.ok(fresh);
    assert.notEqual(fresh, session.tokens.accessToken);
    const kept = store.current!;
    assert.equal(kept.id, session.id, 'a refresh keeps the session id');
    assert.notEqual(kept.tokens.refreshToken, session.tokens.refreshToken);
    assert.ok(kept.tokens.expiresAt > Date.now());
    await assert.rejects(
      requestRefresh(clientFor(sb.url), session.tokens.refreshToken!),
      (e: AuthFlowError) => e.code === 'refused',
    );
    const balance = await clientFor(sb.url, {
      getToken: async () => fresh,
      refreshAfterUnauthorized: async () => undefined,
    }).execute(ops.credits.balance);
    assert.equal(typeof balance.credits_remaining, 'number');
    assert.equal(await refreshCount(), 2);
  });

  test('a token that is not due is handed out without a request', async () => {
    const tokens = await signIn(sb.url);
    const { store, refresher } = window(new MemorySecretStore());
    await store.save(newSession(tokens, 'browser', sb.url));
    assert.equal(await refresher.getAccessToken(), tokens.accessToken);
    assert.equal(await refreshCount(), 0);
  });

  test('concurrent renewals in one window send one request', async () => {
    const { session } = await expiredSession();
    const { store, refresher } = window(new MemorySecretStore());
    await store.save(session);
    const results = await Promise.all([
      refresher.getAccessToken(),
      refresher.getAccessToken(),
      refresher.refreshAfterUnauthorized(session.tokens.accessToken),
    ]);
    assert.equal(new Set(results).size, 1);
    assert.notEqual(results[0], session.tokens.accessToken);
    assert.equal(await refreshCount(), 1);
  });

  test('a 401 from the API refreshes once and the client retries (forced expiry on the server)', async () => {
    const tokens = await signIn(sb.url);
    const { store, refresher } = window(new MemorySecretStore());
    await store.save(newSession(tokens, 'browser', sb.url));
    await post(sb.url, '/sandbox/expire-tokens');
    const client = clientFor(sb.url, {
      getToken: () => refresher.getAccessToken(),
      refreshAfterUnauthorized: (t) => refresher.refreshAfterUnauthorized(t),
    });
    const balance = await client.execute(ops.credits.balance);
    assert.equal(typeof balance.credits_remaining, 'number');
    assert.equal(await refreshCount(), 1);
    assert.notEqual(store.current?.tokens.accessToken, tokens.accessToken);
  });

  test("two windows sharing one secret store: the second uses the first one's refresh", async () => {
    const { session, a, b } = await twoWindowsWithAnExpiredSession();
    assert.equal(b.store.current?.tokens.accessToken, session.tokens.accessToken);

    const fromA = await a.refresher.getAccessToken();
    assert.ok(fromA);
    await changed(b.store, fromA); // B hears of A's write through onDidChange
    const fromB = await b.refresher.getAccessToken();
    assert.equal(fromB, fromA);
    assert.equal(await refreshCount(), 1);
    assert.equal(b.store.current?.tokens.refreshToken, a.store.current?.tokens.refreshToken);
  });

  test('two windows renewing at the same moment send one request and both end with the new tokens', async () => {
    const { a, b } = await twoWindowsWithAnExpiredSession();
    const [fromA, fromB] = await Promise.all([a.refresher.getAccessToken(), b.refresher.getAccessToken()]);
    assert.ok(fromA);
    assert.equal(fromA, fromB);
    assert.equal(await refreshCount(), 1);
    await changed(a.store, fromA);
    await changed(b.store, fromA);
    assert.equal(a.store.current?.tokens.refreshToken, b.store.current?.tokens.refreshToken);
    assert.equal(a.refresher.requestsSent + b.refresher.requestsSent, 1);
  });

  test('a refused refresh token ends the session once', async () => {
    const { session } = await expiredSession();
    await requestRefresh(clientFor(sb.url), session.tokens.refreshToken!); // spent elsewhere
    const { store, refresher } = window(new MemorySecretStore());
    await store.save(session);
    const ended: SessionEnded[] = [];
    refresher.onDidEndSession((e) => ended.push(e));
    assert.equal(await refresher.getAccessToken(), undefined);
    assert.equal(await refresher.getAccessToken(), undefined);
    assert.equal(await refresher.refreshAfterUnauthorized(session.tokens.accessToken), undefined);
    assert.equal(ended.length, 1);
    assert.equal(ended[0].reason, 'refused');
    assert.equal(store.current, undefined, 'the dead session is removed');
    assert.equal(await store.load(), undefined);
  });

  test('a network failure or a 5xx keeps the session and backs off', async () => {
    let clock = Date.now();
    const { session } = await expiredSession();
    const stale: StoredSession = { ...session, tokens: { ...session.tokens, expiresAt: clock - 1000 } };
    const { store, refresher } = window(new MemorySecretStore(), {
      now: () => clock,
      backoff: { baseMs: 10_000, maxMs: 40_000 },
    });
    await store.save(stale);
    const ended: SessionEnded[] = [];
    refresher.onDidEndSession((e) => ended.push(e));

    await post(sb.url, '/sandbox/faults', { path: '^/v1/auth/refresh$', status: 503, count: 1 });
    assert.equal(await refresher.getAccessToken(), stale.tokens.accessToken, 'the old token is kept');
    assert.equal(
      await refresher.refreshAfterUnauthorized(stale.tokens.accessToken),
      undefined,
      'no new token during back-off',
    );
    assert.equal(await refreshCount(), 1, 'no second request during the back-off');
    assert.equal(refresher.nextCheckAt(), clock + 10_000);

    clock += 10_001;
    await post(sb.url, '/sandbox/faults', { path: '^/v1/auth/refresh$', drop: true, count: 1 });
    assert.equal(await refresher.getAccessToken(), stale.tokens.accessToken);
    assert.equal(refresher.nextCheckAt(), clock + 20_000, 'the back-off doubles');

    clock += 20_001;
    const fresh = await refresher.getAccessToken();
    assert.ok(fresh && fresh !== stale.tokens.accessToken);
    assert.equal(ended.length, 0);
    assert.equal(store.current?.id, stale.id);
    assert.equal(await refreshCount(), 3);
  });

  test('a session without a refresh token ends when its token is refused', async () => {
    const tokens = await signIn(sb.url);
    const { store, refresher } = window(new MemorySecretStore());
    await store.save(
      newSession({ accessToken: tokens.accessToken, expiresAt: Date.now() + 3_600_000 }, 'paste', sb.url),
    );
    const ended: SessionEnded[] = [];
    refresher.onDidEndSession((e) => ended.push(e));
    assert.equal(await refresher.refreshAfterUnauthorized(tokens.accessToken), undefined);
    assert.equal(ended.length, 1);
    assert.equal(ended[0].reason, 'noRefreshToken');
    assert.equal(await refreshCount(), 0);
  });
});
