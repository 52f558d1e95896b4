/** Shows a failure to the user: one sentence, and the action that fixes it as a button.
 *  KallyApiError carries both (src/api/errors.ts); local refusals (a phone number refused before
 *  anything is sent) use the same shape. Being offline gives one quiet notice, not a storm. */
import * as vscode from 'vscode';
import { KallyApiError, type UserAction, type UserActionKind } from '../api/errors';
import type { Log } from '../log';
import { CommandArgumentsError } from './commandArgs';

/** What the presenter needs to show a failure. */
export interface PresentableError {
  readonly code: string;
  readonly message: string;
  readonly action: UserAction;
}

/** The outcome of a failed command, as returned to `executeCommand` callers. */
export interface FailureResult {
  readonly code: string;
  readonly message: string;
  readonly action: UserActionKind;
}

/** Per-call handlers for actions that depend on where the error happened ("Edit Request" re-opens the
 *  call wizard, "Retry" repeats the request). Actions without a handler use the default below. */
export type ActionHandlers = Partial<Record<UserActionKind, () => unknown>>;

export interface ErrorPresenter {
  /** Shows the error (unless it is a cancellation) and returns what happened, for the command's result. */
  show(error: unknown, handlers?: ActionHandlers): FailureResult;
  /** Turns anything thrown into the presentable shape without showing it. */
  toPresentable(error: unknown): PresentableError;
}

const OFFLINE_CODES = new Set(['network_error', 'timeout']);
const OFFLINE_QUIET_MS = 60_000;
const PRICING_URL = 'https://kallyai.com/pricing';

export function createErrorPresenter(log: Log): ErrorPresenter {
  let lastOfflineNotice = 0;

  const toPresentable = (error: unknown): PresentableError => {
    if (error instanceof KallyApiError) return { code: error.code, message: error.message, action: error.action };
    if (isPresentable(error)) return error;
    if (error instanceof CommandArgumentsError) {
      return { code: 'invalid_arguments', message: error.message, action: { kind: 'none', label: '' } };
    }
    const text = error instanceof Error ? error.message : String(error);
    return { code: 'unexpected_error', message: vscode.l10n.t('Something went wrong: {0}', text), action: { kind: 'none', label: '' } };
  };

  const show = (error: unknown, handlers: ActionHandlers = {}): FailureResult => {
    const e = toPresentable(error);
    const result: FailureResult = { code: e.code, message: e.message, action: e.action.kind };
    if (e.code === 'cancelled') return result;
    if (e.code === 'unexpected_error' || e.code === 'invalid_arguments') log.error('Command failed', error);
    else log.warn(`Request failed: ${e.code}`);

    if (OFFLINE_CODES.has(e.code)) {
      // One quiet notice per minute: views and pollers keep failing while offline, the user needs to hear it once.
      const now = Date.now();
      if (now - lastOfflineNotice < OFFLINE_QUIET_MS) return result;
      lastOfflineNotice = now;
      vscode.window.setStatusBarMessage(`$(cloud-offline) ${e.message}`, 10_000);
      void vscode.window.showWarningMessage(e.message);
      return result;
    }

    const label = canRun(e.action, handlers) ? buttonLabel(e.action) : undefined;
    const buttons = label ? [label] : [];
    const notify = e.action.kind === 'retry' || e.action.kind === 'none' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    void notify(e.message, ...buttons).then((choice) => {
      if (choice && choice === label) return runAction(e.action, handlers);
    }).then(undefined, (err) => log.error('The error action failed', err));
    return result;
  };

  return { show, toPresentable };
}

function isPresentable(v: unknown): v is PresentableError {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return typeof o.code === 'string' && typeof o.message === 'string' && !!o.action && typeof (o.action as UserAction).kind === 'string';
}

function buttonLabel(action: UserAction): string | undefined {
  if (action.kind === 'none') return undefined;
  return action.label || undefined;
}

/** Whether a button for this action can do something here (context-dependent actions need a handler). */
function canRun(action: UserAction, handlers: ActionHandlers): boolean {
  if (handlers[action.kind]) return true;
  switch (action.kind) {
    case 'signIn':
    case 'openPricing':
    case 'approveBudget':
    case 'acknowledgeSoftCap':
      return true;
    default:
      return !!action.url;
  }
}

/** Runs the action behind a button: the caller's handler first, then the default for its kind. */
async function runAction(action: UserAction, handlers: ActionHandlers): Promise<unknown> {
  const handler = handlers[action.kind];
  if (handler) return handler();
  switch (action.kind) {
    case 'signIn':
      return vscode.commands.executeCommand('kallyai.signIn');
    case 'openPricing':
      return vscode.env.openExternal(vscode.Uri.parse(action.url ?? PRICING_URL));
    case 'approveBudget':
    case 'acknowledgeSoftCap':
      // Budget and soft-cap approvals are per goal: they live on the goal's node in the Goals view.
      return vscode.commands.executeCommand('kallyai.goals.focus');
    default:
      if (action.url) return vscode.env.openExternal(vscode.Uri.parse(action.url));
      return undefined;
  }
}
