/** Everything about being signed in to KallyAI that does not need VS Code: the four ways to sign
 *  in, the stored session, renewal on a timer and on demand, sign-out. The provider
 *  (provider.ts) adds the UI and the `vscode.AuthenticationProvider` around it. */
import { KallyClient } from '../api/client';
import { forgetSecret, registerSecret } from '../api/secretValues';
import type { TokenSource } from '../api/tokenSource';
import { exchangeAuthorizationCode, requestRefresh, verifyAccessToken } from './authApi';
import { AuthFlowError } from './authErrors';
import { cliTokenFileExists, defaultCliTokenPath, readCliTokenFile } from './cliTokenFile';
import { LOOPBACK_TIMEOUT_MS, runLoopbackSignIn } from './loopbackFlow';
import { PkceFlow } from './pkceFlow';
import { Refresher, type SessionEnded } from './refresher';
import { KeyringUnavailableError, newSession, SessionStore, type SecretStoreLike, type SessionChangeOrigin, type SignInMethod, type StoredSession } from './sessionStore';
import { parsePastedToken } from './tokenPaste';
import { isExpiring, type TokenSet } from './tokens';

export interface AuthServiceOptions {
  secrets: SecretStoreLike;
  /** API base URL without `/v1`, read on each use. */
  baseUrl: () => string;
  /** The `kallyai.oauth.clientId` setting, read on each use ('' = not configured). */
  clientId: () => string;
  userAgent?: string;
  /** Informational lines (never tokens). */
  log?: (line: string) => void;
  /** Redacted request lines of the auth client. */
  requestLog?: (line: string) => void;
  fetch?: typeof fetch;
  now?: () => number;
  cliTokenPath?: string;
  /** How long a browser sign-in may take (default 5 minutes). */
  flowTimeoutMs?: number;
  /** Renewal margin before expiry (default 60 s). */
  marginMs?: number;
}

export interface BrowserHooks {
  openBrowser: (url: string) => Promise<boolean | void>;
  /** Loopback: maps the callback address for remote windows (vscode.env.asExternalUri). */
  externalUri?: (url: string) => Promise<string>;
  signal?: AbortSignal;
}

export class AuthService implements TokenSource {
  readonly store: SessionStore;
  readonly refresher: Refresher;
  private readonly pkce: PkceFlow;
  private readonly authClient: KallyClient;
  private readonly now: () => number;
  private readonly keyringListeners = new Set<(e: KeyringUnavailableError) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: { dispose(): unknown }[] = [];

  constructor(private readonly options: AuthServiceOptions) {
    this.now = options.now ?? Date.now;
    this.store = new SessionStore(options.secrets, { log: options.log });
    this.authClient = this.clientFor(undefined);
    this.refresher = new Refresher({
      store: this.store,
      refresh: (rt) => requestRefresh(this.authClient, rt, this.now),
      now: this.now,
      marginMs: options.marginMs,
      log: options.log,
      onKeyringUnavailable: (e) => this.reportKeyring(e),
    });
    this.pkce = new PkceFlow({
      baseUrl: options.baseUrl,
      clientId: options.clientId,
      exchange: (p) => exchangeAuthorizationCode(this.authClient, p, this.now),
      now: this.now,
    });
    this.subscriptions.push(this.store.onDidChange(() => this.scheduleRenewal()));
  }

  /** Reads the stored session (no network). */
  async initialise(): Promise<StoredSession | undefined> {
    const session = await this.store.load();
    this.scheduleRenewal();
    return session;
  }

  get session(): StoredSession | undefined {
    return this.store.current;
  }

  onDidChangeSession(listener: (session: StoredSession | undefined, origin: SessionChangeOrigin) => void): { dispose(): void } {
    return this.store.onDidChange(listener);
  }

  onDidEndSession(listener: (e: SessionEnded) => void): { dispose(): void } {
    return this.refresher.onDidEndSession(listener);
  }

  /** The OS keyring refused to store the session (it is kept for this window only). */
  onKeyringUnavailable(listener: (e: KeyringUnavailableError) => void): { dispose(): void } {
    this.keyringListeners.add(listener);
    return { dispose: () => this.keyringListeners.delete(listener) };
  }

  // ---------- TokenSource ----------

  getToken(): Promise<string | undefined> {
    return this.refresher.getAccessToken();
  }

  refreshAfterUnauthorized(rejectedToken: string): Promise<string | undefined> {
    return this.refresher.refreshAfterUnauthorized(rejectedToken);
  }

  // ---------- the four ways in ----------

  get oauthConfigured(): boolean {
    return this.options.clientId().trim() !== '';
  }

  /** Loopback sign-in through the browser (`/v1/auth/cli`). */
  async signInWithBrowser(hooks: BrowserHooks): Promise<StoredSession> {
    const tokens = await runLoopbackSignIn({
      baseUrl: this.options.baseUrl(),
      openBrowser: hooks.openBrowser,
      externalUri: hooks.externalUri,
      signal: hooks.signal,
      timeoutMs: this.options.flowTimeoutMs ?? LOOPBACK_TIMEOUT_MS,
      now: this.now,
    });
    return this.adopt(tokens, 'browser');
  }

