import * as vscode from 'vscode';
import { KallyClient } from './api/client';
import { registerAuth } from './auth/provider';
import { registerCommands } from './commands';
import { registerDocuments } from './documents';
import { createLog } from './log';
import type { Services } from './services';
import { readSettings } from './settings';
import { registerViews } from './views';

/** Composes the parts. Kept cheap: nothing here waits on the network. */
export function activate(context: vscode.ExtensionContext) {
  const started = performance.now();
  const log = createLog();
  context.subscriptions.push(log);
  const auth = registerAuth(context, log, readSettings);
  const client = new KallyClient({
    baseUrl: () => readSettings().apiBaseUrl,
    tokenSource: auth,
    userAgent: `KallyAI-VSCode/${context.extension.packageJSON.version}`,
    log: (line) => log.debug(line),
  });
  const services: Services = { context, log, settings: readSettings, client, auth };
  const documents = registerDocuments(services);
  const views = registerViews(services, documents);
  registerCommands(services, views, documents);
  const activationMs = performance.now() - started;
  log.info(`KallyAI activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, services, views, documents };
}

export function deactivate() {
  // everything is disposed through context.subscriptions
}
