import { ops } from '../api/catalogue';
import type { Balance } from '../api/schemas/credits';
import type { Status } from '../api/schemas/subscription';
import type { Services } from '../services';
import { VIEW_DEADLINE_MS, type DataLoader } from './dataLoader';
import { codeLabel, count, creditsLabel, formatCredits, longDate, shortDateTime, t } from '../format';
import { costLines } from '../models/costs';
import { planChange, planChoices } from '../models/plans';
import { KallyTreeProvider } from './treeProvider';
import { emptyNode, groupNode, icon, infoNode, type ItemOptions, type ViewNode } from './viewNode';
import { plainText } from '../format/sinks';

type Row = Omit<ItemOptions, 'id'> & { key: string; target?: ViewNode['target'] };

/** The balance, and the subscription when it could be read (its pending plan change shows in the
 *  view and the status bar). */
export type CreditsData = Balance & { readonly subscription?: Status };

/** The plan change scheduled for the end of the period, if any. */
export function pendingPlanChange(d: CreditsData | undefined): { plan: string; from?: string } | undefined {
  const change = d?.subscription?.pending_change;
  return change?.new_plan
    ? { plan: codeLabel('plan', change.new_plan), from: longDate(change.effective_date) }
    : undefined;
}

/** Credits: the balance and the subscription are the view's one load (the status bar shares it);
 *  the spending breakdown, recent history, prices, plans and referrals are fetched when their
 *  group is expanded. */
export class CreditsProvider extends KallyTreeProvider<CreditsData> {
  constructor(
    private readonly services: Services,
    loader: DataLoader<CreditsData>,
    isSignedIn: () => boolean,
  ) {
    super('credits', t('your credits'), loader, isSignedIn);
  }

  static fetch(services: Services) {
    return async (signal: AbortSignal): Promise<CreditsData> => {
      const [balance, subscription] = await Promise.all([
        services.client.execute(ops.credits.balance, {}, { signal, deadlineMs: VIEW_DEADLINE_MS }),
        // Only the pending change is read from it: the balance does not wait on a failure here.
        services.client
          .execute(ops.subscription.status, {}, { signal, deadlineMs: VIEW_DEADLINE_MS })
          .catch(() => undefined),
      ]);
      return subscription ? { ...balance, subscription } : balance;
    };
  }

