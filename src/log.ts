import * as vscode from 'vscode';
import { redact } from './api/redact';

/** The one KallyAI output channel. Everything written here passes through `redact`:
 *  bearer/refresh tokens are removed and phone numbers masked before they reach the log. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  debug(message: string): void;
  show(): void;
}

export function createLog(): Log & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('KallyAI', { log: true });
  const text = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : e === undefined ? '' : String(e));
  return {
    info: (m) => channel.info(redact(m)),
    warn: (m) => channel.warn(redact(m)),
    debug: (m) => channel.debug(redact(m)),
    error: (m, e) => channel.error(redact(e === undefined ? m : `${m}: ${text(e)}`)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