  /** Authorization code + PKCE; `redirectUri` is the extension's `vscode://` callback. */
  async signInWithOAuth(hooks: BrowserHooks & { redirectUri: string }): Promise<StoredSession> {
    if (!this.oauthConfigured) throw new AuthFlowError('denied', 'Set kallyai.oauth.clientId to sign in with OAuth.');
    const pending = this.pkce.begin({ redirectUri: hooks.redirectUri, signal: hooks.signal });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new AuthFlowError('timeout', 'Sign-in timed out: nobody completed it in the browser.'));
        pending.cancel(); // after the rejection above, so the race reports the timeout
      }, this.options.flowTimeoutMs ?? LOOPBACK_TIMEOUT_MS);
    });
    timeout.catch(() => undefined);
    try {
      const opened = await hooks.openBrowser(pending.authorizeUrl);
      if (opened === false) {
        pending.cancel();
        throw new AuthFlowError('browser_failed', 'The browser was not opened for sign-in.');
      }
      const tokens = await Promise.race([pending.tokens, timeout]);
      return await this.adopt(tokens, 'oauth');
    } finally {
      clearTimeout(timer);
    }
  }

  /** Feeds a `vscode://…` callback's query to the PKCE flow; false when it belongs to no sign-in. */
  handleOAuthCallback(query: string): boolean {
    return this.pkce.handleCallback(query);
  }

  /** Signs in with pasted text (checked with one API call before it is kept). */
  async signInWithPastedText(text: string): Promise<StoredSession> {
    const parsed = parsePastedToken(text, this.now());
    if (!parsed.ok) throw new AuthFlowError('not_a_token', parsed.reason);
    return this.adoptChecked(parsed.tokens, 'paste');
  }

  async cliTokenFileExists(): Promise<boolean> {
    return cliTokenFileExists(this.cliTokenPath);
  }

  get cliTokenPath(): string {
    return this.options.cliTokenPath ?? defaultCliTokenPath();
  }

  /** Copies the `kallyai` CLI's sign-in (read only; the file is never changed). A file others may
   *  read is refused (`file_exposed`, with the chmod to run) before anything is sent. */
  async importCliTokenFile(): Promise<StoredSession> {
    const { tokens } = await readCliTokenFile(this.cliTokenPath, this.now());
    return this.adoptChecked(tokens, 'cli');
  }

  /** Forgets the session here and in every window sharing the secret storage. */
  async signOut(): Promise<void> {
    await this.store.clear();
    this.store.forgetSecrets();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.pkce.dispose();
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.store.dispose();
  }

  // ---------- internals ----------

  /** A client for checking a token, or (no token source) for the auth endpoints. */
  clientFor(tokenSource: TokenSource | undefined): KallyClient {
    return new KallyClient({
      baseUrl: this.options.baseUrl,
      tokenSource,
      userAgent: this.options.userAgent,
      fetch: this.options.fetch,
      log: this.options.requestLog,
    });
  }

  /** Renews an expiring imported token first (when it can), then checks it with one API call.
   *  The tokens are masked in logs and errors from the start (a server may echo them while they
   *  are checked); the session store keeps them registered once they are adopted. */
  private async adoptChecked(tokens: TokenSet, method: SignInMethod): Promise<StoredSession> {
    const pending = [tokens.accessToken, tokens.refreshToken];
    pending.forEach(registerSecret);
    try {
      let usable = tokens;
      if (isExpiring(tokens, this.now(), this.options.marginMs ?? 60_000) && tokens.refreshToken) {
        usable = await requestRefresh(this.authClient, tokens.refreshToken, this.now);
        pending.push(usable.accessToken, usable.refreshToken);
        registerSecret(usable.accessToken);
        registerSecret(usable.refreshToken);
      }
      await verifyAccessToken((ts) => this.clientFor(ts), usable.accessToken);
      return await this.adopt(usable, method);
    } finally {
      // Held from here on by the session store (registered again there), or not held at all.
      const held = this.store.current?.tokens;
      for (const value of pending) if (value && value !== held?.accessToken && value !== held?.refreshToken) forgetSecret(value);
    }
  }

  private async adopt(tokens: TokenSet, method: SignInMethod): Promise<StoredSession> {
    const session = newSession(tokens, method, this.now());
    this.refresher.reset();
    try {
      await this.store.save(session);
    } catch (e) {
      if (e instanceof KeyringUnavailableError) this.reportKeyring(e);
      else throw e;
    }
    this.options.log?.(`Signed in to KallyAI (${method}).`);
    return session;
  }

  private reportKeyring(e: KeyringUnavailableError): void {
    this.options.log?.(e.message);
    for (const listener of [...this.keyringListeners]) listener(e);
  }

  /** A timer for the next renewal. Timers fire late after sleep, so every getToken checks too. */
  private scheduleRenewal(): void {
    clearTimeout(this.timer);
    const at = this.refresher.nextCheckAt();
    if (at === undefined) return;
    const delay = Math.min(Math.max(at - this.now(), 1_000), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      void this.refresher.getAccessToken().finally(() => this.scheduleRenewal());
    }, delay);
    this.timer.unref?.();
  }
}
