/** A goal as a document for people: status, what it waits for, its steps, budget and sub-goals.
 *  No ids anywhere. No `vscode` import. */
import type { Goal, GoalTree } from '../api/schemas/coordination';
import {
  blocks,
  codeLabel,
  count,
  formatCredits,
  md,
  paragraphs,
  shortDateTime,
  t,
  table,
  type Markdown,
} from '../format';
import { currentStepIndex, goalBudget, goalTitle, waitingFor, subGoalCount } from '../models/goal';

export function waitingText(goal: Goal): string | undefined {
  const w = waitingFor(goal);
  return w ? codeLabel('waitingFor', w) : undefined;
}

function stepsTable(goal: Goal): Markdown | undefined {
  const steps = goal.steps ?? [];
  if (!steps.length) return undefined;
  const current = waitingFor(goal) === 'step_approval' ? currentStepIndex(goal) : -1;
  return table(
    [t('Step'), t('What'), t('State')],
    steps.map((s, i) => [
      String(s.step ?? i + 1),
      s.description ?? '',
      i === current ? t('Waiting for your approval') : codeLabel('stepStatus', s.status),
    ]),
  );
}

export function goalMarkdown(goal: Goal, tree?: GoalTree): Markdown {
  const b = goalBudget(goal);
  const waiting = waitingText(goal);
  const outcome = typeof goal.outcome === 'string' ? goal.outcome : undefined;
  const subs = tree?.sub_goals ?? [];
  return blocks(
    md`# ${goalTitle(goal)}`,
    md`**${t('Status')}:** ${codeLabel('goalStatus', goal.status)}${waiting ? md` — **${waiting}**` : ''}`,
    goal.description && goal.description !== goal.title ? paragraphs(goal.description) : undefined,
    outcome ? blocks(md`## ${t('Outcome')}`, paragraphs(outcome)) : undefined,
    stepsTable(goal) ? blocks(md`## ${t('Steps')}`, stepsTable(goal)) : undefined,
    md`## ${t('Budget')}`,
    table(
      [t('Estimated'), t('Used'), t('Remaining')],
      [[formatCredits(b.estimated), formatCredits(b.used), formatCredits(b.remaining)]],
      ['right', 'right', 'right'],
    ),
    subs.length || subGoalCount(goal)
      ? blocks(
          md`## ${count(subs.length || subGoalCount(goal), '{0} sub-goal', '{0} sub-goals')}`,
          subs.length
            ? table(
                [t('Goal'), t('Status')],
                subs.map((s) => [goalTitle(s.goal), waitingText(s.goal) ?? codeLabel('goalStatus', s.goal.status)]),
              )
            : undefined,
        )
      : undefined,
    md`_${t('Updated {0}', shortDateTime(goal.updated_at ?? goal.created_at) ?? '—')}_`,
  );
}
