import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { Goal, GoalTree } from '../api/schemas/coordination';
import type { Services } from '../services';
import { waitingText } from '../documents/goalMarkdown';
import { blocks, codeLabel, count, creditsLabel, formatCredits, md, shortDateTime, t } from '../format';
import {
  GOAL_GROUPS,
  type GoalGroup,
  currentStepIndex,
  goalBudget,
  goalContextValue,
  goalGroup,
  goalStateLabel,
  goalStatus,
  goalTitle,
  groupGoals,
  subGoalCount,
  waitingFor,
} from '../models/goal';
import { DataLoader, VIEW_DEADLINE_MS } from './dataLoader';
import { KallyTreeProvider } from './treeProvider';
import { emptyNode, entityNode, groupNode, icon, memo, type ViewNode } from './viewNode';
import { plainText } from '../format/sinks';

export interface GoalsData {
  goals: Goal[];
}

/** A node that carries the goal it belongs to (goal, its budget, its steps). */
export interface GoalNode extends ViewNode {
  readonly kind: 'goal' | 'budget' | 'step';
  readonly goal: Goal;
}

export const isGoalNode = (n: unknown): n is GoalNode =>
  !!n && typeof n === 'object' && ['goal', 'budget', 'step'].includes((n as ViewNode).kind) && 'goal' in (n as object);

const GROUP_LABEL: Record<GoalGroup, () => string> = {
  needsYou: () => t('Needs you'),
  active: () => t('Active'),
  pending: () => t('Pending'),
  completed: () => t('Completed'),
  cancelled: () => t('Cancelled'),
  archived: () => t('Archived'),
  other: () => t('Other'),
};

const GROUP_ICON: Record<GoalGroup, vscode.ThemeIcon> = {
  needsYou: icon('bell-dot', 'list.warningForeground'),
  active: icon('play-circle', 'charts.blue'),
  pending: icon('clock'),
  completed: icon('pass', 'testing.iconPassed'),
  cancelled: icon('circle-slash', 'disabledForeground'),
  archived: icon('archive', 'disabledForeground'),
  other: icon('question'),
};

export const waitingLabel = waitingText;

function stepIcon(status: string): vscode.ThemeIcon {
  switch (status) {
    case 'completed':
    case 'done':
      return icon('pass', 'testing.iconPassed');
    case 'in_progress':
    case 'running':
      return icon('sync', 'charts.blue');
    case 'awaiting_approval':
    case 'needs_approval':
    case 'waiting_approval':
      return icon('bell-dot', 'list.warningForeground');
    case 'failed':
      return icon('error', 'testing.iconFailed');
    case 'skipped':
    case 'cancelled':
      return icon('circle-slash', 'disabledForeground');
    default:
      return icon('circle-large-outline');
  }
}

export class GoalsProvider extends KallyTreeProvider<GoalsData> {
  /** Goal trees fetched on expansion, kept while the goal does not change. */
  private readonly trees = new Map<string, { signature: string; tree: () => Promise<GoalTree> }>();
  private archived: (() => Promise<Goal[]>) | undefined;

  constructor(
    private readonly services: Services,
    loader: DataLoader<GoalsData>,
    isSignedIn: () => boolean,
  ) {
    super('goals', t('your goals'), loader, isSignedIn);
  }

  static fetch(services: Services) {
    return async (signal: AbortSignal): Promise<GoalsData> => {
      const r = await services.client.execute(
        ops.coordination.goals,
        { query: { limit: 200 } },
        { signal, deadlineMs: VIEW_DEADLINE_MS },
      );
      return { goals: r.goals };
    };
  }

  /** Goals that wait on the user (the view's badge). */
  waitingCount(): number {
    return (this.loader.data?.goals ?? []).filter((g) => goalGroup(g) === 'needsYou').length;
  }

  protected override onRootsInvalidated(): void {
    this.archived = undefined;
  }

  protected buildRoots(data: GoalsData): ViewNode[] {
    const groups = groupGoals(data.goals);
    const roots: ViewNode[] = [];
    const any = data.goals.length > 0;
    if (!any) {
      roots.push(
        emptyNode('goals/empty', undefined, {
          label: plainText(t('No goals yet — Ask KallyAI…')),
          tooltip: plainText(t('Ask KallyAI to get something done: it creates a goal and shows it here.')),
          icon: icon('sparkle'),
          command: { command: 'kallyai.ask', title: t('Ask KallyAI…') },
        }),
      );
    }
    for (const group of GOAL_GROUPS) {
      const goals = groups.get(group)!;
      if (group === 'archived') {
        roots.push(this.archivedGroup(goals));
        continue;
      }
      if (goals.length === 0) continue;
      roots.push(
        groupNode(
          `goals/group/${group}`,
          undefined,
          {
            label: plainText(GROUP_LABEL[group]()),
            description: plainText(String(goals.length)),
            tooltip: plainText(`${GROUP_LABEL[group]()}: ${count(goals.length, '{0} goal', '{0} goals')}`),
            icon: GROUP_ICON[group],
            expanded: group !== 'completed' && group !== 'cancelled',
            contextValue: `goalGroup ${group}`,
          },
          (self) => goals.map((g) => this.goalNode(g, self, `${self.id}/`)),
        ),
      );
    }
    return roots;
  }

