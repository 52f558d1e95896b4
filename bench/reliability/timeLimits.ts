/** Answers later than their time limit (target 0): how long the client, the sandbox and the CLI
 *  token import take to refuse or give up on what is hostile or slow, each against the limit the
 *  unit tests used to assert. The unit tests now check what is answered (deterministic under load);
 *  the time it takes is this figure, measured on a quiet machine. Each row shows the time measured. */
import { connect } from 'node:net';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ops } from '../../src/api/catalogue';
import { KallyClient } from '../../src/api/client';
import { KallyApiError, parseErrorResponse } from '../../src/api/errors';
import { readCliTokenFile } from '../../src/auth/cliTokenFile';
import { startSandbox } from '../../sandbox/server';
import { openSandbox } from '../../sandbox/testing';
import { hostileServer, stream } from '../../test/unit/hostile.helpers';
import { total, within, type Section, type SectionRow } from './section';

const token = { getToken: async () => 'tok_test_abcdefghijklmnop', refreshAfterUnauthorized: async () => undefined };

/** Milliseconds `fn` takes (a case that throws or hangs past 30 s counts as over any limit). */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  const r = await within(30_000, fn());
  if (!r.settled) return Infinity;
  return performance.now() - started;
}

function row(figure: string, ms: number, limitMs: number, atLeastMs = 0): SectionRow {
  const shown = Number.isFinite(ms) ? `${Math.round(ms)} ms` : 'no answer';
  return {
    figure: `${figure} (limit ${atLeastMs ? `${atLeastMs}–` : ''}${limitMs} ms): ${shown}`,
    cases: 1,
    failures: ms < limitMs && ms >= atLeastMs ? 0 : 1,
  };
}

/** Writes raw bytes to a server and resolves when it closes the connection (or after 10 s). */
function raw(url: string, request: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(text);
    }, 10_000);
    socket.on('data', (d) => {
      text += d.toString();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.on('error', () => undefined);
    socket.write(request);
  });
}

async function clientCases(): Promise<SectionRow[]> {
  const rows: SectionRow[] = [];
  rows.push(
    row(
      'a 200 KB run of "<" in an error body parsed',
      await timed(async () => parseErrorResponse(502, '<'.repeat(200_000))),
      500,
    ),
  );
  const clientOf = (url: string) =>
    new KallyClient({ baseUrl: url, tokenSource: token, retry: { retries: 0 }, timeoutMs: 10_000 });
  const cases: Array<[figure: string, limitMs: number, handler: Parameters<typeof hostileServer>[0]]> = [
    [
      'a 200 KB "<<<…" 502 body → http_502',
      1_000,
      (_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<'.repeat(200_000));
      },
    ],
    [
      'an endless 500 body answered after a few KB',
      2_000,
      (_req, res) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        stream(res, 'x'.repeat(16 * 1024), 2_000_000_000);
      },
    ],
    [
      'a Content-Length of 300 MB refused before the body',
      2_000,
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) });
        stream(res, '{"calls":[' + ' '.repeat(65_536), 300 * 1024 * 1024);
      },
    ],
  ];
  for (const [figure, limitMs, handler] of cases) {
    const server = await hostileServer(handler);
    try {
      rows.push(
        row(
          figure,
          await timed(() =>
            clientOf(server.url)
              .execute(ops.calls.list)
              .catch((e: unknown) => e instanceof KallyApiError),
          ),
          limitMs,
        ),
      );
    } finally {
      await server.close();
    }
  }
  return rows;
}

async function deadlineCases(): Promise<SectionRow[]> {
  const sb = await startSandbox({ port: 0, timeScale: 1000, quiet: true });
  const control = (path: string, method: string, body?: unknown) =>
    fetch(`${sb.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const tokens = (await (await control('/sandbox/tokens', 'POST')).json()) as { access_token: string };
  const source = { getToken: async () => tokens.access_token, refreshAfterUnauthorized: async () => undefined };
  try {
    await control('/sandbox/faults', 'POST', { path: '^/v1/calls$', method: 'GET', count: 10, latencyMs: 2_000 });
    const slow = new KallyClient({
      baseUrl: sb.url,
      tokenSource: source,
      timeoutMs: 30_000,
      retry: { retries: 3, baseDelayMs: 10, maxDelayMs: 200 },
    });
    const gaveUp = row(
      'a 700 ms deadline on a service that answers after 2 s: given up',
      await timed(() => slow.execute(ops.calls.list, undefined, { deadlineMs: 700 }).catch(() => undefined)),
      1_500,
    );
    await control('/sandbox/faults', 'DELETE');
    await control('/sandbox/faults', 'POST', { path: '^/v1/calls$', method: 'GET', count: 10, status: 503 });
    const retrying = new KallyClient({
      baseUrl: sb.url,
      tokenSource: source,
      retry: { retries: 10, baseDelayMs: 400, maxDelayMs: 400 },
    });
    const retries = row(
      '503s retried within a 1 s deadline: given up',
      await timed(() =>
        retrying.execute(ops.calls.list, { query: { limit: 7 } }, { deadlineMs: 1_000 }).catch(() => undefined),
      ),
      2_500,
    );
    return [gaveUp, retries];
  } finally {
    await sb.close();
  }
}

async function sandboxCases(): Promise<SectionRow[]> {
  const rows: SectionRow[] = [];
  const c = await openSandbox({ bodyTimeoutMs: 500 });
  try {
    const path = `/${'a'.repeat(5000)}!`;
    for (const pattern of ['^/(a+)+$', '^/(a|a)*$', '^/(a|aa)+$', '^/.*.*.*.*x$', '^/(\\w+\\w*)+$']) {
      await c.post('/sandbox/faults', { path: pattern, status: 503 });
      rows.push(
        row(`the sandbox's fault pattern ${pattern} on a 5,000-character path`, await timed(() => c.get(path)), 1_000),
      );
      await c.request('DELETE', '/sandbox/faults');
    }
    rows.push(
      row(
        'the sandbox refuses an announced 50 MB body (413)',
        await timed(() =>
          raw(
            c.url,
            `POST /v1/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n{`,
          ),
        ),
        1_000,
      ),
    );
    const short = `POST /v1/search HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${c.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":`;
    rows.push(
      row(
        'the sandbox answers 408 to a body shorter than announced, after its 500 ms body timeout',
        await timed(() => raw(c.url, short)),
        3_000,
        400,
      ),
    );
  } finally {
    await c.close();
  }
  return rows;
}

async function tokenFileCase(): Promise<SectionRow> {
  const dir = await mkdtemp(join(tmpdir(), 'kallyai-reliability-'));
  try {
    const path = join(dir, 'huge.json');
    await writeFile(path, '{}', { mode: 0o600 });
    await truncate(path, 200 * 1024 * 1024); // sparse: costs no disk
    return row(
      'a 200 MB CLI token file refused',
      await timed(() => readCliTokenFile(path).catch(() => undefined)),
      500,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const timeLimits: Section = {
  name: 'answers later than their time limit',
  async run() {
    const rows = [
      ...(await clientCases()),
      ...(await deadlineCases()),
      ...(await sandboxCases()),
      await tokenFileCase(),
    ];
    return total(
      rows,
      rows.filter((r) => r.failures).map((r) => r.figure),
    );
  },
};
