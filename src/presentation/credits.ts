/** Credits, subscription and billing (contract §5.12, §5.13, §5.16, §5.17), budget estimates
 *  (§5.11), referrals (§5.14) and what needs the person now (§5.15). */
import { ops } from '../api/catalogue';
import type { Balance } from '../api/schemas/credits';
import { portalUrl } from '../api/schemas/stripe';
import {
  blocks,
  codeLabel,
  count,
  creditsLabel,
  formatCredits,
  formatMoney,
  humanize,
  longDate,
  md,
  shortDateTime,
  t,
  table,
} from '../format';
import { costLines } from '../models/costs';
import { pendingItems } from '../models/notifications';
import { planChange, planChoices, type PlanChange } from '../models/plans';
import { present, type CommandSpec, type EntitySpec, type Presentation } from './entry';
import { registerEntities } from './entities';

/** "You have 42.5 KallyAI credits left of 200 on the Pro plan. 157.5 used this period. The period ends Dec 1, 2026." */
export function usageText(b: Balance): string {
  if (b.credits_remaining === undefined || b.credits_remaining === null)
    return t('KallyAI did not report your credit balance.');
  const parts = [
    b.credits_allocated != null && b.plan_type
      ? t(
          'You have {0} left of {1} on the {2} plan.',
          creditsLabel(b.credits_remaining),
          creditsLabel(b.credits_allocated),
          codeLabel('plan', b.plan_type),
        )
      : b.credits_allocated != null
        ? t('You have {0} left of {1}.', creditsLabel(b.credits_remaining), creditsLabel(b.credits_allocated))
        : t('You have {0} left.', creditsLabel(b.credits_remaining)),
  ];
  if (b.credits_used != null) parts.push(t('{0} used this period.', creditsLabel(b.credits_used)));
  if (b.period_end) parts.push(t('The period ends {0}.', longDate(b.period_end) ?? ''));
  return parts.join(' ');
}

const ESTIMATE_LABELS = {
  call: 'Phone call',
  email: 'Email',
  search: 'Search',
  booking: 'Booking',
  ride: 'Ride',
  food: 'Food order',
  errand: 'Errand',
} as const;

/** "12 credits a month for $49/month". */
function planOffer(p: { credits?: number; priceMonthly?: number }): string {
  const price = p.priceMonthly !== undefined ? t('{0}/month', formatMoney(p.priceMonthly)) : undefined;
  return [p.credits !== undefined ? t('{0} a month', creditsLabel(p.credits)) : undefined, price]
    .filter(Boolean)
    .join(t(' for '));
}

/** "Price: $49 → $99 a month, charged now for the rest of this period (prorated), then monthly.":
 *  what a plan change costs in money and when it is charged. */
function planPrice(change: PlanChange | undefined): string | undefined {
  const next = change?.plan.priceMonthly;
  if (next === undefined) return undefined;
  const before = change?.current?.priceMonthly;
  const price =
    before !== undefined
      ? t('{0} → {1} a month', formatMoney(before), formatMoney(next))
      : t('{0} a month', formatMoney(next));
  if (change?.kind === 'downgrade') {
    const when = longDate(change.periodEnd);
    return when
      ? t('Price: {0} from {1}, the end of this period. Nothing is charged now.', price, when)
      : t('Price: {0} from the end of this period. Nothing is charged now.', price);
  }
  return before !== undefined
    ? t(
        'Price: {0}. The difference for the rest of this period is charged now (prorated), then the new price each month.',
        price,
      )
    : t('Price: {0}, charged now.', price);
}

