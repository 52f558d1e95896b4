import { ops } from '../api/catalogue';
import type { ActionLogEntry } from '../api/schemas/actions';
import type { OutreachTask } from '../api/schemas/outreach';
import { blocks, codeLabel, count, md, oneLine, shortDateTime, t } from '../format';
import {
  actionContextValue,
  actionIcon,
  actionLabel,
  actionTypeLabel,
  channelLabel,
  isUndoable,
  outreachStatusIcon,
  outreachStatusLabel,
  taskChannel,
  taskContextValue,
  taskLabel,
  taskRecipient,
  type ActionType,
} from '../models/activity';
import type { Services } from '../services';
import { VIEW_DEADLINE_MS, type DataLoader } from './dataLoader';
import { KallyTreeProvider } from './treeProvider';
import { emptyNode, entityNode, groupNode, icon, type ViewNode } from './viewNode';
import { plainText } from '../format/sinks';

export interface ActivityData {
  actions: ActionLogEntry[];
  tasks: OutreachTask[];
  tasksTotal?: number;
}

/** What the view shows: one kind of action (or all), and outreach tasks of some statuses (or all). */
export interface ActivityFilter {
  readonly actionType?: ActionType;
  readonly statuses?: readonly string[];
}

const LIMIT = 50;

/** Activity: what KallyAI did for you (the action log, with Undo where the API allows it) and the
 *  outreach tasks it runs (with their status, Retry and Cancel). Both lists come in one load (two
 *  requests); the filters are sent to the server and kept for the window. */
export class ActivityProvider extends KallyTreeProvider<ActivityData> {
  private current: ActivityFilter = {};

  constructor(loader: DataLoader<ActivityData>, isSignedIn: () => boolean) {
    super('activity', t('your activity'), loader, isSignedIn);
  }

  static fetch(services: Services, filter: () => ActivityFilter) {
    return async (signal: AbortSignal): Promise<ActivityData> => {
      const f = filter();
      const [log, tasks] = await Promise.all([
        services.client.execute(
          ops.actions.log,
          { query: { limit: LIMIT, ...(f.actionType ? { type: f.actionType } : {}) } },
          { signal, deadlineMs: VIEW_DEADLINE_MS },
        ),
        services.client.execute(
          ops.outreach.tasks,
          { query: { limit: LIMIT, ...(f.statuses?.length ? { status: f.statuses.join(',') } : {}) } },
          { signal, deadlineMs: VIEW_DEADLINE_MS },
        ),
      ]);
      return { actions: log.actions, tasks: tasks.tasks, tasksTotal: tasks.total ?? undefined };
    };
  }

  get filter(): ActivityFilter {
    return this.current;
  }

  /** A new filter: the lists load again with it. */
  setFilter(filter: ActivityFilter): Promise<void> {
    this.current = filter;
    return this.loader.load('user');
  }

  /** Actions that can still be undone (the badge). */
  undoableCount(): number {
    return (this.loader.data?.actions ?? []).filter(isUndoable).length;
  }

