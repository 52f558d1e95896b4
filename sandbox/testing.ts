/** Small helpers for tests that talk to a sandbox over real HTTP (used by test/unit/sandbox.*.test.ts). */
import { type RunningSandbox, type StartSandboxOptions, startSandbox } from './server';

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when the body is not JSON). */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface SandboxClient {
  sandbox: RunningSandbox;
  url: string;
  token: string;
  request(
    method: string,
    path: string,
    opts?: { body?: unknown; headers?: Record<string, string>; token?: string | null; signal?: AbortSignal },
  ): Promise<HttpResult>;
  get(path: string): Promise<HttpResult>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  close(): Promise<void>;
}

export async function fetchResult(url: string, init?: RequestInit): Promise<HttpResult> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Starts a sandbox on a free port (quiet) and gets a demo-user token through /sandbox/tokens. */
export async function openSandbox(opts: StartSandboxOptions = {}): Promise<SandboxClient> {
  const sandbox = await startSandbox({ port: 0, quiet: true, ...opts });
  const tokens = await fetchResult(`${sandbox.url}/sandbox/tokens`, { method: 'POST' });
  const client: SandboxClient = {
    sandbox,
    url: sandbox.url,
    token: tokens.json.access_token,
    request(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      const token = o.token === undefined ? client.token : o.token;
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (o.body !== undefined) {
        body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      return fetchResult(`${sandbox.url}${path}`, { method, headers, body, signal: o.signal, redirect: 'manual' });
    },
    get: (path) => client.request('GET', path),
    post: (path, body, headers) => client.request('POST', path, { body: body ?? {}, headers }),
    close: () => sandbox.close(),
  };
  return client;
}

/** How long `eventually` waits at least before it gives up: one generous ceiling, so that a machine
 *  busy with other work (load 4–10 on 2 cores) only makes a test slower, never red. */
export const EVENTUALLY_CEILING_MS = 30_000;

/** Polls until check() returns a value (for states reached asynchronously, e.g. a call that started
 *  running), every 10 ms; gives up after `attempts` polls or EVENTUALLY_CEILING_MS, whichever is later,
 *  with an error naming `what` it waited for. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, attempts = 400): Promise<T> {
  const started = Date.now();
  for (let i = 0; i < attempts || Date.now() - started < EVENTUALLY_CEILING_MS; i++) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Gave up after ${Math.round((Date.now() - started) / 1000)} s waiting for ${what}`);
}
