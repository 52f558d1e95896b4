/** The sentence of each API error code (contract §7.2) and of each sign-in failure: the bulk of
 *  the error sentences, a bundle of its own (dist/errorSentences.js) that errors.ts reads on the
 *  first error, so that activation does not load it. Each sentence is written with the translator
 *  it is handed (the caller's `t`: every bundle and the MCP server translate for themselves).
 *  No `vscode` import. */
import type { Translate } from './locale';

/** One sentence, in the language of the translator it is given. */
export type Sentence = (t: Translate) => string;

export const CODE_SENTENCES: Readonly<Record<string, Sentence>> = {
  quota_exceeded: (t) => t('You are out of KallyAI credits. Upgrade your plan or buy more credits to continue.'),
  budget_exceeded: (t) => t('This goal has gone over its budget. Approve more budget or cancel the goal.'),
  budget_approval_required: (t) => t("This goal's budget must be approved before KallyAI continues."),
  soft_cap_reached: (t) => t('This goal reached its soft spending cap. Acknowledge the cap to let it continue.'),
  missing_phone_number: (t) => t('A valid phone number is required for this call.'),
  emergency_number: (t) =>
    t('Emergency numbers cannot be called by KallyAI. If this is an emergency, call it yourself now.'),
  toll_number: (t) => t('Premium-rate numbers cannot be called.'),
  blocked_number: (t) => t('This number is blocked because it has been flagged for fraud.'),
  suppression_violation: (t) => t('This number is on a do-not-call list and cannot be called.'),
  country_restriction: (t) => t("Calls to this number's country are not allowed from your region."),
  unsupported_country: (t) =>
    t(
      'KallyAI does not support this country: it calls, and offers phone numbers in, the US, Canada, the UK, Spain and most European countries.',
    ),
  safety_violation: (t) =>
    t('The request was refused because it breaks the usage guidelines. Rephrase what the call should do.'),
  scheduling_violation: (t) => t('The date or time is not valid (it may be in the past). Choose another date or time.'),
  consent_denied: (t) => t('Consent was declined, so KallyAI did not go ahead.'),
  unsupported_language: (t) => t('KallyAI speaks English (en) and Spanish (es) only. Choose one of them.'),
  email_not_connected: (t) => t('Connect an email account first.'),
  phone_not_provisioned: (t) =>
    t('You have no KallyAI phone number yet: provision one, and KallyAI answers the calls made to it.'),
  call_not_active: (t) => t('That call is no longer live: it was answered, transferred or has ended.'),
  invalid_code: (t) =>
    t('That verification code is not right. Check the text message and enter the code again, or send a new code.'),
  verification_not_started: (t) => t('No verification code was sent to that number yet. Send a code first.'),
  verification_expired: (t) => t('That verification code has expired. Send a new code.'),
  number_not_available: (t) => t('That number was just taken. Pick another available number.'),
  no_numbers_available: (t) => t('No numbers are available there right now. Try another area code or country.'),
  phone_number_not_found: (t) => t('That phone number is no longer on your account.'),
  voicemail_not_found: (t) => t('That voicemail no longer exists.'),
  contact_not_found: (t) => t('That contact no longer exists.'),
  rule_not_found: (t) => t('That rule no longer exists.'),
  action_item_not_found: (t) => t('That action item no longer exists.'),
  email_send_failed: (t) => t('The email could not be sent by the mail provider. Try again in a moment.'),
  calendar_sync_failed: (t) => t('The calendar could not be synchronised. Try again in a moment.'),
  search_failed: (t) => t('The search failed at the provider. Try again in a moment.'),
  goal_not_found: (t) => t('That goal no longer exists, or it is not yours.'),
  goal_already_completed: (t) => t('That goal is already completed.'),
  goal_already_cancelled: (t) => t('That goal is already cancelled.'),
  action_not_undoable: (t) => t('That action can no longer be undone.'),
  call_not_found: (t) => t('That call was not found, or it is not yours.'),
  conversation_not_found: (t) => t('That conversation no longer exists.'),
  transcript_not_found: (t) => t('There is no transcript for this call yet. Try again once the call has ended.'),
  no_transcript: (t) => t('This call has no transcript.'),
  recording_not_found: (t) => t('There is no recording for this call.'),
  missing_token: (t) => t('You are not signed in to KallyAI. Sign in to continue.'),
  token_expired: (t) => t('Your KallyAI session has expired. Sign in again to continue.'),
  forbidden: (t) => t('Your account is not allowed to do this. Signing in again may grant the missing permission.'),
  rate_limited: (t) => t('Too many requests in a short time. Wait a moment, then try again.'),
  trial_requires_checkout: (t) => t('Trial accounts change plan through checkout.'),
  pending_change_exists: (t) => t('A plan change is already scheduled. Cancel it before making another.'),
  no_active_subscription: (t) => t('You have no active subscription. Choose a plan first.'),
  not_found: (t) => t('That item was not found on KallyAI.'),
  conflict: (t) => t('This conflicts with something that already exists.'),
  bad_request: (t) => t('KallyAI could not accept this request.'),
  internal_error: (t) => t('KallyAI had an internal error. Try again in a moment.'),
  bad_gateway: (t) => t('KallyAI is unreachable right now (bad gateway). Try again in a moment.'),
  service_unavailable: (t) => t('KallyAI is temporarily unavailable. Try again in a moment.'),
  gateway_timeout: (t) => t('KallyAI took too long to answer (gateway timeout). Try again in a moment.'),
  invalid_grant: (t) => t('The sign-in code was not accepted (it may have expired or been used). Sign in again.'),
  idempotency_key_reused: (t) =>
    t('KallyAI refused a repeated request that did not match the first one. Nothing was done twice.'),
  invalid_input: (t) => t('Some of the details are not valid. Correct them and try again.'),
  validation_error: (t) => t('The server refused some of the details. Correct them and try again.'),
  network_error: (t) => t('KallyAI could not be reached. Check your connection and try again.'),
  timeout: (t) => t('KallyAI took too long to answer. Try again.'),
  cancelled: (t) => t('The request was cancelled.'),
  invalid_response: (t) => t('KallyAI answered in a form this extension does not understand.'),
  insecure_api_address: (t) =>
    t(
      'The kallyai.apiBaseUrl setting is a plain http address on another computer: KallyAI is reached over https only (http only on this computer, for a local sandbox). Nothing was sent; change the setting to an https address.',
    ),
  response_too_large: (t) => t('KallyAI sent an answer too large to read.'),
};

/** The sign-in flows' failure codes (src/auth/authErrors.ts). */
export const AUTH_SENTENCES: Readonly<Record<string, Sentence>> = {
  denied: (t) => t('KallyAI did not sign you in: the sign-in was refused.'),
  listener_failed: (t) => t('The sign-in could not start: no local port was free for KallyAI to answer on.'),
  browser_failed: (t) => t('The browser could not be opened for the sign-in.'),
  token_rejected: (t) => t('KallyAI did not accept that token. Copy a fresh one and try again.'),
  file_unavailable: (t) => t('The kallyai CLI sign-in file could not be read.'),
  insecure_address: (t) => CODE_SENTENCES.insecure_api_address(t),
  invalid_address: (t) =>
    t('The kallyai.apiBaseUrl setting is not a web address (https://…): change it, then sign in.'),
  not_a_token: (t) =>
    t(
      'This is not a KallyAI token: paste the JSON from Settings → Developer → API Tokens, or the access token itself.',
    ),
  network: (t) =>
    t('KallyAI could not be reached to renew your session. It is kept and renewed when the connection is back.'),
  refused: (t) => t('Your KallyAI session has ended. Sign in again to continue.'),
};
