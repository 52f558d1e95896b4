/** Shared by the test/unit/mcp.*.test.ts files: the MCP server built as it ships (esbuild.js's
 *  `buildMcp`, into a folder of its own with the l10n bundle beside it, as in the .vsix), started
 *  as a real process and driven over stdio by the official SDK's client — with or without the
 *  elicitation capability, answering each question as the test says — against a sandbox over real
 *  HTTP; and what the sandbox heard from the server (its requests carry the server's User-Agent). */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitRequest,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import type { Operation } from '../../src/api/operation';
import type { OperationInput } from '../../src/api/requestInput';
import { toolInputSchema } from '../../src/tools/toolInput';
import type { ToolSpec } from '../../src/tools/toolSpec';
import { control, requests, type LoggedRequest, type SandboxHandle } from './api.helpers';

const root = resolve(__dirname, '../..');
const { buildMcp } = require(join(root, 'esbuild.js')) as { buildMcp(outdir: string): Promise<{ errors: unknown[] }> };

/** Builds dist/mcp.js (and the phone-number bundle it loads) into a new folder, l10n/ beside it. */
export async function buildServer(): Promise<{ dir: string; script: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kallyai-mcp-build-'));
  const result = await buildMcp(join(dir, 'dist'));
  assert.deepEqual(result.errors, []);
  await cp(join(root, 'l10n'), join(dir, 'l10n'), { recursive: true });
  return { dir, script: join(dir, 'dist', 'mcp.js') };
}

/** A home folder for the server, with a sign-in for the sandbox where the server looks for it. */
export async function homeWithSignIn(
  sb: SandboxHandle,
  options: { mode?: number } = {},
): Promise<{ home: string; file: string; refreshToken: string }> {
  const home = await mkdtemp(join(tmpdir(), 'kallyai-mcp-home-'));
  const tokens = await control<{ access_token: string; refresh_token: string }>(sb, 'POST', '/sandbox/tokens');
  const url = new URL(sb.url);
  const file = join(home, `.kallyai_token.${url.hostname}-${url.port}.json`);
  await writeFile(
    file,
    JSON.stringify({
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      expires_at: Math.floor(Date.now() / 1000) + 3000,
      api_origin: url.origin,
    }),
    { mode: options.mode ?? 0o600 },
  );
  return { home, file, refreshToken: tokens.refresh_token };
}

export async function emptyHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'kallyai-mcp-home-'));
  await mkdir(home, { recursive: true });
  return home;
}

/** How a test client answers a question: accept with a yes, decline, cancel, accept without the
 *  yes; `undefined` = the client has no elicitation capability at all. */
export type Answer = 'yes' | 'decline' | 'cancel' | 'acceptWithoutYes';

export interface McpRun {
  readonly client: Client;
  /** Every question the server put to the person, in order. */
  readonly asked: Array<ElicitRequest['params']>;
  readonly stderr: () => string;
  /** Settles when the server process has exited (or the connection closed). */
  readonly closed: Promise<void>;
  call(
    name: string,
    args: Record<string, unknown>,
    meta?: Record<string, unknown>,
  ): Promise<CallToolResult & { text: string }>;
  close(): Promise<void>;
}

export async function startServer(
  script: string,
  options: {
    sandboxUrl: string;
    home: string;
    answer?: Answer;
    args?: string[];
    env?: Record<string, string>;
    command?: { command: string; args: string[]; cwd: string };
  },
): Promise<McpRun> {
  const answer = options.answer;
  const client = new Client(
    { name: 'kallyai-tests', version: '1.0.0' },
    { capabilities: answer ? { elicitation: { form: {} } } : {} },
  );
  const asked: Array<ElicitRequest['params']> = [];
  if (answer) {
    client.setRequestHandler(ElicitRequestSchema, async (request): Promise<ElicitResult> => {
      asked.push(request.params);
      switch (answer) {
        case 'yes':
          return { action: 'accept', content: { confirm: true } };
        case 'acceptWithoutYes':
          return { action: 'accept', content: { confirm: false } };
        case 'decline':
          return { action: 'decline' };
        case 'cancel':
          return { action: 'cancel' };
      }
    });
  }
  const launch = options.command ?? {
    command: process.execPath,
    args: [script, '--api-base-url', options.sandboxUrl, ...(options.args ?? [])],
    cwd: root,
  };
  const transport = new StdioClientTransport({
    ...launch,
    // Only what the test says: no LANG or locale of the machine running the tests.
    env: { HOME: options.home, PATH: process.env.PATH ?? '', LANG: 'C', ...options.env },
    stderr: 'pipe',
  });
  let errors = '';
  transport.stderr?.on('data', (d: Buffer) => {
    errors += d.toString();
  });
  const closed = new Promise<void>((done) => {
    client.onclose = () => done();
  });
  await client.connect(transport);
  return {
    client,
    asked,
    stderr: () => errors,
    closed,
    async call(name, args, meta) {
      const result = (await client.callTool({
        name,
        arguments: args,
        ...(meta ? { _meta: meta } : {}),
      })) as CallToolResult;
      const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
      return { ...result, text };
    },
    close: () => client.close(),
  };
}

/** The requests the MCP server (not the test) sent, since the log was last cleared. */
export async function serverRequests(sb: SandboxHandle): Promise<LoggedRequest[]> {
  return (await requests(sb)).filter((r) => String(r.headers['user-agent'] ?? '').startsWith('KallyAI-MCP/'));
}

/** Whether a logged request is this operation's (its method, and its path with any ids). */
export function isRequestOf(op: Operation, r: LoggedRequest): boolean {
  if (r.method !== op.method) return false;
  const pattern = new RegExp(
    `^${op.path
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+')}$`,
  );
  return pattern.test(r.path);
}

/** An operation's sample input as a model gives it to the tool: one flat object (the inverse of
 *  toolRequest), without what the tool does not offer. */
export function toolArgs(spec: ToolSpec, input: OperationInput | undefined): Record<string, unknown> {
  const offered = toolInputSchema(spec).properties;
  const args: Record<string, unknown> = {
    ...(input?.path as object | undefined),
    ...(input?.query as object | undefined),
  };
  for (const [key, value] of Object.entries((input?.body ?? {}) as Record<string, unknown>)) {
    if (key === spec.unwrap && value && typeof value === 'object') Object.assign(args, value);
    else args[key] = value;
  }
  for (const key of Object.keys(args)) if (!(key in offered)) delete args[key];
  return args;
}
