import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MemorySecretStore } from '../../src/auth/memorySecretStore';
import {
  KeyringUnavailableError,
  newSession,
  SESSION_KEY,
  SessionStore,
  type SecretStoreLike,
  type StoredSession,
} from '../../src/auth/sessionStore';

const tokens = { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: 1_900_000_000_000 };
const API = 'https://api.kallyai.com';

function nextChange(store: SessionStore): Promise<{ session: StoredSession | undefined; origin: string }> {
  return new Promise((resolve) => {
    const sub = store.onDidChange((session, origin) => {
      sub.dispose();
      resolve({ session, origin });
    });
  });
}

describe('session store', () => {
  test('saves, reloads and clears a session', async () => {
    const secrets = new MemorySecretStore();
    const store = new SessionStore(secrets);
    assert.equal(await store.load(), undefined);
    const session = newSession(tokens, 'browser', API, 42);
    await store.save(session);
    const again = await new SessionStore(secrets).load();
    assert.deepEqual(again, session);
    await store.clear();
    assert.deepEqual(secrets.keys(), []);
    assert.equal(await new SessionStore(secrets).load(), undefined);
  });

  test("a session records the origin that issued it; one stored before origins were recorded is KallyAI's own", async () => {
    const secrets = new MemorySecretStore();
    const sandbox = newSession(tokens, 'browser', 'http://127.0.0.1:8790/v1/ignored?x=1');
    assert.equal(sandbox.origin, 'http://127.0.0.1:8790');
    await new SessionStore(secrets).save(sandbox);
    assert.equal((await new SessionStore(secrets).load())?.origin, 'http://127.0.0.1:8790');
    assert.match(String(await secrets.get(SESSION_KEY)), /"v":2,.*"origin":"http:\/\/127\.0\.0\.1:8790"/);
    assert.throws(() => newSession(tokens, 'browser', 'not an address'));

    const legacy = new MemorySecretStore();
    await legacy.store(
      SESSION_KEY,
      JSON.stringify({
        v: 1,
        id: 'old-1',
        method: 'cli',
        createdAt: 7,
        tokens: { accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: 1_900_000_000_000 },
      }),
    );
    assert.deepEqual(await new SessionStore(legacy).load(), {
      id: 'old-1',
      method: 'cli',
      createdAt: 7,
      origin: API,
      tokens,
    });

    const forged = new MemorySecretStore();
    await forged.store(
      SESSION_KEY,
      JSON.stringify({
        v: 2,
        id: 'x',
        method: 'cli',
        createdAt: 7,
        origin: 'https://api.kallyai.com/path',
        tokens: { accessToken: 'access-1', expiresAt: 1 },
      }),
    );
    assert.equal(
      await new SessionStore(forged).load(),
      undefined,
      'an origin that is not one is an unreadable session',
    );
  });

  test('keeps a session without a refresh token', async () => {
    const secrets = new MemorySecretStore();
    const session = newSession({ accessToken: 'only-access', expiresAt: 5 }, 'paste', API);
    await new SessionStore(secrets).save(session);
    const loaded = await new SessionStore(secrets).load();
    assert.equal(loaded?.tokens.refreshToken, undefined);
    assert.equal(loaded?.method, 'paste');
  });

  for (const [what, text] of [
    ['not JSON', '{not json'],
    ['JSON of the wrong shape', '{"v":1,"tokens":{"accessToken":42}}'],
    ['a JSON string', '"hello"'],
  ] as const) {
    test(`drops a corrupt stored value (${what}) instead of failing`, async () => {
      const secrets = new MemorySecretStore();
      await secrets.store(SESSION_KEY, text);
      const logged: string[] = [];
      const store = new SessionStore(secrets, { log: (m) => logged.push(m) });
      assert.equal(await store.load(), undefined);
      assert.equal(await secrets.get(SESSION_KEY), undefined, 'the corrupt value is deleted');
      assert.equal(logged.length, 1);
      assert.ok(!logged[0].includes(text), 'the stored text is not logged');
    });
  }

  test("another window's write reaches this one through onDidChange", async () => {
    const secrets = new MemorySecretStore();
    const a = new SessionStore(secrets);
    const b = new SessionStore(secrets);
    await b.load();
    const heard = nextChange(b);
    const session = newSession(tokens, 'browser', API);
    await a.save(session);
    const change = await heard;
    assert.equal(change.origin, 'external');
    assert.deepEqual(change.session, session);
    assert.deepEqual(b.current, session);

    const signedOut = nextChange(b);
    await a.clear();
    assert.equal((await signedOut).session, undefined);
    assert.equal(b.current, undefined);
  });

  test('a keyring that refuses writes: the session is kept in memory and the failure reported', async () => {
    const memory = new MemorySecretStore();
    const broken: SecretStoreLike = {
      get: (k) => memory.get(k),
      store: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
      delete: (k) => memory.delete(k),
      onDidChange: (l) => memory.onDidChange(l),
    };
    const store = new SessionStore(broken);
    const session = newSession(tokens, 'browser', API);
    await assert.rejects(store.save(session), KeyringUnavailableError);
    assert.equal(store.persistent, false);
    assert.deepEqual(store.current, session);
    assert.deepEqual(await store.load(), session, 'a reload does not lose the in-memory session');
  });

  test('the refresh lease goes to the last writer; a held lease blocks others until it expires', async () => {
    const secrets = new MemorySecretStore();
    const a = new SessionStore(secrets);
    const b = new SessionStore(secrets);
    let now = 1000;
    const [gotA, gotB] = await Promise.all([
      a.tryAcquireRefreshLease('A', 30_000, 10, () => now),
      b.tryAcquireRefreshLease('B', 30_000, 10, () => now),
    ]);
    assert.equal([gotA, gotB].filter(Boolean).length, 1, 'exactly one window wins');
    const winner = gotA ? 'A' : 'B';
    const loser = gotA ? b : a;
    assert.equal(await loser.tryAcquireRefreshLease(winner === 'A' ? 'B' : 'A', 30_000, 0, () => now), false);
    now += 30_001;
    assert.equal(
      await loser.tryAcquireRefreshLease(winner === 'A' ? 'B' : 'A', 30_000, 0, () => now),
      true,
      'an expired lease is taken over',
    );
  });
});
