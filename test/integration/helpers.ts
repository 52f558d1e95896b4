// Shared helpers for the integration suites that run inside the real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LoggedRequest as SandboxLoggedRequest } from '../../sandbox/requestLog';
import type { Operation } from '../../src/api/operation';
import type { activate } from '../../src/extension';
import type { CommandsModule } from '../../src/app';
import type { PageKind } from '../../src/pages/pageController';
import { PAGE_VIEW_TYPE } from '../../src/pages/viewType';
import type { Stakes } from '../../src/pipeline/consent/stakes';
import type { ViewNode } from '../../src/views';

export const EXTENSION_ID = 'kallyai.kallyai';

/** What `activate()` returns to the test host (src/extension.ts): the services, the views, the
 *  commands bundle. A type-only import: the suites do not bundle the extension. */
export type ActivatedExtension = NonNullable<ReturnType<typeof activate>>;

/** The sandbox the launcher started (test/launcher/sandbox.js), e.g. http://127.0.0.1:41234. */
export function sandboxUrl(): string {
  const url = process.env.KALLYAI_SANDBOX_URL;
  assert.ok(url, 'KALLYAI_SANDBOX_URL is not set: run the suite through test/launcher/runHostTests.js');
  return url.replace(/\/+$/, '');
}

/** fetch against the sandbox: `sandboxFetch('/sandbox/reset', { method: 'POST' })`. JSON bodies may be passed as objects. */
export async function sandboxFetch(
  path: string,
  init: Omit<RequestInit, 'body'> & { body?: unknown } = {},
): Promise<Response> {
  const { body, headers, ...rest } = init;
  const isJson = body !== undefined && typeof body !== 'string' && !(body instanceof URLSearchParams);
  return fetch(sandboxUrl() + path, {
    ...rest,
    headers: {
      ...(isJson ? { 'content-type': 'application/json' } : {}),
      ...(headers as Record<string, string> | undefined),
    },
    body: body === undefined ? undefined : isJson ? JSON.stringify(body) : (body as string | URLSearchParams),
  });
}

/** Same as sandboxFetch, but fails on a non-2xx answer and returns the parsed JSON. */
export async function sandboxJson<T = unknown>(
  path: string,
  init: Omit<RequestInit, 'body'> & { body?: unknown } = {},
): Promise<T> {
  const res = await sandboxFetch(path, init);
  const text = await res.text();
  assert.ok(res.ok, `${init.method ?? 'GET'} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Takes out every fault injected into the sandbox (latency, errors, dropped connections, bad bodies). */
export function clearSandboxFaults(): Promise<Response> {
  return sandboxFetch('/sandbox/faults', { method: 'DELETE' });
}

/** Puts the sandbox back at its seed data. */
export function resetSandbox(): Promise<unknown> {
  return sandboxJson('/sandbox/reset', { method: 'POST', body: {} });
}

/** One API request in the sandbox's log, as sandbox/requestLog.ts writes it (control requests are
 *  not logged); `Body` is the shape a suite reads its JSON body as. */
export type LoggedRequest<Body = Record<string, unknown>> = Omit<SandboxLoggedRequest, 'body'> & { body?: Body };

/** The API requests the sandbox has received since its log was last cleared, oldest first. */
export async function sandboxRequests<Body = Record<string, unknown>>(): Promise<Array<LoggedRequest<Body>>> {
  return (await sandboxJson<{ requests: Array<LoggedRequest<Body>> }>('/sandbox/requests')).requests;
}

/** Closes every KallyAI page and waits until the sandbox has heard nothing for 300 ms: a page an
 *  earlier test left open can still be rendering or polling (a channel pairing looks again every
 *  few seconds), and its requests would be counted against the next test. */
export async function closeKallyPages(): Promise<void> {
  const pages = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(PAGE_VIEW_TYPE));
  if (!pages.length) return;
  await vscode.window.tabGroups.close(pages);
  let heard = -1;
  await waitFor(
    async () => {
      const now = (await sandboxRequests()).length;
      const quiet = now === heard;
      heard = now;
      return quiet;
    },
    10_000,
    'the sandbox to hear nothing for 300 ms',
    300,
  );
}

/** Empties the sandbox's request log, so that what a test does next is all it shows. */
export function clearSandboxRequests(): Promise<Response> {
  return sandboxFetch('/sandbox/requests', { method: 'DELETE' });
}

/** '/v1/calls/{call_id}/stop' → /^\/v1\/calls\/[^/]+\/stop$/ */
const operationPathPattern = (op: Pick<Operation, 'path'>) =>
  new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);

/** Whether a logged request is a call of `op`: its method, and its path with any ids in it. */
export const isRequestFor = (op: Pick<Operation, 'method' | 'path'>) => {
  const pattern = operationPathPattern(op);
  return (r: Pick<LoggedRequest, 'method' | 'path'>) => r.method === op.method && pattern.test(r.path);
};

/** Requests that change nothing: reads, and the budget estimate a consent asks for. */
export const changesNothing = (r: Pick<LoggedRequest, 'method' | 'path'>) =>
  r.method === 'GET' || (r.method === 'POST' && r.path === '/v1/goals/estimate');

/** `METHOD /path` of every logged request that changed something (not reads, not the budget estimate). */
export async function sandboxWrites(): Promise<string[]> {
  return (await sandboxRequests()).filter((q) => !changesNothing(q)).map((q) => `${q.method} ${q.path}`);
}

/** Calls the KallyAI API on the sandbox as the signed-in account, with the session VS Code hands this extension. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function sandboxApi<T = Record<string, any>>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const session = await vscode.authentication.getSession('kallyai', [], { silent: true });
  assert.ok(session, 'no kallyai session');
  return sandboxJson<T>(path, { ...init, headers: { authorization: `Bearer ${session.accessToken}` } });
}

/** The launcher's sandbox as the catalogue's samples (test/unit/api.samples.ts) take it: theirs to use, not to close. */
export const samplesSandbox = () => ({ url: sandboxUrl(), close: async () => undefined });

/** The least time a wait gives its condition (KALLYAI_WAIT_CEILING_MS, default 30 s): one generous
 *  ceiling, so that a machine busy with other work only makes a suite slower, never red. */
export const WAIT_CEILING_MS = Number(process.env.KALLYAI_WAIT_CEILING_MS) || 30_000;

/** Polls `predicate` until it returns a truthy value (which is returned) or the time runs out:
 *  `timeoutMs`, but never less than WAIT_CEILING_MS. The error names `what` it waited for. */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  timeoutMs = 10_000,
  what = 'condition',
  intervalMs = 50,
): Promise<NonNullable<T>> {
  timeoutMs = Math.max(timeoutMs, WAIT_CEILING_MS);
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Activates the KallyAI extension (if it is not yet) and returns what `activate()` returned. */
export async function activateExtension(): Promise<ActivatedExtension> {
  const ext = vscode.extensions.getExtension<ActivatedExtension>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this host`);
  const exports = ext.isActive ? ext.exports : await ext.activate();
  assert.ok(exports && typeof exports === 'object', 'activate() returned nothing');
  return exports;
}