function budgetAndCreditsPresentations(): Presentation[] {
  return [
    present(ops.budget.estimate, {
      command: {
        id: 'kallyai.budget.estimate',
        title: 'Estimate Credits…',
        cli: ['kallyai budget estimate'],
        icon: 'symbol-number',
        menus: [{ view: 'credits', group: 'titleMenu', order: 3 }],
      },
      fields: {
        type: { label: 'What kind of task', choiceLabels: ESTIMATE_LABELS },
        description: { label: 'The task', placeholder: 'e.g. Call three plumbers for a quote on Monday' },
      },
      progress: 'Estimating…',
      result: {
        kind: 'notify',
        message: ({ data, input }) => {
          const type = input.body?.type;
          const label = type ? t(ESTIMATE_LABELS[type]) : t('this task');
          const parts =
            data.breakdown && typeof data.breakdown === 'object'
              ? Object.entries(data.breakdown as Record<string, unknown>)
                  .filter(([, v]) => typeof v === 'number')
                  .map(([k, v]) => `${codeLabel('creditEntry', k)} ${formatCredits(v as number)}`)
              : [];
          const head =
            data.confidence != null
              ? t(
                  '{0}: about {1} (confidence: {2}).',
                  label,
                  creditsLabel(data.estimated_credits),
                  String(data.confidence),
                )
              : t('{0}: about {1}.', label, creditsLabel(data.estimated_credits));
          return parts.length ? `${head} ${parts.join(' · ')}` : head;
        },
      },
    }),
    present(ops.credits.costs, {
      command: {
        id: 'kallyai.credits.costs',
        title: 'Show Credit Costs',
        cli: ['kallyai credits costs'],
        icon: 'tag',
        menus: [{ view: 'credits', group: 'titleMenu', order: 4 }],
      },
      progress: 'Loading the price list…',
      result: {
        kind: 'document',
        path: () => 'account',
        title: () => t('What KallyAI actions cost'),
        markdown: ({ data }) => {
          const lines = costLines(data.costs);
          return blocks(
            md`# ${t('What KallyAI actions cost')}`,
            lines.length
              ? table(
                  [t('Action'), t('Credits')],
                  lines.map((l) => [l.what, l.price]),
                )
              : md`_${t('KallyAI did not send its price list.')}_`,
            md`${t('Before anything that costs credits, KallyAI asks you with the estimate for that task.')}`,
          );
        },
      },
    }),
    present(ops.credits.history, {
      command: {
        id: 'kallyai.credits.history',
        title: 'Credit History',
        cli: ['kallyai credits history'],
        icon: 'history',
        menus: [{ view: 'credits', group: 'titleMenu', order: 5 }],
      },
      defaults: () => ({ query: { limit: 100 } }),
      progress: 'Loading your credit history…',
      result: {
        kind: 'document',
        path: () => 'account',
        title: () => t('KallyAI credit history'),
        markdown: ({ data }) =>
          blocks(
            md`# ${t('KallyAI credit history')}`,
            data.entries.length
              ? table(
                  [t('When'), t('What'), t('Credits')],
                  data.entries.map((e) => [
                    shortDateTime(e.timestamp) ?? '—',
                    e.description ?? codeLabel('creditEntry', e.type),
                    `${(e.credits ?? 0) >= 0 ? '+' : '−'}${formatCredits(Math.abs(e.credits ?? 0))}`,
                  ]),
                  ['left', 'left', 'right'],
                )
              : md`_${t('No credit movements yet.')}_`,
          ),
      },
    }),
    present(ops.users.statistics, {
      command: {
        id: 'kallyai.users.statistics',
        title: 'Usage Statistics',
        icon: 'dashboard',
        menus: [{ view: 'credits', group: 'titleMenu', order: 8 }],
      },
      progress: 'Loading your usage…',
      result: {
        kind: 'notify',
        message: ({ data }) =>
          [
            data.calls_used != null && data.calls_remaining != null
              ? t('{0} calls made this period, {1} left.', data.calls_used, data.calls_remaining)
              : undefined,
            data.usage_percentage != null ? t('{0}% of your plan used.', data.usage_percentage) : undefined,
            data.period_end ? t('The period ends {0}.', longDate(data.period_end) ?? '') : undefined,
          ]
            .filter(Boolean)
            .join(' ') || t('KallyAI did not report your usage.'),
        actions: () => [{ title: t('Spending by Action'), command: 'kallyai.credits.breakdown' }],
      },
    }),
    present(ops.credits.breakdown, {
      command: {
        id: 'kallyai.credits.breakdown',
        title: 'Spending by Action',
        cli: ['kallyai credits breakdown'],
        icon: 'pie-chart',
        menus: [{ view: 'credits', group: 'titleMenu', order: 6 }],
      },
      progress: 'Loading your spending…',
      result: {
        kind: 'document',
        path: () => 'account',
        title: () => t('KallyAI spending by action'),
        markdown: ({ data }) => {
          const total = data.total_spent ?? data.items.reduce((sum, i) => sum + (i.credits_total ?? 0), 0);
          const period =
            data.period_start && data.period_end
              ? t('{0} – {1}', longDate(data.period_start) ?? '', longDate(data.period_end) ?? '')
              : undefined;
          return blocks(
            md`# ${t('KallyAI spending by action')}`,
            period ? md`${t('This period: {0}', period)}` : undefined,
            data.items.length
              ? table(
                  [t('Action'), t('Credits'), t('Share'), t('Times')],
                  data.items.map((i) => [
                    i.action_type ? codeLabel('creditEntry', i.action_type) : t('Other'),
                    formatCredits(i.credits_total),
                    total > 0 && i.credits_total != null ? `${Math.round((i.credits_total / total) * 100)}%` : '—',
                    i.transaction_count != null ? String(i.transaction_count) : '—',
                  ]),
                  ['left', 'right', 'right', 'right'],
                )
              : md`_${t('Nothing spent this period.')}_`,
            md`**${t('Total: {0}', creditsLabel(total))}**`,
          );
        },
      },
    }),
  ];
}