  /** Archived goals are collapsed; if the list left them out they are fetched on expansion. */
  private archivedGroup(listed: Goal[]): ViewNode {
    this.archived = listed.length
      ? async () => listed
      : memo(
          async () =>
            (await this.services.client.execute(ops.coordination.goals, { query: { status: 'archived' } })).goals,
        );
    const load = this.archived;
    return groupNode(
      'goals/group/archived',
      undefined,
      {
        label: plainText(GROUP_LABEL.archived()),
        description: plainText(listed.length ? String(listed.length) : undefined),
        tooltip: plainText(t('Goals you archived')),
        icon: GROUP_ICON.archived,
        expanded: false,
        contextValue: 'goalGroup archived',
      },
      async (self) => {
        try {
          const goals = await load();
          if (goals.length === 0)
            return [
              emptyNode(`${self.id}/empty`, self, { label: plainText(t('No archived goals')), icon: icon('info') }),
            ];
          return goals.map((g) => this.goalNode(g, self, `${self.id}/`));
        } catch (e) {
          return [this.errorNode(e, `${self.id}/error`, self)];
        }
      },
    );
  }

  goalNode(goal: Goal, parent: ViewNode, idPrefix: string, tree?: GoalTree): GoalNode {
    const id = `${idPrefix}${goal.id ?? goal.title ?? 'goal'}`;
    const group = goalGroup(goal);
    const waiting = waitingLabel(goal);
    const budget = goalBudget(goal);
    const subs = subGoalCount(goal);
    const description = [
      waiting ?? goalStateLabel(goal),
      subs ? count(subs, '{0} sub-goal', '{0} sub-goals') : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    const when = shortDateTime(goal.updated_at ?? goal.created_at);
    // The row is the title (the label, cut last) then the status (the description, cut first); the
    // tooltip starts with the whole title, for a side bar too narrow to show it, then tells what
    // the row cannot.
    const tooltip = blocks(
      md`**${goalTitle(goal)}**`,
      goal.description && goal.description !== goalTitle(goal) ? md`${goal.description}` : undefined,
      md`${t('Status')}: ${codeLabel('goalStatus', goal.status)}${waiting ? md` — **${waiting}**` : ''}`,
      budget.estimated !== undefined || budget.used !== undefined
        ? md`${t('Credits: {0} used of {1} estimated', formatCredits(budget.used), formatCredits(budget.estimated))}`
        : undefined,
      when ? md`${t('Updated {0}', when)}` : undefined,
    );
    return entityNode(
      parent,
      {
        id,
        kind: 'goal',
        // Enter (or a click on the title) opens the goal.
        opens: goal.id ? { command: 'kallyai.goals.openGoal', title: t('Open Goal') } : undefined,
        target: { kind: 'goal', id: goal.id, value: goal },
        label: plainText(goalTitle(goal)),
        description: plainText(description),
        tooltip,
        icon: parent.kind === 'goal' && group !== 'needsYou' ? icon('target') : GROUP_ICON[group],
        contextValue: goalContextValue(goal),
        collapsible: vscode.TreeItemCollapsibleState.Collapsed,
        accessibility: {
          label: plainText(t('Goal {0}, {1}', goalTitle(goal), description)),
          // What the bell, the tick or the cross of the row's icon says.
          status: plainText(
            group === 'needsYou' ? t('Needs your attention') : goalStatus(goal) === 'failed' ? t('Failed') : undefined,
          ),
        },
        children: (self) => this.goalChildren(self, tree),
        onChildrenError: (e, self) => [this.errorNode(e, `${id}/error`, self, [])],
      },
      { goal },
    );
  }

  private async goalChildren(node: GoalNode, known?: GoalTree): Promise<ViewNode[]> {
    const goal = node.goal;
    const needsTree = !known && (subGoalCount(goal) > 0 || !goal.steps);
    const tree = known ?? (needsTree && goal.id ? await this.tree(goal) : undefined);
    const full = tree?.goal ? { ...goal, ...stripEmpty(tree.goal) } : goal;
    const children: ViewNode[] = [this.budgetNode(full, node)];
    for (const [i, step] of (full.steps ?? []).entries()) children.push(this.stepNode(full, node, i, step));
    for (const sub of tree?.sub_goals ?? []) children.push(this.goalNode(sub.goal, node, `${node.id}/`, sub));
    return children;
  }

  private tree(goal: Goal): Promise<GoalTree> {
    const id = goal.id!;
    const signature = JSON.stringify([
      goal.status,
      goal.updated_at,
      goal.waiting_for,
      goal.sub_goal_count,
      goal.credits_used,
    ]);
    const cached = this.trees.get(id);
    if (cached && cached.signature === signature) return cached.tree();
    const entry = {
      signature,
      tree: memo(() => this.services.client.execute(ops.coordination.goalTree, { path: { id } })),
    };
    this.trees.set(id, entry);
    return entry.tree();
  }

  /** Drops cached goal trees (after an action on a goal). */
  forgetTree(goalId?: string): void {
    if (goalId) this.trees.delete(goalId);
    else this.trees.clear();
  }

  private budgetNode(goal: Goal, parent: GoalNode): GoalNode {
    const b = goalBudget(goal);
    const id = `${parent.id}/budget`;
    const label =
      b.estimated !== undefined
        ? t('Budget: {0} of {1} used', formatCredits(b.used ?? 0), creditsLabel(b.estimated))
        : t('Budget: {0} used', creditsLabel(b.used ?? 0));
    const description = b.remaining !== undefined ? t('{0} left', formatCredits(b.remaining)) : undefined;
    const w = waitingFor(goal);
    const tokens = ['budget', w === 'budget_approval' ? 'budgetApproval' : '', w === 'soft_cap' ? 'softCap' : '']
      .filter(Boolean)
      .join(' ');
    return entityNode(
      parent,
      {
        id,
        kind: 'budget',
        target: parent.target,
        label: plainText(label),
        description: plainText(description),
        tooltip: plainText(
          t(
            'Estimated {0}, used {1}, remaining {2}. Click for the breakdown.',
            formatCredits(b.estimated),
            formatCredits(b.used),
            formatCredits(b.remaining),
          ),
        ),
        icon: icon('credit-card', w === 'soft_cap' || w === 'budget_approval' ? 'list.warningForeground' : undefined),
        contextValue: tokens,
        command: {
          command: 'kallyai.goals.showBudget',
          title: t('Show Budget Breakdown'),
          arguments: [parent],
        },
      },
      { goal },
    );
  }

  private stepNode(goal: Goal, parent: GoalNode, index: number, step: NonNullable<Goal['steps']>[number]): GoalNode {
    const id = `${parent.id}/step/${step.step ?? index + 1}`;
    const status = (step.status ?? '').toLowerCase();
    const waitingHere = waitingFor(goal) === 'step_approval' && currentStepIndex(goal) === index;
    const label = `${step.step ?? index + 1}. ${step.description ?? t('Step')}`;
    const description = waitingHere ? t('Waiting for your approval') : codeLabel('stepStatus', step.status);
    return entityNode(
      parent,
      {
        id,
        kind: 'step',
        target: parent.target,
        label: plainText(label),
        description: plainText(description),
        tooltip: plainText(`${label}\n${description}`),
        icon: waitingHere ? icon('bell-dot', 'list.warningForeground') : stepIcon(status),
        contextValue: waitingHere ? 'step waitingStep' : `step ${status}`,
        accessibility: {
          label: plainText(t('Step {0}, {1}', label, description)),
          status: plainText(waitingHere ? t('Needs your attention') : status === 'failed' ? t('Failed') : undefined),
        },
      },
      { goal },
    );
  }

  /** The node showing this goal: top level first, then under its parents (loading their trees). */
  async findGoalNode(goalId: string, depth = 0): Promise<GoalNode | undefined> {
    await this.loader.ensureLoaded();
    for (const root of this.rootNodes()) {
      if (root.kind !== 'group' || !root.children) continue;
      if (
        root.id === 'goals/group/archived' &&
        !(this.loader.data?.goals ?? []).some((g) => g.id === goalId && goalGroup(g) === 'archived')
      )
        continue;
      const found = (await root.children()).find(
        (n): n is GoalNode => isGoalNode(n) && n.kind === 'goal' && n.goal.id === goalId,
      );
      if (found) return found;
    }
    if (depth > 5) return undefined;
    const goal = await this.services.client
      .execute(ops.coordination.goal, { path: { id: goalId } })
      .catch(() => undefined);
    if (!goal?.parent_goal_id) return undefined;
    const parent = await this.findGoalNode(goal.parent_goal_id, depth + 1);
    if (!parent?.children) return undefined;
    return (await parent.children()).find(
      (n): n is GoalNode => isGoalNode(n) && n.kind === 'goal' && n.goal.id === goalId,
    );
  }
}

function stripEmpty(goal: Goal): Partial<Goal> {
  return Object.fromEntries(Object.entries(goal).filter(([, v]) => v !== undefined && v !== null)) as Partial<Goal>;
}
