/** What the user hears when a call ends: the status in plain words, the highlights and the next
 *  steps, with "Open Transcript", "Add to Calendar" and "Call Again". Also saves a call's .ics. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import { describeCallStatus } from '../api/callStatus';
import { callSummary, type Call } from '../api/schemas/calls';
import type { CommandContext } from './commandContext';

const MAX_SUMMARY = 400;

/** One paragraph for the notification: "Call to Luigi's — Success: <explanation> <highlights> Next steps: …". */
export function outcomeText(call: Call, who: string): string {
  const status = describeCallStatus(call.status);
  const parts = [vscode.l10n.t('Call to {0} — {1}: {2}', who, status.label, status.explanation)];
  const summary = callSummary(call);
  if (summary) parts.push(clip(summary));
  if (call.next_steps) parts.push(vscode.l10n.t('Next steps: {0}', clip(call.next_steps)));
  return parts.join(' ');
}

/** Shows the outcome; resolves when the notification closes (callers do not wait for it). */
export async function showCallOutcome(ctx: CommandContext, call: Call, who: string, callAgain: () => unknown): Promise<void> {
  const status = describeCallStatus(call.status);
  const text = outcomeText(call, who);
  const openTranscript = vscode.l10n.t('Open Transcript');
  const addToCalendar = vscode.l10n.t('Add to Calendar');
  const again = vscode.l10n.t('Call Again');
  // A calendar entry only makes sense for a call that got something booked.
  const buttons = call.status === 'success' ? [openTranscript, addToCalendar, again] : [openTranscript, again];
  const notify = status.tone === 'bad' ? vscode.window.showErrorMessage : status.tone === 'good' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  const choice = await notify(text, ...buttons);
  try {
    if (choice === openTranscript) await ctx.documents.openTranscript(call.call_id);
    else if (choice === addToCalendar) await addCallToCalendar(ctx, call.call_id, { interactive: true });
    else if (choice === again) await callAgain();
  } catch (e) {
    ctx.errors.show(e);
  }
}

/** Fetches the call's .ics, saves it and opens it in an editor (with a button to hand it to the
 *  calendar app). Interactive: the user chooses where in a save dialog that starts in Downloads
 *  (dismissing it saves nothing, returns undefined). Not interactive (tests, the chat assistant):
 *  the extension's global storage, calendar/kallyai-call-<id>.ics. Returns the saved file. */
export async function addCallToCalendar(ctx: CommandContext, callId: string, options: { interactive: boolean }): Promise<vscode.Uri | undefined> {
  const ics = await fetchCallCalendar(ctx, callId);
  const fileName = `kallyai-call-${safeName(callId)}.ics`;
  let target: vscode.Uri | undefined;
  if (options.interactive) {
    const downloads = vscode.Uri.joinPath(vscode.Uri.file(os.homedir()), 'Downloads', fileName);
    target = await vscode.window.showSaveDialog({
      defaultUri: downloads,
      filters: { [vscode.l10n.t('Calendar')]: ['ics'] },
      title: vscode.l10n.t('Save the calendar entry'),
      saveLabel: vscode.l10n.t('Save'),
    });
    if (!target) return undefined;
  } else {
    const dir = vscode.Uri.joinPath(ctx.services.context.globalStorageUri, 'calendar');
    await vscode.workspace.fs.createDirectory(dir);
    target = vscode.Uri.joinPath(dir, fileName);
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(ics));
  ctx.services.log.info(`Saved the calendar entry of call ${callId} to ${target.fsPath}`);
  const doc = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(doc, { preview: true });
  const openInApp = vscode.l10n.t('Open in Calendar App');
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the calendar entry to {0}.', target.fsPath), openInApp).then((c) => {
    if (c === openInApp) return vscode.env.openExternal(target);
  });
  return target;
}

/** The call's calendar entry as text, checked to be a VCALENDAR. */
export async function fetchCallCalendar(ctx: CommandContext, callId: string): Promise<string> {
  const r = await ctx.services.client.execute(ops.calls.calendar, { path: { call_id: callId } });
  const text = r.text;
  if (!/BEGIN:VCALENDAR/.test(text)) throw new Error(vscode.l10n.t('KallyAI sent a calendar entry that is not an iCalendar file.'));
  return text;
}

function clip(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > MAX_SUMMARY ? `${t.slice(0, MAX_SUMMARY - 1)}…` : t;
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}
