import * as vscode from 'vscode';
import type { Services } from '../services';

/** Options a view command takes after (item, selectedItems), e.g. from the integration tests or
 *  another part of the extension: `executeCommand('kallyai.calls.reschedule', node, undefined, { date, time })`. */
export interface ViewCommandOptions {
  /** Test seam: skips the confirmation modal. Honoured ONLY when the extension runs in
   *  ExtensionMode.Test (the integration suite); everywhere else the modal is always shown. */
  confirmed?: boolean;
  /** Reschedule: the new date (YYYY-MM-DD) and time (HH:MM), validated like typed input. */
  date?: string;
  time?: string;
}

export function commandOptions(value: unknown): ViewCommandOptions {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const o = value as Record<string, unknown>;
  return {
    confirmed: o.confirmed === true ? true : undefined,
    date: typeof o.date === 'string' ? o.date : undefined,
    time: typeof o.time === 'string' ? o.time : undefined,
  };
}

/** True when the modal may be skipped: the caller said so and this is the test host. */
export function preConfirmed(services: Services, options: ViewCommandOptions): boolean {
  return options.confirmed === true && services.context.extensionMode === vscode.ExtensionMode.Test;
}

/** Asks before an action that costs credits, contacts a person or cannot be undone: the modal
 *  names the stakes; only the test host may skip it (see `confirmed`). True when it may go ahead. */
export async function askFirst(services: Services, options: unknown, message: string, detail: string, confirm: string): Promise<boolean> {
  if (preConfirmed(services, commandOptions(options))) return true;
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, confirm);
  return choice === confirm;
}
