/** Every error a person can meet, as one sentence and one next step, in the UI language: the
 *  API's codes (contract §7.2), the client's own codes, bare HTTP statuses, input that was refused
 *  before anything was sent, and the sign-in flows' failures. No `vscode` import: `t` is the
 *  configured translator (vscode.l10n.t in the extension). */
import { actionFor, isKnownErrorCode, type UserAction, type UserActionKind } from '../api/errorCodes';
import type { InputIssue } from '../api/validation/issues';
import { t } from './locale';

export interface ErrorView {
  readonly code: string;
  readonly sentence: string;
  readonly action: UserAction & { readonly label: string };
}

const CODE_SENTENCES: Record<string, () => string> = {
  quota_exceeded: () => t('You are out of KallyAI credits. Upgrade your plan or buy more credits to continue.'),
  budget_exceeded: () => t('This goal has gone over its budget. Approve more budget or cancel the goal.'),
  budget_approval_required: () => t("This goal's budget must be approved before KallyAI continues."),
  soft_cap_reached: () => t('This goal reached its soft spending cap. Acknowledge the cap to let it continue.'),
  missing_phone_number: () => t('A valid phone number is required for this call.'),
  emergency_number: () =>
    t('Emergency numbers cannot be called by KallyAI. If this is an emergency, call it yourself now.'),
  toll_number: () => t('Premium-rate numbers cannot be called.'),
  blocked_number: () => t('This number is blocked because it has been flagged for fraud.'),
  suppression_violation: () => t('This number is on a do-not-call list and cannot be called.'),
  country_restriction: () => t("Calls to this number's country are not allowed from your region."),
  unsupported_country: () =>
    t(
      'KallyAI does not support this country: it calls, and offers phone numbers in, the US, Canada, the UK, Spain and most European countries.',
    ),
  safety_violation: () =>
    t('The request was refused because it breaks the usage guidelines. Rephrase what the call should do.'),
  scheduling_violation: () => t('The date or time is not valid (it may be in the past). Choose another date or time.'),
  consent_denied: () => t('Consent was declined, so KallyAI did not go ahead.'),
  unsupported_language: () => t('KallyAI speaks English (en) and Spanish (es) only. Choose one of them.'),
  email_not_connected: () => t('Connect an email account first.'),
  phone_not_provisioned: () =>
    t('You have no KallyAI phone number yet: provision one, and KallyAI answers the calls made to it.'),
  call_not_active: () => t('That call is no longer live: it was answered, transferred or has ended.'),
  invalid_code: () =>
    t('That verification code is not right. Check the text message and enter the code again, or send a new code.'),
  verification_not_started: () => t('No verification code was sent to that number yet. Send a code first.'),
  verification_expired: () => t('That verification code has expired. Send a new code.'),
  number_not_available: () => t('That number was just taken. Pick another available number.'),
  no_numbers_available: () => t('No numbers are available there right now. Try another area code or country.'),
  phone_number_not_found: () => t('That phone number is no longer on your account.'),
  voicemail_not_found: () => t('That voicemail no longer exists.'),
  contact_not_found: () => t('That contact no longer exists.'),
  rule_not_found: () => t('That rule no longer exists.'),
  action_item_not_found: () => t('That action item no longer exists.'),
  email_send_failed: () => t('The email could not be sent by the mail provider. Try again in a moment.'),
  calendar_sync_failed: () => t('The calendar could not be synchronised. Try again in a moment.'),
  search_failed: () => t('The search failed at the provider. Try again in a moment.'),
  goal_not_found: () => t('That goal no longer exists, or it is not yours.'),
  goal_already_completed: () => t('That goal is already completed.'),
  goal_already_cancelled: () => t('That goal is already cancelled.'),
  action_not_undoable: () => t('That action can no longer be undone.'),
  call_not_found: () => t('That call was not found, or it is not yours.'),
  conversation_not_found: () => t('That conversation no longer exists.'),
  transcript_not_found: () => t('There is no transcript for this call yet. Try again once the call has ended.'),
  no_transcript: () => t('This call has no transcript.'),
  recording_not_found: () => t('There is no recording for this call.'),
  missing_token: () => t('You are not signed in to KallyAI. Sign in to continue.'),
  token_expired: () => t('Your KallyAI session has expired. Sign in again to continue.'),
  forbidden: () => t('Your account is not allowed to do this. Signing in again may grant the missing permission.'),
  rate_limited: () => t('Too many requests in a short time. Wait a moment, then try again.'),
  trial_requires_checkout: () => t('Trial accounts change plan through checkout.'),
  pending_change_exists: () => t('A plan change is already scheduled. Cancel it before making another.'),
  no_active_subscription: () => t('You have no active subscription. Choose a plan first.'),
  not_found: () => t('That item was not found on KallyAI.'),
  conflict: () => t('This conflicts with something that already exists.'),
  bad_request: () => t('KallyAI could not accept this request.'),
  internal_error: () => t('KallyAI had an internal error. Try again in a moment.'),
  bad_gateway: () => t('KallyAI is unreachable right now (bad gateway). Try again in a moment.'),
  service_unavailable: () => t('KallyAI is temporarily unavailable. Try again in a moment.'),
  gateway_timeout: () => t('KallyAI took too long to answer (gateway timeout). Try again in a moment.'),
  invalid_grant: () => t('The sign-in code was not accepted (it may have expired or been used). Sign in again.'),
  idempotency_key_reused: () =>
    t('KallyAI refused a repeated request that did not match the first one. Nothing was done twice.'),
  invalid_input: () => t('Some of the details are not valid. Correct them and try again.'),
  validation_error: () => t('The server refused some of the details. Correct them and try again.'),
  network_error: () => t('KallyAI could not be reached. Check your connection and try again.'),
  timeout: () => t('KallyAI took too long to answer. Try again.'),
  cancelled: () => t('The request was cancelled.'),
  invalid_response: () => t('KallyAI answered in a form this extension does not understand.'),
  insecure_api_address: () =>
    t(
      'The kallyai.apiBaseUrl setting is a plain http address on another computer: KallyAI is reached over https only (http only on this computer, for a local sandbox). Nothing was sent; change the setting to an https address.',
    ),
  response_too_large: () => t('KallyAI sent an answer too large to read.'),
};

