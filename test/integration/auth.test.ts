// Sign-in in the real extension host, against the launcher's sandbox (auto-approve):
// the Accounts menu's "Sign in with KallyAI" runs the loopback flow; the test plays the browser by
// following the address the extension hands to vscode.env.openExternal (seam:
// `services.auth.onDidOpenSignInPage`). Then: getSession finds the session, a reload (a fresh read
// of context.secrets) keeps it, a forced expiry is renewed silently on the next API call, tokens
// never reach settings, global state or the KallyAI log, and sign-out removes the session.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ops } from '../../src/api/catalogue';
import type { KallyClient } from '../../src/api/client';
import { AuthService } from '../../src/auth/authService';
import type { KallyAuth } from '../../src/auth/provider';
import { SessionStore } from '../../src/auth/sessionStore';
import { activateExtension, clearSandboxRequests, sandboxJson, sandboxRequests, sandboxUrl, waitFor } from './helpers';

interface TestServices {
  context: vscode.ExtensionContext;
  client: KallyClient;
  auth: KallyAuth;
}

const ACCOUNTS_MENU_SIGN_IN = /^kallyai:kallyai\.kallyai:signIn\d+$/i;

async function accountsMenuSignInCommand(): Promise<string | undefined> {
  return (await vscode.commands.getCommands()).find((c) => ACCOUNTS_MENU_SIGN_IN.test(c));
}

/** Every token value this run has seen (access and refresh), to look for leaks. */
const seenTokens = new Set<string>();

async function rememberStoredTokens(services: TestServices): Promise<void> {
  const session = await new SessionStore(services.context.secrets).load();
  if (session) {
    seenTokens.add(session.tokens.accessToken);
    if (session.tokens.refreshToken) seenTokens.add(session.tokens.refreshToken);
  }
}

async function refreshRequests(): Promise<number> {
  return (await sandboxRequests()).filter((r) => r.path === '/v1/auth/refresh').length;
}

