/** Entry of the MCP server bundle (dist/mcp.js, `npm run mcp`): reads the command line, then serves
 *  MCP on stdin/stdout, or signs in or out. stdout carries MCP messages only; every line for a
 *  person goes to stderr, through `redact` (no token, no full phone number). The extension never
 *  loads this file: VS Code starts it as a separate process (src/app/mcpServerDefinition.ts).
 *  No `vscode`. */
import * as path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { KallyClient } from '../api/client';
import { redact } from '../api/redact';
import { entityOf, presentationOf } from '../presentation';
import { configureFormat } from '../format/locale';
import { visibleText } from '../format/sinks';
import { MemoryKeyStorage } from '../pipeline/idempotency';
import { OperationRequests } from '../pipeline/operationRequest';
import { tools } from '../tools/toolTable';
import { decodeHandedSession, SESSION_ENV } from './handoff';
import { languageOfEnvironment, languageOfTag, Languages } from './language';
import { OptionsError, parseOptions, USAGE, type McpOptions } from './options';
import { createMcpServer } from './server';
import { TokenFileSession, tokenFileFor, VsCodeSession, type McpSession } from './sessions';
import { signIn, signOut } from './signIn';

declare const KALLYAI_VERSION: string | undefined;
const VERSION = typeof KALLYAI_VERSION === 'string' ? KALLYAI_VERSION : '0.0.0-dev';

function say(line: string): void {
  process.stderr.write(`${redact(visibleText(line))}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  let options: McpOptions;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof OptionsError)) throw e;
    say(`kallyai mcp: ${e.message}`);
    return 2;
  }
  const tokenFile = options.tokenFile ?? tokenFileFor(options.origin);
  switch (options.command) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case 'signIn':
      await signIn({
        ...options,
        tokenFile,
        say,
        showAddress: (line) => process.stderr.write(`${visibleText(line, { oneLine: true })}\n`),
      });
      return 0;
    case 'signOut':
      await signOut({ tokenFile, say });
      return 0;
    case 'serve':
      await serve(options, tokenFile);
      return -1;
  }
}

async function serve(options: McpOptions, tokenFile: string): Promise<void> {
  // Read once, then gone from this process's environment (nothing it starts inherits it).
  const handed = decodeHandedSession(process.env[SESSION_ENV]);
  delete process.env[SESSION_ENV];
  const userAgent = `KallyAI-MCP/${VERSION}`;
  const session: McpSession = options.vscode
    ? new VsCodeSession(handed && handed.origin === options.origin ? handed : undefined)
    : new TokenFileSession(tokenFile, options.origin, new KallyClient({ baseUrl: options.apiBaseUrl, userAgent }));
  const client = new KallyClient({ baseUrl: options.apiBaseUrl, tokenSource: session, userAgent });
  const requests = new OperationRequests({
    client,
    baseUrl: () => options.apiBaseUrl,
    presentationOf,
    entity: entityOf,
    balance: () => undefined,
    // A lost answer's key is kept while this server runs: the agent's repeat sends it again.
    keyStorage: new MemoryKeyStorage(),
  });
  // Answers are for models, in English; a person's question is built in their language (language.ts).
  configureFormat({ locale: 'en' });
  const languages = new Languages(
    path.resolve(__dirname, '..', 'l10n'),
    languageOfTag(options.locale) ?? languageOfEnvironment(process.env) ?? 'en',
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().finally(() => process.stdout.write('', () => process.exit(0)));
  };
  const server = createMcpServer({
    version: VERSION,
    requests,
    session,
    languages,
    defaultCountry: options.defaultCountry,
    log: say,
    onSessionEnded: () => {
      say('The session VS Code handed over has ended: stopping (VS Code starts the server again for the next call).');
      stop();
    },
  });
  await server.connect(new StdioServerTransport());
  // The client went away: so does the server.
  process.stdin.once('end', stop);
  process.stdin.once('close', stop);
  say(
    `KallyAI MCP server ${VERSION}: ${tools.length} tools for ${options.origin}${options.vscode ? ', session from VS Code' : `, sign-in from ${tokenFile}`}.`,
  );
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    say(`kallyai mcp: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