registerEntities({
  kind: 'plan',
  placeholder: 'Pick a plan',
  empty: 'KallyAI did not list its plans.',
  list: async (client, signal) => {
    const [plans, status] = await Promise.all([
      client.execute(ops.credits.plans, {}, { signal }),
      client.execute(ops.subscription.status, {}, { signal }).catch(() => undefined),
    ]);
    const choices = planChoices(plans.plans, status);
    return choices.map((plan) => planChange(plan, choices, status));
  },
  id: (c) => c.plan.key,
  label: (c) =>
    c.plan.current
      ? t('{0} (your plan)', c.plan.name)
      : c.plan.pending
        ? t('{0} (scheduled)', c.plan.name)
        : c.plan.name,
  description: (c) => planOffer(c.plan),
  detail: (c) =>
    c.kind === 'upgrade'
      ? t('Upgrade: takes effect now')
      : c.kind === 'downgrade'
        ? t('Downgrade: takes effect at the end of this period')
        : undefined,
} satisfies EntitySpec<PlanChange> as unknown as EntitySpec<unknown>);

const changeOf = (target: unknown): PlanChange | undefined =>
  target && typeof target === 'object' && 'plan' in target ? (target as PlanChange) : undefined;

function planPresentations(): Presentation[] {
  return [
    // "KallyAI: Change Plan…" (src/commands/subscription/changePlan.ts) picks the plan and hands it over as the target.
    present(ops.subscription.changePlan, {
      targetInput: (ids) => ({ body: { target_plan: ids[0], new_plan: ids[0] } }),
      unavailable: ({ target }) =>
        changeOf(target)?.kind === 'same'
          ? t('You are on the {0} plan already.', changeOf(target)!.plan.name)
          : undefined,
      consent: {
        question: ({ target, input }) => {
          const change = changeOf(target);
          const name = change?.plan.name ?? codeLabel('plan', input.body?.target_plan ?? input.body?.new_plan);
          return change?.current
            ? t('Change your plan from {0} to {1}?', change.current.name, name)
            : t('Change your plan to {0}?', name);
        },
        what: ({ target }) => {
          const change = changeOf(target);
          if (!change) return t('Upgrades take effect now; downgrades at the end of the current period.');
          if (change.kind === 'downgrade') {
            const when = longDate(change.periodEnd) ?? t('the end of this period');
            return change.current
              ? t(
                  'A downgrade takes effect on {0}: until then you keep {1}. Then {2}.',
                  when,
                  change.current.name,
                  planOffer(change.plan),
                )
              : t('A downgrade takes effect on {0}. Then {1}.', when, planOffer(change.plan));
          }
          return t('An upgrade takes effect now: {0}.', planOffer(change.plan));
        },
        // A plan change costs money, not credits: the price before and after, and when it is charged.
        money: ({ target }) => planPrice(changeOf(target)),
        confirm: 'Change Plan',
        decline: 'Keep My Plan',
      },
      progress: 'Changing your plan…',
      result: {
        kind: 'notify',
        message: ({ data, target, input }) => {
          const change = changeOf(target);
          const name = change?.plan.name ?? codeLabel('plan', data.new_plan ?? input.body?.target_plan ?? '');
          if (data.change_type === 'downgrade_scheduled') {
            const when = longDate(data.new_period_end ?? change?.periodEnd) ?? t('the end of this period');
            return change?.current
              ? t('Your plan changes to {0} on {1}. Until then you keep {2}.', name, when, change.current.name)
              : t('Your plan changes to {0} on {1}.', name, when);
          }
          if (data.change_type === 'refresh') return t('You stay on the {0} plan.', name);
          const bonus =
            typeof data.bonus_credits === 'number' && data.bonus_credits > 0 ? data.bonus_credits : undefined;
          return bonus
            ? t('You are on the {0} plan now, with {1} more this period.', name, creditsLabel(bonus))
            : t('You are on the {0} plan now.', name);
        },
        actions: ({ data }) => [
          ...(data.change_type === 'downgrade_scheduled'
            ? [{ title: t('Cancel Pending Change'), command: 'kallyai.subscription.cancelChange' }]
            : []),
          { title: t('Open Credits View'), command: 'kallyai.credits.focus' },
        ],
      },
    }),
    present(ops.subscription.cancelPendingChange, {
      command: {
        id: 'kallyai.subscription.cancelChange',
        title: 'Cancel Pending Plan Change',
        cli: ['kallyai subscription cancel-change'],
        icon: 'discard',
        menus: [
          { view: 'credits', item: 'pendingChange', group: 'inline', order: 1 },
          { view: 'credits', group: 'titleMenu', order: 2 },
        ],
      },
      progress: 'Cancelling the plan change…',
      result: {
        kind: 'notify',
        message: ({ data }) => data.message || t('The scheduled plan change is cancelled: you keep your plan.'),
      },
    }),
    present(ops.credits.plans, {
      command: {
        id: 'kallyai.credits.plans',
        title: 'Plans…',
        cli: ['kallyai credits plans'],
        icon: 'list-unordered',
        menus: [{ view: 'credits', group: 'titleMenu', order: 7 }],
      },
      progress: 'Loading the plans…',
      result: {
        kind: 'pick',
        placeholder: 'Pick a plan to change to it (it asks first)',
        empty: 'KallyAI did not list its plans.',
        items: ({ data }) =>
          planChoices(data.plans).map((p) => ({
            label: p.name,
            description: planOffer(p),
            detail:
              p.overageRate !== undefined ? t('Beyond that: {0} per credit', formatMoney(p.overageRate)) : undefined,
            icon: 'star-empty',
            run: { title: t('Change Plan…'), command: 'kallyai.subscription.changePlan', args: [{ plan: p.key }] },
          })),
      },
    }),
  ];
}

