import { t } from '../format';
import { ops } from '../api/catalogue';
import type { Services } from '../services';
import { callerWithNumber, isLive, type InboundCall } from '../models/inbound';
import { Disposables } from '../platform/disposables';
import { withNotificationProgress } from '../platform/notify';
import { notificationWithActions } from '../format/sinks';
import { VIEW_DEADLINE_MS } from './dataLoader';
import { isUnreachable } from './loadError';

/** How often KallyAI is asked whether it is answering a call, at most (and never more often than
 *  the poll interval setting; not at all while the window is unfocused or polling is off). */
export const LIVE_PROBE_MS = 10_000;

export interface LiveCallHooks {
  isSignedIn(): boolean;
  focused(): boolean;
  /** The live calls changed (one started or ended): the Receptionist view loads again. */
  changed(): void;
}

/** Notices the calls KallyAI starts answering on your number — one small request (the calls with
 *  status `active`) every few seconds while the window is focused — and offers, in a notification
 *  that lasts as long as KallyAI answers the call, to take it over, transfer it or open it: a
 *  progress notification whose links run the commands, ended by the probe that sees the call over,
 *  taken over or transferred, so only a live call offers live actions and none piles up in the
 *  notification centre. The calls already live when watching starts (sign-in, a window opening)
 *  are shown in the view, not announced. */
export class LiveCallWatcher extends Disposables {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private known: Set<string> | undefined;
  private probing: Promise<readonly InboundCall[]> | undefined;
  /** The calls announced so far (tests read it). */
  readonly announced: string[] = [];
  /** The calls whose notification shows now, each with what ends it. */
  private readonly showing = new Map<string, () => void>();
  probesSent = 0;

  constructor(
    private readonly services: Services,
    private readonly hooks: LiveCallHooks,
  ) {
    super();
    this.own({ dispose: () => this.timer && clearTimeout(this.timer) }, { dispose: () => this.endNotifications() });
  }

  /** The calls whose notification shows now (tests read it). */
  get notified(): readonly string[] {
    return [...this.showing.keys()];
  }

  /** Ends the notifications of the calls not in `still` (all of them without it). */
  private endNotifications(still?: ReadonlySet<string>): void {
    for (const [id, end] of this.showing) {
      if (still?.has(id)) continue;
      this.showing.delete(id);
      end();
    }
  }

  private intervalMs(): number {
    const seconds = this.services.settings().pollIntervalSeconds;
    return seconds > 0 ? Math.min(LIVE_PROBE_MS, seconds * 1000) : 0;
  }

  /** (Re)starts the probe timer; it stops while unfocused, signed out or with polling off. */
  arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const ms = this.intervalMs();
    // Polling off or signed out: nothing follows the calls any more, so their notifications end.
    if (!ms || !this.hooks.isSignedIn()) this.endNotifications();
    if (!ms || !this.hooks.focused() || !this.hooks.isSignedIn() || this.isDisposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.probeNow().finally(() => this.arm());
    }, ms);
  }

  /** Signed out or another account: the next probe starts a new baseline. */
  reset(): void {
    this.known = undefined;
    this.arm();
  }

  /** One probe (at most one in flight): returns the calls it announced. */
  probeNow(): Promise<readonly InboundCall[]> {
    this.probing ??= this.probe().finally(() => (this.probing = undefined));
    return this.probing;
  }

  private async probe(): Promise<readonly InboundCall[]> {
    if (!this.hooks.isSignedIn()) return [];
    let live: InboundCall[];
    try {
      this.probesSent++;
      const answer = await this.services.client.execute(
        ops.inbound.calls,
        { query: { status: 'active', limit: 10 } },
        { deadlineMs: VIEW_DEADLINE_MS },
      );
      live = answer.calls.filter((c) => c.id && isLive(c));
    } catch (e) {
      // No pop-up: an outage shows in the status bar and the views. It is logged once per probe
      // (not per attempt); other failures (no number yet, signed out) only at debug level, as they
      // would repeat every few seconds.
      const line = `The live-call probe failed: ${e instanceof Error ? e.message : String(e)}`;
      if (isUnreachable(e)) this.services.log.warn(line);
      else this.services.log.debug(line);
      return [];
    }
    const ids = new Set(live.map((c) => String(c.id)));
    // A call that ended, or that you took over, has nothing left to offer.
    this.endNotifications(new Set(live.filter((c) => !c.taken_over).map((c) => String(c.id))));
    const before = this.known;
    this.known = ids;
    if (!before) return [];
    const started = live.filter((c) => !before.has(String(c.id)));
    const ended = [...before].some((id) => !ids.has(id));
    if (started.length || ended) this.hooks.changed();
    for (const call of started) this.announce(call);
    return started;
  }

  private announce(call: InboundCall): void {
    const id = String(call.id);
    this.announced.push(id);
    if (call.taken_over) return;
    const action = (label: string, command: string) => ({ label, command, args: [{ id }] });
    const message = notificationWithActions(t('{0} is calling; KallyAI is answering.', callerWithNumber(call)), [
      action(t('Take Over'), 'kallyai.receptionist.takeOver'),
      action(t('Transfer…'), 'kallyai.receptionist.transfer'),
      action(t('Open'), 'kallyai.receptionist.openCall'),
    ]);
    this.services.log.info('KallyAI is answering a call');
    let end = () => {};
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.showing.set(id, end);
    void withNotificationProgress(message, () => ended);
  }
}