  protected buildRoots(data: ActivityData): ViewNode[] {
    const type = this.current.actionType;
    const statuses = this.current.statuses ?? [];
    const actionsGroup = groupNode(
      'activity/actions',
      undefined,
      {
        label: plainText(t('Actions')),
        description: plainText(
          type ? t('{0} only · {1}', actionTypeLabel(type), String(data.actions.length)) : String(data.actions.length),
        ),
        tooltip: plainText(
          t(
            'What KallyAI did for you: calendar events, bookings, bills, rides, food, errands, email. Filter with the funnel above.',
          ),
        ),
        icon: icon('history'),
        contextValue: 'activityGroup actionsGroup',
      },
      (self) =>
        data.actions.length
          ? data.actions.map((a, i) => this.actionNode(a, self, i))
          : [
              emptyNode('activity/actions/empty', self, {
                label: plainText(
                  type
                    ? t('No {0} actions', actionTypeLabel(type).toLowerCase())
                    : t('KallyAI has taken no actions yet'),
                ),
                icon: icon('info'),
              }),
            ],
    );
    const outreachGroup = groupNode(
      'activity/outreach',
      undefined,
      {
        label: plainText(t('Outreach')),
        description: plainText(
          statuses.length
            ? t('{0} · {1}', statuses.map((s) => outreachStatusLabel(s)).join(', '), String(data.tasks.length))
            : String(data.tasksTotal ?? data.tasks.length),
        ),
        tooltip: plainText(t('People KallyAI is reaching for you, by call, SMS or email, until it gets an answer')),
        icon: icon('broadcast'),
        contextValue: 'activityGroup outreachGroup',
      },
      (self) =>
        data.tasks.length
          ? data.tasks.map((task, i) => this.taskNode(task, self, i))
          : [
              emptyNode('activity/outreach/empty', self, {
                label: plainText(
                  statuses.length ? t('No tasks with that status') : t('No outreach yet — New outreach task…'),
                ),
                icon: icon(statuses.length ? 'info' : 'add'),
                command: statuses.length
                  ? undefined
                  : { command: 'kallyai.outreach.create', title: t('New Outreach Task…') },
              }),
            ],
    );
    return [actionsGroup, outreachGroup];
  }

  private actionNode(a: ActionLogEntry, parent: ViewNode, index: number): ViewNode {
    const id = `${parent.id}/${a.id ?? `#${index}`}`;
    const label = actionLabel(a);
    const when = shortDateTime(a.created_at);
    const undoable = isUndoable(a);
    const description = [
      actionTypeLabel(a.type),
      a.status && a.status !== 'completed' ? codeLabel('actionStatus', a.status) : undefined,
      when,
    ]
      .filter(Boolean)
      .join(' · ');
    const tooltip = blocks(
      md`**${a.description || actionTypeLabel(a.type)}**`,
      md`${actionTypeLabel(a.type)} · ${codeLabel('actionStatus', a.status) || '—'}${when ? md` · ${when}` : ''}`,
      undoable ? md`_${t('Can be undone: use Undo (it asks first).')}_` : undefined,
    );
    return entityNode(parent, {
      id,
      kind: 'action',
      target: { kind: 'action', id: a.id, value: a },
      label: plainText(label),
      description: plainText(description),
      tooltip,
      icon: icon(actionIcon(a.type), undoable ? undefined : 'descriptionForeground'),
      contextValue: actionContextValue(a),
      accessibility: {
        label: plainText(
          t('{0}: {1}, {2}{3}', actionTypeLabel(a.type), label, when ?? '', undoable ? t(', can be undone') : ''),
        ),
      },
    });
  }

  private taskNode(task: OutreachTask, parent: ViewNode, index: number): ViewNode {
    const id = `${parent.id}/${task.id ?? `#${index}`}`;
    const label = taskLabel(task);
    const status = outreachStatusLabel(task.status);
    const channel = channelLabel(taskChannel(task));
    const who = taskRecipient(task);
    const attempts = task.attempts?.length;
    const tooltip = blocks(
      md`**${task.goal || who}**`,
      md`${who} · ${channel} · ${status}`,
      task.completion_summary ? md`${oneLine(task.completion_summary, 300)}` : undefined,
      attempts ? md`${count(attempts, '{0} attempt', '{0} attempts')}` : undefined,
    );
    return entityNode(parent, {
      id,
      kind: 'outreachTask',
      opens: task.id ? { command: 'kallyai.outreach.openTask', title: t('Open Outreach Task') } : undefined,
      target: { kind: 'outreachTask', id: task.id, value: task },
      label: plainText(label),
      description: plainText(
        [status, who, shortDateTime(task.updated_at ?? task.created_at)].filter(Boolean).join(' · '),
      ),
      tooltip,
      icon: icon(
        outreachStatusIcon(task.status),
        task.status === 'failed'
          ? 'problemsErrorIcon.foreground'
          : task.status === 'completed'
            ? 'charts.green'
            : undefined,
      ),
      contextValue: taskContextValue(task),
      accessibility: { label: plainText(t('Outreach to {0} by {1}: {2}, {3}', who, channel, label, status)) },
    });
  }
}
