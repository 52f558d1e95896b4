/** The loopback sign-in (contract §2.1, what the `kallyai` CLI does): a one-shot HTTP listener
 *  on 127.0.0.1 at a free port; the browser goes to `/v1/auth/cli?redirect_uri=…&state=…` and
 *  KallyAI redirects back to the listener with the tokens in the query. No `vscode` here. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthFlowError } from './authErrors';
import { callbackPage, type CallbackPageKind } from './callbackPage';
import { randomUrlSafe, safeEqual, tokenSetFromQuery, type TokenSet } from './tokens';

export const LOOPBACK_TIMEOUT_MS = 5 * 60_000;

export interface LoopbackSignInOptions {
  /** API base URL without `/v1`, e.g. `http://127.0.0.1:8790`. */
  baseUrl: string;
  /** Maps the local callback address to one the browser can reach (VS Code's
   *  `env.asExternalUri` in remote windows). Default: unchanged. */
  externalUri?: (url: string) => Promise<string>;
  /** Aborting closes the listener and rejects with `cancelled`. */
  signal?: AbortSignal;
  /** Default 5 minutes. */
  timeoutMs?: number;
  now?: () => number;
}

export interface LoopbackSignIn {
  /** Where to send the browser. */
  readonly signInUrl: string;
  /** The redirect address given to KallyAI (after `externalUri`). */
  readonly redirectUri: string;
  /** The listener's port on 127.0.0.1. */
  readonly port: number;
  /** Settles once: tokens, or an AuthFlowError (cancelled, timeout, denied, invalid_response). */
  readonly tokens: Promise<TokenSet>;
  /** Stops waiting: closes the listener and rejects `tokens` with `cancelled`. */
  close(): void;
}

/** Starts the listener and returns the sign-in address; the caller opens the browser. */
export async function startLoopbackSignIn(options: LoopbackSignInOptions): Promise<LoopbackSignIn> {
  const now = options.now ?? Date.now;
  const state = randomUrlSafe(32);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) =>
      reject(new AuthFlowError('listener_failed', 'Could not start the local sign-in listener.', { cause: e })),
    );
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const localUri = `http://127.0.0.1:${port}`;

  let settled = false;
  let resolveTokens!: (t: TokenSet) => void;
  let rejectTokens!: (e: unknown) => void;
  const tokens = new Promise<TokenSet>((res, rej) => {
    resolveTokens = res;
    rejectTokens = rej;
  });
  // Callers that only close() should not see an unhandled rejection.
  tokens.catch(() => undefined);

  /** Stops listening. After a callback the connection serving it ends once its page is sent
   *  (`Connection: close`); on cancel or timeout every connection is dropped at once. */
  const shutDown = (dropAll: boolean) => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    server.close();
    if (dropAll) server.closeAllConnections();
    else server.closeIdleConnections();
  };
  const finish = (outcome: { tokens: TokenSet } | { error: AuthFlowError }, fromCallback = false) => {
    if (settled) return;
    settled = true;
    shutDown(!fromCallback);
    if ('tokens' in outcome) resolveTokens(outcome.tokens);
    else rejectTokens(outcome.error);
  };
  const onAbort = () => finish({ error: new AuthFlowError('cancelled', 'Sign-in was cancelled.') });
  const timer = setTimeout(
    () => finish({ error: new AuthFlowError('timeout', 'Sign-in timed out: nobody completed it in the browser.') }),
    options.timeoutMs ?? LOOPBACK_TIMEOUT_MS,
  );
  timer.unref?.();

  let redirectUri = localUri;
  try {
    redirectUri = options.externalUri ? await options.externalUri(localUri) : localUri;
  } catch (e) {
    finish({
      error: new AuthFlowError('listener_failed', 'Could not make the sign-in listener reachable from the browser.', {
        cause: e,
      }),
    });
    throw e;
  }
  // The browser arrives at `/` (the CLI's form); a proxy that keeps its own prefix arrives there.
  const acceptedPaths = new Set(['/', new URL(redirectUri).pathname || '/']);

  const respond = (res: ServerResponse, status: number, kind: CallbackPageKind, detail?: string) => {
    const page = callbackPage(kind, detail);
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': page.csp,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'close',
    });
    res.end(page.html);
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', localUri);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !acceptedPaths.has(url.pathname) || settled) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      res.end('Not found');
      return;
    }
    const query = url.searchParams;
    const got = query.get('state');
    if (!got || !safeEqual(got, state)) {
      // Not the sign-in we started (a stale tab or a forged link): refuse it and keep waiting.
      respond(res, 400, 'stateMismatch');
      return;
    }
    const error = query.get('error_description') ?? query.get('error');
    if (error !== null) {
      const detail = error.slice(0, 300);
      respond(res, 400, 'error', detail);
      finish({ error: new AuthFlowError('denied', `KallyAI did not sign you in: ${detail}`) }, true);
      return;
    }
    let parsed: TokenSet;
    try {
      parsed = tokenSetFromQuery(query, now());
    } catch {
      respond(res, 400, 'error', 'The sign-in answer carried no access token.');
      finish({ error: new AuthFlowError('invalid_response', 'The sign-in answer carried no access token.') }, true);
      return;
    }
    respond(res, 200, 'success');
    finish({ tokens: parsed }, true);
  });

  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  const signInUrl = new URL(`${options.baseUrl.replace(/(?<!\/)\/+$/, '')}/v1/auth/cli`);
  signInUrl.searchParams.set('redirect_uri', redirectUri);
  signInUrl.searchParams.set('state', state);

  return {
    signInUrl: signInUrl.toString(),
    redirectUri,
    port,
    tokens,
    close: onAbort,
  };
}

/** Runs the whole loopback sign-in: listener, browser, wait. */
export async function runLoopbackSignIn(
  options: LoopbackSignInOptions & { openBrowser: (url: string) => Promise<boolean | void> },
): Promise<TokenSet> {
  const flow = await startLoopbackSignIn(options);
  let opened: boolean | void;
  try {
    opened = await options.openBrowser(flow.signInUrl);
  } catch (e) {
    flow.close();
    throw new AuthFlowError('browser_failed', 'Could not open the browser for sign-in.', { cause: e });
  }
  if (opened === false) {
    flow.close();
    throw new AuthFlowError('browser_failed', 'The browser was not opened for sign-in.');
  }
  return flow.tokens;
}
