/** The one error type of the API layer, and the parser for every error body shape of
 *  contract §7.1 (nested message, nested details.message, flat string code, non-JSON,
 *  FastAPI `{detail}`). It carries codes and data; `.message` is plain English for logs and
 *  never carries a token. The sentence a person reads is made at the UI edge from `code`,
 *  `status`, `issue` and `serverMessage` (src/pipeline/errors). */
import { actionFor, RETRYABLE_CODES, type UserAction } from './errorCodes';
import { redact } from './redact';
import type { InputIssue } from './validation/issues';
import { MAX_ERROR_BODY_BYTES } from './responseLimits';

export { actionFor, isKnownErrorCode, PRICING_URL, type UserAction, type UserActionKind } from './errorCodes';

export interface KallyApiErrorInit {
  code: string;
  status: number;
  /** Plain English for logs; defaults to the code, the status and what the server said. */
  message?: string;
  /** What the server said, kept for logs and "details" views (redacted). */
  serverMessage?: string;
  correlationId?: string;
  field?: string;
  /** invalid_input: what is wrong with which field (src/api/validation/issues.ts). */
  issue?: InputIssue;
  retryAfterMs?: number;
  cause?: unknown;
}

export class KallyApiError extends Error {
  override readonly name = 'KallyApiError';
  /** API code, or local: invalid_input | network_error | timeout | cancelled | invalid_response | validation_error | http_<status>. */
  readonly code: string;
  /** HTTP status, 0 when the error arose locally. */
  readonly status: number;
  readonly correlationId?: string;
  readonly field?: string;
  readonly issue?: InputIssue;
  readonly serverMessage?: string;
  /** From a Retry-After header, when the server sent one. */
  readonly retryAfterMs?: number;
  readonly action: UserAction;
  readonly retryable: boolean;

  constructor(init: KallyApiErrorInit) {
    const serverMessage = init.serverMessage === undefined ? undefined : redact(init.serverMessage);
    const message =
      init.message ??
      [init.code, init.status ? `(HTTP ${init.status})` : '', serverMessage ? `: ${serverMessage}` : '']
        .join(' ')
        .replace(/(?<! ) +:/, ':')
        .trim();
    super(redact(message), init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.correlationId = init.correlationId;
    this.field = init.field ?? init.issue?.field;
    this.issue = init.issue;
    this.serverMessage = serverMessage;
    this.retryAfterMs = init.retryAfterMs;
    this.action = actionFor(init.code, init.status);
    this.retryable = RETRYABLE_CODES.has(init.code) || init.status === 429 || init.status >= 500;
  }
}

/** True for a KallyApiError, also one made by another copy of this module (a lazily loaded bundle). */
export function isKallyApiError(e: unknown): e is KallyApiError {
  return (
    e instanceof KallyApiError ||
    (e instanceof Error && e.name === 'KallyApiError' && typeof (e as KallyApiError).code === 'string')
  );
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;

/** Builds the error for a non-2xx response from its status, body text and headers. */
export function parseErrorResponse(
  status: number,
  fullBodyText: string,
  headers?: { get(name: string): string | null },
  retryAfterMs?: number,
): KallyApiError {
  // Only the first few KB are parsed: enough for every error shape, and bounded work whatever arrives.
  const bodyText =
    fullBodyText.length > MAX_ERROR_BODY_BYTES ? fullBodyText.slice(0, MAX_ERROR_BODY_BYTES) : fullBodyText;
  const headerCorrelation = headers?.get('x-correlation-id') ?? headers?.get('x-request-id') ?? undefined;
  let body: unknown;
  try {
    body = bodyText.trim() ? JSON.parse(bodyText) : undefined;
  } catch {
    body = undefined;
  }
  const root = obj(body);
  const base = { status, retryAfterMs, correlationId: str(root?.correlation_id) ?? headerCorrelation };

  const nested = obj(root?.error);
  if (nested) {
    // Shape 1 {error:{code,message,details:{reason}}} and shape 2 {error:{code,details:{message}}}.
    const details = obj(nested.details);
    const serverMessage = str(nested.message) ?? str(details?.message) ?? str(details?.reason);
    const code = str(nested.code) ?? `http_${status}`;
    return known(code, { ...base, serverMessage, correlationId: str(nested.correlation_id) ?? base.correlationId });
  }
  if (str(root?.error)) {
    // Shape 3: {error: "<code>", message: "…"}.
    return known(str(root!.error)!, { ...base, serverMessage: str(root!.message) });
  }
  if (root && 'detail' in root) return fastApiError(root.detail, base);
  // Shape 4: no JSON, or no error key.
  // Redacted before it is cut, so that a cut cannot leave a token's first half behind.
  const text = root
    ? str(root.message)
    : str(redact(bodyText.replace(TAG, ' ').replace(/\s+/g, ' ').trim()).slice(0, 300));
  return new KallyApiError({ code: `http_${status}`, ...base, serverMessage: text });
}

/** A tag without `<` inside it: each `<` scans only up to the next `<` or `>`, so stripping is
 *  linear in the text (`/<[^>]*>/` rescans to the end from every `<`: quadratic on "<<<<…"). */
const TAG = /<[^<>]*>/g;

function known(code: string, init: Omit<KallyApiErrorInit, 'code'>): KallyApiError {
  return new KallyApiError({ code, ...init });
}

/** FastAPI: `{detail: [{loc, msg, type}]}` (422 validation) or `{detail: "text"}` or `{detail: {code, message}}`. */
function fastApiError(detail: unknown, base: Omit<KallyApiErrorInit, 'code'>): KallyApiError {
  const status = base.status;
  if (Array.isArray(detail)) {
    const first = obj(detail[0]);
    const loc = Array.isArray(first?.loc)
      ? (first!.loc as unknown[]).filter((p) => p !== 'body' && p !== 'query' && p !== 'path').join('.')
      : undefined;
    const msg = str(first?.msg) ?? 'invalid value';
    const more = detail.length > 1 ? ` (and ${detail.length - 1} more)` : '';
    return new KallyApiError({
      code: status === 422 ? 'validation_error' : `http_${status}`,
      ...base,
      field: loc || undefined,
      message: `The server refused ${loc ? `"${loc}"` : 'the request'}: ${redact(msg)}${more}.`,
      serverMessage: `${loc ? `${loc}: ` : ''}${msg}${more}`,
    });
  }
  const d = obj(detail);
  if (d && (str(d.code) || str(d.error)))
    return known((str(d.code) ?? str(d.error))!, { ...base, serverMessage: str(d.message) });
  return known(`http_${status}`, { ...base, serverMessage: str(detail) });
}
