/** The Activity view's filters: one kind of action (or all), and outreach tasks of some statuses
 *  (or all). Each is sent with the view's requests, so the server does the filtering. Tests and
 *  keybindings may pass the choice: `'booking'` / `'all'`, `['failed', 'pending']` / `[]`. */
import { ACTION_TYPES } from '../../api/schemas/actions';
import { OUTREACH_STATUSES } from '../../api/schemas/outreach';
import { t } from '../../format';
import { actionTypeLabel, outreachStatusLabel, type ActionType } from '../../models/activity';
import { askPick, pickItems } from '../../platform/quickInput';
import type { CommandContext } from '../commandContext';

const ALL = 'all';

export async function filterActions(
  ctx: CommandContext,
  arg: unknown,
): Promise<{ outcome: 'filtered'; actionType?: ActionType } | { outcome: 'dismissed' }> {
  let choice: string | undefined = typeof arg === 'string' ? arg : undefined;
  if (choice !== undefined && choice !== ALL && !(ACTION_TYPES as readonly string[]).includes(choice))
    choice = undefined;
  if (choice === undefined) {
    const current = ctx.views.activityFilter().actionType ?? ALL;
    const r = await askPick({
      title: t('KallyAI: Activity'),
      step: 1,
      totalSteps: 1,
      placeholder: t('Show which actions?'),
      items: pickItems([
        { value: ALL, label: t('All actions') },
        ...ACTION_TYPES.map((type) => ({ value: type as string, label: actionTypeLabel(type) })),
      ]),
      active: current,
    });
    if (r.kind !== 'value') return { outcome: 'dismissed' };
    choice = r.value;
  }
  const actionType = choice === ALL ? undefined : (choice as ActionType);
  await ctx.views.setActivityFilter({ ...ctx.views.activityFilter(), actionType });
  return { outcome: 'filtered', actionType };
}

export async function filterOutreach(
  ctx: CommandContext,
  arg: unknown,
): Promise<{ outcome: 'filtered'; statuses: string[] } | { outcome: 'dismissed' }> {
  let statuses = Array.isArray(arg)
    ? arg.filter((s): s is string => typeof s === 'string' && (OUTREACH_STATUSES as readonly string[]).includes(s))
    : undefined;
  if (!statuses) {
    const current = (ctx.views.activityFilter().statuses ?? []).join(',');
    const choices: Array<{ value: string[]; label: string }> = [
      { value: [], label: t('All tasks') },
      { value: ['pending', 'in_progress'], label: t('Running (pending or in progress)') },
      ...OUTREACH_STATUSES.map((s) => ({ value: [s as string], label: outreachStatusLabel(s) })),
    ];
    const r = await askPick({
      title: t('KallyAI: Activity'),
      step: 1,
      totalSteps: 1,
      placeholder: t('Show which outreach tasks?'),
      items: pickItems(choices),
      active: choices.find((c) => c.value.join(',') === current)?.value,
    });
    if (r.kind !== 'value') return { outcome: 'dismissed' };
    statuses = r.value;
  }
  await ctx.views.setActivityFilter({
    ...ctx.views.activityFilter(),
    statuses: statuses.length ? statuses : undefined,
  });
  return { outcome: 'filtered', statuses };
}
