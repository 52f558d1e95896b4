// Signs the extension in to the launcher's sandbox (started with --auto-approve), the way a user
// does: `kallyai.signIn` → the loopback flow opens the sandbox's sign-in page → the sandbox
// redirects to the extension's 127.0.0.1 listener with the tokens. The auth provider announces
// each sign-in address on `onDidOpenSignInPage` (its test seam); we follow it with fetch, as the
// browser tab that `openExternal` opens would. Whichever reaches the listener first wins.
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers';

interface AuthLike {
  readonly isSignedIn: boolean;
  readonly ready?: Promise<void>;
  readonly onDidOpenSignInPage?: vscode.Event<string>;
  signIn(method?: string): Promise<boolean>;
  signOut(): Promise<void>;
}

/** The extension's KallyAuth (exports.services.auth). */
export async function extensionAuth(): Promise<AuthLike> {
  const exports = await activateExtension();
  const auth = (exports.services as { auth?: AuthLike } | undefined)?.auth;
  if (!auth) throw new Error('the extension exports no services.auth');
  await auth.ready;
  return auth;
}

async function sessionPresent(): Promise<boolean> {
  const session = await vscode.authentication.getSession('kallyai', [], { silent: true });
  return session !== undefined;
}

/** Resolves once the extension is signed in and VS Code reports a `kallyai` session. */
export async function ensureSignedIn(timeoutMs = 30_000): Promise<void> {
  const auth = await extensionAuth();
  if (!auth.isSignedIn) {
    const follow = auth.onDidOpenSignInPage?.((url) => {
      // The sandbox answers with a 302 to the loopback listener; fetch follows it like a browser.
      void fetch(url, { redirect: 'follow' }).then((r) => r.arrayBuffer()).catch(() => undefined);
    });
    try {
      const registered = (await vscode.commands.getCommands(true)).includes('kallyai.signIn');
      const started: Thenable<unknown> = registered ? vscode.commands.executeCommand('kallyai.signIn') : auth.signIn('browser');
      void Promise.resolve(started).catch(() => undefined);
      await waitFor(() => auth.isSignedIn, timeoutMs, 'the extension to be signed in to the sandbox');
    } finally {
      follow?.dispose();
    }
  }
  await waitFor(sessionPresent, timeoutMs, 'vscode.authentication.getSession("kallyai") to return a session');
}
