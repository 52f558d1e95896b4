// Runs inside the real extension host (bench/views.bench.js bundles it as extensionTestsPath), signed
// in to a sandbox holding 10,000 extra calls. Prints one `[bench] {json}` console line:
//   firstPageMs     response of GET /v1/calls (50) → the Calls view's tree items built, per run
//   loadMoreMs      response of each Load more → all tree items of the view built, 20 pages
//   heap/rss        extension host memory before the first page and after 20 pages
//   snapshotPaintMs the Goals and Calls views opened with the last session's snapshot and a slow
//                   network: time until their items are there (median of 5)
//   requestsPerFullRefresh   requests sent by "Refresh All Views", by path
//   unfocused       requests in 5 s with the window unfocused and polling every second (the
//                   orchestrator blurs the page when it sees `[views-bench] blur`), then focused again
import * as vscode from 'vscode';
import { activateExtension, sandboxFetch, sandboxJson, waitFor } from '../test/integration/helpers';
import { ensureSignedIn } from '../test/integration/signIn';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

async function v1Requests(): Promise<Record<string, number>> {
  const { requests } = await sandboxJson<{ requests: Array<{ method: string; path: string }> }>('/sandbox/requests');
  const counts: Record<string, number> = {};
  for (const r of requests.filter((x) => x.path.startsWith('/v1/')))
    counts[`${r.method} ${r.path}`] = (counts[`${r.method} ${r.path}`] ?? 0) + 1;
  return counts;
}
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export async function run(): Promise<void> {
  await ensureSignedIn();
  const exports = await activateExtension();
  if (!exports.views) throw new Error('activate() must return { views } (src/extension.ts)');
  const t = exports.views.testing;
  const calls = t.providers.calls;
  await vscode.commands.executeCommand('workbench.view.extension.kallyai');
  await vscode.commands.executeCommand('kallyai.calls.focus');
  const render = async () => {
    const nodes = await calls.getChildren();
    for (const n of nodes) calls.getTreeItem(n);
    return nodes.length;
  };

  const before = process.memoryUsage();
  const firstPageMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    calls.loader.reset();
    await calls.loader.load('user');
    await render();
    firstPageMs.push(performance.now() - calls.loader.lastResponseAt);
  }
  const loadMoreMs: number[] = [];
  let shown = 0;
  for (let page = 0; page < 20; page++) {
    await calls.loadMore();
    shown = await render();
    loadMoreMs.push(performance.now() - calls.lastLoadMoreResponseAt);
  }
  const after = process.memoryUsage();

  // Paint from the snapshot: a view opened with the last session's items on disk and a slow network
  // (2 s latency) shows them at once; the fresh answer replaces them.
  const snapshotMs: Record<string, number[]> = { goals: [], calls: [] };
  for (const name of ['goals', 'calls'] as const) {
    const provider = t.providers[name];
    await provider.loader.load('user'); // writes the snapshot
    for (let i = 0; i < 5; i++) {
      await sandboxJson('/sandbox/faults', { method: 'POST', body: { path: '/v1/**', latencyMs: 2_000, count: 2 } });
      provider.loader.reset();
      const started = performance.now();
      const nodes = await provider.getChildren();
      for (const n of nodes) provider.getTreeItem(n);
      snapshotMs[name].push(performance.now() - started);
      if (!nodes.length) throw new Error(`${name}: the snapshot painted nothing`);
      await waitFor(() => !provider.loader.stale, 10_000, `${name}: fresh data`);
    }
  }
  await sandboxFetch('/sandbox/faults', { method: 'DELETE' });

  // One full refresh of the views that are open (the collapsed ones load when they are opened).
  await sleep(500);
  await sandboxFetch('/sandbox/requests', { method: 'DELETE' });
  await vscode.commands.executeCommand('kallyai.refreshAll');
  await sleep(300);
  const perRefresh = await v1Requests();

  // Unfocused: nothing, even with polling every second; focused again: the polls resume.
  const config = vscode.workspace.getConfiguration('kallyai');
  await config.update('pollIntervalSeconds', 1, vscode.ConfigurationTarget.Global);
  let unfocused: Record<string, unknown> = { measured: false };
  console.log('[views-bench] blur');
  const blurred = await waitFor(() => !t.scheduler.focused, 15_000, 'the window to lose focus').then(
    () => true,
    () => false,
  );
  if (blurred) {
    await sandboxFetch('/sandbox/requests', { method: 'DELETE' });
    await sleep(5_000);
    const whileUnfocused = total(await v1Requests());
    console.log('[views-bench] focus');
    await waitFor(() => t.scheduler.focused, 15_000, 'the window to regain focus').catch(() => undefined);
    await sandboxFetch('/sandbox/requests', { method: 'DELETE' });
    await sleep(3_500);
    const focusedCounts = await v1Requests();
    unfocused = {
      measured: true,
      requestsIn5s: whileUnfocused,
      focusedPollsIn3_5s: focusedCounts['GET /v1/notifications/pending'] ?? 0,
    };
  }
  await config.update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(
    `[bench] ${JSON.stringify({
      firstPageMs: { median: median(firstPageMs), max: Math.max(...firstPageMs) },
      loadMoreMs: {
        median: median(loadMoreMs),
        max: Math.max(...loadMoreMs),
        pages: loadMoreMs.length,
        callsShown: shown,
      },
      memoryMB: {
        heapBefore: mb(before.heapUsed),
        heapAfter20Pages: mb(after.heapUsed),
        rssAfter20Pages: mb(after.rss),
      },
      snapshotPaintMs: {
        goals: median(snapshotMs.goals),
        calls: median(snapshotMs.calls),
        goalsMax: Math.max(...snapshotMs.goals),
        callsMax: Math.max(...snapshotMs.calls),
      },
      requestsPerFullRefresh: { total: total(perRefresh), byPath: perRefresh },
      unfocused,
    })}`,
  );
}
