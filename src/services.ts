import type * as vscode from 'vscode';
import type { KallyClient } from './api/client';
import type { Log } from './platform/log';
import type { Settings } from './platform/settings';
import type { KallyAuth } from './auth/provider';

/** What the parts of the extension share. Built once in `activate()`; each part takes what it needs. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  /** Current settings, read on each call. */
  settings(): Settings;
  /** The KallyAI API client; its token source is `auth`. */
  readonly client: KallyClient;
  /** Sign-in state and the `kallyai` authentication provider. */
  readonly auth: KallyAuth;
}
