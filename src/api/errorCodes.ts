/** A sentence and a next step for every error code of contract §7.2, the client's own codes,
 *  and any HTTP status without a code. */
export type UserActionKind =
  | 'signIn' | 'openPricing' | 'approveBudget' | 'acknowledgeSoftCap' | 'connectEmail' | 'provisionNumber'
  | 'chooseAnotherNumber' | 'editRequest' | 'retry' | 'cancelPendingChange' | 'openCheckout' | 'contactSupport' | 'none';

export interface UserAction { kind: UserActionKind; label: string; url?: string }

export const PRICING_URL = 'https://kallyai.com/pricing';

const A = {
  signIn: { kind: 'signIn', label: 'Sign In' },
  openPricing: { kind: 'openPricing', label: 'Open Pricing', url: PRICING_URL },
  approveBudget: { kind: 'approveBudget', label: 'Approve Budget' },
  acknowledgeSoftCap: { kind: 'acknowledgeSoftCap', label: 'Acknowledge Cap' },
  connectEmail: { kind: 'connectEmail', label: 'Connect Email' },
  provisionNumber: { kind: 'provisionNumber', label: 'Get a Number' },
  chooseAnotherNumber: { kind: 'chooseAnotherNumber', label: 'Use Another Number' },
  editRequest: { kind: 'editRequest', label: 'Edit Request' },
  retry: { kind: 'retry', label: 'Retry' },
  cancelPendingChange: { kind: 'cancelPendingChange', label: 'Cancel Pending Change' },
  openCheckout: { kind: 'openCheckout', label: 'Start Checkout' },
  contactSupport: { kind: 'contactSupport', label: 'Report Problem' },
  none: { kind: 'none', label: 'OK' },
} satisfies Record<UserActionKind, UserAction>;

type Entry = [sentence: string, action: UserAction];

export const ERROR_CODES: Record<string, Entry> = {
  // §7.2: credits and budgets
  quota_exceeded: ['You are out of KallyAI credits. Upgrade your plan or buy more credits to continue.', A.openPricing],
  budget_exceeded: ['This goal has gone over its budget. Approve more budget or cancel the goal.', A.approveBudget],
  budget_approval_required: ["This goal's budget must be approved before KallyAI continues.", A.approveBudget],
  soft_cap_reached: ['This goal reached its soft spending cap. Acknowledge the cap to let it continue.', A.acknowledgeSoftCap],
  // §7.2: who may be called
  missing_phone_number: ['A valid phone number is required for this call.', A.editRequest],
  emergency_number: ['Emergency numbers cannot be called by KallyAI. If this is an emergency, call it yourself now.', A.chooseAnotherNumber],
  toll_number: ['Premium-rate numbers cannot be called.', A.chooseAnotherNumber],
  blocked_number: ['This number is blocked because it has been flagged for fraud.', A.chooseAnotherNumber],
  suppression_violation: ['This number is on a do-not-call list and cannot be called.', A.chooseAnotherNumber],
  country_restriction: ["Calls to this number's country are not allowed from your region.", A.chooseAnotherNumber],
  unsupported_country: ["KallyAI does not call numbers in this country. It calls the US, Canada, the UK, Spain and most European countries.", A.chooseAnotherNumber],
  // §7.2: what may be asked
  safety_violation: ['The request was refused because it breaks the usage guidelines. Rephrase what the call should do.', A.editRequest],
  scheduling_violation: ['The date or time is not valid (it may be in the past). Choose another date or time.', A.editRequest],
  consent_denied: ['Consent was declined, so KallyAI did not go ahead.', A.editRequest],
  unsupported_language: ['KallyAI speaks English (en) and Spanish (es) only. Choose one of them.', A.editRequest],
  // §7.2: setup
  email_not_connected: ['Connect an email account first.', A.connectEmail],
  phone_not_provisioned: ['Get a KallyAI phone number first.', A.provisionNumber],
  // §7.2: provider failures
  email_send_failed: ['The email could not be sent by the mail provider. Try again in a moment.', A.retry],
  calendar_sync_failed: ['The calendar could not be synchronised. Try again in a moment.', A.retry],
  search_failed: ['The search failed at the provider. Try again in a moment.', A.retry],
  // §7.2: not found / state
  goal_not_found: ['That goal no longer exists, or it is not yours.', A.none],
  goal_already_completed: ['That goal is already completed.', A.none],
  goal_already_cancelled: ['That goal is already cancelled.', A.none],
  action_not_undoable: ['That action can no longer be undone.', A.none],
  call_not_found: ['That call was not found, or it is not yours.', A.none],
  transcript_not_found: ['There is no transcript for this call yet. Try again once the call has ended.', A.retry],
  recording_not_found: ['There is no recording for this call.', A.none],
  // §7.2: auth
  missing_token: ['You are not signed in to KallyAI. Sign in to continue.', A.signIn],
  token_expired: ['Your KallyAI session has expired. Sign in again to continue.', A.signIn],
  forbidden: ['Your account is not allowed to do this. Signing in again may grant the missing permission.', A.signIn],
  rate_limited: ['Too many requests in a short time. Wait a moment, then try again.', A.retry],
  // §7.2: subscription
  trial_requires_checkout: ['Trial accounts change plan through checkout.', A.openCheckout],
  pending_change_exists: ['A plan change is already scheduled. Cancel it before making another.', A.cancelPendingChange],
  no_active_subscription: ['You have no active subscription. Choose a plan first.', A.openPricing],
  // generic codes servers commonly send alongside §7.2
  not_found: ['That item was not found on KallyAI.', A.none],
  conflict: ['This conflicts with something that already exists.', A.none],
  bad_request: ['KallyAI could not accept this request.', A.editRequest],
  internal_error: ['KallyAI had an internal error. Try again in a moment.', A.retry],
  bad_gateway: ['KallyAI is unreachable right now (bad gateway). Try again in a moment.', A.retry],
  service_unavailable: ['KallyAI is temporarily unavailable. Try again in a moment.', A.retry],
  gateway_timeout: ['KallyAI took too long to answer (gateway timeout). Try again in a moment.', A.retry],
  invalid_grant: ['The sign-in code was not accepted (it may have expired or been used). Sign in again.', A.signIn],
  // the client's own codes
  invalid_input: ['Some of the details are not valid. Correct them and try again.', A.editRequest],
  validation_error: ['The server refused some of the details. Correct them and try again.', A.editRequest],
  network_error: ['KallyAI could not be reached. Check your connection and try again.', A.retry],
  timeout: ['KallyAI took too long to answer. Try again.', A.retry],
  cancelled: ['The request was cancelled.', A.none],
  invalid_response: ['KallyAI answered in a form this extension does not understand.', A.contactSupport],
};

