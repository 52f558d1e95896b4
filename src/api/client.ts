/** Executes catalogue operations over HTTP: bearer token, timeout + caller cancellation on
 *  every request, retries (idempotent ops; a creating POST only with its Idempotency-Key),
 *  one refresh-and-retry after a 401, errors as KallyApiError, responses parsed by schema.
 *  The base URL is checked first (apiAddress.ts): plain http to another computer is refused with
 *  `insecure_api_address` and nothing is sent. The token is asked for the request's own origin:
 *  a session issued by another origin gives none, so it never leaves its origin. */
import { checkApiAddress } from './apiAddress';
import type { Operation, InputOf, OutputOf } from './operation';
import type { TokenSource } from './tokenSource';
import { KallyApiError, parseErrorResponse } from './errors';
import { prepareRequest, type OperationInput, type PreparedRequest } from './requestInput';
import { readSuccessBody, responseTooLarge } from './responseBody';
import { declaredTooLarge, MAX_ERROR_BODY_BYTES, MAX_RESPONSE_BYTES, readLimitedText } from './responseLimits';
import {
  backoffDelay,
  DEFAULT_RETRY,
  MAX_HONOURED_RETRY_AFTER_MS,
  parseRetryAfter,
  sleep,
  type RetryPolicy,
} from './retry';
import { redact } from './redact';

export interface ClientOptions {
  /** e.g. http://127.0.0.1:8790 (no /v1). A function is read on every request (the setting may change). */
  baseUrl: string | (() => string);
  tokenSource?: TokenSource;
  /** Default globalThis.fetch (inside VS Code it follows the user's proxy settings). */
  fetch?: typeof fetch;
  userAgent?: string;
  /** Receives one already-redacted line per HTTP attempt. */
  log?: (line: string) => void;
  /** Default 30 000. */
  timeoutMs?: number;
  /** Default 900 000, for longRunning operations (calls.create blocks until the call ends). */
  longTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface RequestOptions {
  /** The input as `prepareRequest` made it (the pipeline validates before it asks for consent):
   *  sent as it is, not validated twice. */
  prepared?: PreparedRequest;
  signal?: AbortSignal;
  /** Each attempt's timeout. */
  timeoutMs?: number;
  /** The whole request, retries included, gives up after this long (a view's load: ~10 s). */
  deadlineMs?: number;
  idempotencyKey?: string;
}

/** How one request ended, once its retries are over: `error` is absent when it succeeded. A request
 *  the caller cancelled, or refused before anything was sent (bad input), is not reported. */
export interface RequestOutcome {
  readonly op: Operation;
  readonly error?: KallyApiError;
}

type Attempt = { kind: 'response'; response: Response; text: string } | { kind: 'failure'; error: KallyApiError };

export class KallyClient {
  private readonly retry: RetryPolicy;
  private readonly settledListeners = new Set<(outcome: RequestOutcome) => void>();

