/** What KallyClient costs on top of a raw fetch, and what the sandbox sustains.
 *  - latency: 1000 × GET /v1/calls?limit=200 (≥200 seeded calls) through KallyClient (validation,
 *    headers, schema parse of 200 calls, log) vs raw fetch + JSON.parse of the same URL, interleaved
 *    in the same run; p50/p95 in ms.
 *  - throughput: a fixed number of GET /v1/calls?limit=50 through an undici Pool with bounded concurrency.
 *  Run: `npx tsx bench/clientOverhead.ts` (table) or with `--json` (one JSON line for bench/run.js). */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { startSandbox } from '../sandbox/server';
import { KallyClient } from '../src/api/client';
import { ops } from '../src/api/catalogue';

const ITERATIONS = 1000;
const WARMUP = 50;
const THROUGHPUT_REQUESTS = 4000;
const CONCURRENCY = 16;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number) => Math.round(n * 1000) / 1000;

export async function runClientBench(): Promise<Record<string, number | string>> {
  const sb = await startSandbox({ port: 0, timeScale: 1000, quiet: true });
  try {
    const post = (path: string, body?: unknown) =>
      fetch(`${sb.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    await post('/sandbox/seed-calls', { count: 200 });
    const token = String((await post('/sandbox/tokens')).access_token);
    const client = new KallyClient({
      baseUrl: sb.url,
      tokenSource: { getToken: async () => token, refreshAfterUnauthorized: async () => undefined },
      userAgent: 'KallyAI-bench',
      log: () => undefined,
    });
    const url = `${sb.url}/v1/calls?limit=200`;

    let items = 0;
    const viaClient = async () => {
      items = (await client.execute(ops.calls.list, { query: { limit: 200 } })).calls.length;
    };
    const viaFetch = async () => {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
      JSON.parse(await res.text());
    };
    for (let i = 0; i < WARMUP; i++) {
      await viaClient();
      await viaFetch();
    }
    const clientMs: number[] = [];
    const fetchMs: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      // Interleaved so both see the same server and GC conditions.
      for (const [fn, out] of (i % 2
        ? [
            [viaClient, clientMs],
            [viaFetch, fetchMs],
          ]
        : [
            [viaFetch, fetchMs],
            [viaClient, clientMs],
          ]) as Array<[() => Promise<void>, number[]]>) {
        const t = performance.now();
        await fn();
        out.push(performance.now() - t);
      }
    }
    clientMs.sort((a, b) => a - b);
    fetchMs.sort((a, b) => a - b);

    const origin = new URL(sb.url).origin;
    const pool = new Pool(origin, { connections: CONCURRENCY });
    let next = 0;
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < THROUGHPUT_REQUESTS) {
          next++;
          const { statusCode, body } = await pool.request({
            path: '/v1/calls?limit=50',
            method: 'GET',
            headers: { authorization: `Bearer ${token}` },
          });
          await body.text();
          if (statusCode !== 200) failures++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await pool.close();

    return {
      calls_per_response: items,
      iterations: ITERATIONS,
      client_p50_ms: round(pct(clientMs, 50)),
      client_p95_ms: round(pct(clientMs, 95)),
      fetch_p50_ms: round(pct(fetchMs, 50)),
      fetch_p95_ms: round(pct(fetchMs, 95)),
      overhead_p50_ms: round(pct(clientMs, 50) - pct(fetchMs, 50)),
      overhead_p95_ms: round(pct(clientMs, 95) - pct(fetchMs, 95)),
      sandbox_requests: THROUGHPUT_REQUESTS,
      sandbox_concurrency: CONCURRENCY,
      sandbox_req_per_s: Math.round(THROUGHPUT_REQUESTS / seconds),
      sandbox_failures: failures,
    };
  } finally {
    await sb.close();
  }
}

if (require.main === module) {
  runClientBench().then(
    (figures) => {
      if (process.argv.includes('--json')) {
        process.stdout.write(`${JSON.stringify(figures)}\n`);
      } else {
        const width = Math.max(...Object.keys(figures).map((k) => k.length));
        process.stdout.write(`KallyClient overhead (GET /v1/calls?limit=200) and sandbox throughput\n`);
        for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
      }
    },
    (e) => {
      process.stderr.write(`clientOverhead: ${e instanceof Error ? e.stack : e}\n`);
      process.exit(1);
    },
  );
}
