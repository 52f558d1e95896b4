import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { Goal } from '../api/schemas/coordination';
import { budgetMarkdown } from '../documents/budgetMarkdown';
import type { Documents } from '../documents';
import { encodeSegment } from '../documents/paths';
import type { Services } from '../services';
import { askFirst } from './commandOptions';
import type { LoadReason } from './dataLoader';
import { creditsLabel, formatCredits, oneLine } from './format';
import { goalBudget, goalStatus, subGoalCount } from './goalModel';
import { isGoalNode, type GoalNode, type GoalsProvider } from './goalsView';
import { runAction, selection } from './runAction';
import type { ViewName } from './viewNode';

export interface GoalCommandDeps {
  services: Services;
  documents: Documents;
  provider: GoalsProvider;
  refresh(views: readonly ViewName[], reason: LoadReason): Promise<void>;
  /** Credits left, if known (for the budget approval modal). */
  balance(): number | undefined;
}

const title = (goal: Goal) => oneLine(goal.title ?? goal.id ?? vscode.l10n.t('this goal'), 60);

/** The Goals view's item commands. */
export function registerGoalCommands(deps: GoalCommandDeps): vscode.Disposable[] {
  const { services } = deps;
  const { client, log } = services;

  /** Runs one goal action and refreshes the goals (and credits, which goal progress spends). */
  const act = async (goal: Goal, progress: string, done: string, work: (id: string) => Promise<unknown>) => {
    if (!goal.id) return false;
    const id = goal.id;
    const ok = await runAction(log, 'goals', progress, () => work(id), done);
    deps.provider.forgetTree(id);
    if (goal.parent_goal_id) deps.provider.forgetTree(goal.parent_goal_id);
    await deps.refresh(['goals', 'credits'], 'mutation');
    return ok;
  };
  const goalOf = (item: unknown): Goal | undefined => (isGoalNode(item) ? item.goal : undefined);
  const command = (id: string, handler: (item: unknown, selected: unknown, options: unknown) => unknown) =>
    vscode.commands.registerCommand(id, handler);

  return [
    command('kallyai.goals.approveStep', async (item) => {
      const goal = goalOf(item);
      if (goal) await act(goal, vscode.l10n.t('Approving the step…'), vscode.l10n.t('Step approved: {0}', title(goal)), (id) => client.execute(ops.coordination.approveStep, { path: { id } }));
    }),
    command('kallyai.goals.acceptOutcome', async (item) => {
      const goal = goalOf(item);
      if (goal) await act(goal, vscode.l10n.t('Accepting the outcome…'), vscode.l10n.t('Outcome accepted: {0}', title(goal)), (id) => client.execute(ops.coordination.acceptOutcome, { path: { id } }));
    }),
    command('kallyai.goals.continueNegotiating', async (item) => {
      const goal = goalOf(item);
      if (goal) await act(goal, vscode.l10n.t('Asking KallyAI to keep negotiating…'), vscode.l10n.t('KallyAI keeps negotiating: {0}', title(goal)), (id) => client.execute(ops.coordination.continueNegotiating, { path: { id } }));
    }),
    command('kallyai.goals.escalate', async (item) => {
      const goal = goalOf(item);
      if (goal) await act(goal, vscode.l10n.t('Escalating…'), vscode.l10n.t('Escalated to you: {0}', title(goal)), (id) => client.execute(ops.coordination.escalate, { path: { id } }));
    }),
    command('kallyai.goals.cancel', async (item, _selected, options) => {
      const goal = goalOf(item);
      if (!goal) return;
      const ok = await askFirst(services, options, 
        vscode.l10n.t('Cancel the goal "{0}"?', title(goal)),
        vscode.l10n.t('KallyAI stops working on it. This cannot be undone.'),
        vscode.l10n.t('Cancel Goal'),
      );
      if (ok) await act(goal, vscode.l10n.t('Cancelling the goal…'), vscode.l10n.t('Goal cancelled: {0}', title(goal)), (id) => client.execute(ops.coordination.cancelGoal, { path: { id } }));
    }),
    command('kallyai.goals.cascadeCancel', async (item, _selected, options) => {
      const goal = goalOf(item);
      if (!goal) return;
      const subs = subGoalCount(goal);
      const ok = await askFirst(services, options, 
        vscode.l10n.t('Cancel "{0}" and all its sub-goals?', title(goal)),
        vscode.l10n.t('This also cancels its {0} sub-goal(s) and everything they are doing. It cannot be undone.', subs),
        vscode.l10n.t('Cancel Goal and Sub-goals'),
      );
      if (ok) await act(goal, vscode.l10n.t('Cancelling the goal and its sub-goals…'), vscode.l10n.t('Goal and sub-goals cancelled: {0}', title(goal)), (id) => client.execute(ops.coordination.cascadeCancel, { path: { id } }));
    }),
    command('kallyai.goals.archive', async (item, selected) => {
      const nodes = selection(item, selected, (x): x is GoalNode => isGoalNode(x) && x.kind === 'goal');
      const goals = nodes.map((n) => n.goal).filter((g) => g.id && ['completed', 'cancelled', 'failed'].includes(goalStatus(g)));
      const ids = [...new Set(goals.map((g) => g.id!))];
      if (ids.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Only completed or cancelled goals can be archived.'));
        return;
      }
      const done = ids.length === 1 ? vscode.l10n.t('Goal archived: {0}', title(goals[0])) : vscode.l10n.t('{0} goals archived', ids.length);
      await runAction(log, 'goals', vscode.l10n.t('Archiving…'), () =>
        ids.length === 1
          ? client.execute(ops.coordination.archive, { path: { id: ids[0] } })
          : client.execute(ops.coordination.batchArchive, { body: { goal_ids: ids } }), done);
      await deps.refresh(['goals'], 'mutation');
    }),
    command('kallyai.goals.showBudget', async (item) => {
      const goal = goalOf(item);
      if (!goal?.id) return;
      const id = goal.id;
      await runAction(log, 'goals', vscode.l10n.t('Loading the budget…'), async () => {
        const [budget, spent] = await Promise.allSettled([
          client.execute(ops.coordination.goalBudget, { path: { id } }),
          client.execute(ops.budget.costBreakdown, { path: { goal_id: id } }),
        ]);
        if (budget.status === 'rejected' && spent.status === 'rejected') throw budget.reason;
        const markdown = budgetMarkdown(goal, budget.status === 'fulfilled' ? budget.value : undefined, spent.status === 'fulfilled' ? spent.value : undefined);
        await deps.documents.showMarkdown(`goals/${encodeSegment(id)}/${encodeSegment(vscode.l10n.t('Budget — {0}', title(goal)))}.md`, markdown, { preview: true });
      });
    }),
    command('kallyai.goals.acknowledgeSoftCap', async (item) => {
      const goal = goalOf(item);
      if (goal) await act(goal, vscode.l10n.t('Acknowledging the soft cap…'), vscode.l10n.t('Soft cap acknowledged: {0}', title(goal)), (id) => client.execute(ops.budget.acknowledgeSoftCap, { path: { goal_id: id } }));
    }),
    command('kallyai.goals.approveBudget', async (item, _selected, options) => {
      const goal = goalOf(item);
      if (!goal) return;
      const b = goalBudget(goal);
      const balance = deps.balance();
      const ok = await askFirst(services, options, 
        vscode.l10n.t('Approve the budget for "{0}"?', title(goal)),
        [
          vscode.l10n.t('KallyAI may spend your credits on this goal.'),
          b.estimated !== undefined ? vscode.l10n.t('Estimated: {0}.', creditsLabel(b.estimated)) : '',
          b.used !== undefined ? vscode.l10n.t('Used so far: {0}.', formatCredits(b.used)) : '',
          balance !== undefined ? vscode.l10n.t('Your balance: {0}.', creditsLabel(balance)) : '',
        ].filter(Boolean).join('\n'),
        vscode.l10n.t('Approve Budget'),
      );
      if (ok) await act(goal, vscode.l10n.t('Approving the budget…'), vscode.l10n.t('Budget approved: {0}', title(goal)), (id) => client.execute(ops.budget.approve, { path: { goal_id: id } }));
    }),
  ];
}
