/** The call that is ringing right now. POST /v1/calls answers only when the call has ended, so its
 *  id is learnt from the call list (the running call to the same number), which also makes the
 *  Calls view show it live. Knowing the id is what lets the user stop the call on the server. */
import { ops } from '../../api/catalogue';
import { RUNNING_CALL_STATUSES } from '../../api/callStatus';
import { callCreatedAt, type Call } from '../../api/schemas/calls';
import type { CommandContext } from '../commandContext';

/** The POST's outcome, whichever way it went. */
export type Settled = { ok: true; call: Call } | { ok: false; error: unknown };

const POLL_MS = 700;
/** Clock skew allowed between this machine and the server when matching the new call. */
const SKEW_MS = 120_000;

export class LiveCall {
  private id: string | undefined;
  private settledValue: Settled | undefined;

  constructor(
    private readonly ctx: CommandContext,
    private readonly e164: string,
    private readonly startedAt: number,
    private readonly settled: Promise<Settled>,
  ) {
    void settled.then((s) => {
      this.settledValue = s;
      if (s.ok) this.id ??= s.call.call_id;
    });
  }

  get callId(): string | undefined {
    return this.id;
  }

  get isSettled(): boolean {
    return this.settledValue !== undefined;
  }

  /** Polls the call list until the call shows (refreshing the Calls view then) or the POST answers.
   *  Gives up after `maxMs` (default: as long as the call runs). */
  async discover(maxMs = Number.POSITIVE_INFINITY): Promise<string | undefined> {
    const deadline = Date.now() + maxMs;
    let first = true;
    while (!this.id && !this.isSettled && Date.now() < deadline) {
      await Promise.race([delay(first ? 250 : POLL_MS), this.settled]);
      if (first) void this.ctx.views.refresh(['calls']);
      first = false;
      if (this.id || this.isSettled) break;
      try {
        const list = await this.ctx.services.client.execute(ops.calls.list, { query: { limit: 20 } });
        const found = this.pick(list.calls);
        if (found) {
          this.id = found.call_id;
          this.ctx.services.log.info(`The call is running as ${found.call_id}`);
          void this.ctx.views.refresh(['calls']);
        }
      } catch (e) {
        this.ctx.services.log.debug(
          `Looking for the running call failed: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    return this.id;
  }

  /** The newest running call to our number placed after we started. */
  private pick(calls: readonly Call[]): Call | undefined {
    const ours = calls.filter((c) => {
      if (!RUNNING_CALL_STATUSES.includes(c.status)) return false;
      const phone = c.submission?.respondent_phone ?? c.to ?? undefined;
      if (phone !== this.e164) return false;
      const created = Date.parse(callCreatedAt(c) ?? '');
      return Number.isNaN(created) || created >= this.startedAt - SKEW_MS;
    });
    ours.sort((a, b) => (Date.parse(callCreatedAt(b) ?? '') || 0) - (Date.parse(callCreatedAt(a) ?? '') || 0));
    return ours[0];
  }

  /** Stops the call on the server. Resolves ok when the call is stopped or had already ended. */
  async stop(): Promise<{ ok: true } | { ok: false; error: unknown }> {
    if (this.isSettled) return { ok: true };
    const id = this.id ?? (await this.discover(15_000));
    if (this.isSettled) return { ok: true };
    if (!id) return { ok: false, error: new Error('not-found') };
    try {
      await this.ctx.services.client.execute(ops.calls.stop, { path: { call_id: id } });
      this.ctx.services.log.info(`Asked the server to stop call ${id}`);
      return { ok: true };
    } catch (error) {
      // The call may have ended on its own between the click and the request.
      if (this.isSettled) return { ok: true };
      return { ok: false, error };
    }
  }

  /** After a stop: the call as the server sees it once it is no longer running (from the POST's
   *  answer, or from GET /v1/calls/{id} if that comes first). */
  async confirmEnded(maxMs = 60_000): Promise<Settled> {
    const deadline = Date.now() + maxMs;
    const poll = async (): Promise<Settled> => {
      while (Date.now() < deadline && !this.isSettled && this.id) {
        await Promise.race([delay(1000), this.settled]);
        if (this.isSettled) break;
        try {
          const call = await this.ctx.services.client.execute(ops.calls.get, { path: { call_id: this.id } });
          if (!RUNNING_CALL_STATUSES.includes(call.status)) return { ok: true, call };
        } catch {
          // keep waiting for the POST
        }
      }
      return this.settled;
    };
    return Promise.race([this.settled, poll()]);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
