/** Tokens the extension holds are masked by value wherever a server echoes them: 25 echo cases
 *  (bare word, JSON fields of every error shape, URL- and form-encoded, in a query, in a path…)
 *  for three token sets held by the auth layer (a pasted sandbox sign-in, the same session after
 *  a refresh rotated its tokens, and opaque tokens with "/", "+" and "="), checked in
 *  KallyApiError.message, serverMessage and the client's log lines. Against the sandbox (sign-in,
 *  refresh) and a hostile local echo server. */
import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { ops } from '../../src/api/catalogue';
import { KallyClient } from '../../src/api/client';
import { KallyApiError } from '../../src/api/errors';
import { secretCount } from '../../src/api/secretValues';
import { AuthService } from '../../src/auth/authService';
import { MemorySecretStore } from '../../src/auth/memorySecretStore';
import { newSession } from '../../src/auth/sessionStore';
import { sandbox, type Sandbox } from './auth.helpers';
import { hostileServer, type HostileServer } from './hostile.helpers';
import { echoCases, json, lowerHex, text, type Answer, type Tokens } from './tokenEcho.cases';

/** Every form a leak of `t` could take, reduced to a 16-character middle piece. */
function leakForms(value: string): string[] {
  const piece = value.slice(4, 20);
  return [
    ...new Set([
      piece,
      encodeURIComponent(piece),
      lowerHex(piece),
      new URLSearchParams({ v: piece }).toString().slice(2),
    ]),
  ];
}

