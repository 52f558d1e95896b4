/** Credits, subscription and billing (contract §5.12, §5.13, §5.16, §5.17). */
import { ops } from '../../api/catalogue';
import type { Balance } from '../../api/schemas/credits';
import { portalUrl } from '../../api/schemas/stripe';
import { blocks, creditsLabel, humanize, longDate, md, t, table } from '../../format';
import { present, type Presentation } from '../../pipeline/presentation';

/** "You have 42.5 KallyAI credits left of 200 on the Pro plan. 157.5 used this period. The period ends Dec 1, 2026." */
export function usageText(b: Balance): string {
  if (b.credits_remaining === undefined || b.credits_remaining === null) return t('KallyAI did not report your credit balance.');
  const parts = [
    b.credits_allocated != null && b.plan_type
      ? t('You have {0} left of {1} on the {2} plan.', creditsLabel(b.credits_remaining), creditsLabel(b.credits_allocated), humanize(b.plan_type))
      : b.credits_allocated != null
        ? t('You have {0} left of {1}.', creditsLabel(b.credits_remaining), creditsLabel(b.credits_allocated))
        : t('You have {0} left.', creditsLabel(b.credits_remaining)),
  ];
  if (b.credits_used != null) parts.push(t('{0} used this period.', creditsLabel(b.credits_used)));
  if (b.period_end) parts.push(t('The period ends {0}.', longDate(b.period_end) ?? ''));
  return parts.join(' ');
}

export const accountPresentations: Presentation[] = [
  present(ops.credits.balance, {
    command: { id: 'kallyai.credits.showBalance', title: 'Show Credit Balance', cli: ['kallyai credits balance', 'kallyai --usage'], icon: 'credit-card' },
    progress: 'Loading your balance…',
    result: { kind: 'notify', message: ({ data }) => usageText(data), actions: () => [{ title: t('Open Credits View'), command: 'kallyai.credits.focus' }] },
  }),
  present(ops.subscription.status, {
    command: { id: 'kallyai.subscription.show', title: 'Show Subscription', cli: ['kallyai subscription status', 'kallyai --subscription'], icon: 'verified', menus: [{ view: 'credits', group: 'titleMenu', order: 1 }] },
    progress: 'Loading your subscription…',
    result: {
      kind: 'document',
      path: () => 'account',
      title: () => t('KallyAI subscription'),
      markdown: async ({ data, client }) => {
        // The legacy --subscription flag read /v1/users/me/subscription: shown beside the current status.
        const legacy = await client.execute(ops.users.subscription).catch(() => undefined);
        const period = data.current_period_start && data.current_period_end ? `${longDate(data.current_period_start)} – ${longDate(data.current_period_end)}` : undefined;
        const rows: Array<[string, unknown]> = [
          [t('Plan'), data.plan_type ? humanize(data.plan_type) : legacy?.plan?.type ? humanize(legacy.plan.type) : undefined],
          [t('Status'), humanize(data.status ?? legacy?.status ?? '')],
          [t('Active subscription'), legacy?.has_active_subscription == null ? undefined : legacy.has_active_subscription ? t('yes') : t('no')],
          [t('Billed through'), legacy?.provider ? humanize(legacy.provider) : undefined],
          [t('Billing period'), legacy?.plan?.period ? humanize(legacy.plan.period) : undefined],
          [t('Current period'), period],
          [t('Renews automatically'), legacy?.auto_renew == null ? undefined : legacy.auto_renew ? t('yes') : t('no')],
          [t('Pending change'), data.pending_change?.new_plan ? t('{0} from {1}', humanize(data.pending_change.new_plan), longDate(data.pending_change.effective_date) ?? '?') : undefined],
        ];
        return blocks(
          md`# ${t('KallyAI subscription')}`,
          table([t('Field'), t('Value')], rows.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)])),
          md`${t('Manage your plan and payment method with "KallyAI: Manage Billing".')}`,
        );
      },
    },
  }),
  present(ops.stripe.billingPortal, {
    command: { id: 'kallyai.billing.openPortal', title: 'Manage Billing', cli: ['kallyai billing'], icon: 'link-external', menus: [{ view: 'credits', group: 'title', order: 1 }] },
    progress: 'Opening the billing portal…',
    result: { kind: 'open', url: ({ data }) => portalUrl(data), missing: t('KallyAI did not send a billing portal address. Try again later.') },
  }),
];