/** The `package.json` of the extension under test. */
export function extensionManifest(): { contributes: Record<string, unknown>; [key: string]: unknown } {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this host`);
  return ext.packageJSON;
}

/** Markdown text with its escapes undone (\\! → !, &lt; → <), to look for what the server said. */
export function unescapeMarkdown(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~$])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/<(https?:\/\/[^>]*)>/g, '$1');
}

/** The command results of the pipeline (src/pipeline/pipeline.ts). */
export type RunResult = { outcome: 'done' | 'dismissed' | 'failed' | 'unavailable'; [key: string]: unknown };

/** An open KallyAI page (src/pages), found through the extension's test exports. */
export async function openPage(
  kind: string,
  id: string,
): Promise<
  | {
      current?: { title: string; body: { text: string } };
      violations: unknown[];
      ignored: number;
      deliver(m: unknown): Promise<string>;
      panel: { title: string };
    }
  | undefined
> {
  const exports = await activateExtension();
  return exports
    .commands()
    .pages()
    ?.find(kind as PageKind, id) as never;
}

/** A page's visible text: its HTML without tags, entities decoded. */
export function pageText(body: { text: string }): string {
  return body.text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Answers every consent the pipeline asks from now on with `yes` and records what it asked; a
 *  suite's teardown hands the questions back to the person with `answerWith(undefined)`. */
export function answerConsents(commands: CommandsModule, yes: boolean): Stakes[] {
  const asked: Stakes[] = [];
  commands.pipeline.consent.answerWith((s) => {
    asked.push(s);
    return yes;
  });
  return asked;
}

/** A view node's label as the tree shows it. */
export const nodeLabel = (n: ViewNode) =>
  typeof n.item.label === 'string' ? n.item.label : (n.item.label?.label ?? '');

/** Runs a command that shows a quick pick and accepts its first (active) item. */
export async function acceptFirstPick<T>(pending: Thenable<T>): Promise<T> {
  let done = false;
  const settled = Promise.resolve(pending).finally(() => {
    done = true;
  });
  while (!done) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await Promise.race([settled, new Promise((r) => setTimeout(r, 150))]);
  }
  return settled;
}

/** The local date `days` from today, as YYYY-MM-DD. */
export function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
