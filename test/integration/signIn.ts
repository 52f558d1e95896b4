// Signs the extension in to the launcher's sandbox (started with --auto-approve), the way a user
// does, and waits until vscode.authentication.getSession('kallyai', [], { silent: true }) returns
// the session.
//
// Route: VS Code's Accounts-menu entry "Sign in with KallyAI to use KallyAI" (the provider puts it
// there whenever it is signed out). Running it signs in through the provider AND records that this
// extension may read the session, which `getSession({ silent: true })` requires; `kallyai.signIn`
// (or auth.signIn) signs in too but grants no such access, so it is only the fallback when the
// menu entry is missing. Either way the loopback flow hands the sandbox's sign-in address to
// `openExternal`; the auth provider announces it on `onDidOpenSignInPage` (its test seam) and we
// follow it with fetch, as the browser tab would. Whichever reaches the listener first wins.
import * as vscode from 'vscode';
import { activateExtension, clearSandboxFaults, resetSandbox, waitFor, type ActivatedExtension } from './helpers';

interface AuthLike {
  readonly isSignedIn: boolean;
  readonly ready?: Promise<void>;
  readonly onDidOpenSignInPage?: vscode.Event<string>;
  signIn(method?: string): Promise<boolean>;
  signOut(): Promise<void>;
  getToken(): Promise<string | undefined>;
}

const ACCOUNTS_MENU_SIGN_IN = /^kallyai:kallyai\.kallyai:signIn\d+$/i;

/** The extension's KallyAuth (exports.services.auth). */
export async function extensionAuth(): Promise<AuthLike> {
  const exports = await activateExtension();
  const auth: AuthLike = exports.services.auth;
  await auth.ready;
  return auth;
}

async function sessionPresent(): Promise<boolean> {
  const session = await vscode.authentication.getSession('kallyai', [], { silent: true });
  return session !== undefined;
}

async function accountsMenuSignIn(): Promise<string | undefined> {
  return (await vscode.commands.getCommands()).find((c) => ACCOUNTS_MENU_SIGN_IN.test(c));
}

/** Resolves once the extension is signed in and VS Code hands this extension the `kallyai` session. */
export async function ensureSignedIn(timeoutMs = 30_000): Promise<void> {
  const auth = await extensionAuth();
  if (auth.isSignedIn && (await sessionPresent())) return;
  // Signed in without access granted to this extension (e.g. through kallyai.signIn): sign in
  // again through the Accounts menu, which grants it.
  if (auth.isSignedIn) {
    await auth.signOut();
    await waitFor(() => !auth.isSignedIn, timeoutMs, 'sign-out');
  }
  // The Accounts-menu entry signs in the default way, which is OAuth when kallyai.oauth.clientId
  // is set; its vscode:// callback cannot be followed from here, so then sign in with the browser flow.
  const oauthConfigured = !!vscode.workspace.getConfiguration('kallyai').get<string>('oauth.clientId');
  const menu = oauthConfigured
    ? undefined
    : await waitFor(accountsMenuSignIn, 5_000, 'the Accounts menu sign-in entry').catch(() => undefined);
  const follow = auth.onDidOpenSignInPage?.((url) => {
    // The sandbox answers with a 302 to the loopback listener; fetch follows it like a browser.
    void fetch(url, { redirect: 'follow' })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
  });
  try {
    const registered = (await vscode.commands.getCommands(true)).includes('kallyai.signIn');
    const started: Thenable<unknown> = menu
      ? vscode.commands.executeCommand(menu)
      : registered
        ? vscode.commands.executeCommand('kallyai.signIn', 'browser')
        : auth.signIn('browser');
    void Promise.resolve(started).catch(() => undefined);
    await waitFor(() => auth.isSignedIn, timeoutMs, 'the extension to be signed in to the sandbox');
  } finally {
    follow?.dispose();
  }
  await waitFor(
    sessionPresent,
    timeoutMs,
    'vscode.authentication.getSession("kallyai", [], { silent: true }) to return a session',
  );
}

/** The start of a suite that works on the sandbox's data: the extension active and signed in, no
 *  faults injected, the sandbox at its seed data. Returns what `activate()` returned. */
export async function signInToFreshSandbox(): Promise<ActivatedExtension> {
  await ensureSignedIn();
  await clearSandboxFaults();
  await resetSandbox();
  return activateExtension();
}
