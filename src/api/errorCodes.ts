/** What a person can do about each error code of contract §7.2, the client's own codes, and any
 *  HTTP status without a code: the kind of next step, as data. The sentences and button labels
 *  are made at the UI edge (src/pipeline/errors), in the UI language. */
export type UserActionKind =
  | 'signIn'
  | 'openPricing'
  | 'approveBudget'
  | 'acknowledgeSoftCap'
  | 'connectEmail'
  | 'provisionNumber'
  | 'chooseAnotherNumber'
  | 'editRequest'
  | 'retry'
  | 'cancelPendingChange'
  | 'openCheckout'
  | 'contactSupport'
  | 'none';

export interface UserAction {
  readonly kind: UserActionKind;
  readonly url?: string;
}

export const PRICING_URL = 'https://kallyai.com/pricing';

/** Every code this client knows, with its next step. */
export const ERROR_ACTIONS: Readonly<Record<string, UserActionKind>> = {
  // §7.2: credits and budgets
  quota_exceeded: 'openPricing',
  budget_exceeded: 'approveBudget',
  budget_approval_required: 'approveBudget',
  soft_cap_reached: 'acknowledgeSoftCap',
  // §7.2: who may be called
  missing_phone_number: 'editRequest',
  emergency_number: 'chooseAnotherNumber',
  toll_number: 'chooseAnotherNumber',
  blocked_number: 'chooseAnotherNumber',
  suppression_violation: 'chooseAnotherNumber',
  country_restriction: 'chooseAnotherNumber',
  unsupported_country: 'chooseAnotherNumber',
  // §7.2: what may be asked
  safety_violation: 'editRequest',
  scheduling_violation: 'editRequest',
  consent_denied: 'editRequest',
  unsupported_language: 'editRequest',
  // §7.2: setup
  email_not_connected: 'connectEmail',
  phone_not_provisioned: 'provisionNumber',
  // §7.2: provider failures
  email_send_failed: 'retry',
  calendar_sync_failed: 'retry',
  search_failed: 'retry',
  // §7.2: not found / state
  goal_not_found: 'none',
  goal_already_completed: 'none',
  goal_already_cancelled: 'none',
  action_not_undoable: 'none',
  call_not_found: 'none',
  conversation_not_found: 'none',
  transcript_not_found: 'retry',
  recording_not_found: 'none',
  // the client's reading of transcript_not_found for a call that ended a while ago: it has none
  no_transcript: 'none',
  // §7.2: auth
  missing_token: 'signIn',
  token_expired: 'signIn',
  forbidden: 'signIn',
  rate_limited: 'retry',
  // §7.2: subscription
  trial_requires_checkout: 'openCheckout',
  pending_change_exists: 'cancelPendingChange',
  no_active_subscription: 'openPricing',
  // the receptionist and phone numbers (codes the sandbox sends; the contract names only phone_not_provisioned)
  call_not_active: 'none',
  invalid_code: 'editRequest',
  verification_not_started: 'none',
  verification_expired: 'none',
  number_not_available: 'none',
  no_numbers_available: 'none',
  phone_number_not_found: 'none',
  voicemail_not_found: 'none',
  contact_not_found: 'none',
  rule_not_found: 'none',
  action_item_not_found: 'none',
  // generic codes servers commonly send alongside §7.2
  not_found: 'none',
  conflict: 'none',
  bad_request: 'editRequest',
  internal_error: 'retry',
  bad_gateway: 'retry',
  service_unavailable: 'retry',
  gateway_timeout: 'retry',
  invalid_grant: 'signIn',
  idempotency_key_reused: 'contactSupport',
  // the client's own codes
  invalid_input: 'editRequest',
  validation_error: 'editRequest',
  network_error: 'retry',
  timeout: 'retry',
  cancelled: 'none',
  invalid_response: 'contactSupport',
  insecure_api_address: 'none',
};

const STATUS_ACTIONS: Readonly<Record<number, UserActionKind>> = {
  400: 'editRequest',
  401: 'signIn',
  402: 'openPricing',
  403: 'none',
  404: 'none',
  405: 'contactSupport',
  409: 'none',
  410: 'none',
  413: 'editRequest',
  422: 'editRequest',
  429: 'retry',
  500: 'retry',
  502: 'retry',
  503: 'retry',
  504: 'retry',
};

/** True for a code this client has its own sentence and next step for. */
export function isKnownErrorCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(ERROR_ACTIONS, code);
}

/** The next step for a code ('quota_exceeded', 'http_503', …), or for the status when the code is unknown. */
export function actionFor(code: string, status = 0): UserAction {
  const kind = isKnownErrorCode(code)
    ? ERROR_ACTIONS[code]
    : actionForStatus(/^http_(\d{3})$/.exec(code)?.[1] ? Number(code.slice(5)) : status);
  return kind === 'openPricing' ? { kind, url: PRICING_URL } : { kind };
}

function actionForStatus(status: number): UserActionKind {
  return (
    STATUS_ACTIONS[status] ??
    (status >= 500 ? 'retry' : status >= 400 ? 'editRequest' : status === 0 ? 'none' : 'contactSupport')
  );
}

export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'network_error',
  'timeout',
  'rate_limited',
  'email_send_failed',
  'calendar_sync_failed',
  'search_failed',
]);
