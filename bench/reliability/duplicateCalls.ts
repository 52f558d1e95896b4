/** Duplicate calls under faults (target 0): POST /v1/calls through KallyClient against the
 *  sandbox while it drops connections, answers 5xx, answers 429 with Retry-After, answers after
 *  the client's timeout, or places the call and loses the answer. Each case places one call with
 *  a description of its own, then counts the calls the sandbox created with it: more than one is
 *  a duplicate; none although the client confirmed the call is a lost call. Both are failures. */
import { ops } from '../../src/api/catalogue';
import { KallyClient } from '../../src/api/client';
import { startSandbox } from '../../sandbox/server';
import { total, type Section, type SectionRow } from './section';

/** Faults are taken in order, one request each unless `count` says more. */
interface FaultCase {
  label: string;
  faults: Array<Record<string, unknown>>;
  longTimeoutMs?: number;
  settleMs?: number;
}

const KINDS: Array<{ kind: string; cases: FaultCase[] }> = [
  {
    kind: 'dropped connection',
    cases: [1, 2, 3].map((count) => ({ label: `drop ×${count}`, faults: [{ drop: true, count }] })),
  },
  {
    kind: '5xx',
    cases: [500, 502, 503, 504].flatMap((status) =>
      [1, 2].map((count) => ({ label: `${status} ×${count}`, faults: [{ status, count }] })),
    ),
  },
  {
    kind: '429 with Retry-After',
    cases: [0, 1].flatMap((retryAfter) =>
      [1, 2].map((count) => ({
        label: `429 Retry-After ${retryAfter} s ×${count}`,
        faults: [{ status: 429, retryAfter, count }],
      })),
    ),
  },
  {
    kind: 'latency past the timeout',
    cases: [1, 2].map((count) => ({
      label: `800 ms against a 300 ms timeout ×${count}`,
      faults: [{ latencyMs: 800, count }],
      longTimeoutMs: 300,
      settleMs: 1000,
    })),
  },
  {
    kind: 'lost response',
    cases: [1, 2].map((count) => ({ label: `answer lost ×${count}`, faults: [{ dropResponse: true, count }] })),
  },
  {
    kind: 'one of each in a row',
    cases: [
      {
        label: 'drop, 503, 429, lost answer',
        faults: [{ drop: true }, { status: 503 }, { status: 429, retryAfter: 0 }, { dropResponse: true }],
      },
    ],
  },
];

export const duplicateCalls: Section = {
  name: 'duplicate (or lost) calls under faults',
  async run() {
    const sb = await startSandbox({ port: 0, timeScale: 1000, quiet: true });
    const control = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${sb.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res.json() as Promise<Record<string, unknown>>;
    };
    try {
      const token = String((await control('POST', '/sandbox/tokens')).access_token);
      const tokenSource = { getToken: async () => token, refreshAfterUnauthorized: async () => undefined };
      const rows: SectionRow[] = [];
      const examples: string[] = [];
      let n = 0;
      for (const { kind, cases } of KINDS) {
        const row: SectionRow = { figure: kind, cases: 0, failures: 0 };
        for (const c of cases) {
          const description = `Reliability ${kind} ${c.label} #${++n}`;
          await control('DELETE', '/sandbox/faults');
          for (const fault of c.faults)
            await control('POST', '/sandbox/faults', { path: '^/v1/calls$', method: 'POST', ...fault });
          const client = new KallyClient({
            baseUrl: sb.url,
            tokenSource,
            retry: { baseDelayMs: 20, maxDelayMs: 100 },
            longTimeoutMs: c.longTimeoutMs ?? 10_000,
          });
          let confirmed = false;
          try {
            await client.execute(ops.calls.create, {
              body: {
                submission: {
                  task_category: 'general',
                  task_description: description,
                  respondent_phone: '+12015550102',
                },
                timezone: 'UTC',
              },
            });
            confirmed = true;
          } catch {
            confirmed = false;
          }
          if (c.settleMs) await new Promise((r) => setTimeout(r, c.settleMs)); // let delayed attempts land before counting
          const state = (await control('GET', '/sandbox/state')) as {
            calls: Array<{ submission: { task_description: string } }>;
          };
          const placed = state.calls.filter((x) => x.submission.task_description === description).length;
          const failed = placed > 1 || (confirmed && placed === 0);
          row.cases++;
          if (failed) {
            row.failures++;
            examples.push(
              `${kind} / ${c.label}: ${placed} calls placed, client ${confirmed ? 'confirmed' : 'reported an error'}`,
            );
          }
        }
        rows.push(row);
      }
      return total(rows, examples);
    } finally {
      await sb.close();
    }
  },
};
