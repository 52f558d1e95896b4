/** The only door to VS Code's notifications, modals, progress titles and status-bar messages. Each
 *  takes only the form src/format/sinks.ts makes for it (a notification's text cannot form a link,
 *  a modal's lines are plain and capped…), so text from the service cannot reach one as it came;
 *  lint keeps `vscode.window.show*Message`, `withProgress` and `setStatusBarMessage` to this file. */
import * as vscode from 'vscode';
import type { NotificationText, PickText, PlainText } from '../format/sinks';
import { pressedInTests, recordShown } from './shownInTests';

export type Severity = 'info' | 'warning' | 'error';

const SHOW = {
  info: vscode.window.showInformationMessage,
  warning: vscode.window.showWarningMessage,
  error: vscode.window.showErrorMessage,
} as const;

/** A notification with buttons; resolves with the button chosen (undefined when closed). */
export function notify<B extends PlainText>(
  severity: Severity,
  message: NotificationText,
  ...buttons: B[]
): Thenable<B | undefined> {
  recordShown('notification', message, ...buttons);
  const pressed = buttons.find((b) => b === pressedInTests(message, buttons));
  if (pressed) return Promise.resolve(pressed);
  return SHOW[severity](message, ...buttons) as Thenable<B | undefined>;
}

export const info = <B extends PlainText>(message: NotificationText, ...buttons: B[]) =>
  notify('info', message, ...buttons);
export const warn = <B extends PlainText>(message: NotificationText, ...buttons: B[]) =>
  notify('warning', message, ...buttons);
export const error = <B extends PlainText>(message: NotificationText, ...buttons: B[]) =>
  notify('error', message, ...buttons);

/** A modal question: its detail lines below, `confirm` as the default button and `decline` in
 *  place of VS Code's own Cancel. True when the person confirmed. */
export async function askModal(
  question: PlainText,
  detail: PlainText,
  confirm: PlainText,
  decline: PlainText,
  severity: Severity = 'warning',
): Promise<boolean> {
  const yes: vscode.MessageItem = { title: confirm };
  const no: vscode.MessageItem = { title: decline, isCloseAffordance: true };
  recordShown('modal', question, detail, confirm, decline);
  const choice = await SHOW[severity](question, { modal: true, detail }, yes, no);
  return choice === yes;
}

/** A modal that only informs (one OK button). */
export function showModal(message: PlainText, detail?: PlainText): Thenable<unknown> {
  recordShown('modal', message, detail);
  return vscode.window.showInformationMessage(message, { modal: true, detail });
}

/** Work shown in a notification with its title (cancellable when `cancellable`). */
export function withNotificationProgress<T>(
  title: NotificationText,
  task: (
    progress: vscode.Progress<{ message?: NotificationText; increment?: number }>,
    token: vscode.CancellationToken,
  ) => Thenable<T>,
  cancellable = false,
): Thenable<T> {
  recordShown('progress', title);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable },
    (progress, token) =>
      task(
        {
          report: (value) => {
            recordShown('progress', value.message);
            progress.report(value);
          },
        },
        token,
      ),
  );
}

/** Work shown in the status bar (a spinner and its title) or on a view's progress bar. */
export function withQuietProgress<T>(
  where: { title: PickText } | { viewId: string; title?: PickText },
  task: () => Thenable<T>,
): Thenable<T> {
  recordShown('progress', where.title);
  if ('viewId' in where)
    return vscode.window.withProgress({ location: { viewId: where.viewId }, title: where.title }, task);
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: where.title }, task);
}

/** A short confirmation in the status bar, with a check mark. */
export function statusMessage(text: PickText, ms = 5000): vscode.Disposable {
  recordShown('status', text);
  return vscode.window.setStatusBarMessage(`$(check) ${text}`, ms);
}
