/** Every error a person can meet, as one sentence and one next step, in the UI language: the
 *  API's codes (contract §7.2), the client's own codes, bare HTTP statuses, input that was refused
 *  before anything was sent, and the sign-in flows' failures. No `vscode` import: `t` is the
 *  configured translator (vscode.l10n.t in the extension). */
import { actionFor, isKnownErrorCode, type UserAction, type UserActionKind } from '../api/errorCodes';
import type { InputIssue } from '../api/validation/issues';
import { join } from 'node:path';
import { t } from './locale';

type SentenceTables = typeof import('./errorSentences');
let tables: SentenceTables | undefined;
/** The code and sign-in sentences: dist/errorSentences.js beside the bundle (src/format/ in plain Node). */
function sentences(): SentenceTables {
  tables ??= require(join(__dirname, 'errorSentences')) as SentenceTables;
  return tables;
}

export interface ErrorView {
  readonly code: string;
  readonly sentence: string;
  readonly action: UserAction & { readonly label: string };
}

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

export function actionLabel(kind: UserActionKind): string {
  return ACTION_LABELS[kind]();
}

/** The sentence for a code and status, with the server's own words for a code we do not know. */
export function errorSentence(code: string, status = 0, serverMessage?: string): string {
  if (code === 'validation_error' && serverMessage)
    return t('The server refused some of the details: {0}', serverMessage);
  const known = Object.hasOwn(sentences().CODE_SENTENCES, code) ? sentences().CODE_SENTENCES[code] : undefined;
  if (known) return known(t);
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
        : ((Object.hasOwn(sentences().AUTH_SENTENCES, code) ? sentences().AUTH_SENTENCES[code](t) : undefined) ??
          errorSentence(code));
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
