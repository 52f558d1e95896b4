/** Outreach (contract §5.10): KallyAI contacts someone over a channel until it gets an answer.
 *  Tasks with their status, one task in detail, Create (its own form, src/commands/outreach),
 *  Retry a failed one, Cancel one that runs. */
import { ops } from '../api/catalogue';
import type { OutreachTask } from '../api/schemas/outreach';
import { blocks, codeLabel, md, oneLine, paragraphs, phoneForPeople, shortDateTime, t, table } from '../format';
import {
  channelLabel,
  estimateTypeOfChannel,
  isCancellable,
  isRetryable,
  outreachStatusIcon,
  outreachStatusLabel,
  taskChannel,
  taskLabel,
  taskRecipient,
} from '../models/activity';
import { present, type CommandSpec, type EntitySpec, type Presentation } from './entry';
import { registerEntities } from './entities';

const taskOf = (target: unknown): OutreachTask => (target ?? {}) as OutreachTask;
const taskParam = (filter?: (task: OutreachTask) => boolean) => ({
  id: {
    entity: 'outreachTask' as const,
    label: 'Outreach task',
    filter: filter as ((item: never) => boolean) | undefined,
  },
});
const showActivity = () => ({ title: t('Show Activity'), command: 'kallyai.activity.focus' });

/** The target as a person reads it: a number formatted, an address as is. */
export const targetForPeople = (target: string | undefined) => (target ? phoneForPeople(target) : t('someone'));

registerEntities({
  kind: 'outreachTask',
  placeholder: 'Pick an outreach task',
  empty: 'No outreach tasks.',
  list: async (client, signal) =>
    (await client.execute(ops.outreach.tasks, { query: { limit: 100 } }, { signal })).tasks,
  get: (client, id) => client.execute(ops.outreach.task, { path: { id } }),
  getOp: ops.outreach.task.id,
  id: (task) => task.id ?? undefined,
  label: (task) => taskLabel(task),
  description: (task) =>
    [outreachStatusLabel(task.status), channelLabel(taskChannel(task)), taskRecipient(task)].join(' · '),
} satisfies EntitySpec<OutreachTask> as unknown as EntitySpec<unknown>);

function taskMarkdown(task: OutreachTask) {
  const attempts = task.attempts ?? [];
  return blocks(
    md`# ${task.goal || t('Outreach task')}`,
    table(
      [t('Field'), t('Value')],
      [
        [
          t('Contact'),
          task.recipient_name
            ? `${task.recipient_name} (${targetForPeople(task.recipient_identifier ?? undefined)})`
            : targetForPeople(task.recipient_identifier ?? undefined),
        ],
        [t('Status'), outreachStatusLabel(task.status)],
        [t('Channel'), channelLabel(taskChannel(task))],
        [t('Urgency'), codeLabel('urgency', task.urgency) || '—'],
        [t('Created'), shortDateTime(task.created_at) ?? '—'],
        [t('Updated'), shortDateTime(task.updated_at) ?? '—'],
        [t('Completed'), shortDateTime(task.completed_at) ?? '—'],
      ],
    ),
    task.completion_summary ? blocks(md`## ${t('Outcome')}`, paragraphs(task.completion_summary)) : undefined,
    md`## ${t('Attempts')}`,
    attempts.length
      ? table(
          [t('Channel'), t('Status'), t('Started'), t('Ended')],
          attempts.map((a) => [
            channelLabel(a.channel),
            codeLabel('outreachStatus', a.status),
            shortDateTime(a.started_at) ?? '—',
            shortDateTime(a.completed_at) ?? '—',
          ]),
        )
      : md`_${t('No attempts yet.')}_`,
  );
}

