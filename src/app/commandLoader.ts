/** Activation registers every contributed command as a stub; the first time one runs, the commands
 *  bundle (dist/commands.js: the pipeline, the presentation table, the call wizard, Ask…) is loaded
 *  and the stub hands over to it. Activation stays small and fast however many commands there are. */
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CommandHost, CommandsModule } from '.';

export interface CommandLoader {
  /** The commands module, loaded on first use. */
  load(): CommandsModule;
}

export function registerCommandStubs(context: vscode.ExtensionContext, host: CommandHost): CommandLoader {
  let loaded: CommandsModule | undefined;
  const load = (): CommandsModule => {
    if (!loaded) {
      const started = performance.now();
      const module = require(join(__dirname, 'commands.js')) as { createCommands(host: CommandHost): CommandsModule };
      loaded = module.createCommands(host);
      context.subscriptions.push(loaded);
      host.services.log.info(`Commands loaded in ${(performance.now() - started).toFixed(1)} ms`);
    }
    return loaded;
  };
  const declared = (context.extension.packageJSON.contributes?.commands ?? []) as Array<{ command: string }>;
  for (const { command } of declared) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, (...args: unknown[]) => load().run(command, args)),
    );
  }
  return { load };
}
