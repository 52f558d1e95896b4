/** Everything about being signed in to KallyAI that does not need VS Code: the four ways to sign
 *  in, the stored session, renewal on a timer and on demand, sign-out. The provider
 *  (provider.ts) adds the UI and the `vscode.AuthenticationProvider` around it.
 *  A session belongs to the API origin it was issued by. While `kallyai.apiBaseUrl` points at
 *  another origin the session is kept (for when the setting goes back) but not used: `session`
 *  is undefined, no token is handed out, nothing is renewed, and signing in is for the new
 *  address. Its tokens (access and refresh) only ever go to its own origin. A plain http address
 *  on another computer is refused before any sign-in starts. */
import { checkApiAddress, type ApiAddress } from '../api/apiAddress';
import { KallyClient } from '../api/client';
import { forgetSecret, registerSecret } from '../api/secretValues';
import type { TokenSource } from '../api/tokenSource';
import { exchangeAuthorizationCode, requestRefresh, verifyAccessToken } from './authApi';
import { AuthFlowError } from './authErrors';
import { cliTokenFileExists, defaultCliTokenPath, readCliTokenFile } from './cliTokenFile';
import { LOOPBACK_TIMEOUT_MS, runLoopbackSignIn } from './loopbackFlow';
import { PkceFlow } from './pkceFlow';
import { Refresher, type SessionEnded } from './refresher';
import {
  KeyringUnavailableError,
  newSession,
  SessionStore,
  type SecretStoreLike,
  type SessionChangeOrigin,
  type SignInMethod,
  type StoredSession,
} from './sessionStore';
import { parsePastedToken } from './tokenPaste';
import { isExpiring, type TokenSet } from './tokens';
import { Disposables } from '../platform/disposables';

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

