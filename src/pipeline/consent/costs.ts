/** The figures a consent names: what the operation will cost (the entry's own figure, else the
 *  budget estimate for its type, else the public price list) and the balance. Each is asked with a
 *  short timeout and may be missing: a slow estimate never holds up the question. No `vscode`. */
import { ops } from '../../api/catalogue';
import type { KallyClient } from '../../api/client';
import type { Operation } from '../../api/operation';
import type { CostKey, EstimateType } from '../../api/resources';
import type { ConsentSpec, PresentationContext } from '../presentation';
import type { CreditsFigure } from './stakes';

const FIGURE_TIMEOUT_MS = 4_000;

/** The price-list entry of each estimate type. */
const PRICE_OF: Record<EstimateType, CostKey> = { call: 'call', email: 'email_send', search: 'search', booking: 'booking', ride: 'ride', food: 'food', errand: 'errand' };

type Prices = Record<string, Record<string, unknown>>;

export class CostSource {
  private prices: Promise<Prices | undefined> | undefined;

  constructor(private readonly client: KallyClient, private readonly knownBalance: () => number | undefined) {}

  async credits(op: Operation, spec: ConsentSpec | undefined, ctx: PresentationContext): Promise<CreditsFigure> {
    if (!op.costsCredits) return { kind: 'unknown' };
    const own = await Promise.resolve(spec?.credits?.(ctx)).catch(() => undefined);
    if (own !== undefined && Number.isFinite(own)) return { kind: 'amount', amount: own, source: 'entry' };
    // The type may depend on the input (an outreach task by email is priced as an email).
    const type = spec?.estimateType?.(ctx) ?? op.estimate;
    if (type) {
      const description = (spec?.estimate?.(ctx) ?? op.summary).slice(0, 2000) || op.summary;
      const estimate = await this.client
        .execute(ops.budget.estimate, { body: { type, description } }, { timeoutMs: FIGURE_TIMEOUT_MS })
        .catch(() => undefined);
      const amount = estimate?.estimated_credits ?? undefined;
      if (amount !== undefined) return { kind: 'amount', amount, source: 'estimate' };
    }
    // No estimate: the public price list (GET /v1/credits/costs), never a figure written here.
    const cost = type && type !== op.estimate ? PRICE_OF[type] : op.cost ?? (type ? PRICE_OF[type] : undefined);
    if (cost) return this.fromPrices(cost);
    return { kind: 'unknown' };
  }

  /** The balance now (a consent must not name a stale figure), else the one the views last saw. */
  async balance(): Promise<number | undefined> {
    const b = await this.client.execute(ops.credits.balance, {}, { timeoutMs: FIGURE_TIMEOUT_MS }).catch(() => undefined);
    return b?.credits_remaining ?? this.knownBalance();
  }

  /** The price list (public, asked once per session). */
  pricesOnce(): Promise<Prices | undefined> {
    this.prices ??= this.client.execute(ops.credits.costs, {}, { timeoutMs: FIGURE_TIMEOUT_MS })
      .then((r) => (r.costs ?? undefined) as Prices | undefined)
      .catch(() => {
        this.prices = undefined;
        return undefined;
      });
    return this.prices;
  }

  private async fromPrices(key: string): Promise<CreditsFigure> {
    const entry = (await this.pricesOnce())?.[key];
    if (!entry) return { kind: 'unknown' };
    const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
    const base = num(entry.base);
    const perMinute = num(entry.per_minute);
    if (base !== undefined && perMinute !== undefined) return { kind: 'perMinute', base, perMinute };
    const single = Object.values(entry).map(num).find((v) => v !== undefined);
    return single === undefined ? { kind: 'unknown' } : { kind: 'amount', amount: single, source: 'price' };
  }
}
