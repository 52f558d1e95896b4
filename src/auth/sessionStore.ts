/** The signed-in session, persisted in secret storage (VS Code's `context.secrets`, or any
 *  store with the same four members), cached in memory and kept in step with other windows:
 *  when another window writes (a refresh, a sign-in, a sign-out) `onDidChange` reports the new
 *  session so this window uses it instead of spending an old refresh token. A corrupt stored
 *  value is dropped, not fatal. Every token a session holds is registered with the API layer's
 *  secret registry (so logs and errors mask it by value); they are forgotten at sign-out.
 *  A session records the API origin it was issued by (`https://api.kallyai.com`): its tokens
 *  are only ever sent there. A session stored before sessions recorded it belongs to
 *  DEFAULT_API_BASE_URL, the only address that issued real ones (a sandbox's is signed in again).
 *  No `vscode` here. */
import { randomUUID } from 'node:crypto';
import { DEFAULT_API_BASE_URL, originOf } from '../api/apiAddress';
import { forgetSecret, registerSecret } from '../api/secretValues';
import { tokenSetFromJson, tokenSetToJson, type TokenSet } from './tokens';

/** The part of `vscode.SecretStorage` this store needs. */
export interface SecretStoreLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  onDidChange(listener: (e: { key: string }) => unknown): { dispose(): unknown };
}

export type SignInMethod = 'browser' | 'oauth' | 'paste' | 'cli';

export interface StoredSession {
  /** Stable for the life of the sign-in (a refresh keeps it). */
  readonly id: string;
  readonly tokens: TokenSet;
  readonly method: SignInMethod;
  readonly createdAt: number;
  /** The API origin that issued it (`https://api.kallyai.com`, `http://127.0.0.1:8790`): the only
   *  one its tokens are sent to. */
  readonly origin: string;
}

export type SessionChangeOrigin = 'local' | 'external';

/** Thrown by `save` when the OS keyring refused the write; the session is kept in memory. */
export class KeyringUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The operating system keyring is unavailable; the KallyAI session is kept for this window only.', { cause });
    this.name = 'KeyringUnavailableError';
  }
}

export const SESSION_KEY = 'kallyai.session';

/** A new session issued by the API at `origin` (an origin, or any address on it). */
export function newSession(tokens: TokenSet, method: SignInMethod, origin: string, now = Date.now()): StoredSession {
  const own = originOf(origin);
  if (!own || own === 'null') throw new Error('A session needs the origin of the API that issued it.');
  return { id: randomUUID(), tokens, method, createdAt: now, origin: own };
}

function serialise(session: StoredSession): string {
  return JSON.stringify({
    v: 2,
    id: session.id,
    method: session.method,
    createdAt: session.createdAt,
    origin: session.origin,
    tokens: tokenSetToJson(session.tokens),
  });
}

function deserialise(text: string): StoredSession | undefined {
  const raw: unknown = JSON.parse(text);
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const tokens = tokenSetFromJson(o.tokens);
  if (!tokens || typeof o.id !== 'string' || !o.id) return undefined;
  const method = (['browser', 'oauth', 'paste', 'cli'] as const).find((m) => m === o.method) ?? 'browser';
  const createdAt = typeof o.createdAt === 'number' ? o.createdAt : 0;
  // Version 1 had no origin: those sessions came from KallyAI's own API.
  const origin =
    o.origin === undefined
      ? originOf(DEFAULT_API_BASE_URL)
      : typeof o.origin === 'string' && originOf(o.origin) === o.origin
        ? o.origin
        : undefined;
  if (!origin) return undefined;
  return { id: o.id, tokens, method, createdAt, origin };
}

/** The most tokens kept registered (a refresh rotates two an hour): the newest are kept. */
const MAX_REGISTERED = 16;

interface Lease {
  owner: string;
  until: number;
}

export class SessionStore {
  private cache: StoredSession | undefined;
  private cacheText: string | undefined;
  private loaded = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(session: StoredSession | undefined, origin: SessionChangeOrigin) => void>();
  private readonly subscription: { dispose(): unknown };
  private readonly leaseKey: string;
  /** Tokens this store registered for masking, oldest first. */
  private registered: string[] = [];
  /** False after the keyring refused a write: the session lives in memory only. */
  persistent = true;