export class AuthService extends Disposables implements TokenSource {
  readonly store: SessionStore;
  readonly refresher: Refresher;
  private readonly pkce: PkceFlow;
  private readonly now: () => number;
  private readonly keyringListeners = new Set<(e: KeyringUnavailableError) => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: AuthServiceOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.store = this.own(new SessionStore(options.secrets, { log: options.log }));
    this.refresher = new Refresher({
      store: this.store,
      // To the origin that issued the session, whatever the setting says now.
      refresh: (rt, session) => requestRefresh(this.clientAt(session.origin), rt, this.now),
      now: this.now,
      marginMs: options.marginMs,
      log: options.log,
      onKeyringUnavailable: (e) => this.reportKeyring(e),
    });
    this.pkce = this.own(
      new PkceFlow({
        baseUrl: options.baseUrl,
        clientId: options.clientId,
        exchange: (p) => exchangeAuthorizationCode(this.clientAt(p.baseUrl), p, this.now),
        now: this.now,
      }),
    );
    this.own(
      this.store.onDidChange(() => this.scheduleRenewal()),
      { dispose: () => clearTimeout(this.timer) },
    );
  }

  /** Reads the stored session (no network). */
  async initialise(): Promise<StoredSession | undefined> {
    const session = await this.store.load();
    this.scheduleRenewal();
    return session;
  }

  /** The session for the API address in the settings; undefined when signed out, or when the
   *  stored session belongs to another origin (see `storedSession`). */
  get session(): StoredSession | undefined {
    const s = this.store.current;
    const address = this.address();
    return s && address.ok && s.origin === address.origin ? s : undefined;
  }

  /** The stored session, whatever origin it belongs to. */
  get storedSession(): StoredSession | undefined {
    return this.store.current;
  }

  /** The API address in the settings, as written. */
  get baseUrl(): string {
    return this.options.baseUrl();
  }

  /** The API address in the settings, checked: its origin, or why it is not used. */
  address(): ApiAddress {
    return checkApiAddress(this.options.baseUrl());
  }

  onDidChangeSession(listener: (session: StoredSession | undefined, origin: SessionChangeOrigin) => void): {
    dispose(): void;
  } {
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

  /** A token for requests to `origin` (by default the settings' API address): only when the
   *  session was issued by that very origin. */
  async getToken(origin?: string): Promise<string | undefined> {
    const target = await this.sessionOriginFor(origin);
    if (!target) return undefined;
    const token = await this.refresher.getAccessToken();
    return this.store.current?.origin === target ? token : undefined;
  }

  async refreshAfterUnauthorized(rejectedToken: string, origin?: string): Promise<string | undefined> {
    const target = await this.sessionOriginFor(origin);
    if (!target) return undefined;
    const token = await this.refresher.refreshAfterUnauthorized(rejectedToken);
    return this.store.current?.origin === target ? token : undefined;
  }

  /** The origin a token is asked for, when the stored session belongs to it; else undefined. */
  private async sessionOriginFor(origin: string | undefined): Promise<string | undefined> {
    const session = this.store.isLoaded ? this.store.current : await this.store.load();
    const address = this.address();
    const target = origin ?? (address.ok ? address.origin : undefined);
    return session && target && session.origin === target ? target : undefined;
  }

  // ---------- the four ways in ----------

  get oauthConfigured(): boolean {
    return this.options.clientId().trim() !== '';
  }

  /** Loopback sign-in through the browser (`/v1/auth/cli`). */
  async signInWithBrowser(hooks: BrowserHooks): Promise<StoredSession> {
    const address = this.usableAddress();
    const tokens = await runLoopbackSignIn({
      baseUrl: address.url,
      openBrowser: hooks.openBrowser,
      externalUri: hooks.externalUri,
      signal: hooks.signal,
      timeoutMs: this.options.flowTimeoutMs ?? LOOPBACK_TIMEOUT_MS,
      now: this.now,
    });
    return this.adopt(tokens, 'browser', address.origin);
  }

  /** Authorization code + PKCE; `redirectUri` is the extension's `vscode://` callback. */
  async signInWithOAuth(hooks: BrowserHooks & { redirectUri: string }): Promise<StoredSession> {
    if (!this.oauthConfigured) throw new AuthFlowError('denied', 'Set kallyai.oauth.clientId to sign in with OAuth.');
    const address = this.usableAddress();
    const pending = this.pkce.begin({ redirectUri: hooks.redirectUri, signal: hooks.signal, baseUrl: address.url });
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
      return await this.adopt(tokens, 'oauth', address.origin);
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
    this.usableAddress();
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
    this.usableAddress();
    const { tokens } = await readCliTokenFile(this.cliTokenPath, this.now());
    return this.adoptChecked(tokens, 'cli');
  }

  /** Forgets the session (whichever origin it belongs to) here and in every window sharing the
   *  secret storage. */
  async signOut(): Promise<void> {
    await this.store.clear();
    this.store.forgetSecrets();
  }

  // ---------- internals ----------

  /** A client for checking a token, or (no token source) for the auth endpoints. */
  clientFor(
    tokenSource: TokenSource | undefined,
    baseUrl: string | (() => string) = this.options.baseUrl,
  ): KallyClient {
    return new KallyClient({
      baseUrl,
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
    // Checked and renewed at the address in the settings now; the session belongs to it.
    const address = this.usableAddress();
    const authClient = this.clientAt(address.url);
    const pending = [tokens.accessToken, tokens.refreshToken];
    pending.forEach(registerSecret);
    try {
      let usable = tokens;
      if (isExpiring(tokens, this.now(), this.options.marginMs ?? 60_000) && tokens.refreshToken) {
        usable = await requestRefresh(authClient, tokens.refreshToken, this.now);
        pending.push(usable.accessToken, usable.refreshToken);
        registerSecret(usable.accessToken);
        registerSecret(usable.refreshToken);
      }
      await verifyAccessToken((ts) => this.clientFor(ts, address.url), usable.accessToken);
      return await this.adopt(usable, method, address.origin);
    } finally {
      // Held from here on by the session store (registered again there), or not held at all.
      const held = this.store.current?.tokens;
      for (const value of pending)
        if (value && value !== held?.accessToken && value !== held?.refreshToken) forgetSecret(value);
    }
  }

  /** A client for the auth endpoints of one API address (a session's origin, a sign-in's address). */
  private clientAt(baseUrl: string): KallyClient {
    return this.clientFor(undefined, baseUrl);
  }

  /** The settings' API address, when a sign-in may use it; else the sign-in fails at once. */
  private usableAddress(): { url: string; origin: string } {
    const address = this.address();
    if (address.ok) return { url: address.url.replace(/(?<!\/)\/+$/, ''), origin: address.origin };
    throw address.reason === 'insecure'
      ? new AuthFlowError(
          'insecure_address',
          'The API address is plain http on another computer; KallyAI signs in over https only.',
        )
      : new AuthFlowError('invalid_address', 'The API address in kallyai.apiBaseUrl is not an http(s) address.');
  }

  private async adopt(tokens: TokenSet, method: SignInMethod, origin: string): Promise<StoredSession> {
    const session = newSession(tokens, method, origin, this.now());
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

  /** The API address in the settings changed: renewal follows the session it now uses (none
   *  when the stored one belongs to another origin). */
  addressChanged(): void {
    this.scheduleRenewal();
  }

  /** A timer for the next renewal of the session in use. Timers fire late after sleep, so every
   *  getToken checks too. A session kept for another origin is not renewed. */
  private scheduleRenewal(): void {
    clearTimeout(this.timer);
    const at = this.session ? this.refresher.nextCheckAt() : undefined;
    if (at === undefined) return;
    const delay = Math.min(Math.max(at - this.now(), 1_000), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      void this.getToken().finally(() => this.scheduleRenewal());
    }, delay);
    this.timer.unref?.();
  }
}
