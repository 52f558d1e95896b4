/** A goal's budget (estimated, used, remaining, by action) and what it has spent, item by item. No `vscode` import. */
import type { Goal } from '../api/schemas/coordination';
import { blocks, formatCredits, humanize, md, shortDateTime, t, table, type Markdown } from '../format';
import { goalTitle } from '../models/goal';

interface GoalBudget {
  credits_estimated?: number | null;
  credits_used?: number | null;
  credits_remaining?: number | null;
  breakdown?: Array<{ action?: string | null; credits?: number | null }> | null;
}
interface CostBreakdown {
  total_credits?: number | null;
  items: Array<{ action?: string | null; credits?: number | null; timestamp?: string | null }>;
}

export function budgetMarkdown(goal: Goal, budget?: GoalBudget, spent?: CostBreakdown): Markdown {
  const estimated = budget?.credits_estimated ?? goal.credits_estimated;
  const used = budget?.credits_used ?? goal.credits_used;
  const remaining =
    budget?.credits_remaining ?? (estimated != null && used != null ? Math.max(0, estimated - used) : undefined);
  const right = ['right', 'right', 'right'] as const;
  return blocks(
    md`# ${t('Budget — {0}', goalTitle(goal))}`,
    table(
      [t('Estimated'), t('Used'), t('Remaining')],
      [[formatCredits(estimated), formatCredits(used), formatCredits(remaining)]],
      right,
    ),
    budget?.breakdown?.length
      ? blocks(
          md`## ${t('Budget by action')}`,
          table(
            [t('Action'), t('Credits')],
            budget.breakdown.map((b) => [humanize(b.action ?? '?'), formatCredits(b.credits)]),
            ['left', 'right'],
          ),
        )
      : undefined,
    md`## ${t('Spent so far')}`,
    !spent
      ? md`_${t('The cost breakdown could not be loaded.')}_`
      : spent.items.length === 0
        ? md`_${t('Nothing spent yet.')}_`
        : blocks(
            table(
              [t('When'), t('Action'), t('Credits')],
              spent.items.map((i) => [
                shortDateTime(i.timestamp) ?? '',
                humanize(i.action ?? '?'),
                formatCredits(i.credits),
              ]),
              ['left', 'left', 'right'],
            ),
            md`**${t('Total')}:** ${formatCredits(spent.total_credits ?? spent.items.reduce((sum, i) => sum + (i.credits ?? 0), 0))}`,
          ),
  );
}
