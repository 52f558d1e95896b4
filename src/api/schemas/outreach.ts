/** Multi-channel outreach tasks (contract §5.10). */
import * as z from 'zod/mini';
import { bounded, limit, offset, loose, opt, optStr, optNum, optBool, optId, listOf, nonEmpty } from './common';

export const OUTREACH_STATUSES = ['pending', 'in_progress', 'completed', 'failed', 'cancelled'] as const;
export const OUTREACH_CHANNELS = ['call', 'email', 'whatsapp', 'telegram'] as const;

/** `status` is a comma-separated list of OUTREACH_STATUSES. */
export const TasksQuery = z.strictObject({
  status: z.optional(z.string().check(z.regex(/^(pending|in_progress|completed|failed|cancelled)(,(pending|in_progress|completed|failed|cancelled))*$/, 'Use statuses from: pending, in_progress, completed, failed, cancelled (comma-separated).'))),
  limit: z.optional(limit(100)),
  offset: z.optional(offset),
});
export const OutreachTask = loose({
  id: optId, goal: optStr, recipient_identifier: optStr, recipient_name: optStr, status: optStr, urgency: optStr,
  selected_channel: optStr, completed_via_channel: optStr, completion_summary: optStr, created_at: optStr, updated_at: optStr, completed_at: optStr,
  attempts: opt(z.array(loose({ channel: optStr, status: optStr, started_at: optStr, completed_at: optStr }))),
});
export const OutreachTasks = listOf('tasks', OutreachTask, { total: optNum, has_more: optBool });
/** The CLI (`channel, target, description`) and REF-B (`goal, recipient_identifier, …`) disagree: both shapes accepted. */
export const CreateTaskBody = z.union([
  z.strictObject({ channel: z.enum(OUTREACH_CHANNELS), target: bounded(1, 200), description: bounded(1, 2000) }),
  z.strictObject({
    goal: bounded(1, 2000),
    recipient_identifier: bounded(1, 200),
    recipient_name: z.optional(bounded(1, 200)),
    urgency: z.optional(z.enum(['low', 'normal', 'high'])),
    coordination_message_id: z.optional(nonEmpty),
    auto_execute: z.optional(z.boolean()),
  }),
]);