const STATUS_SENTENCES: Record<number, () => string> = {
  400: () => t('KallyAI could not accept this request.'),
  401: () => t('You are not signed in to KallyAI, or your session expired. Sign in again.'),
  402: () => t('This needs more credits than you have. Upgrade your plan or buy credits.'),
  403: () => t('Your account is not allowed to do this.'),
  404: () => t('That item was not found on KallyAI.'),
  405: () => t('KallyAI does not support this request.'),
  409: () => t('This conflicts with something that already exists (for example, an email address already registered).'),
  410: () => t('That item is gone.'),
  413: () => t('The request is too large.'),
  422: () => t('Some of the details are not valid. Correct them and try again.'),
  429: () => t('Too many requests in a short time. Wait a moment, then try again.'),
  500: () => t('KallyAI had an internal error. Try again in a moment.'),
  502: () => t('KallyAI is unreachable right now (bad gateway). Try again in a moment.'),
  503: () => t('KallyAI is temporarily unavailable. Try again in a moment.'),
  504: () => t('KallyAI took too long to answer (gateway timeout). Try again in a moment.'),
};

const ACTION_LABELS: Record<UserActionKind, () => string> = {
  signIn: () => t('Sign In'),
  openPricing: () => t('Open Pricing'),
  approveBudget: () => t('Approve Budget'),
  acknowledgeSoftCap: () => t('Acknowledge Cap'),
  connectEmail: () => t('Connect Email Account'),
  provisionNumber: () => t('Provision a Number'),
  chooseAnotherNumber: () => t('Use Another Number'),
  editRequest: () => t('Edit Request'),
  retry: () => t('Retry'),
  cancelPendingChange: () => t('Cancel Pending Change'),
  openCheckout: () => t('Start Checkout'),
  contactSupport: () => t('Show Log'),
  none: () => '',
};

/** The sign-in flows' failure codes (src/auth/authErrors.ts). */
const AUTH_SENTENCES: Record<string, () => string> = {
  denied: () => t('KallyAI did not sign you in: the sign-in was refused.'),
  listener_failed: () => t('The sign-in could not start: no local port was free for KallyAI to answer on.'),
  browser_failed: () => t('The browser could not be opened for the sign-in.'),
  token_rejected: () => t('KallyAI did not accept that token. Copy a fresh one and try again.'),
  file_unavailable: () => t('The kallyai CLI sign-in file could not be read.'),
  insecure_address: () => CODE_SENTENCES.insecure_api_address(),
  invalid_address: () => t('The kallyai.apiBaseUrl setting is not a web address (https://…): change it, then sign in.'),
  not_a_token: () =>
    t(
      'This is not a KallyAI token: paste the JSON from Settings → Developer → API Tokens, or the access token itself.',
    ),
  network: () =>
    t('KallyAI could not be reached to renew your session. It is kept and renewed when the connection is back.'),
  refused: () => t('Your KallyAI session has ended. Sign in again to continue.'),
};

export function actionLabel(kind: UserActionKind): string {
  return ACTION_LABELS[kind]();
}