const STATUS_SENTENCES: Record<number, Entry> = {
  400: ['KallyAI could not accept this request.', A.editRequest],
  401: ['You are not signed in to KallyAI, or your session expired. Sign in again.', A.signIn],
  402: ['This needs more credits than you have. Upgrade your plan or buy credits.', A.openPricing],
  403: ['Your account is not allowed to do this.', A.none],
  404: ['That item was not found on KallyAI.', A.none],
  405: ['KallyAI does not support this request.', A.contactSupport],
  409: ['This conflicts with something that already exists (for example, an email address already registered).', A.none],
  410: ['That item is gone.', A.none],
  413: ['The request is too large.', A.editRequest],
  422: ['Some of the details are not valid. Correct them and try again.', A.editRequest],
  429: ['Too many requests in a short time. Wait a moment, then try again.', A.retry],
  500: ['KallyAI had an internal error. Try again in a moment.', A.retry],
  502: ['KallyAI is unreachable right now (bad gateway). Try again in a moment.', A.retry],
  503: ['KallyAI is temporarily unavailable. Try again in a moment.', A.retry],
  504: ['KallyAI took too long to answer (gateway timeout). Try again in a moment.', A.retry],
};

/** The sentence and next step for a code ('quota_exceeded', 'timeout', 'http_503', …). */
export function describeErrorCode(code: string): { sentence: string; action: UserAction } {
  const known = ERROR_CODES[code];
  if (known) return { sentence: known[0], action: known[1] };
  const status = /^http_(\d{3})$/.exec(code);
  if (status) return describeStatus(Number(status[1]));
  return { sentence: `KallyAI reported a problem (${code}).`, action: A.none };
}

/** The sentence and next step for an HTTP status that came without a usable code. */
export function describeStatus(status: number): { sentence: string; action: UserAction } {
  const entry = STATUS_SENTENCES[status] ?? (status >= 500 ? STATUS_SENTENCES[500] : status >= 400 ? STATUS_SENTENCES[400] : undefined);
  if (entry) return { sentence: entry[0], action: entry[1] };
  return { sentence: `KallyAI answered with an unexpected status ${status}.`, action: A.contactSupport };
}

export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['network_error', 'timeout', 'rate_limited', 'email_send_failed', 'calendar_sync_failed', 'search_failed']);