function referralAndNotificationPresentations(): Presentation[] {
  return [
    present(ops.referrals.code, {
      command: {
        id: 'kallyai.referrals.code',
        title: 'Referral Code',
        cli: ['kallyai referrals code'],
        icon: 'gift',
        menus: [{ view: 'credits', group: 'titleMenu', order: 21 }],
      },
      progress: 'Loading your referral code…',
      result: {
        kind: 'notify',
        message: ({ data }) =>
          data.code
            ? data.is_active === false
              ? t('Your referral code {0} is not active.', data.code)
              : t('Your referral code is {0}. Friends who subscribe with it earn you credits.', data.code)
            : t('KallyAI did not send a referral code.'),
        actions: ({ data }) => [
          ...(data.code
            ? [{ title: t('Copy Code'), command: 'kallyai.referrals.copy', args: [{ text: data.code }] }]
            : []),
          ...(data.share_url
            ? [{ title: t('Copy Link'), command: 'kallyai.referrals.copy', args: [{ text: data.share_url }] }]
            : []),
        ],
      },
    }),
    present(ops.referrals.stats, {
      command: {
        id: 'kallyai.referrals.stats',
        title: 'Referral Stats',
        cli: ['kallyai referrals stats'],
        icon: 'graph',
        menus: [{ view: 'credits', group: 'titleMenu', order: 22 }],
      },
      progress: 'Loading your referrals…',
      result: {
        kind: 'notify',
        message: ({ data }) =>
          [
            count(data.total_referrals ?? 0, '{0} person referred', '{0} people referred'),
            t('{0} subscribed, {1} pending.', data.converted ?? 0, data.pending ?? 0),
            t('Rewards: {0}.', creditsLabel(data.total_reward_credits ?? 0)),
          ].join(' '),
        actions: () => [{ title: t('Referral History'), command: 'kallyai.referrals.history' }],
      },
    }),
    present(ops.referrals.history, {
      command: {
        id: 'kallyai.referrals.history',
        title: 'Referral History',
        cli: ['kallyai referrals history'],
        icon: 'history',
        menus: [{ view: 'credits', group: 'titleMenu', order: 23 }],
      },
      progress: 'Loading your referrals…',
      result: {
        kind: 'document',
        path: () => 'account',
        title: () => t('KallyAI referrals'),
        markdown: ({ data }) =>
          blocks(
            md`# ${t('KallyAI referrals')}`,
            data.referrals.length
              ? table(
                  [t('Who'), t('Status'), t('Referred'), t('Subscribed'), t('Your reward')],
                  data.referrals.map((r) => {
                    const o = r as Record<string, unknown>;
                    return [
                      r.referred_email ?? '—',
                      codeLabel('referralStatus', r.status),
                      shortDateTime(r.created_at) ?? '—',
                      shortDateTime(r.converted_at) ?? '—',
                      typeof o.referrer_reward_credits === 'number' ? creditsLabel(o.referrer_reward_credits) : '—',
                    ];
                  }),
                )
              : md`_${t('Nobody has used your code yet. Share it with "KallyAI: Referral Code".')}_`,
          ),
      },
    }),
    present(ops.notifications.pending, {
      command: {
        id: 'kallyai.notifications.pending',
        title: 'Notifications…',
        cli: ['kallyai notifications pending'],
        icon: 'bell',
        menus: [{ view: 'goals', group: 'titleMenu', order: 9 }],
      },
      progress: 'Loading what needs you…',
      result: {
        kind: 'pick',
        placeholder: 'What needs you: pick one to open it',
        empty: 'Nothing needs you right now.',
        items: ({ data }) =>
          pendingItems(data).map((item) => ({
            label: item.label,
            description: item.description,
            icon: item.icon,
            run: { title: item.description, command: item.command, args: item.args },
          })),
      },
    }),
  ];
}

