// KallyAI's MCP server as VS Code sees it (src/app/mcpServerDefinition.ts). On a host with the MCP
// server definition API (1.101 and later): the provider is registered under the id package.json
// declares, its definition is `node dist/mcp.js --vscode --api-base-url <sandbox>` run by the
// extension host's own runtime, the session is handed over in the environment only when VS Code
// starts the server (never on the command line, never in a file), and that very definition, started
// as VS Code starts it, serves every tool of the table and answers a read-only one with the handed
// session. On 1.100 (no such API): nothing is registered, the reason is said, and the extension
// activated with its views as usual. Each host asserts its own side; none is skipped.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { decodeHandedSession, SESSION_ENV } from '../../src/mcp/handoff';
import { tools } from '../../src/tools/toolTable';
import { activateExtension, EXTENSION_ID, extensionManifest, sandboxUrl, waitFor } from './helpers';
import { ensureSignedIn, extensionAuth } from './signIn';

const [major, minor] = vscode.version.split('.').map((n) => Number.parseInt(n, 10));
const hasMcpApi = major > 1 || (major === 1 && minor >= 101);
const noToken = new vscode.CancellationTokenSource().token;

/** The sign-in files the standalone server would use, in this user's home. */
const tokenFiles = () => fs.readdirSync(os.homedir()).filter((f) => /^\.kallyai_token/.test(f));

suite('MCP: the KallyAI server in VS Code', () => {
  test('package.json declares the definition provider VS Code asks for by id', () => {
    const providers = extensionManifest().contributes.mcpServerDefinitionProviders as Array<{
      id: string;
      label: string;
    }>;
    assert.deepEqual(providers, [{ id: 'kallyai', label: 'KallyAI' }]);
  });

  if (hasMcpApi) {
    test(`VS Code ${vscode.version} has the server definition: node dist/mcp.js --vscode, for the sandbox`, async () => {
      const exports = await activateExtension();
      const mcp = exports.features.mcp;
      assert.equal(mcp.registered, true, `not registered: ${mcp.reason}`);
      assert.equal(mcp.reason, undefined);
      assert.ok(mcp.provider, 'the provider VS Code was given');
      // VS Code itself asks the provider for its servers (its MCP registry), not only this test.
      await waitFor(() => mcp.provided > 0, 30_000, 'VS Code to ask the provider for its MCP servers');
      const definitions = await mcp.provider.provideMcpServerDefinitions(noToken);
      assert.ok(definitions);
      assert.equal(definitions.length, 1);
      const [definition] = definitions;
      assert.ok(
        definition instanceof
          (vscode as unknown as { McpStdioServerDefinition: new (...args: never[]) => object })
            .McpStdioServerDefinition,
      );
      assert.equal(definition.label, 'KallyAI');
      assert.equal(definition.command, process.execPath, "the extension host's own runtime runs it");
      const script = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'mcp.js');
      assert.equal(definition.args[0], script);
      assert.ok(fs.existsSync(script), `${script} is built`);
      const at = definition.args.indexOf('--api-base-url');
      assert.ok(definition.args.includes('--vscode'));
      assert.equal(definition.args[at + 1], sandboxUrl());
      assert.equal(definition.env.ELECTRON_RUN_AS_NODE, '1');
      assert.equal(definition.env[SESSION_ENV], undefined, 'listing the server hands over no session');
    });

    test('started by VS Code it gets the session in its environment only, and serves every tool with it', async () => {
      await ensureSignedIn();
      const exports = await activateExtension();
      const mcp = exports.features.mcp;
      assert.ok(mcp.provider?.resolveMcpServerDefinition);
      const filesBefore = tokenFiles();
      const [listed] = (await mcp.provider.provideMcpServerDefinitions(noToken)) ?? [];
      const resolvedBefore = mcp.resolved;
      const definition = await mcp.provider.resolveMcpServerDefinition(listed, noToken);
      assert.ok(definition);
      assert.equal(mcp.resolved, resolvedBefore + 1);
      const token = await (await extensionAuth()).getToken();
      assert.ok(token);
      const handed = decodeHandedSession(String(definition.env[SESSION_ENV] ?? ''));
      assert.ok(handed, 'the session is in the environment');
      assert.equal(handed.accessToken, token);
      assert.equal(handed.origin, new URL(sandboxUrl()).origin);
      assert.ok(handed.expiresAt > Date.now());
      assert.ok(!definition.args.some((a) => a.includes(token)), 'the token is not on the command line');
      assert.deepEqual(tokenFiles(), filesBefore, 'no token file was written');

      // Start it as VS Code does (the definition's command, arguments and environment) and ask it.
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: os.homedir() };
      for (const [k, v] of Object.entries(definition.env)) if (v !== null) env[k] = String(v);
      const client = new Client({ name: 'kallyai-host-test', version: '1' });
      await client.connect(
        new StdioClientTransport({ command: definition.command, args: definition.args, env, stderr: 'pipe' }),
      );
      try {
        const { tools: served } = await client.listTools();
        assert.deepEqual(
          served.map((t) => t.name),
          tools.map((t) => t.name),
        );
        const credits = await client.callTool({ name: 'kallyai_get_credits', arguments: {} });
        assert.notEqual(credits.isError, true, JSON.stringify(credits.content));
        assert.match(JSON.stringify(credits.content), /credit/i);
      } finally {
        await client.close();
      }
      assert.deepEqual(tokenFiles(), filesBefore, 'the server wrote no token file either');
    });
  } else {
    test(`VS Code ${vscode.version} has no MCP server definition API: nothing registered, the extension works`, async () => {
      const exports = await activateExtension();
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
      const mcp = exports.features.mcp;
      assert.equal(mcp.registered, false);
      assert.match(mcp.reason ?? '', /no MCP server definition API \(it came in 1\.101\)/);
      assert.equal(mcp.provider, undefined);
      assert.equal(mcp.provided, 0);
      assert.equal(mcp.resolved, 0);
      // The rest of the extension is there: its views and commands.
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('kallyai.goals.focus'), 'the views are registered');
      assert.ok(commands.includes('kallyai.makeCall'), 'the commands are registered');
    });
  }
});
