/** Keeps the access token fresh (contract §2.4, §10): renews it within a margin of its expiry,
 *  one renewal per account at a time in this window (single flight) and across windows (a lease
 *  in the shared secret storage, and a re-read of the stored session before and after spending
 *  the refresh token, since KallyAI rotates refresh tokens and refuses reuse). Failures by
 *  class: network, 429 or 5xx keep the session and back off (exponential, capped); a refused
 *  refresh token ends the session once. No `vscode` here. */
import { randomUUID } from 'node:crypto';
import { AuthFlowError } from './authErrors';
import { KeyringUnavailableError, type SessionStore, type StoredSession } from './sessionStore';
import { isExpiring, type TokenSet } from './tokens';

export interface RefresherOptions {
  store: SessionStore;
  /** POST /v1/auth/refresh to the session's own origin; throws AuthFlowError `refused`,
   *  `network` or `cancelled`. */
  refresh: (refreshToken: string, session: StoredSession) => Promise<TokenSet>;
  now?: () => number;
  /** Renew when less than this is left (default 60 s). */
  marginMs?: number;
  /** Back-off after a transient failure: base·2ⁿ, capped (defaults 5 s, 5 min). */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Cross-window lease: lifetime, settle time before reading it back, poll interval while
   *  another window holds it (defaults 30 s, 100 ms, 250 ms). */
  lease?: { ttlMs?: number; settleMs?: number; pollMs?: number };
  /** Identifies this window in the lease (default: random). */
  owner?: string;
  log?: (message: string) => void;
  /** Called when a renewed session could be kept in memory only. */
  onKeyringUnavailable?: (error: KeyringUnavailableError) => void;
}

export interface SessionEnded {
  readonly sessionId: string;
  readonly reason: 'refused' | 'noRefreshToken';
  readonly message: string;
}

type WaitOutcome = { kind: 'session'; session: StoredSession | undefined } | { kind: 'leaseGone' };

export class Refresher {
  private readonly inflight = new Map<string, Promise<string | undefined>>();
  private readonly endedIds = new Set<string>();
  private readonly endListeners = new Set<(e: SessionEnded) => void>();
  private readonly owner: string;
  private readonly now: () => number;
  private failures = 0;
  private retryAt = 0;
  /** Refresh requests this instance has sent (for logs and tests). */
  requestsSent = 0;

  constructor(private readonly options: RefresherOptions) {
    this.owner = options.owner ?? randomUUID();
    this.now = options.now ?? Date.now;
  }

  private get margin(): number {
    return this.options.marginMs ?? 60_000;
  }

  /** A current access token, renewed first when it is about to expire; undefined when signed out.
   *  While renewal is backing off after a transient failure, the current token is returned. */
  async getAccessToken(): Promise<string | undefined> {
    const session = await this.loaded();
    if (!session) return undefined;
    if (!isExpiring(session.tokens, this.now(), this.margin)) return session.tokens.accessToken;
    return this.renew(session, undefined);
  }

  /** After a 401 for `rejectedToken`: renew once (shared with any renewal in progress) and
   *  return the new token, or undefined when there is none to be had. */
  async refreshAfterUnauthorized(rejectedToken: string): Promise<string | undefined> {
    const session = await this.loaded();
    if (!session) return undefined;
    if (session.tokens.accessToken !== rejectedToken) return session.tokens.accessToken;
    return this.renew(session, rejectedToken);
  }

  /** When the next renewal attempt is due (ms epoch), for a timer; undefined when signed out. */
  nextCheckAt(): number | undefined {
    const session = this.options.store.current;
    if (!session) return undefined;
    // Without a refresh token nothing can be renewed: the next event is the expiry itself.
    const due = session.tokens.refreshToken ? session.tokens.expiresAt - this.margin : session.tokens.expiresAt;
    return Math.max(due, this.retryAt);
  }

  /** Fired once per session that can no longer be renewed (it has been removed from storage). */
  onDidEndSession(listener: (e: SessionEnded) => void): { dispose(): void } {
    this.endListeners.add(listener);
    return { dispose: () => this.endListeners.delete(listener) };
  }

  /** Forgets the back-off (after a new sign-in). */
  reset(): void {
    this.failures = 0;
    this.retryAt = 0;
  }

  private async loaded(): Promise<StoredSession | undefined> {
    const store = this.options.store;
    return store.isLoaded ? store.current : store.load();
  }

  private renew(session: StoredSession, rejected: string | undefined): Promise<string | undefined> {
    const running = this.inflight.get(session.id);
    if (running) return running.then((token) => (token === rejected ? undefined : token));
    const attempt = this.renewOnce(session, rejected).finally(() => this.inflight.delete(session.id));
    this.inflight.set(session.id, attempt);
    return attempt;
  }

  /** A token from `session` that is worth handing out instead of renewing. */
  private usable(session: StoredSession, rejected: string | undefined): string | undefined {
    const t = session.tokens;
    if (rejected !== undefined && t.accessToken === rejected) return undefined;
    return isExpiring(t, this.now(), this.margin) ? undefined : t.accessToken;
  }

