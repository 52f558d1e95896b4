/** Goals and conversations (contract §5.1). */
import * as z from 'zod/mini';
import {
  bounded,
  limit,
  offset,
  loose,
  opt,
  optStr,
  optNum,
  optBool,
  listOf,
  id,
  optId,
  anyObject,
  nonEmpty,
} from './common';

export const GOAL_STATUSES = ['active', 'completed', 'cancelled', 'pending', 'archived'] as const;

export const MessageBody = z.strictObject({ message: bounded(1, 4000), conversation_id: z.optional(nonEmpty) });
export const MessageReply = loose({
  response: optStr,
  message: optStr,
  goal_id: optId,
  conversation_id: optId,
  actions_taken: opt(z.array(z.unknown())),
  triggered_actions: opt(z.array(z.unknown())),
  intent: optStr,
  suggestions: opt(z.array(z.string())),
  credits_used: optNum,
  message_id: optId,
  goal_completed: optBool,
});
export type MessageReply = z.output<typeof MessageReply>;
/** REF-B says `response`, REF-A says `message`: read either. */
export function replyText(reply: MessageReply): string | undefined {
  return reply.response ?? reply.message ?? undefined;
}

export const HistoryQuery = z.strictObject({ conversation_id: z.optional(nonEmpty), limit: z.optional(limit(500)) });
export const Conversation = loose({ id: opt(id), title: optStr, created_at: optStr, message_count: optNum });
export const ConversationList = listOf('conversations', Conversation);
export const NewConversation = loose({ conversation_id: optId, id: optId });

export const GoalsQuery = z.strictObject({
  status: z.optional(z.enum(GOAL_STATUSES)),
  limit: z.optional(limit(200)),
  offset: z.optional(offset),
});
export const GoalStep = loose({ step: opt(z.union([z.number(), z.string()])), description: optStr, status: optStr });
export const Goal = loose({
  id: opt(id),
  title: optStr,
  status: optStr,
  description: optStr,
  created_at: optStr,
  updated_at: optStr,
  credits_used: optNum,
  credits_estimated: optNum,
  parent_goal_id: optId,
  sub_goal_count: optNum,
  steps: opt(z.array(GoalStep)),
  waiting_for: optStr,
  outcome: z.optional(z.unknown()),
  /** KallyAI handed the goal to the person ("Escalate to Me"); not in the contract, read when a server sends it. */
  escalated: optBool,
  /** The conversation the goal came from (REF-A's message answer names one; read when sent). */
  conversation_id: optId,
});
export type Goal = z.output<typeof Goal>;
export const GoalList = listOf('goals', Goal);

export interface GoalTree {
  goal: Goal;
  sub_goals: GoalTree[];
  [extra: string]: unknown;
}
/** `{goal, sub_goals}`; also accepts `children`, or a goal object carrying its sub-goals inline. */
export const GoalTree: z.ZodMiniType<GoalTree, unknown> = z.pipe(
  z.transform((v: unknown) => {
    if (!v || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const subs = o.sub_goals ?? o.children ?? [];
    if ('goal' in o) return { ...o, sub_goals: subs };
    const { sub_goals: _s, children: _c, ...goal } = o;
    return { goal, sub_goals: subs };
  }),
  z.looseObject({ goal: Goal, sub_goals: z.array(z.lazy(() => GoalTree)) }),
);

export const BatchArchiveBody = z.strictObject({ goal_ids: z.array(nonEmpty).check(z.minLength(1)) });
export const GoalBudget = loose({
  goal_id: optId,
  credits_estimated: optNum,
  credits_used: optNum,
  credits_remaining: optNum,
  breakdown: opt(z.array(loose({ action: optStr, credits: optNum }))),
});
export const GoalActionResult = anyObject;
