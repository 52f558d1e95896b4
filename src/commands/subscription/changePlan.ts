/** "KallyAI: Change Plan…": the plans with their credits and prices beside the one you are on
 *  (upgrades take effect now, downgrades at the end of the period), then the pipeline's consent
 *  names the current → new plan and when it takes effect. A plan the API does not offer is refused
 *  with the plans it does, before anything is sent. "Copy Referral Code" is here too. */
import * as vscode from 'vscode';
import { ops } from '../../api/catalogue';
import { formatMoney, t } from '../../format';
import type { PlanChange } from '../../models/plans';
import type { FailureResult } from '../../pipeline/errors/presenter';
import { askPick, pickItems } from '../../platform/quickInput';
import type { RunResult } from '../../pipeline/pipeline';
import { entityOf } from '../../presentation';
import type { CommandContext } from '../commandContext';
import { pickText } from '../../format/sinks';
import { statusMessage, withQuietProgress } from '../../platform/notify';

type Outcome = RunResult | FailureResult | { outcome: 'dismissed'; at: 'input' };

interface ChangePlanArgs {
  plan?: string;
  confirmed?: boolean;
}

/** `{ plan, confirmed? }`, a plan's item of the Credits view, or nothing (the picker). */
function argsOf(raw: unknown): ChangePlanArgs {
  if (typeof raw === 'string') return { plan: raw };
  if (!raw || typeof raw !== 'object') return {};
  const target = (raw as { target?: { kind?: unknown; id?: unknown } }).target;
  if (target && target.kind === 'plan' && typeof target.id === 'string') return { plan: target.id };
  const o = raw as { plan?: unknown; confirmed?: unknown };
  return { plan: typeof o.plan === 'string' ? o.plan : undefined, confirmed: o.confirmed === true };
}

export async function changePlan(ctx: CommandContext, raw: unknown, third?: unknown): Promise<Outcome> {
  const args = argsOf(raw);
  if (third && typeof third === 'object' && (third as { confirmed?: unknown }).confirmed === true)
    args.confirmed = true;
  if (!ctx.services.auth.isSignedIn) return ctx.errors.show({ code: 'missing_token', status: 0 });
  let changes: PlanChange[];
  try {
    changes = (await withQuietProgress({ title: pickText(t('Loading the plans…')) }, () =>
      entityOf('plan')!.list(ctx.services.client),
    )) as PlanChange[];
  } catch (e) {
    return ctx.errors.show(e, { retry: () => changePlan(ctx, raw) });
  }
  let chosen: PlanChange | undefined;
  if (args.plan !== undefined) {
    const wanted = args.plan.trim().toLowerCase();
    chosen = changes.find((c) => c.plan.key.toLowerCase() === wanted || c.plan.name.toLowerCase() === wanted);
    if (!chosen) {
      const names = changes.map((c) => c.plan.name).join(', ');
      const template = 'There is no plan called "{0}". The plans are: {1}.';
      return ctx.errors.show(
        {
          code: 'invalid_input',
          status: 0,
          issue: {
            field: 'plan',
            kind: 'rule',
            template,
            args: [args.plan, names],
            english: t(template, args.plan, names),
          },
        },
        { editRequest: () => changePlan(ctx, {}) },
      );
    }
  } else {
    const r = await askPick({
      title: t('KallyAI: Change Plan'),
      step: 1,
      totalSteps: 1,
      placeholder: t('Pick your new plan: upgrades take effect now, downgrades at the end of the period'),
      items: pickItems(
        changes.map((c) => ({
          value: c,
          label: c.plan.current
            ? t('{0} (your plan)', c.plan.name)
            : c.plan.pending
              ? t('{0} (scheduled)', c.plan.name)
              : c.plan.name,
          description: [
            c.plan.credits !== undefined ? t('{0} credits', c.plan.credits) : undefined,
            c.plan.priceMonthly !== undefined ? t('{0}/month', formatMoney(c.plan.priceMonthly)) : undefined,
          ]
            .filter(Boolean)
            .join(' · '),
          detail:
            c.kind === 'upgrade'
              ? t('Upgrade: takes effect now')
              : c.kind === 'downgrade'
                ? t('Downgrade: takes effect at the end of this period')
                : t('Your current plan'),
        })),
      ),
      active: changes.find((c) => !c.plan.current),
      empty: t('KallyAI did not list its plans.'),
    });
    if (r.kind !== 'value') return { outcome: 'dismissed', at: 'input' };
    chosen = r.value;
  }
  return ctx.pipeline.run(ops.subscription.changePlan, {
    target: { kind: 'plan', id: chosen.plan.key, value: chosen },
    interactive: false,
    confirmed: args.confirmed,
    handlers: { retry: () => changePlan(ctx, { plan: chosen.plan.key }) },
  });
}

/** "Copy Referral Code": the text given (a code or a link), the code of an item of the Credits
 *  view, or the code fetched now. */
export async function copyReferral(
  ctx: CommandContext,
  raw: unknown,
): Promise<{ outcome: 'copied'; text: string } | FailureResult> {
  let text: string | undefined;
  if (raw && typeof raw === 'object') {
    const o = raw as { text?: unknown; target?: { id?: unknown } };
    if (typeof o.text === 'string') text = o.text;
    else if (typeof o.target?.id === 'string') text = o.target.id;
  }
  if (!text) {
    try {
      text = (await ctx.services.client.execute(ops.referrals.code, {})).code ?? undefined;
    } catch (e) {
      return ctx.errors.show(e);
    }
  }
  if (!text) return ctx.errors.show({ code: 'not_found', status: 404 });
  await vscode.env.clipboard.writeText(text);
  statusMessage(pickText(t('Copied: {0}', text)), 4000);
  return { outcome: 'copied', text };
}
