/** startSandbox(): the KallyAI sandbox HTTP server on 127.0.0.1. */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requireBearer } from './auth/tokens';
import { endCall } from './calls/record';
import { createClock } from './clock';
import type { Sandbox, SandboxOptions } from './context';
import { FaultList, defaultFaultCode } from './faults';
import { startInboundSchedule, stopInboundTimers } from './inbound/live';
import {
  ApiError,
  type Ctx,
  DEFAULT_BODY_TIMEOUT_MS,
  type Reply,
  errorBody,
  newCorrelationId,
  readBody,
  send,
} from './http';
import { StateSaver, loadState } from './persistence';
import { RequestLog } from './requestLog';
import { Router } from './router';
import { resourceOf, routeKey } from './listRoutes';
import { checkStartOptions } from './startOptions';
import {
  type Variant,
  VARIANT_HEADER,
  applyEnvelope,
  checkVariant,
  errorShapeOf,
  requestVariant,
  unauthorizedCodeOf,
} from './variants';
import { variantScopes } from './variantScopes';
import { registerAllRoutes } from './routes';
import { freshState } from './routes/controls';
import { type SandboxState, createState } from './state';

export interface StartSandboxOptions {
  port?: number;
  host?: '127.0.0.1';
  autoApprove?: boolean;
  timeScale?: number;
  tokenTtlSeconds?: number;
  empty?: boolean;
  statePath?: string;
  quiet?: boolean;
  /** How long a request body may take to arrive (default 10 s), then 408. */
  bodyTimeoutMs?: number;
  /** Variants served by default (variants.ts): the `--variant` text, or the same settings as an
   *  object (`{ envelope: 'items', 'envelope.calls.transcript': 'documented' }`). */
  variant?: Variant | string;
  /** An inbound call arrives every this many seconds or so (0 or absent: none). */
  inboundEverySeconds?: number;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

const CONTROL_PATHS =
  /^\/sandbox\/(faults|reset|requests|seed-calls|seed-messages|seed-hostile|expire-tokens|credits|state|tokens|inbound-call|variant)$/;

function initialState(options: SandboxOptions): SandboxState {
  const loaded = options.statePath ? loadState(options.statePath) : undefined;
  if (!loaded) return createState({ empty: options.empty });
  for (const call of loaded.calls) {
    if (call.status === 'in_progress') endCall(call, 'failed', 0, Date.now());
  }
  return loaded;
}

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  checkStartOptions(opts);
  const router = new Router();
  // Called by POST /sandbox/reset, after sb below exists: a fresh state, the start's variants, no hostile mode.
  registerAllRoutes(router, (empty) => {
    sb.generation += 1;
    sb.state = freshState(sb, empty);
    sb.variant = sb.options.variant;
    sb.hostile = undefined;
    sb.changed();
  });
  const scopes = variantScopes(router);
  const options: SandboxOptions = {
    port: opts.port ?? 8790,
    host: opts.host ?? '127.0.0.1',
    autoApprove: !!opts.autoApprove,
    timeScale: opts.timeScale ?? 1,
    tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
    empty: !!opts.empty,
    statePath: opts.statePath,
    quiet: !!opts.quiet,
    bodyTimeoutMs: opts.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    variant: checkVariant(opts.variant ?? {}, scopes),
    inboundEverySeconds: opts.inboundEverySeconds ?? 0,
  };
  let saver: StateSaver | undefined;
  const sb: Sandbox = {
    options,
    state: initialState(options),
    generation: 0,
    clock: createClock(options.timeScale),
    baseUrl: '',
    running: new Map(),
    inboundTimers: new Set(),
    faults: new FaultList(),
    requests: new RequestLog(),
    variant: options.variant,
    variantScopes: scopes,
    changed: () => saver?.schedule(),
  };
  if (options.statePath) saver = new StateSaver(options.statePath, () => sb.state);

  const server = createServer((req, res) => {
    handle(sb, router, req, res).catch((err) => {
      if (!options.quiet) console.error('sandbox: unexpected error', err);
      send(
        res,
        {
          status: 500,
          body: errorBody(new ApiError(500, 'internal_error', 'The sandbox failed unexpectedly.'), newCorrelationId()),
        },
        newCorrelationId(),
      );
    });
  });
  server.requestTimeout = 0; // POST /v1/calls blocks for the whole simulated call
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  sb.baseUrl = `http://${options.host}:${port}`;
  if (options.inboundEverySeconds > 0) startInboundSchedule(sb, options.inboundEverySeconds);

