/** Authorization code + PKCE (S256) (contract §2.2): the browser goes to `/v1/auth/authorize`,
 *  KallyAI redirects to our `vscode://` URI with `code` and `state`, and the code is exchanged
 *  with its verifier at `/v1/auth/gpt/token`. Callbacks with an unknown or stale `state` are
 *  ignored, not errors. No `vscode` here: the provider feeds URI-handler queries in. */
import { createHash } from 'node:crypto';
import { AuthFlowError } from './authErrors';
import { randomUrlSafe, safeEqual, type TokenSet } from './tokens';

export const PKCE_STALE_AFTER_MS = 10 * 60_000;

export interface CodeExchange {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  clientId: string;
  /** The API address the sign-in began at (the code goes back there). */
  baseUrl: string;
}

export interface PkceFlowOptions {
  /** API base URL without `/v1`. */
  baseUrl: string | (() => string);
  clientId: string | (() => string);
  /** Trades the code for tokens (POST /v1/auth/gpt/token). */
  exchange: (params: CodeExchange) => Promise<TokenSet>;
  /** A pending sign-in older than this is forgotten (default 10 minutes). */
  staleAfterMs?: number;
  now?: () => number;
  scope?: string;
}

export interface PendingPkceSignIn {
  readonly authorizeUrl: string;
  readonly state: string;
  /** Settles once: tokens, or an AuthFlowError (cancelled, denied, invalid_response, network). */
  readonly tokens: Promise<TokenSet>;
  cancel(): void;
}

interface Pending {
  state: string;
  verifier: string;
  redirectUri: string;
  clientId: string;
  /** The API address the sign-in began at: the code is exchanged there, wherever the setting points now. */
  baseUrl: string;
  startedAt: number;
  resolve(tokens: TokenSet): void;
  reject(error: unknown): void;
}

/** A PKCE code verifier: 32 random bytes, base64url (43 characters, RFC 7636 §4.1). */
export function createCodeVerifier(): string {
  return randomUrlSafe(32);
}

/** `BASE64URL(SHA256(verifier))` (RFC 7636 §4.2). */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export class PkceFlow {
  private readonly pending: Pending[] = [];
  private readonly now: () => number;

  constructor(private readonly options: PkceFlowOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts a sign-in: returns the authorize address to open and the promise of its tokens. */
  begin(params: { redirectUri: string; signal?: AbortSignal; baseUrl?: string }): PendingPkceSignIn {
    this.dropStale();
    const base = (
      params.baseUrl ?? (typeof this.options.baseUrl === 'function' ? this.options.baseUrl() : this.options.baseUrl)
    ).replace(/(?<!\/)\/+$/, '');
    const clientId = typeof this.options.clientId === 'function' ? this.options.clientId() : this.options.clientId;
    const state = randomUrlSafe(32);
    const verifier = createCodeVerifier();
    let entry!: Pending;
    const tokens = new Promise<TokenSet>((resolve, reject) => {
      entry = {
        state,
        verifier,
        redirectUri: params.redirectUri,
        clientId,
        baseUrl: base,
        startedAt: this.now(),
        resolve,
        reject,
      };
    });
    tokens.catch(() => undefined);
    this.pending.push(entry);

    const url = new URL(`${base.replace(/(?<!\/)\/+$/, '')}/v1/auth/authorize`);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', clientId);
    url.searchParams.set('redirect_uri', params.redirectUri);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', codeChallengeS256(verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    if (this.options.scope) url.searchParams.set('scope', this.options.scope);

    const cancel = () => {
      if (this.remove(entry)) entry.reject(new AuthFlowError('cancelled', 'Sign-in was cancelled.'));
    };
    if (params.signal?.aborted) cancel();
    else params.signal?.addEventListener('abort', cancel, { once: true });
    return { authorizeUrl: url.toString(), state, tokens, cancel };
  }

  /** Feeds the query of a `vscode://…` callback in. Returns false (and does nothing) when its
   *  `state` matches no sign-in in progress; true when it settled one. */
  handleCallback(query: string | URLSearchParams): boolean {
    this.dropStale();
    const q = typeof query === 'string' ? new URLSearchParams(query.replace(/^\?/, '')) : query;
    const state = q.get('state');
    if (!state) return false;
    const entry = this.pending.find((p) => safeEqual(p.state, state));
    if (!entry) return false;
    this.remove(entry);
    const error = q.get('error_description') ?? q.get('error');
    if (error !== null) {
      entry.reject(new AuthFlowError('denied', `KallyAI did not sign you in: ${error.slice(0, 300)}`));
      return true;
    }
    const code = q.get('code');
    if (!code) {
      entry.reject(new AuthFlowError('invalid_response', 'The sign-in answer carried no authorization code.'));
      return true;
    }
    this.options
      .exchange({
        code,
        codeVerifier: entry.verifier,
        redirectUri: entry.redirectUri,
        clientId: entry.clientId,
        baseUrl: entry.baseUrl,
      })
      .then(entry.resolve, entry.reject);
    return true;
  }

  /** Sign-ins still waiting for their callback. */
  get pendingCount(): number {
    this.dropStale();
    return this.pending.length;
  }

  /** Cancels every sign-in in progress. */
  dispose(): void {
    for (const entry of this.pending.splice(0)) entry.reject(new AuthFlowError('cancelled', 'Sign-in was cancelled.'));
  }

  private remove(entry: Pending): boolean {
    const i = this.pending.indexOf(entry);
    if (i < 0) return false;
    this.pending.splice(i, 1);
    return true;
  }

  private dropStale(): void {
    const limit = this.options.staleAfterMs ?? PKCE_STALE_AFTER_MS;
    const now = this.now();
    for (const entry of [...this.pending]) {
      if (now - entry.startedAt > limit) {
        this.remove(entry);
        entry.reject(new AuthFlowError('timeout', 'Sign-in timed out: nobody completed it in the browser.'));
      }
    }
  }
}