  protected buildRoots(b: CreditsData): ViewNode[] {
    const low = b.credits_remaining != null && b.credits_remaining < this.services.settings().lowCreditThreshold;
    const plan = b.plan_type ? codeLabel('plan', b.plan_type) : t('No plan');
    const periodEnd = longDate(b.period_end);
    const pending = pendingPlanChange(b);
    const roots: ViewNode[] = [
      infoNode(
        'credits/remaining',
        undefined,
        {
          label: plainText(t('{0} remaining', creditsLabel(b.credits_remaining))),
          description: plainText(low ? t('running low') : undefined),
          tooltip: plainText(
            low
              ? t(
                  'Below your warning threshold of {0} credits (kallyai.lowCreditThreshold).',
                  this.services.settings().lowCreditThreshold,
                )
              : t('Credits you can still spend this period'),
          ),
          icon: icon('credit-card', low ? 'list.warningForeground' : 'charts.green'),
        },
        'creditsFigure',
      ),
      infoNode(
        'credits/used',
        undefined,
        {
          label: plainText(t('{0} used', creditsLabel(b.credits_used))),
          tooltip: plainText(t('Credits spent this period')),
          icon: icon('graph-line'),
        },
        'creditsFigure',
      ),
      infoNode(
        'credits/allocated',
        undefined,
        {
          label: plainText(t('{0} allocated', creditsLabel(b.credits_allocated))),
          tooltip: plainText(t('Credits your plan gives you each period')),
          icon: icon('package'),
        },
        'creditsFigure',
      ),
      infoNode(
        'credits/plan',
        undefined,
        {
          label: plainText(t('{0} plan', plan)),
          description: plainText(
            pending
              ? t('changes to {0} on {1}', pending.plan, pending.from ?? '?')
              : periodEnd
                ? t('period ends {0}', periodEnd)
                : undefined,
          ),
          tooltip: plainText(
            [
              t('Plan: {0}', plan),
              b.period_start ? t('Period start: {0}', longDate(b.period_start) ?? '') : '',
              periodEnd ? t('Period end: {0}', periodEnd) : '',
              pending
                ? t(
                    'Scheduled change: to {0} on {1} (Cancel Pending Plan Change keeps your plan)',
                    pending.plan,
                    pending.from ?? '?',
                  )
                : '',
            ]
              .filter(Boolean)
              .join('\n'),
          ),
          icon: icon('verified'),
          contextValue: pending ? 'creditsPlan pendingChange' : 'creditsPlan',
        },
        'creditsPlan',
      ),
      this.lazyGroup(
        'credits/breakdown',
        t('Spending by action'),
        'pie-chart',
        t('What your credits went on this period'),
        () => this.breakdown(),
      ),
      this.lazyGroup('credits/history', t('Recent activity'), 'history', t('Your latest credit movements'), () =>
        this.history(),
      ),
      this.lazyGroup(
        'credits/plans',
        t('Available plans'),
        'list-unordered',
        t('Plans and what they include: Change Plan on one to move to it'),
        () => this.plans(b),
      ),
      this.lazyGroup(
        'credits/costs',
        t('What things cost'),
        'tag',
        t('Credits per action (the price list KallyAI publishes); each costly action asks first with its estimate'),
        () => this.costs(),
      ),
      this.lazyGroup('credits/referrals', t('Refer a friend'), 'gift', t('Your referral code and what it earned'), () =>
        this.referrals(),
      ),
      infoNode(
        'credits/billing',
        undefined,
        {
          label: plainText(t('Manage billing')),
          tooltip: plainText(t('Open the billing portal in your browser: plan, payment method, invoices')),
          icon: icon('link-external'),
          command: { command: 'kallyai.billing.openPortal', title: t('Manage Billing') },
        },
        'billing',
      ),
    ];
    return roots;
  }

  private lazyGroup(id: string, label: string, codicon: string, tooltip: string, load: () => Promise<Row[]>): ViewNode {
    return groupNode(
      id,
      undefined,
      {
        label: plainText(label),
        tooltip: plainText(tooltip),
        icon: icon(codicon),
        expanded: false,
        contextValue: 'creditsGroup',
      },
      async (self) => {
        try {
          const rows = await load();
          if (rows.length === 0)
            return [emptyNode(`${id}/empty`, self, { label: plainText(t('Nothing yet')), icon: icon('info') })];
          return rows.map(({ key, target, ...o }) => ({ ...infoNode(`${id}/${key}`, self, o, 'creditsRow'), target }));
        } catch (e) {
          return [this.errorNode(e, `${id}/error`, self, [])];
        }
      },
    );
  }

  private async breakdown(): Promise<Row[]> {
    const r = await this.services.client.execute(ops.credits.breakdown, {});
    const total = r.total_spent ?? r.items.reduce((s, i) => s + (i.credits_total ?? 0), 0);
    return [...r.items]
      .sort((a, b) => (b.credits_total ?? 0) - (a.credits_total ?? 0))
      .map((i, n) => {
        const share = total > 0 && i.credits_total != null ? Math.round((i.credits_total / total) * 100) : undefined;
        const what = i.action_type ? codeLabel('creditEntry', i.action_type) : t('Other');
        return {
          key: i.action_type ?? String(n),
          label: plainText(what),
          description: plainText(
            [
              creditsLabel(i.credits_total),
              share !== undefined ? `${share}%` : undefined,
              i.transaction_count != null ? t('{0}×', i.transaction_count) : undefined,
            ]
              .filter(Boolean)
              .join(' · '),
          ),
          tooltip: plainText(
            i.transaction_count != null
              ? `${what}: ${creditsLabel(i.credits_total)} — ${count(i.transaction_count, '{0} transaction', '{0} transactions')}`
              : `${what}: ${creditsLabel(i.credits_total)}`,
          ),
          icon: icon('circle-small-filled'),
        };
      });
  }