  let closing: Promise<void> | undefined;
  return {
    url: sb.baseUrl,
    port,
    close: () => {
      closing ??= (async () => {
        stopInboundTimers(sb);
        const pending = [...sb.running.values()];
        for (const r of pending) r.stop();
        await Promise.all(pending.map((r) => r.done));
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 200).unref();
        });
        saver?.flush();
      })();
      return closing;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function handle(sb: Sandbox, router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const correlationId = newCorrelationId();
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const path = url.pathname.length > 1 ? url.pathname.replace(/(?<!\/)\/+$/, '') : url.pathname;
  const method = (req.method ?? 'GET').toUpperCase();
  const isControl = CONTROL_PATHS.test(path);
  const reply = (r: Reply) => send(res, r, correlationId);
  // The route first: variants can be scoped to its resource, errors before the handler included.
  let match: ReturnType<Router['match']>;
  let matchError: ApiError | undefined;
  try {
    match = router.match(method, path);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    matchError = e;
  }
  const isApi = path.startsWith('/v1/');
  const resource = isApi && match && match !== 'method_not_allowed' ? resourceOf(match.route.pattern) : undefined;
  // Variants apply to what the API answers (/v1), not to the sandbox's own pages and controls.
  let variant: Variant = {};
  let variantError: ApiError | undefined;
  if (isApi) {
    try {
      variant = requestVariant(sb.variant, req.headers[VARIANT_HEADER], sb.variantScopes);
    } catch (e) {
      variantError = new ApiError(400, 'invalid_variant', `${VARIANT_HEADER}: ${(e as Error).message}`);
    }
  }
  const replyError = (e: ApiError) => {
    const code = e.status === 401 ? unauthorizedCodeOf(variant, resource) : undefined;
    const error = code ? new ApiError(401, code, e.message, e.options) : e;
    reply({
      status: error.status,
      headers: error.options.headers,
      body: errorBody(error, correlationId, errorShapeOf(variant, resource)),
    });
  };
  if (variantError) return replyError(variantError);

  let body: unknown;
  try {
    body = await readBody(req, sb.options.bodyTimeoutMs);
  } catch (e) {
    if (!isControl) sb.requests.add(method, path, url.searchParams, req.headers, undefined);
    return replyError(
      e instanceof ApiError ? e : new ApiError(400, 'bad_request', 'The request body could not be read.'),
    );
  }
  if (!isControl) sb.requests.add(method, path, url.searchParams, req.headers, body);

  const fault = isControl ? undefined : sb.faults.take(method, path);
  if (fault) {
    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.drop) {
      req.socket.destroy();
      return;
    }
    if (fault.malformed) {
      return reply({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"calls": [{"call_id": "broken", "status": ',
      });
    }
    if (fault.status) {
      const status = fault.status;
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      return replyError(
        new ApiError(
          status,
          fault.code ?? defaultFaultCode(status),
          fault.message ?? `Injected fault: HTTP ${status}.`,
          { headers },
        ),
      );
    }
  }

  if (matchError) return replyError(matchError);
  if (match === undefined) return replyError(new ApiError(404, 'not_found', `No endpoint ${method} ${path}.`));
  if (match === 'method_not_allowed')
    return replyError(new ApiError(405, 'method_not_allowed', `${method} is not allowed on ${path}.`));

  const ctx: Ctx = {
    sb,
    method,
    path,
    params: match.params,
    query: url.searchParams,
    headers: req.headers,
    body,
    req,
    res,
    variant,
  };
  try {
    if (!match.route.public && !path.startsWith('/sandbox/')) requireBearer(sb, req.headers.authorization);
    const answer = applyEnvelope(await match.route.handler(ctx), routeKey(method, match.route.pattern), variant);
    if (fault?.dropResponse) return void req.socket.destroy(); // handled, but the answer is lost on the way back
    reply(answer);
  } catch (e) {
    if (e instanceof ApiError) return fault?.dropResponse ? void req.socket.destroy() : replyError(e);
    throw e;
  } finally {
    if (method !== 'GET') sb.changed();
  }
}
