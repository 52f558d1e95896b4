/** The last good data of each view, kept per account (never a token; stored in VS Code's global
 *  state), so a view paints at once when the window opens and the network answers after. A
 *  snapshot of another account is never shown: the key carries the account, and signing out
 *  drops that account's snapshots. */
import type * as vscode from 'vscode';
import type { ViewName } from './viewNode';

const PREFIX = 'kallyai.snapshot.v1';

export class Snapshots {
  constructor(private readonly state: vscode.Memento, private readonly account: () => string | undefined) {}

  private key(view: ViewName, account = this.account()): string | undefined {
    return account ? `${PREFIX}.${account}.${view}` : undefined;
  }

  read<D>(view: ViewName): D | undefined {
    const key = this.key(view);
    return key ? this.state.get<D>(key) : undefined;
  }

  write<D>(view: ViewName, data: D): void {
    const key = this.key(view);
    if (key) void this.state.update(key, data);
  }

  /** Forgets every snapshot of an account (sign-out). */
  forget(account: string): void {
    for (const key of this.state.keys()) if (key.startsWith(`${PREFIX}.${account}.`)) void this.state.update(key, undefined);
  }
}
