/** The Activity view's filters: one kind of action (or all), and outreach tasks of one status, the
 *  running ones, or all. Each is sent with the view's requests, so the server does the filtering.
 *  Both are the one list filter (./listFilter): tests and keybindings may pass the choice —
 *  `'booking'` / `'all'`, `['failed']` / `['pending', 'in_progress']` / `[]` — and a value outside
 *  the set is refused with a sentence. */
import { ACTION_TYPES } from '../../api/schemas/actions';
import { OUTREACH_STATUSES } from '../../api/schemas/outreach';
import { t } from '../../format';
import { actionTypeLabel, outreachStatusLabel, type ActionType } from '../../models/activity';
import type { FailureResult } from '../../pipeline/errors/presenter';
import type { CommandContext } from '../commandContext';
import { chooseListFilter } from './listFilter';

export async function filterActions(
  ctx: CommandContext,
  arg: unknown,
): Promise<{ outcome: 'filtered'; actionType?: ActionType } | { outcome: 'dismissed' } | FailureResult> {
  const r = await chooseListFilter(arg, {
    values: ACTION_TYPES,
    current: ctx.views.activityFilter().actionType,
    label: (type) => (type === undefined ? t('All actions') : actionTypeLabel(type)),
    title: t('KallyAI: Activity'),
    placeholder: t('Show which actions?'),
    invalid: (given) => t('"{0}" is not a kind of action. Choose one of: {1}.', given, ACTION_TYPES.join(', ')),
  });
  if (r.outcome !== 'chosen') return r;
  await ctx.views.setActivityFilter({ ...ctx.views.activityFilter(), actionType: r.value });
  return { outcome: 'filtered', actionType: r.value };
}

/** The outreach choice that is two statuses at once. */
const RUNNING = 'running';
const RUNNING_STATUSES = ['pending', 'in_progress'];
const OUTREACH_CHOICES = [RUNNING, ...OUTREACH_STATUSES] as const;

/** The statuses given by code as the one choice they are ('all', 'running', a status). */
function outreachChoice(statuses: readonly unknown[]): string {
  if (statuses.length === 0) return 'all';
  const joined = statuses.map(String).join(',');
  return joined === RUNNING_STATUSES.join(',') ? RUNNING : joined;
}

export async function filterOutreach(
  ctx: CommandContext,
  arg: unknown,
): Promise<{ outcome: 'filtered'; statuses: string[] } | { outcome: 'dismissed' } | FailureResult> {
  const shown = ctx.views.activityFilter().statuses;
  const r = await chooseListFilter(Array.isArray(arg) ? outreachChoice(arg) : arg, {
    values: OUTREACH_CHOICES,
    current: shown?.length ? (outreachChoice(shown) as (typeof OUTREACH_CHOICES)[number]) : undefined,
    label: (c) =>
      c === undefined ? t('All tasks') : c === RUNNING ? t('Running (pending or in progress)') : outreachStatusLabel(c),
    title: t('KallyAI: Activity'),
    placeholder: t('Show which outreach tasks?'),
    invalid: (given) => t('"{0}" is not an outreach status. Choose one of: {1}.', given, OUTREACH_CHOICES.join(', ')),
  });
  if (r.outcome !== 'chosen') return r;
  const statuses = r.value === undefined ? [] : r.value === RUNNING ? RUNNING_STATUSES : [r.value];
  await ctx.views.setActivityFilter({
    ...ctx.views.activityFilter(),
    statuses: statuses.length ? statuses : undefined,
  });
  return { outcome: 'filtered', statuses };
}
