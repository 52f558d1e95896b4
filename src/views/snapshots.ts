/** The last good data of each view, kept per account (never a token; stored in VS Code's global
 *  state), so a view paints at once when the window opens and the network answers after. A
 *  snapshot of another account is never shown: the key carries the account, and signing out
 *  drops that account's snapshots. */
import type * as vscode from 'vscode';
import type { ViewName } from './viewNode';

const PREFIX = 'kallyai.snapshot.v1';
/** The longest text a snapshot keeps: a view shows less, and a 1 MB email body or summary from the
 *  service must not make VS Code's global state megabytes long (it is written on every refresh). */
const MAX_TEXT = 2_000;
const MAX_DEPTH = 20;

/** The data with every longer string cut (the view's next load brings it whole). */
export function boundedForSnapshot(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return depth > MAX_DEPTH ? undefined : value;
  if (Array.isArray(value)) return value.map((v) => boundedForSnapshot(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, boundedForSnapshot(v, depth + 1)]),
  );
}

export class Snapshots {
  constructor(
    private readonly state: vscode.Memento,
    private readonly account: () => string | undefined,
  ) {}

  private key(view: ViewName, account = this.account()): string | undefined {
    return account ? `${PREFIX}.${account}.${view}` : undefined;
  }

  read<D>(view: ViewName): D | undefined {
    const key = this.key(view);
    return key ? this.state.get<D>(key) : undefined;
  }

  write<D>(view: ViewName, data: D): void {
    const key = this.key(view);
    if (key) void this.state.update(key, boundedForSnapshot(data));
  }

  /** Forgets every snapshot of an account (sign-out). */
  forget(account: string): void {
    for (const key of this.state.keys())
      if (key.startsWith(`${PREFIX}.${account}.`)) void this.state.update(key, undefined);
  }
}
