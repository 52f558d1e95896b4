/** What the user hears when a call ends: the status in plain words, the highlights and the next
 *  steps, with "Open Transcript", "Add to Calendar" and "Call Again". Also saves a call's .ics. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import { describeCallStatus } from '../api/callStatus';
import { callSummary, type Call } from '../api/schemas/calls';
import type { Services } from '../services';
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
export async function showCallOutcome(ctx: CommandContext, call: Call, who: string, callAgain: () => unknown, requested: { date?: string; time?: string } = {}): Promise<void> {
  const status = describeCallStatus(call.status);
  const text = outcomeText(call, who);
  const openTranscript = vscode.l10n.t('Open Transcript');
  const addToCalendar = vscode.l10n.t('Add to Calendar');
  const again = vscode.l10n.t('Call Again');
  // A calendar entry only makes sense for a call that booked something at a date and time.
  const date = call.submission?.appointment_date ?? requested.date;
  const time = call.submission?.appointment_time ?? requested.time;
  const buttons = call.status === 'success' && date && time ? [openTranscript, addToCalendar, again] : [openTranscript, again];
  const notify = status.tone === 'bad' ? vscode.window.showErrorMessage : status.tone === 'good' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  const choice = await notify(text, ...buttons);
  try {
    if (choice === openTranscript) await ctx.documents.openTranscript(call.call_id, call);
    else if (choice === addToCalendar) await addCallToCalendar(ctx.services, call, { interactive: true });
    else if (choice === again) await callAgain();
  } catch (e) {
    ctx.errors.show(e);
  }
}

/** Saves the call's calendar entry (.ics) and opens it in an editor, with a button that hands it to
 *  the calendar app. Interactive (the notification button): a save dialog starting in Downloads,
 *  where dismissing it saves nothing. Otherwise (`target`, or the extension's global storage
 *  calendar/kallyai-call-<id>.ics): no questions. Returns the saved file. */
export async function addCallToCalendar(services: Services, call: Call, options: { interactive: boolean; target?: vscode.Uri }): Promise<vscode.Uri | undefined> {
  const ics = await fetchCallCalendar(services, call.call_id);
  const fileName = `kallyai-call-${safeName(call.call_id)}.ics`;
  let target = options.target;
  if (!target && options.interactive) {
    target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(vscode.Uri.file(os.homedir()), 'Downloads', fileName),
      filters: { [vscode.l10n.t('Calendar')]: ['ics'] },
      title: vscode.l10n.t('Save the calendar entry'),
      saveLabel: vscode.l10n.t('Save'),
    });
    if (!target) return undefined;
  }
  if (!target) {
    const dir = vscode.Uri.joinPath(services.context.globalStorageUri, 'calendar');
    await vscode.workspace.fs.createDirectory(dir);
    target = vscode.Uri.joinPath(dir, fileName);
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(ics));
  services.log.info(`Saved the calendar entry of call ${call.call_id}`);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: true });
  const saved = target;
  const openInApp = vscode.l10n.t('Open in Calendar App');
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the calendar entry to {0}.', saved.fsPath), openInApp).then((c) => {
    if (c === openInApp) return vscode.env.openExternal(saved);
  });
  return saved;
}

/** The call's calendar entry as text, checked to be an iCalendar file. */
export async function fetchCallCalendar(services: Services, callId: string): Promise<string> {
  const r = await services.client.execute(ops.calls.calendar, { path: { call_id: callId } });
  if (!/^BEGIN:VCALENDAR/m.test(r.text)) throw new Error(vscode.l10n.t('KallyAI sent a calendar entry that is not an iCalendar file.'));
  return r.text;
}

function clip(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > MAX_SUMMARY ? `${t.slice(0, MAX_SUMMARY - 1)}…` : t;
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}
