/** Goals (contract §5.1, §5.11): how each goal operation is asked, consented, shown, and placed in
 *  the Goals view. */
import { ops } from '../api/catalogue';
import type { Goal, GoalTree } from '../api/schemas/coordination';
import { budgetMarkdown } from '../documents/budgetMarkdown';
import { goalMarkdown } from '../documents/goalMarkdown';
import { count, creditsLabel, formatCredits, oneLine, t } from '../format';
import {
  canEscalate,
  canTakeMoreBudget,
  creditsStillNeeded,
  goalBudget,
  goalStateLabel,
  goalStatus,
  goalTitle,
  hardCapRoom,
  isEscalated,
  isOpen,
  nextStepPassesCap,
  subGoalCount,
  waitingFor,
  waitingStep,
} from '../models/goal';
import { present, type Presentation } from './entry';

const goalOf = (target: unknown): Goal => (target ?? {}) as Goal;
const title = (target: unknown) => oneLine(goalTitle(goalOf(target)), 60);
const goalParam = (filter?: (g: Goal) => boolean) => ({
  id: { entity: 'goal' as const, filter: filter as ((item: never) => boolean) | undefined, label: 'Goal' },
});
const budgetParam = (filter?: (g: Goal) => boolean) => ({
  goal_id: { entity: 'goal' as const, filter: filter as ((item: never) => boolean) | undefined, label: 'Goal' },
});
const remaining = (g: Goal) => goalBudget(g).remaining;
const finished = (g: Goal) => ['completed', 'cancelled', 'failed'].includes(goalStatus(g));
const goalPath = (id: string | undefined) => `goals/${id ?? 'goal'}`;

/** "Hard cap: 9 credits, 1 credit left under it.": every consent on a capped goal names its limit,
 *  and when the next step needs more than is left, says so before anyone agrees to it. */
function capLimit(target: unknown, nameTheStep = true): string | undefined {
  const goal = goalOf(target);
  const room = hardCapRoom(goal);
  if (!room) return undefined;
  const line = t('Hard cap: {0}, {1} left under it.', creditsLabel(room.cap), creditsLabel(room.left));
  const step = waitingStep(goal)?.credits;
  return nameTheStep && nextStepPassesCap(goal) && step !== undefined
    ? `${line}\n${t('The next step needs {0}: more than is left under the cap, so it also needs more budget (Approve Budget).', creditsLabel(step))}`
    : line;
}

/** What approving the budget lets KallyAI spend: the estimate while the budget waits for approval,
 *  else what the steps left still need (a goal stopped by its hard cap). */
function budgetToApprove(goal: Goal): number | undefined {
  if (waitingFor(goal) === 'budget_approval') return goalBudget(goal).estimated;
  return creditsStillNeeded(goal) ?? goalBudget(goal).remaining;
}

