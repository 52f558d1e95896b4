/** Shared by the api.*.test.ts files: a sandbox started in-process on a free port, a real
 *  TokenSource backed by the sandbox's own token endpoints, a fetch that counts (and passes
 *  through to the real global fetch), and small wrappers over the sandbox's test controls. */
import assert from 'node:assert/strict';
import { startSandbox } from '../../sandbox/server';
import { KallyClient, type ClientOptions } from '../../src/api/client';
import { KallyApiError } from '../../src/api/errors';
import type { TokenSource } from '../../src/api/tokenSource';

export interface SandboxHandle {
  url: string;
  close(): Promise<void>;
}

/** timeScale 1000: a 90-second simulated call takes 90 ms. */
export async function sandbox(timeScale = 1000): Promise<SandboxHandle> {
  return startSandbox({ port: 0, timeScale, quiet: true });
}

export async function control<T = unknown>(
  sb: SandboxHandle,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox control ${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

export interface Fault {
  path: string;
  method?: string;
  count?: number;
  latencyMs?: number;
  status?: number;
  code?: string;
  message?: string;
  retryAfter?: number | string;
  drop?: boolean;
  dropResponse?: boolean;
  malformed?: boolean;
}
export const addFault = (sb: SandboxHandle, fault: Fault) =>
  control<{ id: string }>(sb, 'POST', '/sandbox/faults', fault);
export const clearFaults = (sb: SandboxHandle) => control(sb, 'DELETE', '/sandbox/faults');

export interface LoggedRequest {
  method: string;
  path: string;
  query?: unknown;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  at: string | number;
}
export async function requests(
  sb: SandboxHandle,
  filter?: { method?: string; path?: string },
): Promise<LoggedRequest[]> {
  const { requests: all } = await control<{ requests: LoggedRequest[] }>(sb, 'GET', '/sandbox/requests');
  return all.filter(
    (r) => (!filter?.method || r.method === filter.method) && (!filter?.path || r.path === filter.path),
  );
}
export const clearRequests = (sb: SandboxHandle) => control(sb, 'DELETE', '/sandbox/requests');

/** Resolves once the sandbox has logged a `method` request to `path` (it logs each request as it
 *  arrives, before any latency fault holds it): the moment a test may act on a request in flight. */
export async function arrived(sb: SandboxHandle, method: string, path: string, ceilingMs = 30_000): Promise<void> {
  const started = Date.now();
  while ((await requests(sb, { method, path })).length === 0) {
    if (Date.now() - started > ceilingMs)
      throw new Error(`gave up after ${ceilingMs / 1000} s waiting for the sandbox to receive ${method} ${path}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A TokenSource that signs in as the demo user through the sandbox and refreshes with /v1/auth/refresh. */
export class SandboxTokenSource implements TokenSource {
  access?: string;
  refreshToken?: string;
  refreshes = 0;
  constructor(private readonly sb: SandboxHandle) {}
  async getToken(): Promise<string | undefined> {
    if (!this.access) {
      const t = await control<{ access_token: string; refresh_token: string }>(this.sb, 'POST', '/sandbox/tokens');
      this.access = t.access_token;
      this.refreshToken = t.refresh_token;
    }
    return this.access;
  }
  async refreshAfterUnauthorized(): Promise<string | undefined> {
    this.refreshes++;
    const res = await fetch(`${this.sb.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: this.refreshToken }),
    });
    if (!res.ok) return undefined;
    const t = (await res.json()) as { access_token: string; refresh_token?: string };
    this.access = t.access_token;
    this.refreshToken = t.refresh_token ?? this.refreshToken;
    return this.access;
  }
}

/** Wraps the real global fetch and counts calls: nothing is stubbed. */
export function countingFetch(): { fetch: typeof fetch; count: () => number } {
  let n = 0;
  const wrapped: typeof fetch = (input, init) => {
    n++;
    return globalThis.fetch(input, init);
  };
  return { fetch: wrapped, count: () => n };
}

export function client(sb: SandboxHandle, options: Partial<ClientOptions> = {}): KallyClient {
  return new KallyClient({
    baseUrl: sb.url,
    tokenSource: new SandboxTokenSource(sb),
    userAgent: 'KallyAI-VSCode-tests/0.1',
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    ...options,
  });
}

/** The KallyApiError a request fails with (the test fails if it succeeds or fails otherwise). */
export async function failure(p: Promise<unknown>): Promise<KallyApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof KallyApiError, `expected KallyApiError, got ${e}`);
    return e;
  }
  return assert.fail('expected a failure');
}
