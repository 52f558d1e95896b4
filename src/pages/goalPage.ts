/** The goal page: title, status, what it waits for, its steps and their state, its budget (spent,
 *  estimate, soft cap, hard cap), its sub-goals, and the actions it allows — each run through the
 *  pipeline, with its consent. Every server string is escaped by construction (src/format/html.ts). */
import { ops } from '../api/catalogue';
import type { Goal, GoalTree } from '../api/schemas/coordination';
import { waitingText } from '../documents/goalMarkdown';
import {
  codeLabel,
  creditsLabel,
  formatCredits,
  html,
  type Html,
  oneLine,
  shortDateTime,
  t,
  textBlock,
  trustedHtml,
} from '../format';
import {
  canEscalate,
  currentStepIndex,
  goalBudget,
  goalStatus,
  goalTitle,
  isEscalated,
  isOpen,
  nextStepPassesCap,
  subGoalCount,
  waitingFor,
} from '../models/goal';
import { EntityPage, type EntityPageDeps } from './entityPage';
import type { PageView } from './pageController';
import { actionBar, icon } from './pageParts';

export interface GoalPageDeps extends EntityPageDeps {
  openGoal(id: string): Promise<unknown>;
}

type Budget = { soft_cap?: unknown; hard_cap?: unknown; approved?: unknown };

export class GoalPage extends EntityPage<Goal, GoalPageDeps> {
  protected what(): string {
    return t('Goal');
  }

  protected load(id: string): Promise<Goal> {
    return this.deps.client.execute(ops.coordination.goal, { path: { id } });
  }

  protected async show(goal: Goal): Promise<PageView> {
    const { client } = this.deps;
    const tree =
      subGoalCount(goal) > 0
        ? await client.execute(ops.coordination.goalTree, { path: { id: this.state.id } }).catch(() => undefined)
        : undefined;
    const waiting = waitingFor(goal);
    const open = isOpen(goal);
    const finished = ['completed', 'cancelled', 'failed'].includes(goalStatus(goal));
    const subIds = new Set((tree?.sub_goals ?? []).map((s) => s.goal.id).filter((x): x is string => !!x));

    const { actions, buttons, operation, command } = this.buttonsFor({ kind: 'goal', id: this.state.id, value: goal });
    if (waiting === 'step_approval')
      operation('approveStep', t('Approve Step'), 'check', ops.coordination.approveStep, 'primary');
    // The next step needs more than is left under the hard cap: the way on is more budget.
    if (waiting === 'step_approval' && nextStepPassesCap(goal))
      operation('approveBudget', t('Approve More Budget'), 'check-all', ops.budget.approve);
    if (waiting === 'budget_approval')
      operation('approveBudget', t('Approve Budget'), 'check-all', ops.budget.approve, 'primary');
    if (waiting === 'soft_cap')
      operation('acknowledgeSoftCap', t('Continue Past the Cap'), 'unlock', ops.budget.acknowledgeSoftCap, 'primary');
    if (waiting === 'outcome_acceptance') {
      // Through its command: an outcome with several offers asks which one first.
      command(
        'acceptOutcome',
        t('Accept Outcome'),
        'pass',
        'kallyai.goals.acceptOutcome',
        { id: this.state.id },
        'primary',
      );
      operation(
        'continueNegotiating',
        t('Continue Negotiating'),
        'debug-restart',
        ops.coordination.continueNegotiating,
      );
    }
    if (canEscalate(goal)) operation('escalate', t('Escalate to Me'), 'person', ops.coordination.escalate);
    if (open && isEscalated(goal))
      command('showInbox', t('Show Inbox'), 'inbox', 'kallyai.inbox.focus', undefined, 'primary');
    command('showBudget', t('Budget Details'), 'credit-card', 'kallyai.goals.showBudget', { id: this.state.id });
    if (open) operation('cancel', t('Cancel Goal'), 'circle-slash', ops.coordination.cancelGoal, 'danger');
    if (open && subGoalCount(goal) > 0)
      operation('cascadeCancel', t('Cancel with Sub-goals'), 'close-all', ops.coordination.cascadeCancel, 'danger');
    if (finished) operation('archive', t('Archive'), 'archive', ops.coordination.archive, 'danger');
    actions.openSubGoal = async ({ arg }) => {
      if (arg && subIds.has(arg)) await this.deps.openGoal(arg);
    };

    const title = goalTitle(goal);
    return {
      title: t('{0} — goal', oneLine(title, 50)),
      actions,
      body: html` <h1>${title}</h1>
        <p class="subtitle">
          ${statusBadge(goal)}${waiting ? html` <span class="badge warning">${icon('bell-dot')} ${waitingText(goal)}</span>` : ''}
          <span class="muted">${t('Updated {0}', shortDateTime(goal.updated_at ?? goal.created_at) ?? '—')}</span>
        </p>
        ${goal.description && goal.description !== goal.title ? textBlock(goal.description) : ''}
        ${waitingCallout(goal)} ${actionBar(buttons)} ${outcome(goal)} ${steps(goal)} ${budget(goal)} ${subGoals(tree)}`,
    };
  }
}

