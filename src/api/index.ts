/** The KallyAI API layer: everything other layers may use. No `vscode` import anywhere in src/api. */
export { KallyClient, type ClientOptions, type RequestOptions } from './client';
export { ops, allOperations, operationById } from './catalogue';
export type { Operation, OperationSpec, InputOf, OutputOf, TextResponse, HttpMethod, PathParamsOf } from './operation';
export {
  KallyApiError,
  isKallyApiError,
  parseErrorResponse,
  actionFor,
  isKnownErrorCode,
  PRICING_URL,
  type UserAction,
  type UserActionKind,
} from './errors';
export { ERROR_ACTIONS } from './errorCodes';
export type { InputIssue, IssueKind } from './validation/issues';
export type { Resource, EstimateType, CostKey } from './resources';
export type { TokenSource } from './tokenSource';
export { redact, maskPhone } from './redact';
export { checkPhoneNumber, type PhoneCheck } from './validation/phone';
export { SUPPORTED_COUNTRIES, EMERGENCY_SHORT_CODES } from './validation/phoneCountries';
export { isValidDate, isValidTime, isValidTimeZone } from './validation/dateTime';
export {
  RUNNING_CALL_STATUSES,
  SCHEDULED_CALL_STATUS,
  callTone,
  isRunningCallStatus,
  type CallTone,
} from './callStatus';
export { backoffDelay, parseRetryAfter, type RetryPolicy } from './retry';
export { normaliseEnvelope } from './schemas/common';
export { callCreatedAt, callSummary, TASK_CATEGORIES, type Call } from './schemas/calls';
export { replyText, GOAL_STATUSES, type Goal, type GoalTree, type MessageReply } from './schemas/coordination';
export { portalUrl } from './schemas/stripe';
export type { Message } from './schemas/messages';
export type { Balance } from './schemas/credits';
export type { Pending } from './schemas/notifications';
export type { TokenSet } from './schemas/auth';
export * as schemas from './schemas/all';
