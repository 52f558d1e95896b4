// PLACEHOLDER until the sign-in issue lands: replaced by the real AuthenticationProvider.
import * as vscode from 'vscode';
import type { TokenSource } from '../api/tokenSource';
import type { Log } from '../log';
import type { Settings } from '../settings';

export interface KallyAuth extends TokenSource {
  readonly isSignedIn: boolean;
  readonly onDidChangeSignIn: vscode.Event<boolean>;
  signIn(): Promise<boolean>;
  signOut(): Promise<void>;
}

export function registerAuth(_context: vscode.ExtensionContext, _log: Log, _settings: () => Settings): KallyAuth {
  const emitter = new vscode.EventEmitter<boolean>();
  return {
    isSignedIn: false,
    onDidChangeSignIn: emitter.event,
    signIn: async () => false,
    signOut: async () => {},
    getToken: async () => undefined,
    refreshAfterUnauthorized: async () => undefined,
  };
}