  constructor(private readonly options: ClientOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** Hears how every request ends (once per request, not per attempt): whoever shows whether
   *  KallyAI can be reached learns it from all of them. Returns the function that stops it. */
  onSettled(listener: (outcome: RequestOutcome) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /** Validates the input against the operation's schemas (bad input throws 'invalid_input' and
   *  never reaches the network: callers from code, the MCP server, the chat tools), then sends it —
   *  unless `options.prepared` carries it validated already. */
  async execute<O extends Operation>(op: O, input?: InputOf<O>, options: RequestOptions = {}): Promise<OutputOf<O>> {
    const prepared = options.prepared ?? prepareRequest(op, input as OperationInput | undefined);
    if (options.signal?.aborted) throw cancelled();
    try {
      const output = await this.send(op, prepared, options);
      this.settled({ op });
      return output;
    } catch (e) {
      if (e instanceof KallyApiError && e.code !== 'cancelled') this.settled({ op, error: e });
      throw e;
    }
  }

  private settled(outcome: RequestOutcome): void {
    for (const listener of this.settledListeners) {
      try {
        listener(outcome);
      } catch {
        // A listener's failure is its own: the request's answer still reaches the caller.
      }
    }
  }

  private async send<O extends Operation>(
    op: O,
    prepared: PreparedRequest,
    options: RequestOptions,
  ): Promise<OutputOf<O>> {
    const address = this.address();
    const idempotencyKey = op.creates ? (options.idempotencyKey ?? crypto.randomUUID()) : undefined;
    const mayRetry = op.idempotent || op.creates === true;
    const useToken = op.auth === 'bearer' && this.options.tokenSource !== undefined;
    let token = useToken ? await this.options.tokenSource!.getToken(address.origin) : undefined;
    let refreshed = false;
    const deadline = options.deadlineMs === undefined ? undefined : Date.now() + options.deadlineMs;
    /** Whether a retry after `ms` still fits before the deadline. */
    const fits = (ms: number) => deadline === undefined || Date.now() + ms + 500 < deadline;

    for (let attempt = 0; ; attempt++) {
      const remaining = deadline === undefined ? undefined : Math.max(1, deadline - Date.now());
      const attemptOptions =
        remaining === undefined
          ? options
          : { ...options, timeoutMs: Math.min(options.timeoutMs ?? this.options.timeoutMs ?? 30_000, remaining) };
      const result = await this.attempt(op, address.url, prepared, token, idempotencyKey, attemptOptions, attempt);
      if (result.kind === 'response') {
        const { response, text } = result;
        if (isSuccess(op, response)) return readSuccessBody(op, response, text) as OutputOf<O>;
        if (response.status === 401 && useToken && token && !refreshed) {
          refreshed = true;
          const fresh = await this.options.tokenSource!.refreshAfterUnauthorized(token, address.origin);
          if (fresh) {
            token = fresh;
            attempt--; // the retry after a refresh does not use up a transient-failure retry
            continue;
          }
        }
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        const error = parseErrorResponse(response.status, text, response.headers, retryAfterMs);
        const transient = response.status === 429 || response.status >= 500;
        if (!(mayRetry && transient && attempt < this.retry.retries)) throw error;
        if (retryAfterMs !== undefined && retryAfterMs > MAX_HONOURED_RETRY_AFTER_MS) throw error;
        const delay = retryAfterMs ?? backoffDelay(attempt, this.retry);
        if (!fits(delay)) throw error;
        await this.wait(delay, options.signal);
      } else {
        const { error } = result;
        if (!error.retryable || !(mayRetry && attempt < this.retry.retries)) throw error;
        const delay = backoffDelay(attempt, this.retry);
        if (!fits(delay)) throw error;
        await this.wait(delay, options.signal);
      }
    }
  }

  private async attempt(
    op: Operation,
    base: string,
    prepared: PreparedRequest,
    token: string | undefined,
    idempotencyKey: string | undefined,
    options: RequestOptions,
    attempt: number,
  ): Promise<Attempt> {
    const timeoutMs =
      options.timeoutMs ??
      (op.longRunning ? (this.options.longTimeoutMs ?? 900_000) : (this.options.timeoutMs ?? 30_000));
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const headers: Record<string, string> = { Accept: op.response === 'text' ? '*/*' : 'application/json' };
    if (this.options.userAgent) headers['User-Agent'] = this.options.userAgent;
    if (token && op.auth === 'bearer') headers.Authorization = `Bearer ${token}`;
    if (prepared.contentType) headers['Content-Type'] = prepared.contentType;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;

    const started = Date.now();
    const doFetch = this.options.fetch ?? globalThis.fetch;
    try {
      const response = await doFetch(`${base}${prepared.pathAndQuery}`, {
        method: op.method,
        headers,
        body: prepared.body,
        signal,
        redirect: op.response === 'text' ? 'manual' : 'follow',
      });
      // An error body is only ever shown in part: read a few KB of it and let go of the rest.
      // A success body is read up to MAX_RESPONSE_BYTES; past that it is refused, not buffered.
      const success = isSuccess(op, response);
      const limit = success ? MAX_RESPONSE_BYTES : MAX_ERROR_BODY_BYTES;
      const tooLarge = success && declaredTooLarge(response, limit);
      const body = tooLarge ? undefined : await readLimitedText(response, limit);
      if (tooLarge) await response.body?.cancel().catch(() => undefined);
      if (tooLarge || (success && body?.truncated)) {
        this.log(
          `${op.method} ${prepared.pathAndQuery} → ${response.status}, body over ${limit} bytes refused after ${Date.now() - started} ms${attempt ? ` (retry ${attempt})` : ''}`,
        );
        return { kind: 'failure', error: responseTooLarge(op, response.status) };
      }
      this.log(
        `${op.method} ${prepared.pathAndQuery} → ${response.status} in ${Date.now() - started} ms${attempt ? ` (retry ${attempt})` : ''}`,
      );
      return { kind: 'response', response, text: body?.text ?? '' };
    } catch (cause) {
      const error = options.signal?.aborted
        ? cancelled(cause)
        : timeout.aborted
          ? new KallyApiError({
              code: 'timeout',
              status: 0,
              message: `KallyAI did not answer "${op.summary}" within ${Math.round(timeoutMs / 1000)} s.`,
              cause,
            })
          : new KallyApiError({ code: 'network_error', status: 0, cause });
      this.log(
        `${op.method} ${prepared.pathAndQuery} → ${error.code} after ${Date.now() - started} ms${attempt ? ` (retry ${attempt})` : ''}`,
      );
      return { kind: 'failure', error };
    }
  }

  /** The base URL for this request (read once per request) and its origin. Plain http to another
   *  computer is refused before anything is sent; an address that is not one fails in fetch, as
   *  an unreachable API does. */
  private address(): { url: string; origin: string | undefined } {
    const base = (typeof this.options.baseUrl === 'function' ? this.options.baseUrl() : this.options.baseUrl).replace(
      /(?<!\/)\/+$/,
      '',
    );
    const checked = checkApiAddress(base);
    if (!checked.ok && checked.reason === 'insecure') {
      throw new KallyApiError({
        code: 'insecure_api_address',
        status: 0,
        message: `KallyAI is reached over https only (plain http only on this computer); ${new URL(base).host} was not contacted.`,
      });
    }
    return { url: base, origin: checked.ok ? checked.origin : undefined };
  }

  private async wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch (cause) {
      throw cancelled(cause);
    }
  }

  private log(line: string): void {
    this.options.log?.(redact(line));
  }
}

/** 2xx, or a redirect answered to a text operation (redirects are not followed for those). */
function isSuccess(op: Operation, response: Response): boolean {
  return response.ok || (op.response === 'text' && response.status >= 300 && response.status < 400);
}

function cancelled(cause?: unknown): KallyApiError {
  return new KallyApiError({ code: 'cancelled', status: 0, cause });
}