suite('Sign-in: the kallyai authentication provider', () => {
  let services: TestServices;

  suiteSetup(async () => {
    services = (await activateExtension()).services as TestServices;
    await services.auth.ready;
    if (services.auth.isSignedIn) await services.auth.signOut();
  });

  test('signs in from the Accounts menu through the loopback flow; getSession returns the session', async () => {
    // Signed out at start-up, the extension asked VS Code for a session, which put
    // "Sign in with KallyAI to use KallyAI" in the Accounts menu: this is that entry's command.
    const menuCommand = await waitFor(accountsMenuSignInCommand, 15_000, 'the Accounts menu sign-in entry');
    const opened = new Promise<string>((resolve) => {
      const sub = services.auth.onDidOpenSignInPage((url) => {
        sub.dispose();
        resolve(url);
      });
    });
    const signedIn = new Promise<void>((resolve) => {
      const sub = services.auth.onDidChangeSignIn((on) => {
        if (on) {
          sub.dispose();
          resolve();
        }
      });
    });
    const running = vscode.commands.executeCommand(menuCommand);

    // The browser's part: KallyAI's sign-in page redirects (auto-approve) to the loopback listener.
    const signInUrl = await opened;
    assert.ok(signInUrl.startsWith(`${sandboxUrl()}/v1/auth/cli?`), signInUrl);
    const page = await fetch(signInUrl, { redirect: 'manual' });
    assert.equal(page.status, 302);
    const callback = page.headers.get('location');
    assert.ok(callback);
    // The workbench may also have opened the address in a real tab that got there first; then
    // this second visit finds the listener closed, which is fine: one callback is taken.
    await fetch(callback, { redirect: 'manual' }).catch(() => undefined);

    await running;
    await signedIn;
    assert.equal(services.auth.isSignedIn, true);
    assert.equal(services.auth.account?.label, 'demo@kallyai.test');

    const session = await vscode.authentication.getSession('kallyai', [], { silent: true });
    assert.ok(session, 'getSession finds the session (the Accounts-menu sign-in granted this extension access)');
    assert.equal(session.account.label, 'demo@kallyai.test');
    assert.equal(session.accessToken, await services.auth.getToken());
    await rememberStoredTokens(services);
  });

  test('a reload keeps the session: a fresh reader of context.secrets finds it', async () => {
    const current = await vscode.authentication.getSession('kallyai', [], { silent: true });
    assert.ok(current);
    const reread = await new SessionStore(services.context.secrets).load();
    assert.equal(reread?.id, current.id);
    // A whole second sign-in core over the same secrets, as a reloaded window would build.
    const again = new AuthService({ secrets: services.context.secrets, baseUrl: sandboxUrl, clientId: () => '' });
    try {
      const session = await again.initialise();
      assert.equal(session?.id, current.id);
      assert.equal(await again.getToken(), current.accessToken, 'no renewal needed, no network');
    } finally {
      again.dispose();
    }
  });

  test('after a forced expiry the next API call renews the session silently', async () => {
    const before = await vscode.authentication.getSession('kallyai', [], { silent: true });
    assert.ok(before);
    await clearSandboxRequests();
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id === 'kallyai') {
          sub.dispose();
          resolve();
        }
      });
    });
    await sandboxJson('/sandbox/expire-tokens', { method: 'POST', body: {} });

    const balance = await services.client.execute(ops.credits.balance);
    assert.equal(typeof balance.credits_remaining, 'number');
    assert.equal(await refreshRequests(), 1, 'one refresh, then the retried request');
    await changed;
    const after = await vscode.authentication.getSession('kallyai', [], { silent: true });
    assert.ok(after);
    assert.equal(after.id, before.id, 'the same session, renewed');
    assert.notEqual(after.accessToken, before.accessToken);
    await rememberStoredTokens(services);
  });

  test('Account Status shows the account, plan and credits, and no token', async () => {
    const result = await vscode.commands.executeCommand<{ outcome: string; markdown?: string }>(
      'kallyai.accountStatus',
    );
    assert.equal(result?.outcome, 'shown');
    const md = result.markdown ?? '';
    assert.match(md, /demo@kallyai\.test/);
    assert.match(md, /Credits/);
    assert.match(md, /remaining/);
    for (const token of seenTokens) assert.ok(!md.includes(token), 'a token in the Account Status document');
  });

  test('tokens appear in neither settings, global state nor the KallyAI log', async () => {
    assert.ok(seenTokens.size >= 4, `tokens collected: ${seenTokens.size}`);
    const config = vscode.workspace.getConfiguration('kallyai');
    const settingsText = JSON.stringify(Object.keys(config).map((k) => config.inspect(k)));
    const { globalState, workspaceState, logUri } = services.context;
    const stateText = JSON.stringify([
      globalState.keys().map((k) => [k, globalState.get(k)]),
      workspaceState.keys().map((k) => [k, workspaceState.get(k)]),
    ]);
    const logFile = vscode.Uri.joinPath(logUri, 'KallyAI.log');
    const logText = await waitFor(
      async () => {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(logFile));
        return text.includes('Signed in to KallyAI') && text.includes('session renewed') ? text : undefined;
      },
      10_000,
      'the KallyAI log to record the sign-in and the renewal',
    );
    for (const token of seenTokens) {
      assert.ok(!settingsText.includes(token), 'a token in the settings');
      assert.ok(!stateText.includes(token), 'a token in global or workspace state');
      assert.ok(!logText.includes(token), 'a token in the KallyAI log');
    }
  });

  test('with kallyai.oauth.clientId set, signs in with authorization code + PKCE through the vscode:// URI handler', async () => {
    const config = vscode.workspace.getConfiguration('kallyai');
    await services.auth.signOut();
    await config.update('oauth.clientId', 'kallyai-vscode', vscode.ConfigurationTarget.Global);
    try {
      const opened = new Promise<string>((resolve) => {
        const sub = services.auth.onDidOpenSignInPage((url) => {
          sub.dispose();
          resolve(url);
        });
      });
      const signingIn = services.auth.signIn('oauth');
      const authorizeUrl = new URL(await opened);
      assert.equal(authorizeUrl.pathname, '/v1/auth/authorize');
      assert.equal(authorizeUrl.searchParams.get('client_id'), 'kallyai-vscode');
      assert.equal(authorizeUrl.searchParams.get('code_challenge_method'), 'S256');
      // The workbench opened the page in a browser tab; the sandbox approves at once and sends the
      // tab to the extension's callback address, which the workbench hands to the URI handler.
      assert.equal(await signingIn, true);
      assert.equal(services.auth.account?.method, 'oauth');
      assert.equal(services.auth.account?.label, 'demo@kallyai.test');
      assert.ok(
        (await sandboxRequests()).some((r) => r.path === '/v1/auth/gpt/token'),
        'the code was exchanged',
      );
      await rememberStoredTokens(services);
    } finally {
      await config.update('oauth.clientId', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('sign-out removes the session everywhere and puts the Accounts-menu entry back', async () => {
    const removed = new Promise<void>((resolve) => {
      const sub = vscode.authentication.onDidChangeSessions((e) => {
        if (e.provider.id === 'kallyai') {
          sub.dispose();
          resolve();
        }
      });
    });
    await services.auth.signOut();
    await removed;
    assert.equal(services.auth.isSignedIn, false);
    assert.equal(await vscode.authentication.getSession('kallyai', [], { silent: true }), undefined);
    assert.equal(await new SessionStore(services.context.secrets).load(), undefined);
    assert.equal(await services.auth.getToken(), undefined);
    await waitFor(accountsMenuSignInCommand, 15_000, 'the Accounts menu sign-in entry after sign-out');
  });
});