  constructor(
    private readonly secrets: SecretStoreLike,
    private readonly options: { key?: string; log?: (message: string) => void } = {},
  ) {
    this.leaseKey = `${this.key}.refreshLease`;
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === this.key) void this.load('external');
    });
  }

  private get key(): string {
    return this.options.key ?? SESSION_KEY;
  }

  /** The session as last read or written; undefined when signed out or not loaded yet. */
  get current(): StoredSession | undefined {
    return this.cache;
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  onDidChange(listener: (session: StoredSession | undefined, origin: SessionChangeOrigin) => void): {
    dispose(): void;
  } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Reads the stored session (after any write in progress) and reports it if it changed. */
  load(origin: SessionChangeOrigin = 'local'): Promise<StoredSession | undefined> {
    return this.serial(async () => {
      let text: string | undefined;
      try {
        text = await this.secrets.get(this.key);
      } catch (e) {
        this.options.log?.(`Could not read the KallyAI session from secret storage: ${describe(e)}`);
        this.loaded = true;
        return this.cache;
      }
      if (!this.persistent && text === undefined) {
        // The keyring refused our write earlier: the in-memory session is the only copy.
        this.loaded = true;
        return this.cache;
      }
      let session: StoredSession | undefined;
      if (text !== undefined) {
        try {
          session = deserialise(text);
        } catch {
          session = undefined;
        }
        if (!session) {
          this.options.log?.('The stored KallyAI session was unreadable and has been dropped; please sign in again.');
          text = undefined;
          await Promise.resolve(this.secrets.delete(this.key)).catch(() => undefined);
        }
      }
      this.loaded = true;
      this.set(session, text, origin);
      return session;
    });
  }

  /** Stores the session. The in-memory copy is updated even when the keyring refuses the
   *  write, which then throws KeyringUnavailableError. */
  save(session: StoredSession): Promise<void> {
    return this.serial(async () => {
      const text = serialise(session);
      this.loaded = true;
      this.set(session, text, 'local');
      try {
        await this.secrets.store(this.key, text);
        this.persistent = true;
      } catch (e) {
        this.persistent = false;
        throw new KeyringUnavailableError(e);
      }
    });
  }

  /** Forgets the session here and in secret storage. */
  clear(): Promise<void> {
    return this.serial(async () => {
      this.loaded = true;
      this.set(undefined, undefined, 'local');
      await Promise.resolve(this.secrets.delete(this.key)).catch((e) => {
        this.options.log?.(`Could not delete the KallyAI session from secret storage: ${describe(e)}`);
      });
    });
  }

  /** Forgets, for masking, every token this store has held (at sign-out, after `clear`). */
  forgetSecrets(): void {
    for (const value of this.registered.splice(0)) forgetSecret(value);
  }

  /**
   * Claims the right to spend the refresh token, across windows sharing this storage. Writes a
   * lease, waits `settleMs` for a concurrent writer, and reads it back: the last writer wins.
   * Returns false when another owner holds an unexpired lease.
   */
  async tryAcquireRefreshLease(
    owner: string,
    ttlMs: number,
    settleMs: number,
    now: () => number = Date.now,
  ): Promise<boolean> {
    const held = await this.readLease();
    if (held && held.owner !== owner && held.until > now()) return false;
    try {
      await this.secrets.store(this.leaseKey, JSON.stringify({ owner, until: now() + ttlMs }));
    } catch {
      return true; // no shared storage to coordinate through: this window decides alone
    }
    if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
    const after = await this.readLease();
    return !after || after.owner === owner;
  }

  /** The owner and expiry of another window's lease, if one is active. */
  async activeLease(owner: string, now: () => number = Date.now): Promise<Lease | undefined> {
    const held = await this.readLease();
    return held && held.owner !== owner && held.until > now() ? held : undefined;
  }

  async releaseRefreshLease(owner: string): Promise<void> {
    const held = await this.readLease();
    if (held?.owner === owner) await Promise.resolve(this.secrets.delete(this.leaseKey)).catch(() => undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  private async readLease(): Promise<Lease | undefined> {
    try {
      const text = await this.secrets.get(this.leaseKey);
      if (!text) return undefined;
      const o = JSON.parse(text) as Lease;
      return typeof o.owner === 'string' && typeof o.until === 'number' ? o : undefined;
    } catch {
      return undefined;
    }
  }

  private set(session: StoredSession | undefined, text: string | undefined, origin: SessionChangeOrigin): void {
    if (text === this.cacheText) return;
    this.trackSecrets(session);
    this.cache = session;
    this.cacheText = text;
    for (const listener of [...this.listeners]) {
      try {
        listener(session, origin);
      } catch (e) {
        this.options.log?.(`A session listener failed: ${describe(e)}`);
      }
    }
  }

  /** Registers the tokens `session` holds. Tokens it no longer holds stay registered (a server
   *  may still echo a rotated token, or the token of a session that has just been refused), up
   *  to a bound, until `forgetSecrets` at sign-out. */
  private trackSecrets(session: StoredSession | undefined): void {
    for (const value of [session?.tokens.accessToken, session?.tokens.refreshToken]) {
      if (!value || this.registered.includes(value)) continue;
      registerSecret(value);
      this.registered.push(value);
    }
    while (this.registered.length > MAX_REGISTERED) forgetSecret(this.registered.shift());
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
