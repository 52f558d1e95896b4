// Failure must be honest and fast, and views paint at once: in the real extension host against the
// sandbox. A frozen service gives one "Can't reach KallyAI at <host>" state within ~10 s (not a
// spinner for minutes, not one error per view), the status bar marks its balance as stale, the
// views recover by themselves on the next poll, a new API address is one the session does not
// belong to (signed out there, nothing sent with its token; back at the sandbox everything
// reloads, still signed in), and a view shows its last items from the snapshot before the network
// answers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Views } from '../../src/views';
import { clearSandboxFaults, clearSandboxRequests, nodeLabel, sandboxJson, sandboxRequests, sandboxUrl, waitFor } from './helpers';
import { signInToFreshSandbox } from './signIn';

let views: Views;
let auth: { readonly isSignedIn: boolean; getToken(): Promise<string | undefined> };
const kids = (name: keyof Views['testing']['providers']) => views.testing.providers[name].getChildren();
const host = () => new URL(sandboxUrl()).host;
const freeze = () => sandboxJson('/sandbox/faults', { method: 'POST', body: { path: '/v1/**', latencyMs: 60_000, count: 1000 } });
const thaw = () => clearSandboxFaults();

suite('Offline and snapshots: honest, fast failure; views that paint at once', function () {
  this.timeout(120_000);

  suiteSetup(async () => {
    const exports = await signInToFreshSandbox();
    views = exports.views as Views;
    auth = exports.services.auth;
    await vscode.commands.executeCommand('workbench.view.extension.kallyai');
    for (const name of ['goals', 'calls', 'inbox', 'credits'] as const) await views.testing.providers[name].loader.load('user');
  });

  teardown(thaw);

  suiteTeardown(async () => {
    await thaw();
    await vscode.workspace.getConfiguration('kallyai').update('apiBaseUrl', sandboxUrl(), vscode.ConfigurationTarget.Global);
    await views.refresh();
  });

  test('a frozen service: each view gives up within about 10 s; one view says "Can\'t reach KallyAI at <host>" with Retry and Open Settings; the others keep their items', async () => {
    await freeze();
    const started = Date.now();
    await Promise.all((['goals', 'calls', 'inbox', 'credits'] as const).map((n) => views.testing.providers[n].loader.load('user')));
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 13_000, `the views gave up after ${elapsed} ms`);

    const offlineNodes: string[] = [];
    for (const name of ['goals', 'calls', 'inbox', 'credits'] as const) {
      const roots = await kids(name);
      offlineNodes.push(...roots.filter((n) => n.kind === 'error').map((n) => `${name}: ${nodeLabel(n)}`));
      assert.ok(roots.some((n) => n.kind !== 'error' && n.kind !== 'settings'), `${name} keeps what it had`);
    }
    assert.deepEqual(offlineNodes, [`goals: Can't reach KallyAI at ${host()} — Retry`], 'one offline state, in the first view');
    const goals = await kids('goals');
    assert.equal(goals[1].kind, 'settings');
    assert.deepEqual(goals[1].item.command?.arguments, ['kallyai.apiBaseUrl']);
    for (const name of ['calls', 'inbox', 'credits'] as const) {
      assert.match(String(views.testing.treeViews[name].message), new RegExp(`Can't reach KallyAI at ${host().replace(/\./g, '\\.')}\\. Showing what was loaded at`));
    }
    const bar = views.testing.statusBar;
    assert.match(bar.text, /^\$\(cloud-offline\) [\d.]+ credits$/);
    const tooltip = typeof bar.tooltip === 'string' ? bar.tooltip : bar.tooltip?.value ?? '';
    assert.match(tooltip, /As of .*KallyAI can't be reached right now/);
  });

  test('the service answers again: the next poll recovers every view, without a click', async () => {
    await thaw();
    await waitFor(() => views.testing.scheduler.focused, 10_000, 'the window to be focused');
    await views.testing.scheduler.pollNow();
    await waitFor(async () => {
      for (const name of ['goals', 'calls', 'inbox', 'credits'] as const) {
        if ((await kids(name)).some((n) => n.kind === 'error')) return false;
        if (views.testing.treeViews[name].message) return false;
      }
      return true;
    }, 15_000, 'every view to recover');
    assert.match(views.testing.statusBar.text, /^\$\(credit-card\) /);
  });

  test('a new kallyai.apiBaseUrl: the session is not for it (signed out there, no token handed out); back at the sandbox everything reloads, still signed in', async () => {
    const config = vscode.workspace.getConfiguration('kallyai');
    await clearSandboxRequests();
    await config.update('apiBaseUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    await waitFor(() => !auth.isSignedIn, 10_000, 'signed out for the new address');
    assert.equal(await auth.getToken(), undefined, 'no token for http://127.0.0.1:9');
    assert.deepEqual(await kids('goals'), [], 'the Goals view shows its signed-out welcome');
    await config.update('apiBaseUrl', sandboxUrl(), vscode.ConfigurationTarget.Global);
    await waitFor(() => auth.isSignedIn, 10_000, 'signed in again at the sandbox, without a sign-in');
    await waitFor(async () => !(await kids('goals')).some((n) => n.kind === 'error') && (await kids('goals')).length > 0, 20_000, 'the views to load from the sandbox again');
    const log = await sandboxRequests();
    assert.ok(log.some((r) => r.path === '/v1/coordination/goals'), 'reloaded from the sandbox');
  });

  test('a snapshot paints the Goals and Calls views at once, before a slow network answers; the fresh data replaces it', async () => {
    for (const name of ['goals', 'calls'] as const) await views.testing.providers[name].loader.load('user');
    const before = { goals: (await kids('goals')).map((n) => n.id), calls: (await kids('calls')).map((n) => n.id) };
    await sandboxJson('/sandbox/faults', { method: 'POST', body: { path: '/v1/**', latencyMs: 3_000, count: 4 } });
    for (const name of ['goals', 'calls'] as const) {
      const loader = views.testing.providers[name].loader;
      loader.reset(); // as a new window: nothing loaded, the snapshot on disk
      const started = performance.now();
      const roots = await views.testing.providers[name].getChildren();
      const ms = performance.now() - started;
      assert.ok(ms < 500, `${name}: painted after ${ms.toFixed(0)} ms`);
      assert.deepEqual(roots.map((n) => n.id), before[name], `${name}: the last items, from the snapshot`);
      assert.equal(loader.stale, true);
      await waitFor(() => !loader.stale, 10_000, `${name}: the fresh data`);
      assert.deepEqual((await views.testing.providers[name].getChildren()).map((n) => n.id), before[name], `${name}: the same items, no empty state in between`);
    }
  });
});
