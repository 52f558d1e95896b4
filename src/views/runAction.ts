import * as vscode from 'vscode';
import { KallyApiError } from '../api/errors';
import type { Log } from '../log';
import { viewId, type ViewName } from './viewNode';

/** Runs an action the user chose on an item, with the view's progress bar. Success is a short
 *  status-bar message; a failure is one error message with the action that fixes it (sign in,
 *  open pricing, retry…). Returns whether it worked. */
export async function runAction(log: Log, view: ViewName, title: string, work: () => Promise<unknown>, done?: string): Promise<boolean> {
  try {
    await vscode.window.withProgress({ location: { viewId: viewId(view) }, title }, work);
    if (done) vscode.window.setStatusBarMessage(`$(check) ${done}`, 4000);
    return true;
  } catch (e) {
    log.error(title, e);
    void showActionError(e, () => runAction(log, view, title, work, done));
    return false;
  }
}

export async function showActionError(e: unknown, retry?: () => unknown): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  const action = e instanceof KallyApiError ? e.action : undefined;
  const buttons: string[] = [];
  if (action && action.kind !== 'none') buttons.push(action.label);
  else if (retry && e instanceof KallyApiError && e.retryable) buttons.push(vscode.l10n.t('Retry'));
  const choice = await vscode.window.showErrorMessage(message, ...buttons);
  if (!choice) return;
  if (action && choice === action.label) {
    if (action.url) await vscode.env.openExternal(vscode.Uri.parse(action.url));
    else if (action.kind === 'signIn') await vscode.commands.executeCommand('kallyai.signIn');
    else if (action.kind === 'retry' && retry) await retry();
    else if (action.kind === 'openPricing' || action.kind === 'openCheckout') await vscode.commands.executeCommand('kallyai.openBillingPortal');
  } else if (retry) {
    await retry();
  }
}

/** The items a command acts on: the multi-selection when the clicked item is part of it, else the item. */
export function selection<T>(item: unknown, selected: unknown, is: (x: unknown) => x is T): T[] {
  const list = Array.isArray(selected) ? selected.filter(is) : [];
  if (is(item)) {
    if (list.length > 1 && list.includes(item)) return list;
    return [item];
  }
  return list;
}
