import * as vscode from 'vscode';
import { redact } from '../api/redact';
import { visibleText } from '../format/sinks';

/** The one KallyAI output channel. Everything written here passes through `redact`:
 *  bearer/refresh tokens are removed and phone numbers masked before they reach the log; and each
 *  call is one entry: a server's message with line breaks or bidi controls in it cannot forge a
 *  line that seems to come from the extension. */
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
  const entry = (m: string) => redact(visibleText(m.replace(/\r\n?|\n/g, ' ⏎ ')));
  return {
    info: (m) => channel.info(entry(m)),
    warn: (m) => channel.warn(entry(m)),
    debug: (m) => channel.debug(entry(m)),
    error: (m, e) => channel.error(entry(e === undefined ? m : `${m}: ${text(e)}`)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
