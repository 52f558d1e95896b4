import * as vscode from 'vscode';
import { KallyClient } from './api/client';
import { registerAuth } from './auth/provider';
import { registerChatStubs } from './app/chatLoader';
import { registerCommandStubs } from './app/commandLoader';
import { registerDocuments } from './documents';
import { configureFormat } from './format';
import { createLog, type Log } from './platform/log';
import type { Services } from './services';
import { readSettings } from './platform/settings';
import { PAGE_VIEW_TYPE } from './pages/viewType';
import { registerViews } from './views';
import { registerMcpServer } from './app/mcpServerDefinition';
import { pressInTests, recordShownInTests } from './platform/shownInTests';

/** Composes the parts. Kept cheap: nothing here waits on the network. */
export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const steps = stopwatch(started);
  configureFormat({ locale: vscode.env.language, t: vscode.l10n.t });
  const log = createLog();
  context.subscriptions.push(log);
  steps.lap('log');
  const auth = registerAuth(context, log, readSettings);
  const client = new KallyClient({
    baseUrl: () => readSettings().apiBaseUrl,
    tokenSource: auth,
    userAgent: `KallyAI-VSCode/${context.extension.packageJSON.version}`,
    log: (line) => log.debug(line),
  });
  const services: Services = { context, log, settings: readSettings, client, auth };
  steps.lap('auth');
  const documents = registerDocuments(context, log);
  steps.lap('documents');
  const views = registerViews(services);
  steps.lap('views');
  const commands = registerCommandStubs(context, { services, views, documents });
  steps.lap('commands');
  // Chat, language-model tools and MCP are APIs some editors built on VS Code lack (VSCodium and
  // others installing from Open VSX): each is detected where it is registered, and whatever else
  // goes wrong there is logged, never thrown — the views, pages and commands work without them.
  const chat = optionalFeature(log, 'chat and language-model tools', () => registerChatStubs(context, commands, log), {
    participant: false,
    tools: 0,
  });
  steps.lap('chat');
  // Agents outside the chat (and VS Code's agent mode through MCP) reach KallyAI through its MCP
  // server; VS Code 1.101 and later start it themselves.
  const mcp = optionalFeature(
    log,
    'MCP server',
    () => registerMcpServer(context, { auth, settings: readSettings, log }),
    {
      registered: false,
      reason: 'its registration failed',
      provided: 0,
      resolved: 0,
    },
  );
  steps.lap('mcp');
  // Pages open before a window reload come back with it (the commands bundle loads for them).
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PAGE_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => commands.load().restorePage(panel, state),
    }),
  );
  const activationMs = performance.now() - started;
  log.info(`KallyAI activated in ${activationMs.toFixed(1)} ms`);
  // Internals (the client, its token getter, the views) are handed out only to the test host:
  // any other extension gets nothing to reach the account with.
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return {
    shown: recordShownInTests(),
    press: pressInTests,
    activationMs,
    activationSteps: steps.laps,
    services,
    views,
    documents,
    commands: () => commands.load(),
    features: { chat, mcp },
  };
}

/** Registers a feature that rests on an API the editor may lack; a failure is logged and `instead` returned. */
function optionalFeature<T>(log: Log, what: string, register: () => T, instead: T): T {
  try {
    return register();
  } catch (e) {
    log.warn(`KallyAI's ${what} not registered: ${e instanceof Error ? e.message : String(e)}`);
    return instead;
  }
}

/** Milliseconds spent in each step of activate() (npm run bench prints them). */
function stopwatch(start: number) {
  const laps: Record<string, number> = {};
  let last = start;
  return {
    laps,
    lap(name: string) {
      const now = performance.now();
      laps[name] = now - last;
      last = now;
    },
  };
}

export function deactivate() {
  // everything is disposed through context.subscriptions
}
