import { defineDomain } from '../operation';
import * as s from '../schemas/coordination';

const goal = '/v1/coordination/goals/{id}';

/** Goals and conversations (contract §5.1). Anything that lets a goal proceed may spend credits and contact people. */
export const coordination = defineDomain('coordination', {
  message: { method: 'POST', path: '/v1/coordination/message', body: s.MessageBody, response: s.MessageReply, costsCredits: true, changes: ['goals', 'credits', 'conversations'], summary: 'Ask KallyAI something; it may start a goal' },
  history: { method: 'GET', path: '/v1/coordination/history', query: s.HistoryQuery, response: s.GoalActionResult, summary: 'Conversation history' },
  conversations: { method: 'GET', path: '/v1/coordination/conversations', response: s.ConversationList, summary: 'List conversations' },
  newConversation: { method: 'POST', path: '/v1/coordination/conversations', response: s.NewConversation, changes: ['conversations'], summary: 'Start a new conversation' },
  goals: { method: 'GET', path: '/v1/coordination/goals', query: s.GoalsQuery, response: s.GoalList, summary: 'List goals' },
  goal: { method: 'GET', path: goal, response: s.Goal, summary: 'Goal details with steps' },
  goalTree: { method: 'GET', path: `${goal}/tree`, response: s.GoalTree, summary: 'A goal with its sub-goals' },
  cancelGoal: { method: 'POST', path: `${goal}/cancel`, response: s.GoalActionResult, irreversible: true, changes: ['goals'], summary: 'Cancel a goal' },
  cascadeCancel: { method: 'POST', path: `${goal}/cascade-cancel`, response: s.GoalActionResult, irreversible: true, changes: ['goals'], summary: 'Cancel a goal and all its sub-goals' },
  escalate: { method: 'POST', path: `${goal}/escalate`, response: s.GoalActionResult, changes: ['goals'], summary: 'Hand a goal to a person' },
  approveStep: { method: 'POST', path: `${goal}/approve-step`, response: s.GoalActionResult, costsCredits: true, contactsPeople: true, changes: ['goals', 'credits'], summary: 'Approve the step a goal is waiting on' },
  acceptOutcome: { method: 'POST', path: `${goal}/accept-outcome`, response: s.GoalActionResult, irreversible: true, changes: ['goals'], summary: 'Accept the outcome and complete the goal' },
  continueNegotiating: { method: 'POST', path: `${goal}/continue-negotiating`, response: s.GoalActionResult, costsCredits: true, contactsPeople: true, changes: ['goals', 'credits'], summary: 'Reject the outcome and keep negotiating' },
  archive: { method: 'POST', path: `${goal}/archive`, response: s.GoalActionResult, idempotent: true, changes: ['goals'], summary: 'Archive a goal' },
  batchArchive: { method: 'POST', path: '/v1/coordination/goals/batch-archive', body: s.BatchArchiveBody, response: s.GoalActionResult, idempotent: true, changes: ['goals'], summary: 'Archive several goals' },
  goalBudget: { method: 'GET', path: `${goal}/budget`, response: s.GoalBudget, summary: 'Budget of a goal' },
});
