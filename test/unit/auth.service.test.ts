import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ops } from '../../src/api/catalogue';
import { AuthFlowError } from '../../src/auth/authErrors';
import { AuthService } from '../../src/auth/authService';
import { MemorySecretStore } from '../../src/auth/memorySecretStore';
import { SESSION_KEY } from '../../src/auth/sessionStore';
import { emailFromAccessToken } from '../../src/auth/tokens';
import { askKallyAI, clientFor, sandbox, signIn, visit, type Sandbox } from './auth.helpers';

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
    return { secrets, auth: new AuthService({ secrets, baseUrl: () => sb.url, clientId: () => '', cliTokenPath: join(dir, 'none.json'), ...options }) };
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
    const session = await auth.signInWithPastedText(JSON.stringify({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expires_in: 3600 }));
    assert.equal(session.method, 'paste');
    assert.equal(session.tokens.refreshToken, tokens.refreshToken);

    const other = service();
    await other.auth.initialise();
    await assert.rejects(other.auth.signInWithPastedText(`${tokens.accessToken.slice(0, -4)}AAAA`), (e: AuthFlowError) => e.code === 'token_rejected');
    assert.equal(other.auth.session, undefined);
    await assert.rejects(other.auth.signInWithPastedText('not a token'), (e: AuthFlowError) => e.code === 'invalid_response');
    auth.dispose();
    other.auth.dispose();
  });

  test('kallyai CLI file: an expired CLI token is renewed, checked and kept; the file is untouched', async () => {
    const tokens = await signIn(sb.url);
    const path = join(dir, '.kallyai_token.json');
    const text = JSON.stringify({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, expires_at: Date.now() / 1000 - 10.5 });
    await writeFile(path, text, { mode: 0o600 });
    const { auth } = service({ cliTokenPath: path });
    await auth.initialise();
    assert.equal(await auth.cliTokenFileExists(), true);
    const session = await auth.importCliTokenFile();
    assert.equal(session.method, 'cli');
    assert.deepEqual(session.warnings, [], 'a 0600 file: nothing to warn about');
    assert.notEqual(session.tokens.accessToken, tokens.accessToken, 'renewed, since the file said it had expired');
    assert.ok(session.tokens.expiresAt > Date.now());
    assert.equal(await readFile(path, 'utf8'), text);
    auth.dispose();
  });

  test('a second service over the same secrets (a reload) finds the session without network', async () => {
    const { secrets, auth } = service();
    await auth.initialise();
    const session = await auth.signInWithBrowser({ openBrowser: browser });
    const reloaded = new AuthService({ secrets, baseUrl: () => 'http://127.0.0.1:9', clientId: () => '' });
    assert.equal((await reloaded.initialise())?.id, session.id);
    assert.equal(await reloaded.getToken(), session.tokens.accessToken);
    reloaded.dispose();
    auth.dispose();
  });
});
