import * as vscode from 'vscode';
import { isKallyApiError } from '../api/errors';
import { describeError, t } from '../format';

/** How a failed load shows in a view: one inline node, never a pop-up. */
export interface LoadErrorView {
  label: string;
  detail: string;
  icon: string;
  command: vscode.Command;
  /** Offline or a server error: the view retries by itself with backoff. */
  retryable: boolean;
  /** The user must sign in again; the auth provider asks once, the node offers it too. */
  needsSignIn: boolean;
}

const UNREACHABLE = new Set(['network_error', 'timeout', 'service_unavailable', 'internal_error', 'rate_limited']);
const GATEWAY = new Set([502, 503, 504]);

/** KallyAI gave no answer — no connection, none in time — or only its gateway answered (502, 503,
 *  504): it cannot be reached, whatever was asked. Any other error is an answer. */
export function isUnreachable(e: unknown): boolean {
  return isKallyApiError(e) && (e.code === 'network_error' || e.code === 'timeout' || GATEWAY.has(e.status));
}

export function isSignInError(e: unknown): boolean {
  return isKallyApiError(e) && (e.status === 401 || e.action.kind === 'signIn');
}

export function describeLoadError(e: unknown, what: string, retryArgs: unknown[]): LoadErrorView {
  // Short enough for a 300-pixel side bar: the address and the reason are in the row's tooltip.
  const unreachable = t("Can't reach KallyAI — Retry");
  const retry: vscode.Command = { command: 'kallyai.retry', title: t('Retry'), arguments: retryArgs };
  const sentence = describeError(e).sentence;
  if (isSignInError(e)) {
    return {
      label: t('Sign in again to see {0}', what),
      detail: sentence,
      icon: 'account',
      command: { command: 'kallyai.signIn', title: t('Sign In') },
      retryable: false,
      needsSignIn: true,
    };
  }
  if (isKallyApiError(e)) {
    if (e.code === 'invalid_response') {
      return {
        label: t('Could not read {0} from KallyAI — Retry', what),
        detail: e.field ? t('{0} (field: {1})', sentence, e.field) : sentence,
        icon: 'warning',
        command: retry,
        retryable: false,
        needsSignIn: false,
      };
    }
    if (UNREACHABLE.has(e.code) || e.status >= 500 || e.status === 429 || e.status === 0) {
      return {
        label: unreachable,
        detail: sentence,
        icon: 'debug-disconnect',
        command: retry,
        retryable: true,
        needsSignIn: false,
      };
    }
    return {
      label: t('Could not load {0}: {1} — Retry', what, sentence),
      detail: sentence,
      icon: 'error',
      command: retry,
      retryable: false,
      needsSignIn: false,
    };
  }
  return {
    label: unreachable,
    detail: sentence,
    icon: 'debug-disconnect',
    command: retry,
    retryable: true,
    needsSignIn: false,
  };
}