function statusBadge(goal: Goal): Html {
  const status = goalStatus(goal);
  const tone = status === 'completed' ? 'good' : status === 'failed' ? 'bad' : '';
  return html`<span class="badge ${tone}" data-announce>${codeLabel('goalStatus', goal.status) || t('Unknown')}</span>`;
}

function waitingCallout(goal: Goal): Html {
  const w = waitingFor(goal);
  if (!w && isEscalated(goal) && isOpen(goal))
    return html`<div class="callout">
      ${t('KallyAI handed this goal to you and stopped working on it: answer its message in the Inbox with how to go on, or cancel the goal.')}
    </div>`;
  if (!w) return html``;
  const step = goal.steps?.[currentStepIndex(goal)];
  const text =
    w === 'step_approval' && step?.description
      ? t('KallyAI is waiting for your approval to go ahead with: {0}', step.description)
      : w === 'budget_approval'
        ? t('KallyAI is waiting for you to approve the budget (about {0}).', creditsLabel(goalBudget(goal).estimated))
        : w === 'soft_cap'
          ? t('This goal reached its soft spending cap. Let it continue, or cancel it.')
          : w === 'outcome_acceptance'
            ? t('KallyAI has an outcome for you to accept, or to negotiate again.')
            : t('KallyAI needs your input.');
  // Said by the live region when it changes (the next step now waits for approval).
  return html`<div class="callout" data-announce>${text}</div>`;
}

function outcome(goal: Goal): Html {
  return typeof goal.outcome === 'string' && goal.outcome.trim()
    ? html`<h2>${t('Outcome')}</h2>
        ${textBlock(goal.outcome)}`
    : html``;
}

function steps(goal: Goal): Html {
  const list = goal.steps ?? [];
  if (!list.length) return html``;
  const current = waitingFor(goal) === 'step_approval' ? currentStepIndex(goal) : -1;
  const stepIcon = (status: string, i: number) => {
    if (i === current) return icon('bell-dot');
    switch (status) {
      case 'completed':
      case 'done':
        return icon('pass');
      case 'in_progress':
      case 'running':
        return icon('sync');
      case 'failed':
        return icon('error');
      case 'skipped':
      case 'cancelled':
        return icon('circle-slash');
      default:
        return icon('circle-large-outline');
    }
  };
  return html`<h2>${t('Steps')}</h2>
    <ol class="steps">
      ${list.map(
        (s, i) =>
          html`<li class="${i === current ? 'current' : ''}">
            ${stepIcon((s.status ?? '').toLowerCase(), i)}<span
              >${s.description ?? t('Step {0}', i + 1)}
              <span class="muted"
                >— ${i === current ? t('Waiting for your approval') : codeLabel('stepStatus', s.status)}</span
              ></span
            >
          </li>`,
      )}
    </ol>`;
}

function budget(goal: Goal): Html {
  const b = goalBudget(goal);
  const extra = ((goal as Record<string, unknown>).budget ?? {}) as Budget;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const softCap = num(extra.soft_cap);
  const hardCap = num(extra.hard_cap);
  const share =
    b.estimated && b.used !== undefined ? Math.min(100, Math.round((b.used / b.estimated) * 100)) : undefined;
  return html`<h2>${t('Budget')}</h2>
    <table>
      <tr>
        <th class="num">${t('Spent')}</th>
        <th class="num">${t('Estimated')}</th>
        <th class="num">${t('Left')}</th>
        ${softCap !== undefined ? html`<th class="num">${t('Soft cap')}</th>` : ''}${hardCap !== undefined ? html`<th class="num">${t('Hard cap')}</th>` : ''}
      </tr>
      <tr>
        <td class="num">${formatCredits(b.used)}</td>
        <td class="num">${formatCredits(b.estimated)}</td>
        <td class="num">${formatCredits(b.remaining)}</td>
        ${softCap !== undefined ? html`<td class="num">${formatCredits(softCap)}</td>` : ''}${hardCap !== undefined ? html`<td class="num">${formatCredits(hardCap)}</td>` : ''}
      </tr>
    </table>
    ${share !== undefined ? html`<div class="meter" role="img" aria-label="${t('{0}% of the estimate spent', share)}">${trustedHtml(`<span class="meter-${Math.round(share / 5) * 5}"></span>`)}</div>` : ''}`;
}

function subGoals(tree: GoalTree | undefined): Html {
  const subs = tree?.sub_goals ?? [];
  if (!subs.length) return html``;
  return html`<h2>${t('Sub-goals')}</h2>
    <table>
      <tr>
        <th>${t('Goal')}</th>
        <th>${t('Status')}</th>
      </tr>
      ${subs.map(
        (s) =>
          html`<tr>
            <td>
              ${s.goal.id ? html`<button class="link" data-action="openSubGoal" data-arg="${s.goal.id}">${goalTitle(s.goal)}</button>` : goalTitle(s.goal)}
            </td>
            <td>${waitingText(s.goal) ?? codeLabel('goalStatus', s.goal.status)}</td>
          </tr>`,
      )}
    </table>`;
}