  private async history(): Promise<Row[]> {
    const r = await this.services.client.execute(ops.credits.history, { query: { limit: 20 } });
    return r.entries.map((e, n) => {
      // Spending arrives negative, allocations and refunds positive.
      const amount = e.credits ?? 0;
      const sign = amount >= 0 ? '+' : '−';
      return {
        key: e.id ?? String(n),
        label: plainText(e.description ?? codeLabel('creditEntry', e.type)),
        description: plainText(
          [`${sign}${formatCredits(Math.abs(amount))}`, shortDateTime(e.timestamp)].filter(Boolean).join(' · '),
        ),
        tooltip: plainText(
          [e.description, codeLabel('creditEntry', e.type), creditsLabel(amount), shortDateTime(e.timestamp)]
            .filter(Boolean)
            .join('\n'),
        ),
        icon: icon(sign === '+' ? 'arrow-up' : 'arrow-down'),
      };
    });
  }

  private async plans(b: CreditsData): Promise<Row[]> {
    const r = await this.services.client.execute(ops.credits.plans, {});
    const status = b.subscription ?? { plan_type: b.plan_type };
    const choices = planChoices(r.plans, status);
    return choices.map((p) => {
      const price = p.priceMonthly != null ? t('${0}/month', formatCredits(p.priceMonthly)) : undefined;
      const change = planChange(p, choices, status);
      return {
        key: p.key,
        label: plainText(
          p.current
            ? t('{0} (your plan)', p.name)
            : p.pending
              ? t('{0} (from {1})', p.name, longDate(status.pending_change?.effective_date) ?? '?')
              : p.name,
        ),
        description: plainText([creditsLabel(p.credits), price].filter(Boolean).join(' · ')),
        tooltip: plainText(
          [
            p.name,
            creditsLabel(p.credits),
            price,
            p.overageRate != null ? t('Overage: ${0} per credit', formatCredits(p.overageRate)) : undefined,
            change.kind === 'upgrade'
              ? t('An upgrade takes effect now.')
              : change.kind === 'downgrade'
                ? t('A downgrade takes effect at the end of this period.')
                : undefined,
          ]
            .filter(Boolean)
            .join('\n'),
        ),
        icon: icon(p.current ? 'star-full' : 'star-empty'),
        contextValue: p.current ? 'plan currentPlan' : 'plan changeablePlan',
        target: { kind: 'plan', id: p.key, value: change },
      };
    });
  }

  private async costs(): Promise<Row[]> {
    const r = await this.services.client.execute(ops.credits.costs, {});
    return costLines(r.costs).map((l) => ({
      key: l.key,
      label: plainText(l.what),
      description: plainText(l.price),
      tooltip: plainText(`${l.what}: ${l.price}`),
      icon: icon('circle-small-filled'),
    }));
  }

  private async referrals(): Promise<Row[]> {
    const [code, stats] = await Promise.all([
      this.services.client.execute(ops.referrals.code, {}),
      this.services.client.execute(ops.referrals.stats, {}).catch(() => undefined),
    ]);
    const rows: Row[] = [];
    if (code.code) {
      rows.push({
        key: 'code',
        label: plainText(code.code),
        description: plainText(t('your code — click to copy')),
        tooltip: plainText(
          [t('Friends who subscribe with this code earn you credits. Click to copy it.'), code.share_url ?? '']
            .filter(Boolean)
            .join('\n'),
        ),
        icon: icon('gift'),
        contextValue: 'referralCode',
        target: { kind: 'referralCode', id: code.code, value: code },
        command: {
          command: 'kallyai.referrals.copy',
          title: t('Copy Referral Code'),
          arguments: [{ text: code.code }],
        },
      });
    }
    if (stats) {
      rows.push({
        key: 'stats',
        label: plainText(count(stats.total_referrals ?? 0, '{0} person referred', '{0} people referred')),
        description: plainText(
          t('{0} subscribed · {1} earned', stats.converted ?? 0, creditsLabel(stats.total_reward_credits ?? 0)),
        ),
        tooltip: plainText(t('Click to see whom you referred and what each earned you')),
        icon: icon('graph'),
        command: { command: 'kallyai.referrals.history', title: t('Referral History') },
      });
    }
    return rows;
  }
}
