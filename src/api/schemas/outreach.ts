/** Multi-channel outreach tasks (contract §5.10). */
import * as z from 'zod/mini';
import { checkPhoneNumber } from '../validation/phone';
import { bounded, limit, offset, loose, opt, optStr, optNum, optBool, optId, listOf, nonEmpty } from './common';

export const OUTREACH_STATUSES = ['pending', 'in_progress', 'completed', 'failed', 'cancelled'] as const;
/** The CLI's channels, and SMS (the issue's and REF-B's "multi-channel" includes it; the sandbox takes it). */
export const OUTREACH_CHANNELS = ['call', 'sms', 'email', 'whatsapp', 'telegram'] as const;
export type OutreachChannel = (typeof OUTREACH_CHANNELS)[number];

/** `status` is a comma-separated list of OUTREACH_STATUSES. */
export const TasksQuery = z.strictObject({
  status: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^(pending|in_progress|completed|failed|cancelled)(,(pending|in_progress|completed|failed|cancelled))*$/,
          'Use statuses from: pending, in_progress, completed, failed, cancelled (comma-separated).',
        ),
      ),
  ),
  limit: z.optional(limit(100)),
  offset: z.optional(offset),
});
export const OutreachTask = loose({
  id: optId,
  goal: optStr,
  recipient_identifier: optStr,
  recipient_name: optStr,
  status: optStr,
  urgency: optStr,
  selected_channel: optStr,
  completed_via_channel: optStr,
  completion_summary: optStr,
  created_at: optStr,
  updated_at: optStr,
  completed_at: optStr,
  attempts: opt(z.array(loose({ channel: optStr, status: optStr, started_at: optStr, completed_at: optStr }))),
});
export type OutreachTask = z.output<typeof OutreachTask>;
export const OutreachTasks = listOf('tasks', OutreachTask, { total: optNum, has_more: optBool });

const EMAIL = /^[^\s@]+@[^\s@][^\s@.]*\.[^\s@]+$/;
const TELEGRAM_HANDLE = /^@[A-Za-z0-9_]{5,32}$/;

/** What is wrong with a target for a channel, as a message template and its arguments (the UI
 *  translates it), or undefined when it is fine: a phone channel takes an E.164 number we may
 *  call, email an address, Telegram a @username or a number. */
export function outreachTargetProblem(
  channel: string,
  target: string,
): { template: string; args: string[] } | undefined {
  const value = target.trim();
  if (channel === 'email')
    return EMAIL.test(value) ? undefined : { template: 'Use an email address such as name@example.com.', args: [] };
  if (channel === 'telegram' && TELEGRAM_HANDLE.test(value)) return undefined;
  const check = checkPhoneNumber(value);
  if (!check.ok) {
    return check.code === 'invalid' && !value.startsWith('+')
      ? {
          template:
            channel === 'telegram'
              ? 'Use a Telegram @username or a phone number in international form, e.g. {0}.'
              : 'Use a phone number in international form, e.g. {0}.',
          args: ['+12015550100'],
        }
      : { template: check.template, args: check.args };
  }
  return check.e164 === value
    ? undefined
    : { template: 'Write the number in international form: {0}.', args: [check.e164] };
}

/** The CLI (`channel, target, description`) and REF-B (`goal, recipient_identifier, …`) disagree:
 *  either shape is accepted, not a mix. The CLI's target is checked for its channel. (One object
 *  rather than a union, so that a refused field is named precisely.) */
export const CreateTaskBody = z
  .strictObject({
    channel: z.optional(z.enum(OUTREACH_CHANNELS)),
    target: z.optional(bounded(1, 200)),
    description: z.optional(bounded(1, 2000)),
    goal: z.optional(bounded(1, 2000)),
    recipient_identifier: z.optional(bounded(1, 200)),
    recipient_name: z.optional(bounded(1, 200)),
    urgency: z.optional(z.enum(['low', 'normal', 'high'])),
    coordination_message_id: z.optional(nonEmpty),
    auto_execute: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((b, ctx) => {
      const required = (field: string) =>
        ctx.addIssue({ code: 'invalid_type', expected: 'string', input: undefined, path: [field] });
      const cli = b.channel !== undefined || b.target !== undefined || b.description !== undefined;
      if (!cli) {
        if (b.goal === undefined) required('goal');
        if (b.recipient_identifier === undefined) required('recipient_identifier');
        return;
      }
      const mixed = (
        [
          'goal',
          'recipient_identifier',
          'recipient_name',
          'urgency',
          'coordination_message_id',
          'auto_execute',
        ] as const
      ).filter((k) => b[k] !== undefined);
      if (mixed.length) ctx.addIssue({ code: 'unrecognized_keys', keys: mixed, input: b, path: [] });
      if (b.channel === undefined) required('channel');
      if (b.target === undefined) required('target');
      if (b.description === undefined) required('description');
      if (b.channel !== undefined && b.target !== undefined) {
        const problem = outreachTargetProblem(b.channel, b.target);
        if (problem)
          ctx.addIssue({
            code: 'custom',
            path: ['target'],
            message: problem.template.replace(/\{(\d+)\}/g, (w, i: string) => problem.args[Number(i)] ?? w),
            input: b.target,
            params: problem,
          });
      }
    }),
  );
export type CreateTaskInput = z.input<typeof CreateTaskBody>;