describe('tokens echoed by a server are masked by value', () => {
  let sb: Sandbox;
  let echo: HostileServer;
  let base = '';
  let answer: (req: IncomingMessage) => Answer = () => text(500, 'unset');
  let refreshAnswer: Answer = text(503, 'busy');
  let auth: AuthService;
  let held: Tokens[] = [];
  let current: Tokens = { a: '', r: '' };

  before(async () => {
    sb = await sandbox();
    echo = await hostileServer((req, res) => {
      req.resume();
      req.on('end', () => {
        // A refresh after an echoed 401 fails as a network error: the session is kept.
        const a = req.url === '/v1/auth/refresh' ? refreshAnswer : answer(req);
        res.writeHead(a.status, { 'content-type': a.type });
        res.end(a.body);
      });
    });
  });
  after(async () => {
    await echo.close();
    await sb.close();
  });

  /** The echoing server plays the API that issued the session (a token only goes to its own
   *  origin): the stored session is moved to that origin, then back. */
  async function sessionAt(url: string): Promise<void> {
    const s = auth.storedSession;
    if (s) await auth.store.save({ ...s, origin: new URL(url).origin });
  }

  // Each test starts from its own sign-in (a token pair pasted from the sandbox) and ends signed
  // out, so that none depends on what another left (the order is shuffled once to prove it).
  beforeEach(async () => {
    base = sb.url;
    answer = () => text(500, 'unset');
    refreshAnswer = text(503, 'busy');
    auth = new AuthService({ secrets: new MemorySecretStore(), baseUrl: () => base, clientId: () => '' });
    const issued = (await (await fetch(`${sb.url}/sandbox/tokens`, { method: 'POST' })).json()) as {
      access_token: string;
      refresh_token: string;
    };
    await auth.signInWithPastedText(JSON.stringify({ ...issued, expires_in: 3600 }));
    current = { a: issued.access_token, r: issued.refresh_token };
    held = [current];
  });
  afterEach(async () => {
    base = sb.url;
    await auth.signOut().catch(() => undefined);
    auth.dispose();
  });

  async function runCases(label: string): Promise<number> {
    base = echo.url;
    await sessionAt(echo.url);
    const lines: string[] = [];
    const client = new KallyClient({
      baseUrl: () => base,
      tokenSource: auth,
      retry: { retries: 0 },
      log: (l) => lines.push(l),
    });
    auth.refresher.reset();
    let count = 0;
    for (const c of echoCases(() => current)) {
      answer = (req) => c.answer(current, req);
      lines.length = 0;
      let error: KallyApiError | undefined;
      try {
        await c.run(client);
      } catch (e) {
        error = e as KallyApiError;
      }
      assert.ok(error instanceof KallyApiError, `${label}: ${c.name}: expected a KallyApiError`);
      assert.ok(lines.length >= 1, `${label}: ${c.name}: a log line`);
      const outputs = [error.message, error.serverMessage ?? '', ...lines];
      for (const token of [current.a, current.r]) {
        for (const form of leakForms(token)) {
          for (const out of outputs) assert.ok(!out.includes(form), `${label}: ${c.name}: leaked "${form}" in: ${out}`);
        }
      }
      count++;
    }
    base = sb.url;
    await sessionAt(sb.url);
    auth.refresher.reset(); // forget the back-off of the refresh the echoed 401 set off
    return count;
  }

  it('a pasted sign-in: 25 echo cases, none leaks', async () => {
    assert.equal(await runCases('pasted'), 25);
  });

  it('after a refresh rotated both tokens: 25 echo cases, none leaks (old ones neither)', async () => {
    const before = current;
    const fresh = await auth.refreshAfterUnauthorized(before.a);
    assert.ok(fresh && fresh !== before.a);
    current = { a: auth.session!.tokens.accessToken, r: auth.session!.tokens.refreshToken! };
    assert.notEqual(current.r, before.r);
    held.push(current);
    assert.equal(await runCases('rotated'), 25);
    current = before;
    assert.equal(await runCases('rotated-old'), 25);
  });

  it('opaque tokens with "/", "+" and "=": 25 echo cases, none leaks', async () => {
    const opaque = {
      accessToken: 'ya29.A0Zq/x+Yw==acc3ss-opaque-value',
      refreshToken: '1//0gRf+Tq/Zz==refresh-opaque-value',
      expiresAt: Date.now() + 3_600_000,
    };
    await auth.store.save(newSession(opaque, 'paste', base));
    current = { a: opaque.accessToken, r: opaque.refreshToken };
    held.push(current);
    assert.equal(await runCases('opaque'), 25);
  });

  it('a refresh refused after a 401 ends the session, and its tokens stay masked in that error', async () => {
    refreshAnswer = json(401, { error: { code: 'token_expired', message: `refresh token ${current.r} is revoked` } });
    base = echo.url;
    await sessionAt(echo.url);
    const lines: string[] = [];
    const client = new KallyClient({
      baseUrl: () => base,
      tokenSource: auth,
      retry: { retries: 0 },
      log: (l) => lines.push(l),
    });
    auth.refresher.reset();
    answer = () => json(401, { detail: `Could not validate ${current.a} (refresh with ${current.r})` });
    const error = await client.execute(ops.calls.list).catch((e: unknown) => e as KallyApiError);
    base = sb.url;
    assert.ok(error instanceof KallyApiError && error.status === 401);
    assert.equal(auth.storedSession, undefined, 'the session ended');
    for (const out of [error.message, error.serverMessage ?? '', ...lines]) {
      for (const token of [current.a, current.r])
        for (const form of leakForms(token)) assert.ok(!out.includes(form), out);
    }
  });

  it('a pasted token echoed while it is being checked is masked, and forgotten once refused', async () => {
    const pasted = 'pat_Echoed/While+Checked==0123456789';
    const registeredBefore = secretCount();
    base = echo.url;
    answer = () => json(400, { error: { code: 'weird_check', message: `token ${pasted} is not known here` } });
    const failure = await auth.signInWithPastedText(pasted).catch((e: unknown) => e as Error);
    base = sb.url;
    assert.ok(failure instanceof Error);
    const chain = [failure.message, (failure.cause as Error | undefined)?.message ?? ''];
    for (const out of chain) for (const form of leakForms(pasted)) assert.ok(!out.includes(form), out);
    assert.ok(!auth.session || auth.session.tokens.accessToken !== pasted, 'not adopted');
    assert.equal(secretCount(), registeredBefore, 'the refused token is no longer registered');
  });

  it('sign-out forgets every token it held', async () => {
    // It held the pasted pair, then the pair a refresh rotated it to.
    const fresh = await auth.refreshAfterUnauthorized(current.a);
    assert.ok(fresh && fresh !== current.a);
    held.push({ a: auth.session!.tokens.accessToken, r: auth.session!.tokens.refreshToken! });
    assert.ok(secretCount() >= held.length * 2);
    await auth.signOut();
    assert.equal(secretCount(), 0);
  });
});
