import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { OutputOf } from '../api/operation';
import type { Services } from '../services';
import { VIEW_DEADLINE_MS, type LoadReason } from './dataLoader';
import { Disposables } from '../platform/disposables';
import { VIEW_NAMES, type ViewName } from './viewNode';

type Pending = OutputOf<typeof ops.notifications.pending>;

export interface SchedulerHooks {
  /** Refreshes the named views (each view's loader drops the request if its data is fresh). */
  refresh(views: readonly ViewName[], reason: LoadReason): void;
  isSignedIn(): boolean;
  /** A poll succeeded: the service is reachable (views that failed load again). */
  reachable(): void;
}

/** Keeps the views current without noise: polls `notifications/pending` only while the window is
 *  focused, every `kallyai.pollIntervalSeconds` (0 = off), and refreshes only the views whose counts
 *  changed; on regaining focus, views whose data is stale refresh. */
export class RefreshScheduler extends Disposables {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polling: Promise<readonly ViewName[]> | undefined;
  private last: Map<ViewName, string> | undefined;
  private _focused = vscode.window.state.focused;
  private readonly focusEmitter = new vscode.EventEmitter<boolean>();
  /** Fires when the window gains or loses focus (the live-call refresh follows it). */
  readonly onDidChangeFocus = this.focusEmitter.event;
  /** Polls sent, and those that failed (tests and the bench read them). */
  pollsSent = 0;
  pollsFailed = 0;
  private readonly pendingEmitter = new vscode.EventEmitter<Pending>();
  /** Fires with each answer of the poll (the notifications item of the status bar shows it). */
  readonly onDidReceivePending = this.pendingEmitter.event;
  /** When the last poll answered (ms), 0 before the first. */
  lastPendingAt = 0;

  constructor(
    private readonly services: Services,
    private readonly hooks: SchedulerHooks,
  ) {
    super();
    this.own(
      { dispose: () => this.timer && clearTimeout(this.timer) },
      this.focusEmitter,
      this.pendingEmitter,
      vscode.window.onDidChangeWindowState((state) => this.setFocused(state.focused)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kallyai.pollIntervalSeconds')) this.arm();
      }),
    );
    this.arm();
  }

  get focused(): boolean {
    return this._focused;
  }

  /** How long view data stays fresh: the poll interval, or five minutes when polling is off. */
  freshMs(): number {
    const seconds = this.services.settings().pollIntervalSeconds;
    return (seconds > 0 ? seconds : 300) * 1000;
  }

  private setFocused(focused: boolean): void {
    if (focused === this._focused) return;
    this._focused = focused;
    this.focusEmitter.fire(focused);
    if (focused && this.hooks.isSignedIn()) {
      this.hooks.refresh(VIEW_NAMES, 'focus');
    }
    this.arm();
  }

  /** (Re)starts the poll timer; stopped while unfocused, signed out or set to 0. */
  arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const seconds = this.services.settings().pollIntervalSeconds;
    if (seconds <= 0 || !this._focused || !this.hooks.isSignedIn()) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pollNow().finally(() => this.arm());
    }, seconds * 1000);
  }

  /** Sign-out: forget the last counts so the next sign-in starts from a clean baseline. */
  reset(): void {
    this.last = undefined;
    this.arm();
  }

  /** One poll (at most one in flight). Returns the views it refreshed. */
  pollNow(): Promise<readonly ViewName[]> {
    if (this.polling) return this.polling;
    this.polling = this.poll().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async poll(): Promise<readonly ViewName[]> {
    if (!this.hooks.isSignedIn() || !this._focused) return [];
    let pending: Pending;
    try {
      this.pollsSent++;
      pending = await this.services.client.execute(ops.notifications.pending, {}, { deadlineMs: VIEW_DEADLINE_MS });
    } catch (e) {
      // No pop-up (the status bar and the views show an outage): one line in the log per failed
      // poll, however many attempts the client made.
      this.pollsFailed++;
      this.services.log.warn(`The notifications poll failed: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
    this.hooks.reachable();
    this.lastPendingAt = Date.now();
    this.pendingEmitter.fire(pending);
    const next = signatures(pending);
    const previous = this.last;
    this.last = next;
    if (!previous) return [];
    const changed = [...next.keys()].filter((view) => previous.get(view) !== next.get(view));
    if (changed.length) this.hooks.refresh(changed, 'mutation');
    return changed;
  }
}

/** What each view depends on in a notifications answer. Goal progress spends credits, so Credits
 *  follows the goals; email approvals are inbox drafts. */
export function signatures(p: Pending): Map<ViewName, string> {
  const ids = (items: unknown) =>
    Array.isArray(items)
      ? items
          .map((i) =>
            i && typeof i === 'object'
              ? `${String((i as Record<string, unknown>).id)}:${String((i as Record<string, unknown>).status ?? '')}`
              : String(i),
          )
          .join(',')
      : '';
  const goals = JSON.stringify([
    p.goals?.count,
    ids(p.goals?.items),
    p.active_goal?.id,
    p.active_goal?.status,
    p.active_goal?.current_step_description,
  ]);
  const inbox = JSON.stringify([p.inbox?.count, ids(p.inbox?.items), p.actions?.count, ids(p.actions?.items)]);
  return new Map<ViewName, string>([
    ['goals', goals],
    ['credits', goals],
    ['inbox', inbox],
  ]);
}
