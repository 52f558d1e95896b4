/** The `kallyai` authentication provider: adapts AuthService (the vscode-free sign-in core) to
 *  VS Code — Accounts menu, progress, pickers, prompts, the `kallyai.signedIn` context key, the
 *  `vscode://` URI handler for OAuth. Tokens live only in `context.secrets`.
 *  Signed in means signed in to the API address in `kallyai.apiBaseUrl`: when the setting moves to
 *  another origin, this window is signed out there (the session is kept, unused, for when the
 *  setting comes back) and one message offers to sign in for the new address; a plain http
 *  address on another computer is refused with a message, and nothing is sent to it. */
import * as vscode from 'vscode';
import { describeError, t } from '../format';
import { Disposables } from '../platform/disposables';
import { externalAddress, openExternalUrl } from '../platform/openExternal';
import type { TokenSource } from '../api/tokenSource';
import type { Log } from '../platform/log';
import type { Settings } from '../platform/settings';
import { AuthFlowError, isCancellation } from './authErrors';
import { AuthService } from './authService';
import { SIGN_IN_FLOWS, signInFlow, type FlowHost, type SignInFlow } from './signInFlows';
import type { SignInMethod, StoredSession } from './sessionStore';
import { accountIdFromAccessToken, emailFromAccessToken } from './tokens';
import { notificationText, plainText } from '../format/sinks';
import { info, notify, warn, withNotificationProgress } from '../platform/notify';
import { askOnce, pickItems, pickOne, type PickChoice } from '../platform/quickInput';

export const AUTH_PROVIDER_ID = 'kallyai';
export const KEYRING_DOCS_URL =
  'https://code.visualstudio.com/docs/configure/settings-sync#_troubleshooting-keychain-issues';
/** globalState flag (never a token): the CLI sign-in was offered once already. */
export const CLI_IMPORT_OFFERED_KEY = 'kallyai.cliImportOffered';
const SIGN_IN_AGAIN_COOLDOWN_MS = 15 * 60_000;
const OAUTH_CALLBACK_PATH = '/auth/callback';
/** The scopes of every KallyAI session, and of the request that puts "Sign in with KallyAI to use
 *  KallyAI" in the Accounts menu. Not empty: VS Code removes that entry once a session with the
 *  requested scopes is added, and newer versions (1.139) read an empty list back as [''], which
 *  no session matches, so the entry and its badge stayed after signing in. */
export const SESSION_SCOPES: readonly string[] = ['kallyai'];

export interface KallyAccount {
  /** Stable per account (the token's subject), never a secret: keys what is kept per account. */
  readonly id: string;
  /** The email claim of the token, else "KallyAI account". */
  readonly label: string;
  /** Access-token expiry, ms epoch. */
  readonly expiresAt: number;
  readonly method: SignInMethod;
  /** False when the OS keyring refused the session: it lasts for this window only. */
  readonly persisted: boolean;
}

export interface KallyAuth extends TokenSource {
  readonly isSignedIn: boolean;
  readonly onDidChangeSignIn: vscode.Event<boolean>;
  /** Signs in (the default way unless `method` says otherwise); false when it did not happen. */
  signIn(method?: SignInMethod): Promise<boolean>;
  signOut(): Promise<void>;
  /** Who is signed in (no tokens); undefined when signed out. */
  readonly account: KallyAccount | undefined;
  /** Settles once the stored session has been read at start-up (no network). */
  readonly ready: Promise<void>;
  /** Fires with each sign-in address handed to the browser. A test seam (the integration test
   *  follows the address as a browser would); carries a one-time `state`, never a token. */
  readonly onDidOpenSignInPage: vscode.Event<string>;
}

function toVscodeSession(s: StoredSession): vscode.AuthenticationSession {
  return {
    id: s.id,
    accessToken: s.tokens.accessToken,
    account: { id: accountIdFromAccessToken(s.tokens.accessToken), label: accountLabel(s) },
    scopes: SESSION_SCOPES,
  };
}

function accountLabel(s: StoredSession): string {
  return emailFromAccessToken(s.tokens.accessToken) ?? t('KallyAI account');
}

