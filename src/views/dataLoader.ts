import * as vscode from 'vscode';
import type { Log } from '../platform/log';
import { describeLoadError, isSignInError } from './loadError';

/** Why a load was asked for. User clicks and automatic refreshes are coalesced and dropped when the
 *  data is fresh; a `mutation` (we just changed something on the server) always gets a load that
 *  starts after it. */
export type LoadReason = 'initial' | 'user' | 'retry' | 'poll' | 'focus' | 'live' | 'mutation';

export interface DataLoaderOptions<D> {
  name: string;
  fetch(signal: AbortSignal): Promise<D>;
  log: Log;
  /** Automatic loads (poll, focus, backoff retries) only happen while this is true. */
  canAutoRefresh(): boolean;
  /** Wraps a running load, e.g. to show the view's progress bar. */
  wrap?<T>(work: Promise<T>): Promise<T>;
  /** Data younger than this is fresh: automatic loads skip it. */
  freshMs?(): number;
  /** The last good data saved from an earlier session: shown at once, then replaced. */
  snapshot?: { read(): D | undefined; write(data: D): void };
}

/** A view's load gives up after this long (retries included): one quiet state, not a long spinner. */
export const VIEW_DEADLINE_MS = 10_000;

const BACKOFF_FIRST_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;

/** Data of one view: at most one request in flight, a burst of refreshes becomes one request,
 *  failures back off and retry by themselves, sign-out drops everything. */
export class DataLoader<D> implements vscode.Disposable {
  private _data: D | undefined;
  private _error: unknown;
  private _loadedAt = 0;
  private _dataLoadedAt = 0;
  private _fromSnapshot = false;
  private inFlight: Promise<void> | undefined;
  private controller: AbortController | undefined;
  private again = false;
  private failures = 0;
  private nextRetryAt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  /** Requests actually sent (tests and the bench read it). */
  requestsStarted = 0;
  /** performance.now() when the last response arrived (the bench measures rendering from it). */
  lastResponseAt = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly options: DataLoaderOptions<D>) {}

  get data(): D | undefined {
    return this._data;
  }
  /** The data shown is not fresh from the server: a snapshot from an earlier session, or the last
   *  good data after a failed load. */
  get stale(): boolean {
    return this._fromSnapshot || (this._error !== undefined && this._data !== undefined);
  }
  /** When the data shown was loaded (0 for a snapshot). */
  get dataLoadedAt(): number {
    return this._dataLoadedAt;
  }
  get error(): unknown {
    return this._error;
  }
  get loadedAt(): number {
    return this._loadedAt;
  }
  get loading(): boolean {
    return this.inFlight !== undefined;
  }
  get hasSettled(): boolean {
    return this._data !== undefined || this._error !== undefined;
  }

  isFresh(now = Date.now()): boolean {
    return (
      this._error === undefined &&
      this._data !== undefined &&
      now - this._loadedAt < (this.options.freshMs?.() ?? 30_000)
    );
  }

  /** Replaces the data without a request (optimistic updates, e.g. a message marked read). */
  update(mutate: (data: D) => D): void {
    if (this._data === undefined) return;
    this._data = mutate(this._data);
    this.changed.fire();
  }

  /** Loads (or joins the load in flight). Resolves once the view's data is settled. */
  load(reason: LoadReason): Promise<void> {
    const automatic = reason === 'poll' || reason === 'focus' || reason === 'live';
    if (this.inFlight) {
      // A click or a poll during a load joins it; a mutation needs a load that starts after it.
      if (reason === 'mutation') this.again = true;
      return this.inFlight;
    }
    if (automatic) {
      if (!this.options.canAutoRefresh()) return Promise.resolve();
      if (reason !== 'live' && this.isFresh()) return Promise.resolve();
      if (this._error !== undefined && Date.now() < this.nextRetryAt) return Promise.resolve();
    }
    if (reason === 'initial' && this.hasSettled && !this._fromSnapshot) return Promise.resolve();
    const generation = this.generation;
    const current: Promise<void> = this.run().then(() => {
      if (this.inFlight !== current || generation !== this.generation) return;
      this.inFlight = undefined;
      if (!this.again) return;
      this.again = false;
      return this.load('mutation');
    });
    this.inFlight = current;
    return current;
  }

  /** Loads once unless there is data already (what a view's getChildren calls). With a snapshot of
   *  an earlier session it resolves at once, showing the snapshot, and the load goes on behind it. */
  ensureLoaded(): Promise<void> {
    if (this.hasSettled && !this.inFlight) return Promise.resolve();
    if (this._data === undefined && !this.inFlight) {
      const snapshot = this.options.snapshot?.read();
      if (snapshot !== undefined) {
        this._data = snapshot;
        this._fromSnapshot = true;
        const loading = this.load('initial');
        void loading;
        return Promise.resolve();
      }
    }
    if (this._fromSnapshot) return Promise.resolve();
    return this.load('initial');
  }

  private async run(): Promise<void> {
    const generation = this.generation;
    this.clearRetryTimer();
    this.controller = new AbortController();
    this.requestsStarted++;
    const work = this.options.fetch(this.controller.signal);
    try {
      const data = await (this.options.wrap ? this.options.wrap(work) : work);
      if (generation !== this.generation) return;
      this.lastResponseAt = performance.now();
      this._data = data;
      this._error = undefined;
      this._loadedAt = Date.now();
      this._dataLoadedAt = this._loadedAt;
      this._fromSnapshot = false;
      this.failures = 0;
      this.options.snapshot?.write(data);
    } catch (e) {
      if (generation !== this.generation) return;
      this._error = e;
      this._loadedAt = Date.now();
      this.failures++;
      this.options.log.warn(`${this.options.name}: ${e instanceof Error ? e.message : String(e)}`);
      this.scheduleRetry(e);
    } finally {
      if (generation === this.generation) this.controller = undefined;
    }
    this.changed.fire();
  }

  private scheduleRetry(e: unknown): void {
    if (isSignInError(e) || !describeLoadError(e, '', []).retryable) return;
    const delay = Math.min(BACKOFF_FIRST_MS * 2 ** (this.failures - 1), BACKOFF_MAX_MS);
    this.nextRetryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      // Unfocused: the focus handler retries when the user comes back.
      void this.load('focus');
    }, delay);
  }

  private clearRetryTimer(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Forgets everything (sign-out, account switch): aborts the request in flight. */
  reset(): void {
    this.generation++;
    this.controller?.abort();
    this.controller = undefined;
    this.inFlight = undefined;
    this.again = false;
    this._data = undefined;
    this._error = undefined;
    this._loadedAt = 0;
    this._dataLoadedAt = 0;
    this._fromSnapshot = false;
    this.failures = 0;
    this.nextRetryAt = 0;
    this.clearRetryTimer();
    this.changed.fire();
  }

  dispose(): void {
    this.reset();
    this.changed.dispose();
  }
}