/** The sentence for a code and status, with the server's own words for a code we do not know. */
export function errorSentence(code: string, status = 0, serverMessage?: string): string {
  if (code === 'validation_error' && serverMessage)
    return t('The server refused some of the details: {0}', serverMessage);
  const known = CODE_SENTENCES[code];
  if (known) return known();
  const fromStatus = /^http_(\d{3})$/.exec(code);
  const httpStatus = fromStatus ? Number(fromStatus[1]) : status;
  if (!isKnownErrorCode(code) && serverMessage && !fromStatus) return serverMessage;
  const byStatus =
    STATUS_SENTENCES[httpStatus] ??
    (httpStatus >= 500 ? STATUS_SENTENCES[500] : httpStatus >= 400 ? STATUS_SENTENCES[400] : undefined);
  if (byStatus) return byStatus();
  return t('KallyAI reported a problem ({0}).', code);
}

/** A field refused before anything was sent: "Party size must be at most 50." */
export function issueSentence(issue: InputIssue, fieldLabel?: string): string {
  const label = fieldLabel ?? (issue.field ? humanField(issue.field) : t('The input'));
  const values = (issue.values ?? []).join(', ');
  switch (issue.kind) {
    case 'required':
      return t('{0} is required.', label);
    case 'empty':
      return t('{0} must not be empty.', label);
    case 'too_short':
      return t('{0} must be at least {1} characters.', label, issue.limit ?? 0);
    case 'too_long':
      return t('{0} must be at most {1} characters.', label, issue.limit ?? 0);
    case 'too_small':
      return t('{0} must be at least {1}.', label, issue.limit ?? 0);
    case 'too_big':
      return t('{0} must be at most {1}.', label, issue.limit ?? 0);
    case 'too_few':
      return t('{0} needs at least {1}.', label, issue.limit ?? 0);
    case 'too_many':
      return t('{0} allows at most {1}.', label, issue.limit ?? 0);
    case 'not_one_of':
      return t('{0} must be one of: {1}.', label, values);
    case 'unknown_fields':
      return t('{0} has fields this request does not take: {1}.', label, values);
    case 'wrong_type':
      return t('{0} has the wrong kind of value.', label);
    case 'format':
      return t('{0} is not a valid {1}.', label, issue.expected ?? '');
    case 'rule':
      return t(issue.template ?? '', ...(issue.args ?? []));
  }
}

/** 'submission.party_size' → 'Party size'. */
export function humanField(path: string): string {
  const last = path.split('.').pop() ?? path;
  const words = last.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface ErrorLike {
  code?: unknown;
  status?: unknown;
  serverMessage?: unknown;
  issue?: unknown;
  name?: unknown;
  message?: unknown;
  command?: unknown;
}

/** Anything thrown, as the sentence and next step a person sees. `fieldLabels` names fields as the form did. */
export function describeError(error: unknown, fieldLabels: Readonly<Record<string, string>> = {}): ErrorView {
  const e = (error && typeof error === 'object' ? error : {}) as ErrorLike;
  if (e.name === 'AuthFlowError' && typeof e.code === 'string') {
    const code = e.code === 'timeout' ? 'timeout' : e.code === 'cancelled' ? 'cancelled' : e.code;
    const sentence =
      code === 'file_exposed' && typeof e.command === 'string'
        ? t(
            'Other users of this computer can read the kallyai CLI sign-in file, so KallyAI did not use it. Make it private, then import it again: {0}',
            e.command,
          )
        : (AUTH_SENTENCES[code]?.() ?? errorSentence(code));
    const kind: UserActionKind = code === 'network' ? 'retry' : code === 'cancelled' ? 'none' : 'signIn';
    return { code: `auth_${code}`, sentence, action: { kind, label: actionLabel(kind) } };
  }
  if (typeof e.code === 'string' && typeof e.status === 'number') {
    const code = e.code;
    const issue = e.issue as InputIssue | undefined;
    const sentence = issue
      ? issueSentence(issue, fieldLabels[issue.field] ?? fieldLabels[issue.field.split('.').pop() ?? ''])
      : errorSentence(code, e.status, typeof e.serverMessage === 'string' ? e.serverMessage : undefined);
    const action = actionFor(code, e.status);
    return { code, sentence, action: { ...action, label: actionLabel(action.kind) } };
  }
  if (e.name === 'CommandArgumentsError') {
    const issues = (error as { issues?: unknown }).issues;
    return {
      code: 'invalid_arguments',
      sentence: t(
        'This command was given arguments it does not take: {0}',
        Array.isArray(issues) ? issues.join('; ') : String(e.message),
      ),
      action: { kind: 'none', label: '' },
    };
  }
  if (e.name === 'ResultError' && typeof e.message === 'string') {
    return { code: 'invalid_response', sentence: e.message, action: { kind: 'none', label: '' } };
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    code: 'unexpected_error',
    sentence: t('Something went wrong: {0}', text),
    action: { kind: 'contactSupport', label: actionLabel('contactSupport') },
  };
}
