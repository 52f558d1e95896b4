/** Whether KallyAI answers, learnt from how every request ends (the client tells each one once,
 *  after its retries): no connection, no answer in time, or only a gateway's 502/503/504 means it
 *  cannot be reached; any other answer — an error status too — means it can. The status bar and
 *  every open view show the outage from here, so the first failed background request (the
 *  notifications poll, the live-call probe, a view's load) is enough: nothing waits for the view
 *  whose data happens to be loaded next. The first request answered again ends it. */
import * as vscode from 'vscode';
import type { KallyClient, RequestOutcome } from '../api/client';
import type { KallyApiError } from '../api/errors';
import type { Log } from '../platform/log';
import { Disposables } from '../platform/disposables';
import { isUnreachable } from './loadError';

export interface Outage {
  /** When the first request failed (ms). */
  readonly since: number;
  /** The last failure: its sentence is the reason shown. */
  readonly error: KallyApiError;
  /** When KallyAI last answered (ms), 0 when it never did in this window. */
  readonly lastAnswerAt: number;
}

export class ServiceReachability extends Disposables {
  private current: Outage | undefined;
  /** When KallyAI last answered a request (ms), 0 before the first. */
  lastAnswerAt = 0;
  private readonly emitter = new vscode.EventEmitter<Outage | undefined>();
  /** Fires when KallyAI stops answering and when it answers again (not on every failure). */
  readonly onDidChange = this.emitter.event;

  constructor(
    client: KallyClient,
    private readonly log: Log,
    private readonly apiBaseUrl: () => string,
  ) {
    super();
    this.own(this.emitter, { dispose: client.onSettled((o) => this.settled(o)) });
  }

  /** The API's host (127.0.0.1:8790, api.kallyai.com), for the sentences. */
  host(): string {
    const url = this.apiBaseUrl();
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  }

  /** The outage now, if KallyAI cannot be reached. */
  get outage(): Outage | undefined {
    return this.current;
  }

  private settled({ op, error }: RequestOutcome): void {
    if (error && isUnreachable(error)) {
      const first = this.current === undefined;
      this.current = { since: this.current?.since ?? Date.now(), error, lastAnswerAt: this.lastAnswerAt };
      if (!first) return;
      this.log.warn(`Can't reach KallyAI at ${this.host()} (${op.method} ${op.path}): ${reason(error)}`);
      this.emitter.fire(this.current);
      return;
    }
    // Bad input and local failures (status 0) say nothing about the service.
    if (error && error.status === 0) return;
    this.lastAnswerAt = Date.now();
    if (!this.current) return;
    const seconds = Math.round((this.lastAnswerAt - this.current.since) / 1000);
    this.current = undefined;
    this.log.info(`KallyAI at ${this.host()} answers again (unreachable for ${seconds} s)`);
    this.emitter.fire(undefined);
  }

  /** Signed out, another account or another address: what was known no longer applies. */
  reset(): void {
    this.lastAnswerAt = 0;
    if (!this.current) return;
    this.current = undefined;
    this.emitter.fire(undefined);
  }
}

/** The failure in a few words for the log: its message and, for a refused or reset connection,
 *  the system's code (ECONNREFUSED…). */
export function reason(e: KallyApiError): string {
  let cause: unknown = e.cause;
  for (let depth = 0; depth < 3 && cause && typeof cause === 'object'; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return `${e.message} (${code})`;
    cause = (cause as { cause?: unknown }).cause;
  }
  return e.message;
}
