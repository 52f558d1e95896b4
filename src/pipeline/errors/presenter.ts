/** The one error presenter: any failure becomes one sentence and the button that fixes it (sign in,
 *  open pricing, retry, edit the request…). Only what the person did comes here, one notice each,
 *  being offline included: background requests (polls, view loads, probes) never do, as the status
 *  bar and the views show an outage. A cancellation shows nothing. Commands, view actions, pages
 *  and chat all present through it. */
import * as vscode from 'vscode';
import type { UserActionKind } from '../../api/errorCodes';
import type { Log } from '../../platform/log';
import { describeError, type ErrorView } from '../../format/errors';
import { actionCommand } from './actionCommands';
import { notificationText, plainText } from '../../format/sinks';
import { notify } from '../../platform/notify';
import { recordShown } from '../../platform/shownInTests';

/** The outcome of a failed command, as returned to `executeCommand` callers (tests, chat). */
export interface FailureResult {
  readonly outcome: 'failed';
  readonly code: string;
  readonly message: string;
  readonly action: UserActionKind;
}

/** Handlers for actions that depend on where the error happened ("Edit Request" re-opens the
 *  form, "Retry" repeats the request). Actions without a handler use the default below. */
export type ActionHandlers = Partial<Record<UserActionKind, () => unknown>>;

export interface ErrorPresenter {
  /** Shows the error (unless it is a cancellation) and returns it as a command result. */
  show(error: unknown, handlers?: ActionHandlers, fieldLabels?: Readonly<Record<string, string>>): FailureResult;
  describe(error: unknown, fieldLabels?: Readonly<Record<string, string>>): ErrorView;
}

export function createErrorPresenter(log: Log): ErrorPresenter {
  const show = (
    error: unknown,
    handlers: ActionHandlers = {},
    fieldLabels: Readonly<Record<string, string>> = {},
  ): FailureResult => {
    const view = describeError(error, fieldLabels);
    const result: FailureResult = {
      outcome: 'failed',
      code: view.code,
      message: view.sentence,
      action: view.action.kind,
    };
    if (view.code === 'cancelled' || view.code === 'auth_cancelled') return result;
    if (view.code === 'unexpected_error') log.error('Command failed', error);
    else log.warn(`Request failed: ${view.code}${error instanceof Error ? ` (${error.message})` : ''}`);

    const runnable = canRun(view.action.kind, handlers) || !!view.action.url;
    const button = plainText(view.action.label);
    const buttons = runnable && view.action.label ? [button] : [];
    const quiet = ['retry', 'none', 'editRequest'].includes(view.action.kind);
    // The sentence may carry the server's own words (an unknown code's message): no link can form.
    void notify(quiet ? 'warning' : 'error', notificationText(view.sentence), ...buttons)
      .then((choice) => {
        if (choice && choice === button) return runAction(view, handlers, log);
      })
      .then(undefined, (err) => log.error('The error action failed', err));
    return result;
  };

  return { show, describe: describeError };
}

/** Whether a button for this action can do something here (context-dependent actions need a handler). */
function canRun(kind: UserActionKind, handlers: ActionHandlers): boolean {
  return !!handlers[kind] || actionCommand(kind) !== undefined;
}

/** Runs the action behind a button: the caller's handler first, then the command for its kind. */
async function runAction(view: ErrorView, handlers: ActionHandlers, log: Log): Promise<unknown> {
  const handler = handlers[view.action.kind];
  if (handler) return handler();
  if (view.action.kind === 'contactSupport') {
    recordShown('ran', 'kallyai.showLog');
    return log.show();
  }
  const action = actionCommand(view.action.kind, view.action.url);
  if (!action) return undefined;
  const args =
    action.command === 'vscode.open'
      ? (action.arguments?.map((a) => vscode.Uri.parse(String(a))) ?? [])
      : (action.arguments ?? []);
  recordShown('ran', action.command, ...args.map(String));
  return vscode.commands.executeCommand(action.command, ...args);
}
