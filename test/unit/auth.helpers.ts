/** Shared by the test/unit/auth.*.test.ts files: a sandbox over real HTTP, a client for it, and
 *  the browser's part of a sign-in (following KallyAI's redirect with fetch). */
import { KallyClient } from '../../src/api/client';
import type { TokenSource } from '../../src/api/tokenSource';
import { startLoopbackSignIn } from '../../src/auth/loopbackFlow';
import type { TokenSet } from '../../src/auth/tokens';
import { startSandbox } from '../../sandbox/server';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export function sandbox(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, autoApprove: true, quiet: true, ...options });
}

export function clientFor(baseUrl: string, tokenSource?: TokenSource): KallyClient {
  return new KallyClient({ baseUrl, tokenSource, retry: { retries: 0 } });
}

/** What the browser does with the sign-in address: asks KallyAI, reads the redirect. */
export async function askKallyAI(
  signInUrl: string,
): Promise<{ status: number; location: string | null; body: string }> {
  const res = await fetch(signInUrl, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}

/** Then follows the redirect to the loopback listener. */
export async function visit(url: string): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

/** A full loopback sign-in against an auto-approving sandbox. */
export async function signIn(baseUrl: string): Promise<TokenSet> {
  const flow = await startLoopbackSignIn({ baseUrl });
  const answer = await askKallyAI(flow.signInUrl);
  if (!answer.location) throw new Error(`the sandbox did not redirect (${answer.status})`);
  await visit(answer.location);
  return flow.tokens;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query?: unknown;
  body?: unknown;
}

export async function requestsTo(baseUrl: string, path: string): Promise<LoggedRequest[]> {
  const res = await fetch(`${baseUrl}/sandbox/requests`);
  const { requests } = (await res.json()) as { requests: LoggedRequest[] };
  return requests.filter((r) => r.path === path);
}

export async function clearRequests(baseUrl: string): Promise<void> {
  await fetch(`${baseUrl}/sandbox/requests`, { method: 'DELETE' });
}

export async function post(baseUrl: string, path: string, body: unknown = {}): Promise<unknown> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json().catch(() => undefined);
}

/** True when nothing listens on 127.0.0.1:port any more. */
export async function refusesConnections(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5000) });
    return false;
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code;
    return code === 'ECONNREFUSED';
  }
}
