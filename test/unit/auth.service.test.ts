import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ops } from '../../src/api/catalogue';
import { AuthFlowError } from '../../src/auth/authErrors';
import { AuthService } from '../../src/auth/authService';
import { MemorySecretStore } from '../../src/auth/memorySecretStore';
import { SESSION_KEY } from '../../src/auth/sessionStore';
import { emailFromAccessToken } from '../../src/auth/tokens';
import { describeError } from '../../src/format';
import { askKallyAI, clearRequests, clientFor, requestsTo, sandbox, signIn, visit, type Sandbox } from './auth.helpers';

/** The four ways in, end to end through the vscode-free core the provider wraps. */
describe('AuthService: the four ways to sign in, against the sandbox', () => {
  let sb: Sandbox;
  let dir: string;
  before(async () => {
    sb = await sandbox();
    dir = await mkdtemp(join(tmpdir(), 'kallyai-auth-'));
  });
  after(async () => {
    await sb.close();
    await rm(dir, { recursive: true, force: true });
  });

  const service = (options: Partial<ConstructorParameters<typeof AuthService>[0]> = {}) => {
    const secrets = new MemorySecretStore();
    return {
      secrets,
      auth: new AuthService({
        secrets,
        baseUrl: () => sb.url,
        clientId: () => '',
        cliTokenPath: join(dir, 'none.json'),
        ...options,
      }),
    };
  };

  /** Plays the browser: asks KallyAI and follows its redirect to the loopback listener. */
  const browser = async (url: string) => {
    const answer = await askKallyAI(url);
    void visit(answer.location!);
    return true;
  };

  test('browser (loopback): signs in, stores only in secret storage, the token works, sign-out forgets it', async () => {
    const { secrets, auth } = service();
    assert.equal(await auth.initialise(), undefined);
    const session = await auth.signInWithBrowser({ openBrowser: browser });
    assert.equal(session.method, 'browser');
    assert.equal(emailFromAccessToken(session.tokens.accessToken), 'demo@kallyai.test');
    assert.deepEqual(secrets.keys(), [SESSION_KEY]);
    const balance = await clientFor(sb.url, auth).execute(ops.credits.balance);
    assert.equal(typeof balance.credits_remaining, 'number');
    await auth.signOut();
    assert.equal(auth.session, undefined);
    assert.equal(await auth.getToken(), undefined);
    assert.deepEqual(secrets.keys(), []);
    auth.dispose();
  });

  test('OAuth (PKCE): the vscode:// callback completes the sign-in; a foreign callback is ignored', async () => {
    const { auth } = service({ clientId: () => 'kallyai-vscode' });
    await auth.initialise();
    assert.equal(auth.oauthConfigured, true);
    let callback = '';
    const session = await auth.signInWithOAuth({
      redirectUri: 'vscode://kallyai.kallyai/auth/callback',
      openBrowser: async (url) => {
        callback = (await askKallyAI(url)).location!;
        assert.equal(auth.handleOAuthCallback('code=x&state=not-ours'), false);
        assert.equal(auth.handleOAuthCallback(new URL(callback).search), true);
        return true;
      },
    });
    assert.equal(session.method, 'oauth');
    assert.equal(auth.handleOAuthCallback(new URL(callback).search), false, 'a replayed callback is stale');
    auth.dispose();
  });

  test('OAuth times out when no callback arrives', async () => {
    const { auth } = service({ clientId: () => 'kallyai-vscode', flowTimeoutMs: 50 });
    await auth.initialise();
    await assert.rejects(
      auth.signInWithOAuth({ redirectUri: 'vscode://kallyai.kallyai/auth/callback', openBrowser: async () => true }),
      (e: AuthFlowError) => e.code === 'timeout',
    );
    auth.dispose();
  });

  test('paste: the JSON is checked with one API call before it is kept; a refused token is not kept', async () => {
    const tokens = await signIn(sb.url);
    const { auth } = service();
    await auth.initialise();
    const session = await auth.signInWithPastedText(
      JSON.stringify({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expires_in: 3600 }),
    );
    assert.equal(session.method, 'paste');
    assert.equal(session.tokens.refreshToken, tokens.refreshToken);

    const other = service();
    await other.auth.initialise();
    await assert.rejects(
      other.auth.signInWithPastedText(`${tokens.accessToken.slice(0, -4)}AAAA`),
      (e: AuthFlowError) => e.code === 'token_rejected',
    );
    assert.equal(other.auth.session, undefined);
    await assert.rejects(
      other.auth.signInWithPastedText('not a token'),
      (e: AuthFlowError) => e.code === 'not_a_token',
    );
    auth.dispose();
    other.auth.dispose();
  });

  test('paste: a value with CR/LF or other control characters, or over 16 KB, is "not a KallyAI token", before any request', async () => {
    const tokens = await signIn(sb.url);
    const { auth } = service();
    await auth.initialise();
    const hostile = [
      `${tokens.accessToken.slice(0, 20)}\r\n${tokens.accessToken.slice(20)}`,
      JSON.stringify({ access_token: `${tokens.accessToken}\r\nX-Injected: 1`, expires_in: 3600 }),
      JSON.stringify({
        access_token: tokens.accessToken,
        refresh_token: `${tokens.refreshToken}\u0000`,
        expires_in: 3600,
      }),
      `${tokens.accessToken}\u0085`,
      `${tokens.accessToken}\u007f`,
      'a'.repeat(1024 * 1024),
      JSON.stringify({ access_token: 'a'.repeat(17 * 1024), expires_in: 3600 }),
    ];
    await clearRequests(sb.url);
    for (const text of hostile) {
      await assert.rejects(
        auth.signInWithPastedText(text),
        (e: AuthFlowError) => e.code === 'not_a_token',
        JSON.stringify(text.slice(0, 60)),
      );
      assert.equal(
        describeError(await auth.signInWithPastedText(text).catch((e: unknown) => e)).sentence,
        'This is not a KallyAI token: paste the JSON from Settings → Developer → API Tokens, or the access token itself.',
      );
    }
    assert.deepEqual(await requestsTo(sb.url, '/v1/users/me/subscription'), [], 'nothing was sent');
    assert.equal(auth.session, undefined);
    // A trailing line break from the clipboard is not part of the token.
    const pasted = await auth.signInWithPastedText(`${tokens.accessToken}\r\n`);
    assert.equal(pasted.tokens.accessToken, tokens.accessToken);
    auth.dispose();
  });

  test('kallyai CLI file: an expired CLI token is renewed, checked and kept; the file is untouched', async () => {
    const tokens = await signIn(sb.url);
    const path = join(dir, '.kallyai_token.json');
    const text = JSON.stringify({
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      expires_at: Date.now() / 1000 - 10.5,
    });
    await writeFile(path, text, { mode: 0o600 });
    const { auth } = service({ cliTokenPath: path });
    await auth.initialise();
    assert.equal(await auth.cliTokenFileExists(), true);
    const session = await auth.importCliTokenFile();
    assert.equal(session.method, 'cli');
    assert.notEqual(session.tokens.accessToken, tokens.accessToken, 'renewed, since the file said it had expired');
    assert.ok(session.tokens.expiresAt > Date.now());
    assert.equal(await readFile(path, 'utf8'), text);
    auth.dispose();
  });

  test('kallyai CLI file: readable by others (0644) is refused with the chmod to run, before any request', async () => {
    const tokens = await signIn(sb.url);
    const path = join(dir, 'shared token.json');
    await writeFile(
      path,
      JSON.stringify({
        access_token: tokens.accessToken,
        refresh_token: tokens.refreshToken,
        expires_at: Date.now() / 1000 + 3000,
      }),
      { mode: 0o600 },
    );
    await chmod(path, 0o644);
    const { auth } = service({ cliTokenPath: path });
    await auth.initialise();
    await clearRequests(sb.url);
    const error = await auth.importCliTokenFile().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof AuthFlowError && error.code === 'file_exposed', String(error));
    assert.equal(error.command, `chmod 600 '${path}'`);
    assert.match(
      describeError(error).sentence,
      new RegExp(`Make it private, then import it again: chmod 600 '${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}'$`),
    );
    assert.deepEqual(await requestsTo(sb.url, '/v1/users/me/subscription'), [], 'nothing was sent');
    assert.equal(auth.session, undefined);
    await chmod(path, 0o600);
    assert.equal((await auth.importCliTokenFile()).method, 'cli', 'after the chmod it imports');
    auth.dispose();
  });

  test('a second service over the same secrets (a reload) finds the session without network', async () => {
    const { secrets, auth } = service();
    await auth.initialise();
    const session = await auth.signInWithBrowser({ openBrowser: browser });
    // The sandbox is closed for this window's reads: the token comes from storage alone.
    let fetched = 0;
    const reloaded = new AuthService({
      secrets,
      baseUrl: () => sb.url,
      clientId: () => '',
      fetch: async (...args) => {
        fetched++;
        return fetch(...args);
      },
    });
    assert.equal((await reloaded.initialise())?.id, session.id);
    assert.equal(await reloaded.getToken(), session.tokens.accessToken);
    assert.equal(fetched, 0, 'no network');
    reloaded.dispose();
    auth.dispose();
  });
});
