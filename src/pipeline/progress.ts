/** Progress for a running operation: the view's progress bar when started from a view, the
 *  status bar otherwise, and — once it takes longer than a moment — a notification with a Cancel
 *  button. Cancelling aborts the request (the CancellationToken becomes the AbortSignal). */
import type * as vscode from 'vscode';
import { notificationText, pickText } from '../format/sinks';
import { withNotificationProgress, withQuietProgress } from '../platform/notify';

const NOTIFY_AFTER_MS = 1_500;

export async function withOperationProgress<T>(
  title: string,
  viewId: string | undefined,
  outer: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (outer?.aborted) abort();
  outer?.addEventListener('abort', abort, { once: true });
  const running = work(controller.signal);
  let settled = false;
  const done = running
    .then(
      () => undefined,
      () => undefined,
    )
    .finally(() => {
      settled = true;
    });
  void withQuietProgress(viewId ? { viewId, title: pickText(title) } : { title: pickText(title) }, () => done);
  const timer = setTimeout(() => {
    if (settled) return;
    void withNotificationProgress(
      notificationText(title),
      (_p, token) => {
        token.onCancellationRequested(abort);
        return done;
      },
      true,
    );
  }, NOTIFY_AFTER_MS);
  try {
    return await running;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', abort);
  }
}

/** A CancellationToken as an AbortSignal. */
export function signalOf(token: vscode.CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