export const accountPresentations: Presentation[] = [
  present(ops.credits.balance, {
    command: {
      id: 'kallyai.credits.showBalance',
      title: 'Show Credit Balance',
      cli: ['kallyai credits balance', 'kallyai --usage'],
      icon: 'credit-card',
    },
    progress: 'Loading your balance…',
    result: {
      kind: 'notify',
      message: ({ data }) => usageText(data),
      actions: () => [{ title: t('Open Credits View'), command: 'kallyai.credits.focus' }],
    },
  }),
  present(ops.subscription.status, {
    command: {
      id: 'kallyai.subscription.show',
      title: 'Show Subscription',
      cli: ['kallyai subscription status', 'kallyai --subscription'],
      icon: 'verified',
      menus: [{ view: 'credits', group: 'titleMenu', order: 1 }],
    },
    progress: 'Loading your subscription…',
    result: {
      kind: 'document',
      path: () => 'account',
      title: () => t('KallyAI subscription'),
      markdown: async ({ data, client }) => {
        // The legacy --subscription flag read /v1/users/me/subscription: shown beside the current status.
        const legacy = await client.execute(ops.users.subscription).catch(() => undefined);
        const period =
          data.current_period_start && data.current_period_end
            ? `${longDate(data.current_period_start)} – ${longDate(data.current_period_end)}`
            : undefined;
        const rows: Array<[string, unknown]> = [
          [
            t('Plan'),
            data.plan_type
              ? codeLabel('plan', data.plan_type)
              : legacy?.plan?.type
                ? codeLabel('plan', legacy.plan.type)
                : undefined,
          ],
          [t('Status'), codeLabel('subscriptionStatus', data.status ?? legacy?.status ?? '')],
          [
            t('Active subscription'),
            legacy?.has_active_subscription == null ? undefined : legacy.has_active_subscription ? t('yes') : t('no'),
          ],
          [t('Billed through'), legacy?.provider ? humanize(legacy.provider) : undefined],
          [t('Billing period'), legacy?.plan?.period ? codeLabel('planPeriod', legacy.plan.period) : undefined],
          [t('Current period'), period],
          [t('Renews automatically'), legacy?.auto_renew == null ? undefined : legacy.auto_renew ? t('yes') : t('no')],
          [
            t('Pending change'),
            data.pending_change?.new_plan
              ? t(
                  '{0} from {1}',
                  codeLabel('plan', data.pending_change.new_plan),
                  longDate(data.pending_change.effective_date) ?? '?',
                )
              : undefined,
          ],
        ];
        return blocks(
          md`# ${t('KallyAI subscription')}`,
          table(
            [t('Field'), t('Value')],
            rows.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)]),
          ),
          md`${t('Manage your plan and payment method with "KallyAI: Manage Billing".')}`,
        );
      },
    },
  }),
  present(ops.stripe.billingPortal, {
    command: {
      id: 'kallyai.billing.openPortal',
      title: 'Manage Billing',
      cli: ['kallyai billing'],
      icon: 'link-external',
      menus: [{ view: 'credits', group: 'title', order: 1 }],
    },
    progress: 'Opening the billing portal…',
    result: {
      kind: 'open',
      url: ({ data }) => portalUrl(data),
      missing: 'KallyAI did not send a billing portal address. Try again later.',
    },
  }),
  ...budgetAndCreditsPresentations(),
  ...planPresentations(),
  ...referralAndNotificationPresentations(),
];

/** Hand-written account commands. */
export const accountCommandSpecs: readonly CommandSpec[] = [
  {
    id: 'kallyai.subscription.changePlan',
    title: 'Change Plan…',
    cli: ['kallyai subscription change-plan'],
    icon: 'arrow-swap',
    runs: ['credits.plans', 'subscription.status', 'subscription.changePlan'],
    menus: [
      { view: 'credits', item: 'changeablePlan', group: 'inline', order: 1 },
      { view: 'credits', group: 'titleMenu', order: 1 },
    ],
  },
  {
    id: 'kallyai.referrals.copy',
    title: 'Copy Referral Code',
    icon: 'copy',
    runs: ['referrals.code'],
    menus: [{ view: 'credits', item: 'referralCode', group: 'inline', order: 1 }],
  },
];