class KallyAuthProvider extends Disposables implements vscode.AuthenticationProvider, KallyAuth {
  private readonly sessionsEmitter =
    new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  private readonly signInEmitter = new vscode.EventEmitter<boolean>();
  private readonly pageEmitter = new vscode.EventEmitter<string>();
  readonly onDidChangeSessions = this.sessionsEmitter.event;
  readonly onDidChangeSignIn = this.signInEmitter.event;
  readonly onDidOpenSignInPage = this.pageEmitter.event;
  readonly ready: Promise<void>;
  private known: StoredSession | undefined;
  /** The last API address a message was shown for (one message per change). */
  private noticedAddress: string | undefined;
  private keyringWarned = false;
  private lastSignInAgainPrompt = -Infinity;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
    private readonly service: AuthService,
  ) {
    super();
    this.own(service, this.sessionsEmitter, this.signInEmitter, this.pageEmitter);
    this.own(service.onDidChangeSession(() => this.sync(this.service.session)));
    this.own(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kallyai.apiBaseUrl')) void this.ready.then(() => this.addressChanged());
      }),
    );
    this.own(service.onDidEndSession((e) => void this.promptSignInAgain(describeError(e).sentence)));
    this.own(service.onKeyringUnavailable(() => void this.warnKeyring()));
    // Reading secrets is asynchronous; activation does not wait for it, and no network is used.
    this.ready = service.initialise().then(
      (s) => this.afterStart(s),
      (e) => this.log.error('Could not read the KallyAI session', e),
    );
  }

  get isSignedIn(): boolean {
    return this.service.session !== undefined;
  }

  get account(): KallyAccount | undefined {
    const s = this.service.session;
    return (
      s && {
        id: accountIdFromAccessToken(s.tokens.accessToken),
        label: accountLabel(s),
        expiresAt: s.tokens.expiresAt,
        method: s.method,
        persisted: this.service.store.persistent,
      }
    );
  }

  getToken(origin?: string): Promise<string | undefined> {
    return this.service.getToken(origin);
  }

  refreshAfterUnauthorized(rejectedToken: string, origin?: string): Promise<string | undefined> {
    return this.service.refreshAfterUnauthorized(rejectedToken, origin);
  }

  // ---------- vscode.AuthenticationProvider ----------

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    await this.ready;
    // No network here (VS Code asks at start-up); API calls renew the token through getToken.
    const s = this.service.session;
    return s ? [toVscodeSession(s)] : [];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    await this.ready;
    return toVscodeSession(await this.runSignIn(this.defaultMethod()));
  }

  async removeSession(sessionId: string): Promise<void> {
    if (this.service.session?.id !== sessionId) return;
    await this.service.signOut();
    this.log.info('Signed out of KallyAI.');
  }

  // ---------- KallyAuth ----------

  async signIn(method?: SignInMethod): Promise<boolean> {
    await this.ready;
    try {
      await this.runSignIn(method ?? this.defaultMethod());
      return true;
    } catch {
      return false;
    }
  }

  /** Signs out of the stored session, whichever API address it belongs to. */
  async signOut(): Promise<void> {
    if (!this.service.storedSession) return;
    await this.service.signOut();
    this.log.info('Signed out of KallyAI.');
  }

  // ---------- sign-in ----------

  private defaultMethod(): SignInMethod {
    return this.service.oauthConfigured ? 'oauth' : 'browser';
  }

  /** Runs one way in; when it fails, offers the others (without holding this promise open). */
  private async runSignIn(method: SignInMethod): Promise<StoredSession> {
    try {
      const session = await this.signInWith(method);
      void info(notificationText(t('Signed in to KallyAI as {0}.', accountLabel(session))));
      return session;
    } catch (e) {
      if (e instanceof AuthFlowError && !isCancellation(e)) this.log.warn(`Sign-in (${method}) failed: ${e.message}`);
      void this.offerAnotherWay(e, method);
      throw isCancellation(e) ? new vscode.CancellationError() : e;
    }
  }

  private signInWith(method: SignInMethod): Promise<StoredSession> {
    return signInFlow(method).run(this.flowHost);
  }

  /** What the sign-in flows (signInFlows.ts) ask of this window. */
  private get flowHost(): FlowHost {
    return {
      service: this.service,
      inBrowser: (title, run) => this.inBrowser(title, run),
      withProgress: (title, run) => this.withProgress(title, run),
      oauthRedirectUri: async () => {
        const callback = vscode.Uri.parse(
          `${vscode.env.uriScheme}://${this.context.extension.id}${OAUTH_CALLBACK_PATH}`,
        );
        return (await vscode.env.asExternalUri(callback)).toString(true);
      },
      askToken: () =>
        askOnce({
          title: t('Sign in to KallyAI with a token'),
          prompt: t(
            'Paste the token from kallyai.com → Settings → Developer → API Tokens (the JSON or the access token).',
          ),
          placeholder: '{"access_token": "…", "refresh_token": "…", "expires_in": 3600}',
          password: true,
        }),
    };
  }

  private async inBrowser(
    title: string,
    run: (hooks: {
      openBrowser(url: string): Promise<boolean>;
      externalUri(url: string): Promise<string>;
      signal: AbortSignal;
    }) => Promise<StoredSession>,
  ): Promise<StoredSession> {
    return await withNotificationProgress(
      notificationText(title),
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        progress.report({
          message: notificationText(t('Finish signing in in the browser tab that opened. Cancel to try another way.')),
        });
        return run({
          signal: abort.signal,
          openBrowser: async (url) => {
            this.pageEmitter.fire(url);
            return openExternalUrl(url, { map: vscode.env.uiKind === vscode.UIKind.Web });
          },
          externalUri: externalAddress,
        }).finally(() => sub.dispose());
      },
      true,
    );
  }

  private async withProgress<T>(title: string, run: () => Promise<T>): Promise<T> {
    return withNotificationProgress(notificationText(title), run);
  }

  /** "Having trouble? Try another way": a quick pick of the other ways in. */
  private async offerAnotherWay(error: unknown, failed: SignInMethod): Promise<void> {
    const reason = isCancellation(error)
      ? t('Sign-in was cancelled.')
      : t('KallyAI sign-in failed: {0}', describeError(error).sentence);
    const tryAnother = plainText(t('Try Another Way'));
    // The reason may carry the server's words: no link can form.
    if (
      (await notify(
        isCancellation(error) ? 'info' : 'warning',
        notificationText(`${reason} ${t('Having trouble?')}`),
        tryAnother,
      )) !== tryAnother
    )
      return;
    const method = await this.pickMethod(failed);
    if (method) await this.signIn(method);
  }

  private async pickMethod(failed?: SignInMethod): Promise<SignInMethod | undefined> {
    const offered = await Promise.all(
      SIGN_IN_FLOWS.map(async (f) => ((await f.applies(this.service)) ? f : undefined)),
    );
    const items: PickChoice<SignInMethod>[] = offered
      .filter((f): f is SignInFlow => f !== undefined)
      .map((f) => ({ value: f.method, icon: f.icon, label: f.label(), detail: f.detail(this.service) }));
    return pickOne({
      title: t('Having trouble? Try another way to sign in to KallyAI'),
      placeholder: t('How do you want to sign in?'),
      items: pickItems(
        items.map((item) => (item.value === failed ? { ...item, description: t('did not work just now') } : item)),
      ),
    });
  }

  // ---------- state and prompts ----------

  private afterStart(stored: StoredSession | undefined): void {
    const session = this.service.session;
    this.sync(session);
    if (!session) {
      this.requestAccountsMenuEntry();
      // A refused address, or a sign-in kept for another one, is said once at start-up too.
      this.noticeAddress();
      if (!stored) void this.offerCliImportOnce();
    }
  }

  /** `kallyai.apiBaseUrl` changed: signed in or out for the new address, and one message. */
  private addressChanged(): void {
    this.service.addressChanged();
    this.sync(this.service.session);
    this.noticeAddress();
  }

  /** One message per new address: a refused address, or a sign-in that belongs elsewhere. */
  private noticeAddress(): void {
    const address = this.service.address();
    const stored = this.service.storedSession;
    const key = address.ok ? address.origin : `${address.reason}:${this.service.baseUrl}`;
    if (key === this.noticedAddress) return;
    this.noticedAddress = key;
    if (!address.ok) {
      if (address.reason === 'insecure') void this.warnInsecureAddress(hostOf(this.service.baseUrl));
      return;
    }
    if (stored && stored.origin !== address.origin)
      void this.offerSignInFor(hostOf(address.origin), hostOf(stored.origin));
  }

  private async warnInsecureAddress(host: string): Promise<void> {
    const open = plainText(t('Open Settings'));
    const choice = await warn(
      notificationText(
        t(
          'KallyAI does not use {0}: the kallyai.apiBaseUrl setting is a plain http address on another computer, and KallyAI is reached over https only (http only on this computer, for a local sandbox). Nothing is sent there.',
          host,
        ),
      ),
      open,
    );
    if (choice === open) await vscode.commands.executeCommand('workbench.action.openSettings', 'kallyai.apiBaseUrl');
  }

  private async offerSignInFor(host: string, sessionHost: string): Promise<void> {
    const signIn = plainText(t('Sign In'));
    const choice = await info(
      notificationText(
        t(
          'KallyAI now uses {0}. Your sign-in is for {1} and is never sent to another address: sign in to use {0}.',
          host,
          sessionHost,
        ),
      ),
      signIn,
    );
    if (choice === signIn) await this.signIn();
  }

  /** Turns a stored-session change (this window or another) into VS Code events and the context key. */
  private sync(next: StoredSession | undefined): void {
    const prev = this.known;
    this.known = next;
    void vscode.commands.executeCommand('setContext', 'kallyai.signedIn', next !== undefined);
    if (prev === next) return;
    const added = next && (!prev || prev.id !== next.id) ? [toVscodeSession(next)] : [];
    const removed = prev && (!next || prev.id !== next.id) ? [toVscodeSession(prev)] : [];
    const changed = prev && next && prev.id === next.id ? [toVscodeSession(next)] : [];
    if (added.length + removed.length + changed.length === 0) return;
    this.sessionsEmitter.fire({ added, removed, changed });
    if (!prev !== !next) {
      this.signInEmitter.fire(next !== undefined);
      if (!next) this.requestAccountsMenuEntry();
    }
  }

  /** Puts "Sign in with KallyAI to use KallyAI" in the Accounts menu (VS Code's own entry). */
  private requestAccountsMenuEntry(): void {
    vscode.authentication
      .getSession(AUTH_PROVIDER_ID, SESSION_SCOPES, { createIfNone: false })
      .then(undefined, () => undefined);
  }

  private async offerCliImportOnce(): Promise<void> {
    const state = this.context.globalState;
    if (state.get<boolean>(CLI_IMPORT_OFFERED_KEY) || !(await this.service.cliTokenFileExists()) || this.isSignedIn)
      return;
    await state.update(CLI_IMPORT_OFFERED_KEY, true);
    const use = plainText(t('Use CLI Sign-In'));
    const choice = await info(
      notificationText(
        t(
          "You are signed in to the kallyai command-line tool. Use the same KallyAI account in VS Code? (The CLI's file is only read, never changed.)",
        ),
      ),
      use,
      plainText(t('Not Now')),
    );
    if (choice === use) await this.signIn('cli');
  }

  /** One "Sign in again" prompt per ended session, with a cooldown so polling never repeats it. */
  private async promptSignInAgain(message: string): Promise<void> {
    const now = Date.now();
    if (now - this.lastSignInAgainPrompt < SIGN_IN_AGAIN_COOLDOWN_MS) return;
    this.lastSignInAgainPrompt = now;
    const again = plainText(t('Sign In Again'));
    if ((await warn(notificationText(message), again)) === again) await this.signIn();
  }

  private async warnKeyring(): Promise<void> {
    if (this.keyringWarned) return;
    this.keyringWarned = true;
    const learnMore = plainText(t('Learn More'));
    const choice = await warn(
      notificationText(
        t('KallyAI could not save your sign-in in the system keyring: you are signed in for this window only.'),
      ),
      learnMore,
    );
    if (choice === learnMore) await openExternalUrl(KEYRING_DOCS_URL);
  }

  /** For the URI handler. */
  handleUri(uri: vscode.Uri): void {
    if (uri.path !== OAUTH_CALLBACK_PATH) return;
    if (!this.service.handleOAuthCallback(uri.query))
      this.log.info('Ignored a sign-in callback that belongs to no sign-in in progress.');
  }
}

function hostOf(address: string): string {
  try {
    return new URL(address).host || address;
  } catch {
    return address;
  }
}

/** Registers the `kallyai` authentication provider and its URI handler; returns the sign-in state. */
export function registerAuth(context: vscode.ExtensionContext, log: Log, settings: () => Settings): KallyAuth {
  const service = new AuthService({
    secrets: context.secrets,
    baseUrl: () => settings().apiBaseUrl,
    clientId: () => settings().oauthClientId,
    userAgent: `KallyAI-VSCode/${context.extension.packageJSON.version}`,
    log: (line) => log.info(line),
    requestLog: (line) => log.debug(line),
  });
  const provider = new KallyAuthProvider(context, log, service);
  context.subscriptions.push(
    provider,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, 'KallyAI', provider, {
      supportsMultipleAccounts: false,
    }),
    vscode.window.registerUriHandler({ handleUri: (uri) => provider.handleUri(uri) }),
  );
  return provider;
}