  private async renewOnce(session: StoredSession, rejected: string | undefined): Promise<string | undefined> {
    const forced = rejected !== undefined;
    const store = this.options.store;
    if (this.now() < this.retryAt) return forced ? undefined : session.tokens.accessToken;

    // Another window may already have renewed (or signed out): storage is the truth.
    let latest = await store.load();
    if (!latest) return undefined;
    const adopted = this.usable(latest, rejected);
    if (adopted) return adopted;
    if (!latest.tokens.refreshToken) return this.spend(latest, forced);

    let leased = false;
    for (let round = 0; round < 3 && !leased; round++) {
      leased = await store.tryAcquireRefreshLease(
        this.owner,
        this.leaseTtl,
        this.options.lease?.settleMs ?? 100,
        this.now,
      );
      if (leased) break;
      const outcome = await this.waitForOtherWindow(latest);
      latest = outcome.kind === 'session' ? outcome.session : await store.load();
      if (!latest) return undefined;
      const theirs = this.usable(latest, rejected);
      if (theirs) return theirs;
    }
    // Three rounds lost to other windows that never finished: renew ourselves.

    try {
      return await this.spend(latest, forced);
    } finally {
      await store.releaseRefreshLease(this.owner);
    }
  }

  private get leaseTtl(): number {
    return this.options.lease?.ttlMs ?? 30_000;
  }

  private async spend(session: StoredSession, forced: boolean): Promise<string | undefined> {
    const store = this.options.store;
    const refreshToken = session.tokens.refreshToken;
    if (!refreshToken) {
      if (forced || this.now() >= session.tokens.expiresAt) {
        await this.end(
          session,
          'noRefreshToken',
          'The KallyAI session expired and cannot be renewed without signing in again.',
        );
        return undefined;
      }
      return session.tokens.accessToken;
    }
    let fresh: TokenSet;
    try {
      this.requestsSent++;
      fresh = await this.options.refresh(refreshToken, session);
    } catch (e) {
      const failure =
        e instanceof AuthFlowError
          ? e
          : new AuthFlowError('network', 'Renewing the KallyAI session failed.', { cause: e });
      if (failure.code === 'refused') {
        // A window we could not coordinate with may have rotated the token first.
        const after = await store.load();
        if (!after) return undefined;
        if (after.tokens.refreshToken !== refreshToken || after.id !== session.id)
          return this.usable(after, undefined) ?? after.tokens.accessToken;
        await this.end(session, 'refused', 'Your KallyAI session has ended. Sign in again to continue.');
        return undefined;
      }
      if (failure.code !== 'cancelled') this.backOff(failure);
      return forced ? undefined : session.tokens.accessToken;
    }
    const tokens: TokenSet = { ...fresh, refreshToken: fresh.refreshToken ?? refreshToken };
    this.reset();
    try {
      await store.save({ ...session, tokens });
    } catch (e) {
      if (e instanceof KeyringUnavailableError) this.options.onKeyringUnavailable?.(e);
      else throw e;
    }
    this.options.log?.('KallyAI session renewed.');
    return tokens.accessToken;
  }

  private backOff(failure: AuthFlowError): void {
    this.failures++;
    const base = this.options.backoff?.baseMs ?? 5_000;
    const max = this.options.backoff?.maxMs ?? 300_000;
    const delay = Math.min(max, base * 2 ** (this.failures - 1));
    this.retryAt = this.now() + delay;
    this.options.log?.(`${failure.message} Keeping the session; trying again in ${Math.round(delay / 1000)} s.`);
  }

  private async end(session: StoredSession, reason: SessionEnded['reason'], message: string): Promise<void> {
    if (this.endedIds.has(session.id)) return;
    this.endedIds.add(session.id);
    const store = this.options.store;
    if (store.current?.id === session.id) await store.clear();
    this.options.log?.(message);
    for (const listener of [...this.endListeners]) listener({ sessionId: session.id, reason, message });
  }

  /** Waits until the stored session changes, or the other window's lease is released or expires. */
  private waitForOtherWindow(seen: StoredSession): Promise<WaitOutcome> {
    const store = this.options.store;
    const pollMs = this.options.lease?.pollMs ?? 250;
    return new Promise<WaitOutcome>((resolve) => {
      let done = false;
      const finish = (outcome: WaitOutcome) => {
        if (done) return;
        done = true;
        subscription.dispose();
        clearInterval(timer);
        resolve(outcome);
      };
      const subscription = store.onDidChange((session) => {
        if (session?.tokens.accessToken !== seen.tokens.accessToken || session?.id !== seen.id)
          finish({ kind: 'session', session });
      });
      const timer = setInterval(() => {
        void store.activeLease(this.owner, this.now).then((lease) => {
          if (!lease) finish({ kind: 'leaseGone' });
        });
      }, pollMs);
    });
  }
}
