/** Fault injection for tests: latency, error status (+code, message, Retry-After), dropped connection
 *  (before or after the request is handled), malformed body. A spec is checked when it is added (a bad one is refused with a sentence,
 *  never accepted to fail later), and its path pattern is matched in linear time (pathPattern.ts). */
import { randomUUID } from 'node:crypto';
import { compilePathPattern, PatternError, type PathMatcher } from './pathPattern';

export interface FaultSpec {
  path: string;
  method?: string;
  count?: number;
  latencyMs?: number;
  status?: number;
  code?: string;
  /** The error's message, in whichever error shape is served (default "Injected fault: HTTP <status>."):
   *  a test's hostile text, up to 20,000 characters. Needs `status`. */
  message?: string;
  /** Seconds, or an HTTP date. */
  retryAfter?: number | string;
  drop?: boolean;
  /** The request is handled (a call is placed), then the connection is dropped: a lost response. */
  dropResponse?: boolean;
  malformed?: boolean;
}

export interface Fault extends FaultSpec {
  id: string;
  remaining: number;
  matcher: PathMatcher;
}

export class FaultSpecError extends Error {}

const FIELDS = new Set([
  'path',
  'method',
  'count',
  'latencyMs',
  'status',
  'code',
  'message',
  'retryAfter',
  'drop',
  'dropResponse',
  'malformed',
]);
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const MAX_COUNT = 100_000;
const MAX_LATENCY_MS = 600_000;
export const MAX_FAULT_MESSAGE = 20_000;

/** Checks a fault spec as posted to /sandbox/faults; throws FaultSpecError naming the field. */
export function parseFaultSpec(raw: unknown): { spec: FaultSpec; matcher: PathMatcher } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new FaultSpecError('the body must be a JSON object.');
  const b = raw as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !FIELDS.has(k));
  if (unknown.length)
    throw new FaultSpecError(`unknown field(s): ${unknown.join(', ')} (known: ${[...FIELDS].join(', ')}).`);
  let matcher: PathMatcher;
  try {
    matcher = compilePathPattern(b.path as string);
  } catch (e) {
    throw new FaultSpecError(e instanceof PatternError ? `path: ${e.message}` : 'path is not a usable pattern.');
  }
  const spec: FaultSpec = { path: b.path as string };
  if (b.method !== undefined) {
    if (typeof b.method !== 'string' || !METHODS.has(b.method.toUpperCase()))
      throw new FaultSpecError(`method must be one of ${[...METHODS].join(', ')}.`);
    spec.method = b.method.toUpperCase();
  }
  if (b.count !== undefined) spec.count = integer(b.count, 'count', 1, MAX_COUNT);
  if (b.latencyMs !== undefined) spec.latencyMs = integer(b.latencyMs, 'latencyMs', 0, MAX_LATENCY_MS);
  if (b.status !== undefined) spec.status = integer(b.status, 'status', 400, 599);
  if (b.code !== undefined) {
    if (typeof b.code !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(b.code))
      throw new FaultSpecError('code must be 1–64 letters, digits, "_", "." or "-".');
    spec.code = b.code;
  }
  if (b.message !== undefined) {
    if (typeof b.message !== 'string' || b.message.length === 0 || b.message.length > MAX_FAULT_MESSAGE)
      throw new FaultSpecError(`message must be text of 1 to ${MAX_FAULT_MESSAGE} characters.`);
    if (spec.status === undefined)
      throw new FaultSpecError('message needs a status: it is the message of the error that status answers.');
    spec.message = b.message;
  }
  if (b.retryAfter !== undefined) spec.retryAfter = retryAfter(b.retryAfter);
  for (const flag of ['drop', 'dropResponse', 'malformed'] as const) {
    if (b[flag] === undefined) continue;
    if (typeof b[flag] !== 'boolean') throw new FaultSpecError(`${flag} must be true or false.`);
    spec[flag] = b[flag] as boolean;
  }
  return { spec, matcher };
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultSpecError(`${field} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** Delta-seconds (a number ≥ 0) or an HTTP date; never anything that could break the header. */
function retryAfter(value: unknown): number | string {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 86_400) return value;
  if (
    typeof value === 'string' &&
    value.length <= 64 &&
    /^[\x20-\x7e]+$/.test(value) &&
    (/^\d+$/.test(value) || !Number.isNaN(Date.parse(value)))
  )
    return value;
  throw new FaultSpecError(
    'retryAfter must be seconds from 0 to 86400 or an HTTP date (printable text, no line breaks).',
  );
}

export function defaultFaultCode(status: number): string {
  return (
    (
      {
        400: 'bad_request',
        401: 'token_expired',
        402: 'quota_exceeded',
        403: 'forbidden',
        404: 'not_found',
        409: 'conflict',
        422: 'validation_error',
        429: 'rate_limited',
        500: 'internal_error',
        502: 'bad_gateway',
        503: 'service_unavailable',
        504: 'gateway_timeout',
      } as Record<number, string>
    )[status] ?? `http_${status}`
  );
}

export class FaultList {
  private faults: Fault[] = [];

  /** Adds a posted spec; throws FaultSpecError when it is not valid. */
  add(raw: unknown): Fault {
    const { spec, matcher } = parseFaultSpec(raw);
    const fault: Fault = { ...spec, id: randomUUID(), remaining: spec.count ?? 1, matcher };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return [...this.faults];
  }

  /** The first fault that applies to this request, consuming one of its uses. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method === method) && f.matcher.test(path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}