export const goalPresentations: Presentation[] = [
  // A message to KallyAI's assistant. "KallyAI: Ask…" and @kallyai name its stakes where the person
  // types (their consent is the message itself); an agent's tool asks with this question.
  present(ops.coordination.message, {
    consent: {
      question: () => t('Send this request to KallyAI?'),
      what: ({ input }) => t('Request: "{0}"', oneLine(input.body?.message, 300)),
      confirm: 'Send Request',
      decline: "Don't Send",
    },
    progress: 'Asking KallyAI…',
    result: { kind: 'status', message: () => t('KallyAI answered') },
  }),
  present(ops.coordination.goals, {
    command: {
      id: 'kallyai.goals.list',
      title: 'Find a Goal…',
      cli: ['kallyai coord goals'],
      icon: 'search',
      menus: [{ view: 'goals', group: 'titleMenu', order: 1 }],
    },
    fields: {
      status: {
        label: 'Status',
        choiceLabels: {
          active: 'Active',
          completed: 'Completed',
          cancelled: 'Cancelled',
          pending: 'Pending',
          archived: 'Archived',
        },
      },
    },
    ask: ['status'],
    progress: 'Loading your goals…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a goal to open',
      empty: 'No goals match.',
      items: ({ data }) =>
        data.goals
          .filter((g) => g.id)
          .map((g) => ({
            label: goalTitle(g),
            description: goalStateLabel(g),
            icon: waitingFor(g) ? 'bell-dot' : 'target',
            run: { title: t('Open Goal'), command: 'kallyai.goals.openGoal', args: [{ id: g.id }] },
          })),
    },
  }),
  present(ops.coordination.goal, {
    command: {
      id: 'kallyai.goals.openGoal',
      title: 'Open Goal',
      cli: ['kallyai coord goal'],
      icon: 'go-to-file',
      menus: [
        { view: 'goals', item: 'goal', group: 'primary', order: 1 },
        { view: 'goals', item: 'step', group: 'primary', order: 2 },
        { view: 'goals', item: 'budget', group: 'primary', order: 2 },
      ],
    },
    params: goalParam(),
    progress: 'Opening the goal…',
    result: { kind: 'page', page: 'goal', id: ({ input }) => input.path?.id ?? '' },
  }),
  present(ops.coordination.goalTree, {
    command: {
      id: 'kallyai.goals.openTree',
      title: 'Open Goal with Sub-goals',
      cli: ['kallyai coord goal-tree'],
      icon: 'type-hierarchy',
      menus: [{ view: 'goals', item: 'hasSubgoals', group: 'primary', order: 2 }],
    },
    params: goalParam((g) => subGoalCount(g) > 0),
    progress: 'Opening the goal and its sub-goals…',
    result: {
      kind: 'document',
      path: ({ input }) => `${goalPath(input.path?.id)}/tree`,
      title: ({ data }) => t('{0} — sub-goals', oneLine(goalTitle((data as GoalTree).goal), 60)),
      markdown: ({ data }) => goalMarkdown((data as GoalTree).goal, data as GoalTree),
    },
  }),
  present(ops.coordination.approveStep, {
    command: {
      id: 'kallyai.goals.approveStep',
      title: 'Approve Step',
      cli: ['kallyai coord approve-step'],
      icon: 'check',
      menus: [{ view: 'goals', item: 'waitingStep', group: 'inline', order: 1 }],
    },
    params: goalParam((g) => waitingFor(g) === 'step_approval'),
    consent: {
      question: ({ target }) => t('Approve the next step of "{0}"?', title(target)),
      what: ({ target }) => {
        const step = waitingStep(goalOf(target))?.description;
        return step
          ? t('KallyAI goes ahead with the next step: {0}', step)
          : t('KallyAI goes ahead with the next step of this goal.');
      },
      credits: ({ target }) => waitingStep(goalOf(target))?.credits,
      limit: ({ target }) => capLimit(target),
      confirm: 'Approve Step',
      decline: 'Not Now',
    },
    progress: 'Approving the step…',
    result: { kind: 'status', message: ({ target }) => t('Step approved: {0}', title(target)) },
  }),
  present(ops.coordination.acceptOutcome, {
    command: {
      id: 'kallyai.goals.acceptOutcome',
      title: 'Accept Outcome',
      cli: ['kallyai coord accept'],
      icon: 'pass',
      menus: [{ view: 'goals', item: 'outcome', group: 'inline', order: 2 }],
    },
    params: goalParam((g) => waitingFor(g) === 'outcome_acceptance'),
    consent: {
      question: ({ target }) => t('Accept the outcome of "{0}"?', title(target)),
      what: ({ target }) => {
        const outcome = goalOf(target).outcome;
        return typeof outcome === 'string'
          ? t('The goal is completed with this outcome: {0}', outcome)
          : t('The goal is completed with its current outcome.');
      },
      confirm: 'Accept Outcome',
      decline: 'Not Now',
    },
    progress: 'Accepting the outcome…',
    result: { kind: 'status', message: ({ target }) => t('Outcome accepted: {0}', title(target)) },
  }),
  present(ops.coordination.continueNegotiating, {
    command: {
      id: 'kallyai.goals.continueNegotiating',
      title: 'Continue Negotiating',
      cli: ['kallyai coord continue'],
      icon: 'debug-restart',
      menus: [{ view: 'goals', item: 'outcome', group: 'primary', order: 3 }],
    },
    params: goalParam((g) => waitingFor(g) === 'outcome_acceptance'),
    consent: {
      question: ({ target }) => t('Keep negotiating for "{0}"?', title(target)),
      what: ({ target }) => {
        const outcome = goalOf(target).outcome;
        return typeof outcome === 'string'
          ? t('KallyAI turns down this outcome and negotiates again: {0}', outcome)
          : t('KallyAI turns down the outcome and negotiates again.');
      },
      credits: ({ target }) => remaining(goalOf(target)),
      creditsAtMost: true,
      limit: ({ target }) => capLimit(target),
      confirm: 'Keep Negotiating',
      decline: 'Not Now',
    },
    progress: 'Asking KallyAI to keep negotiating…',
    result: { kind: 'status', message: ({ target }) => t('KallyAI keeps negotiating: {0}', title(target)) },
  }),
  present(ops.coordination.escalate, {
    command: {
      id: 'kallyai.goals.escalate',
      title: 'Escalate to Me',
      cli: ['kallyai coord escalate'],
      icon: 'person',
      menus: [{ view: 'goals', item: 'escalatable', group: 'secondary', order: 1 }],
    },
    params: goalParam(canEscalate),
    unavailable: ({ target }) =>
      target && isEscalated(goalOf(target))
        ? t('KallyAI already handed "{0}" to you: answer its message in the Inbox, or cancel the goal.', title(target))
        : undefined,
    progress: 'Escalating…',
    // What happens next, said once: KallyAI stops and asks the person how to go on.
    result: {
      kind: 'notify',
      message: ({ target }) =>
        t(
          '"{0}" is yours now: KallyAI stopped working on it and asks you in the Inbox how to go on. Answer there, or cancel the goal; nothing more is spent until you do.',
          title(target),
        ),
      actions: ({ input }) => [
        { title: t('Show Inbox'), command: 'kallyai.inbox.focus' },
        ...(input.path?.id
          ? [{ title: t('Open Goal'), command: 'kallyai.goals.openGoal', args: [{ id: input.path.id }] }]
          : []),
      ],
    },
  }),
  present(ops.coordination.cancelGoal, {
    command: {
      id: 'kallyai.goals.cancel',
      title: 'Cancel Goal',
      cli: ['kallyai coord cancel-goal'],
      icon: 'circle-slash',
      menus: [{ view: 'goals', item: 'open', group: 'danger', order: 1 }],
    },
    params: goalParam(isOpen),
    consent: {
      question: ({ target }) => t('Cancel the goal "{0}"?', title(target)),
      what: () => t('KallyAI stops working on it.'),
      confirm: 'Cancel Goal',
      decline: 'Keep Goal',
    },
    progress: 'Cancelling the goal…',
    result: { kind: 'status', message: ({ target }) => t('Goal cancelled: {0}', title(target)) },
  }),
  present(ops.coordination.cascadeCancel, {
    command: {
      id: 'kallyai.goals.cascadeCancel',
      title: 'Cancel Goal and Sub-goals…',
      cli: ['kallyai coord cascade-cancel'],
      icon: 'close-all',
      menus: [{ view: 'goals', item: 'hasSubgoals', group: 'danger', order: 2 }],
    },
    params: goalParam((g) => isOpen(g) && subGoalCount(g) > 0),
    consent: {
      question: ({ target }) => t('Cancel "{0}" and all its sub-goals?', title(target)),
      what: ({ target }) =>
        t(
          'KallyAI stops working on it and on {0}.',
          count(subGoalCount(goalOf(target)), '{0} sub-goal', '{0} sub-goals'),
        ),
      confirm: 'Cancel Goal and Sub-goals',
      decline: 'Keep Goals',
    },
    progress: 'Cancelling the goal and its sub-goals…',
    result: { kind: 'status', message: ({ target }) => t('Goal and sub-goals cancelled: {0}', title(target)) },
  }),
  present(ops.coordination.archive, {
    command: {
      id: 'kallyai.goals.archive',
      title: 'Archive',
      cli: ['kallyai coord archive'],
      icon: 'archive',
      menus: [{ view: 'goals', item: 'archivable', group: 'danger', order: 3 }],
    },
    params: goalParam(finished),
    many: { op: ops.coordination.batchArchive, input: (ids) => ({ body: { goal_ids: ids } }) },
    progress: 'Archiving…',
    result: {
      kind: 'status',
      message: ({ target, targets }) =>
        targets && targets.length > 1
          ? t('{0} goals archived', targets.length)
          : t('Goal archived: {0}', title(target)),
    },
  }),
  present(ops.coordination.batchArchive, {
    command: {
      id: 'kallyai.goals.archiveMany',
      title: 'Archive Goals…',
      cli: ['kallyai coord batch-archive'],
      icon: 'archive',
      menus: [{ view: 'goals', group: 'titleMenu', order: 3 }],
    },
    fields: { goal_ids: { label: 'Goals to archive', entity: 'goal' } },
    progress: 'Archiving…',
    result: {
      kind: 'status',
      message: ({ input }) => count(input.body?.goal_ids?.length ?? 0, '{0} goal archived', '{0} goals archived'),
    },
  }),
  present(ops.coordination.goalBudget, {
    command: {
      id: 'kallyai.goals.showBudget',
      title: 'Show Budget',
      cli: ['kallyai coord budget', 'kallyai budget breakdown'],
      icon: 'credit-card',
      menus: [
        { view: 'goals', item: 'goal', group: 'primary', order: 4 },
        { view: 'goals', item: 'budget', group: 'primary', order: 1 },
      ],
    },
    params: goalParam(),
    progress: 'Loading the budget…',
    result: {
      kind: 'document',
      path: ({ input }) => `${goalPath(input.path?.id)}/budget`,
      title: ({ target }) => t('{0} — budget', title(target)),
      markdown: async ({ data, target, input, client }) => {
        const spent = await client
          .execute(ops.budget.costBreakdown, { path: { goal_id: input.path?.id ?? '' } })
          .catch(() => undefined);
        return budgetMarkdown(goalOf(target), data, spent);
      },
    },
  }),
  present(ops.budget.approve, {
    command: {
      id: 'kallyai.goals.approveBudget',
      title: 'Approve Budget',
      cli: ['kallyai budget approve'],
      icon: 'check-all',
      menus: [{ view: 'goals', item: 'budgetApproval', group: 'inline', order: 3 }],
    },
    // Goals waiting for their budget, and goals their hard cap stops: "Approve more budget" is the way on.
    params: budgetParam(canTakeMoreBudget),
    consent: {
      question: ({ target }) =>
        waitingFor(goalOf(target)) === 'budget_approval' || !target
          ? t('Approve the budget for "{0}"?', title(target))
          : t('Approve more budget for "{0}"?', title(target)),
      what: ({ target }) => {
        const goal = goalOf(target);
        const amount = budgetToApprove(goal);
        if (waitingFor(goal) === 'budget_approval' || !target) {
          return amount !== undefined
            ? t('KallyAI may spend about {0} on this goal.', creditsLabel(amount))
            : t('KallyAI may spend your credits on this goal.');
        }
        const used = goalBudget(goal).used;
        return amount !== undefined
          ? t(
              'It has used {0}; KallyAI may spend about {1} more to finish its steps.',
              creditsLabel(used),
              creditsLabel(amount),
            )
          : t('It has used {0}; KallyAI may spend more of your credits to finish its steps.', creditsLabel(used));
      },
      credits: ({ target }) => budgetToApprove(goalOf(target)),
      creditsAtMost: true,
      limit: ({ target }) => capLimit(target, false),
      confirm: 'Approve Budget',
      decline: 'Not Now',
    },
    progress: 'Approving the budget…',
    result: { kind: 'status', message: ({ target }) => t('Budget approved: {0}', title(target)) },
  }),
  present(ops.budget.acknowledgeSoftCap, {
    command: {
      id: 'kallyai.goals.acknowledgeSoftCap',
      title: 'Acknowledge Soft Cap',
      cli: ['kallyai budget ack-cap'],
      icon: 'unlock',
      menus: [{ view: 'goals', item: 'softCap', group: 'inline', order: 4 }],
    },
    params: budgetParam((g) => waitingFor(g) === 'soft_cap'),
    consent: {
      question: ({ target }) => t('Let "{0}" spend past its soft cap?', title(target)),
      what: ({ target }) => {
        const b = goalBudget(goalOf(target));
        return t(
          'It has used {0} of the {1} estimated; KallyAI continues and may spend the rest.',
          formatCredits(b.used),
          creditsLabel(b.estimated),
        );
      },
      credits: ({ target }) => remaining(goalOf(target)),
      creditsAtMost: true,
      limit: ({ target }) => capLimit(target),
      confirm: 'Continue Past the Cap',
      decline: 'Not Now',
    },
    progress: 'Acknowledging the soft cap…',
    result: { kind: 'status', message: ({ target }) => t('Soft cap acknowledged: {0}', title(target)) },
  }),
];