export const outreachPresentations: Presentation[] = [
  present(ops.outreach.tasks, {
    command: {
      id: 'kallyai.outreach.tasks',
      title: 'Outreach Tasks…',
      cli: ['kallyai outreach tasks'],
      icon: 'broadcast',
      menus: [{ view: 'activity', group: 'titleMenu', order: 51 }],
    },
    defaults: () => ({ query: { limit: 100 } }),
    progress: 'Loading the outreach tasks…',
    result: {
      kind: 'pick',
      placeholder: 'Pick a task to open it',
      empty: 'No outreach tasks. Start one with "KallyAI: New Outreach Task…".',
      items: ({ data }) =>
        data.tasks
          .filter((task) => task.id)
          .map((task) => ({
            label: taskLabel(task),
            description: [outreachStatusLabel(task.status), channelLabel(taskChannel(task)), taskRecipient(task)].join(
              ' · ',
            ),
            detail: task.completion_summary ? oneLine(task.completion_summary, 120) : undefined,
            icon: outreachStatusIcon(task.status).replace('~spin', ''),
            run: { title: t('Open Outreach Task'), command: 'kallyai.outreach.openTask', args: [{ id: task.id }] },
          })),
    },
  }),
  present(ops.outreach.task, {
    command: {
      id: 'kallyai.outreach.openTask',
      title: 'Open Outreach Task',
      cli: ['kallyai outreach task'],
      icon: 'go-to-file',
      menus: [{ view: 'activity', item: 'outreachTask', group: 'primary', order: 1 }],
    },
    params: taskParam(),
    progress: 'Opening the task…',
    result: {
      kind: 'document',
      path: ({ input }) => `outreach/${input.path?.id ?? 'task'}`,
      title: ({ data }) => t('{0} — outreach', oneLine(data.recipient_name || data.goal || t('Task'), 50)),
      markdown: ({ data }) => taskMarkdown(data),
    },
  }),
  // The form "KallyAI: New Outreach Task…" (src/commands/outreach/createTask.ts) runs it.
  present(ops.outreach.create, {
    consent: {
      question: ({ input }) => {
        const b = input.body;
        return b?.channel
          ? t('Contact {0} by {1}?', targetForPeople(b.target), channelLabel(b.channel))
          : t('Contact {0}?', targetForPeople(b?.recipient_name ?? b?.recipient_identifier));
      },
      whom: ({ input }) => {
        const b = input.body;
        const who = targetForPeople(b?.target ?? b?.recipient_identifier);
        return b?.recipient_name ? t('{0} at {1}', b.recipient_name, who) : who;
      },
      what: ({ input }) => {
        const b = input.body;
        return [
          t('Task: {0}', b?.description ?? b?.goal ?? ''),
          b?.channel ? t('Channel: {0}', channelLabel(b.channel)) : undefined,
          t('KallyAI keeps trying until it gets an answer or you cancel the task.'),
        ]
          .filter(Boolean)
          .join('\n');
      },
      estimateType: ({ input }) =>
        estimateTypeOfChannel(input.body?.channel, input.body?.target ?? input.body?.recipient_identifier),
      confirm: 'Start Outreach',
      decline: 'Not Now',
    },
    progress: 'Starting the outreach…',
    result: {
      kind: 'notify',
      message: ({ input }) => {
        const b = input.body;
        const who = targetForPeople(b?.target ?? b?.recipient_identifier);
        return b?.channel
          ? t('KallyAI is contacting {0} by {1}.', who, channelLabel(b.channel))
          : t('KallyAI is contacting {0}.', who);
      },
      actions: () => [showActivity()],
    },
  }),
  present(ops.outreach.retry, {
    command: {
      id: 'kallyai.outreach.retry',
      title: 'Retry Outreach Task',
      cli: ['kallyai outreach retry'],
      icon: 'debug-restart',
      menus: [{ view: 'activity', item: 'retryable', group: 'inline', order: 2 }],
    },
    params: taskParam(isRetryable),
    unavailable: ({ target }) =>
      target && !isRetryable(taskOf(target))
        ? t(
            'Only a failed or cancelled task can be retried; this one is {0}.',
            outreachStatusLabel(taskOf(target).status).toLowerCase(),
          )
        : undefined,
    consent: {
      question: ({ target }) => t('Try again to reach {0}?', taskRecipient(taskOf(target))),
      whom: ({ target }) => taskRecipient(taskOf(target)),
      what: ({ target }) =>
        [
          t('Task: {0}', taskOf(target).goal ?? ''),
          taskChannel(taskOf(target)) ? t('Channel: {0}', channelLabel(taskChannel(taskOf(target)))) : undefined,
        ]
          .filter(Boolean)
          .join('\n'),
      estimateType: ({ target }) =>
        estimateTypeOfChannel(taskChannel(taskOf(target)), taskOf(target).recipient_identifier),
      confirm: 'Retry',
      decline: 'Not Now',
    },
    progress: 'Retrying…',
    result: { kind: 'status', message: ({ target }) => t('Trying again: {0}', taskRecipient(taskOf(target))) },
  }),
  present(ops.outreach.cancel, {
    command: {
      id: 'kallyai.outreach.cancel',
      title: 'Cancel Outreach Task…',
      cli: ['kallyai outreach cancel'],
      icon: 'close',
      menus: [{ view: 'activity', item: 'cancellable', group: 'danger', order: 3 }],
    },
    params: taskParam(isCancellable),
    unavailable: ({ target }) =>
      target && !isCancellable(taskOf(target))
        ? t('This task is {0}: there is nothing to cancel.', outreachStatusLabel(taskOf(target).status).toLowerCase())
        : undefined,
    consent: {
      question: ({ target }) => t('Stop trying to reach {0}?', taskRecipient(taskOf(target))),
      what: ({ target }) =>
        t('KallyAI cancels the task "{0}" and contacts nobody more for it.', oneLine(taskOf(target).goal, 100)),
      confirm: 'Cancel Task',
      decline: 'Keep Task',
    },
    progress: 'Cancelling the task…',
    result: { kind: 'status', message: ({ target }) => t('Outreach cancelled: {0}', taskRecipient(taskOf(target))) },
  }),
];

export const outreachCommands: readonly CommandSpec[] = [
  {
    id: 'kallyai.outreach.create',
    title: 'New Outreach Task…',
    cli: ['kallyai outreach create'],
    icon: 'add',
    runs: ['outreach.create'],
    menus: [{ view: 'activity', group: 'title', order: 2 }],
  },
  {
    id: 'kallyai.activity.filterOutreach',
    title: 'Filter Outreach by Status…',
    icon: 'filter',
    runs: ['outreach.tasks'],
    menus: [{ view: 'activity', group: 'titleMenu', order: 4 }],
  },
];
