/** Request context, replies and API errors of the sandbox (no framework). */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Sandbox } from './context';
import type { Variant } from './variants';

export interface Ctx {
  sb: Sandbox;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON or form body (an object), the raw text when it is neither, undefined when empty. */
  body: unknown;
  req: IncomingMessage;
  res: ServerResponse;
  /** The variants this request is answered under (the run's with its X-Sandbox-Variant on top; empty outside /v1). */
  variant: Variant;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and buffers as they are. */
  body?: unknown;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

/**
 * Error body shapes of the contract (§7.1): 'standard' = {error:{code,message,details?,correlation_id}},
 * 'mcp' = {error:{code,details:{message},correlation_id}}, 'flat' = {error:'code', message},
 * 'detail' = FastAPI style {detail: message} with no error key.
 */
export type ErrorShape = 'standard' | 'mcp' | 'flat' | 'detail';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: { details?: Record<string, unknown>; shape?: ErrorShape; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export function fail(status: number, code: string, message: string, options?: ApiError['options']): never {
  throw new ApiError(status, code, message, options);
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });
export const html = (body: string, status = 200): Reply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body,
});
export const redirect = (location: string): Reply => ({
  status: 302,
  headers: { location, 'cache-control': 'no-store' },
  body: '',
});

/** The body of an error reply; `shape` (a variant) overrides the route's own shape. */
export function errorBody(error: ApiError, correlationId: string, shape?: ErrorShape): unknown {
  switch (shape ?? error.options.shape ?? 'standard') {
    case 'flat':
      return { error: error.code, message: error.message, correlation_id: correlationId };
    case 'detail':
      return { detail: error.message };
    case 'mcp':
      return {
        error: {
          code: error.code,
          details: { ...error.options.details, message: error.message },
          correlation_id: correlationId,
        },
      };
    default:
      return {
        error: {
          code: error.code,
          message: error.message,
          ...(error.options.details ? { details: error.options.details } : {}),
          correlation_id: correlationId,
        },
      };
  }
}

export function newCorrelationId(): string {
  return `sbx-${randomUUID()}`;
}

export function send(res: ServerResponse, reply: Reply, correlationId: string): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { 'x-correlation-id': correlationId, ...reply.headers };
  let payload: string | Buffer = '';
  if (reply.body === undefined || reply.status === 204) {
    payload = '';
  } else if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) {
    payload = reply.body;
  } else {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

const MAX_BODY_BYTES = 1_000_000;
/** How long a request body may take to arrive once its headers have (default of --body-timeout). */
export const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/** Reads and parses the body: 413 past 1 MB (at once when Content-Length says so), 408 when it
 *  has not all arrived within `timeoutMs` (a Content-Length longer than the body would otherwise
 *  hold the connection forever). Either way the connection is closed after the answer. */
export async function readBody(req: IncomingMessage, timeoutMs = DEFAULT_BODY_TIMEOUT_MS): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ApiError(408, 'request_timeout', `The request body did not arrive within ${timeoutMs / 1000} s.`, {
            headers: { connection: 'close' },
          }),
        ),
      timeoutMs,
    );
  });
  late.catch(() => undefined);
  const read = (async () => {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  })();
  read.catch(() => undefined);
  try {
    await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text);
  } catch {
    if (type.includes('json')) throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
    return text;
  }
}

function tooLarge(): ApiError {
  return new ApiError(413, 'payload_too_large', 'The request body is larger than 1 MB.', {
    headers: { connection: 'close' },
  });
}

/** The body as a plain object (empty object when absent or not an object). */
export function bodyObject(ctx: Ctx): Record<string, unknown> {
  const b = ctx.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Integer query parameter within [min,max]; 422 when out of range or not a number. */
export function intQuery(ctx: Ctx, name: string, def: number, min: number, max: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    fail(422, 'validation_error', `${name} must be an integer from ${min} to ${max}.`, { details: { field: name } });
  }
  return n;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
