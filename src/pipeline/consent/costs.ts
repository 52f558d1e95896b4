/** The figures a consent names: what the operation will cost and the balance. One source for
 *  every price: the thing's own figure where it carries one (a goal step's credits, a number's
 *  monthly credits), else the public price list (GET /v1/credits/costs) — the list "What Things
 *  Cost" shows and the service charges by. The budget estimate (POST /v1/goals/estimate) prices a
 *  task described in words; it is the "Estimate Credits…" command's, never a consent's. Each
 *  figure is asked with a short timeout and may be missing: a slow answer never holds up the
 *  question. No `vscode`. */
import { ops } from '../../api/catalogue';
import type { KallyClient } from '../../api/client';
import type { Operation } from '../../api/operation';
import type { CostKey, EstimateType } from '../../api/resources';
import type { ConsentSpec, PresentationContext } from '../../presentation/entry';
import { buildStakes, type CreditsFigure, type Stakes } from './stakes';

const FIGURE_TIMEOUT_MS = 4_000;

/** The price-list entry of each kind of work. */
const PRICE_OF: Record<EstimateType, CostKey> = {
  call: 'call',
  email: 'email_send',
  search: 'search',
  booking: 'booking',
  ride: 'ride',
  food: 'food',
  errand: 'errand',
};

type Prices = Record<string, Record<string, unknown>>;

export class CostSource {
  private prices: Promise<Prices | undefined> | undefined;

  constructor(
    private readonly client: KallyClient,
    private readonly knownBalance: () => number | undefined,
  ) {}

  async credits(op: Operation, spec: ConsentSpec | undefined, ctx: PresentationContext): Promise<CreditsFigure> {
    if (!op.costsCredits) return { kind: 'unknown' };
    if (spec?.money) return { kind: 'none' };
    const own = await Promise.resolve(spec?.credits?.(ctx)).catch(() => undefined);
    if (own !== undefined && Number.isFinite(own))
      return spec?.creditsAtMost ? { kind: 'upTo', amount: own } : { kind: 'amount', amount: own, source: 'entry' };
    // The kind of work may depend on the input (an outreach task by email is priced as an email).
    const type = spec?.estimateType?.(ctx);
    const key = type ? PRICE_OF[type] : (op.cost ?? (op.estimate ? PRICE_OF[op.estimate] : undefined));
    return key ? this.fromPrices(key) : { kind: 'unknown' };
  }

  /** The stakes a consent names for this operation and input: its figure and, where it costs
   *  credits, the balance. */
  async stakes(
    op: Operation,
    spec: ConsentSpec,
    ctx: PresentationContext,
    detail?: Promise<string | undefined>,
  ): Promise<Stakes> {
    const [credits, balance, detailLine] = await Promise.all([
      this.credits(op, spec, ctx),
      op.costsCredits && !spec.money ? this.balance() : Promise.resolve(undefined),
      detail ?? Promise.resolve(undefined),
    ]);
    return buildStakes(op, spec, ctx, credits, balance, detailLine);
  }

  /** The balance now (a consent must not name a stale figure), else the one the views last saw. */
  async balance(): Promise<number | undefined> {
    const b = await this.client
      .execute(ops.credits.balance, {}, { timeoutMs: FIGURE_TIMEOUT_MS })
      .catch(() => undefined);
    return b?.credits_remaining ?? this.knownBalance();
  }

  /** The price list (public, asked once per session). */
  pricesOnce(): Promise<Prices | undefined> {
    this.prices ??= this.client
      .execute(ops.credits.costs, {}, { timeoutMs: FIGURE_TIMEOUT_MS })
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
    const num = (v: unknown) =>
      typeof v === 'number'
        ? v
        : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
          ? Number(v)
          : undefined;
    const base = num(entry.base);
    const perMinute = num(entry.per_minute);
    if (base !== undefined && perMinute !== undefined) return { kind: 'perMinute', base, perMinute };
    const single = Object.values(entry)
      .map(num)
      .find((v) => v !== undefined);
    return single === undefined ? { kind: 'unknown' } : { kind: 'amount', amount: single, source: 'price' };
  }
}
