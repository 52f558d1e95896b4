import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { Call } from '../api/schemas/calls';
import { isValidDate, isValidTime } from '../api/validation/dateTime';
import type { Documents } from '../documents';
import type { Services } from '../services';
import { callLabel, isRunning, isScheduled } from './callPresentation';
import { isCallNode, type CallsProvider } from './callsView';
import { askFirst, commandOptions } from './commandOptions';
import type { LoadReason } from './dataLoader';
import { shortDateTime } from './format';
import { runAction, showActionError } from './runAction';
import type { ViewName } from './viewNode';

export interface CallCommandDeps {
  services: Services;
  documents: Documents;
  provider: CallsProvider;
  refresh(views: readonly ViewName[], reason: LoadReason): Promise<void>;
}

/** Today as YYYY-MM-DD in the local zone. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Why a typed date cannot be used, or undefined when it can. */
export function dateProblem(value: string): string | undefined {
  if (!isValidDate(value.trim())) return vscode.l10n.t('Use a real date written YYYY-MM-DD, e.g. {0}.', today());
  if (value.trim() < today()) return vscode.l10n.t('Choose today or a later date.');
  return undefined;
}

export function timeProblem(value: string): string | undefined {
  return isValidTime(value.trim()) ? undefined : vscode.l10n.t('Use a 24-hour time written HH:MM, e.g. 19:30.');
}

/** The Calls view's commands. */
export function registerCallCommands(deps: CallCommandDeps): vscode.Disposable[] {
  const { services, documents, provider } = deps;
  const { client, log } = services;
  const callOf = (item: unknown): Call | undefined => (isCallNode(item) ? item.call : undefined);
  const afterChange = () => deps.refresh(['calls', 'credits'], 'mutation');

  const reschedule = async (call: Call, options: { date?: string; time?: string }) => {
    const current = call.scheduled_for ? new Date(call.scheduled_for) : undefined;
    const date = options.date ?? (await vscode.window.showInputBox({
      title: vscode.l10n.t('Reschedule the call to {0} (1/2)', callLabel(call)),
      prompt: vscode.l10n.t('New date (YYYY-MM-DD)'),
      value: current && !Number.isNaN(current.getTime()) ? current.toISOString().slice(0, 10) : today(),
      validateInput: dateProblem,
      ignoreFocusOut: true,
    }));
    if (date === undefined) return;
    const time = options.time ?? (await vscode.window.showInputBox({
      title: vscode.l10n.t('Reschedule the call to {0} (2/2)', callLabel(call)),
      prompt: vscode.l10n.t('New time (HH:MM, 24-hour clock)'),
      value: current && !Number.isNaN(current.getTime()) ? current.toTimeString().slice(0, 5) : '10:00',
      validateInput: timeProblem,
      ignoreFocusOut: true,
    }));
    if (time === undefined) return;
    const problem = dateProblem(date) ?? timeProblem(time);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return;
    }
    await runAction(log, 'calls', vscode.l10n.t('Rescheduling…'), () =>
      client.execute(ops.calls.reschedule, { path: { call_id: call.call_id }, body: { date: date.trim(), time: time.trim() } }),
    vscode.l10n.t('Call to {0} moved to {1} {2}', callLabel(call), date.trim(), time.trim()));
    await afterChange();
  };

  return [
    vscode.commands.registerCommand('kallyai.calls.loadMore', async () => {
      try {
        await provider.loadMore();
      } catch (e) {
        log.error('Load more calls', e);
        void showActionError(e, () => provider.loadMore());
      }
    }),
    vscode.commands.registerCommand('kallyai.calls.stop', async (item, _selected, options) => {
      const call = callOf(item);
      if (!call || !isRunning(call)) return;
      const ok = await askFirst(services, options, 
        vscode.l10n.t('Stop the live call to {0}?', callLabel(call)),
        vscode.l10n.t('KallyAI hangs up now; the task may be left unfinished. This cannot be undone.'),
        vscode.l10n.t('Stop Call'),
      );
      if (!ok) return;
      await runAction(log, 'calls', vscode.l10n.t('Stopping the call…'), () => client.execute(ops.calls.stop, { path: { call_id: call.call_id } }), vscode.l10n.t('Call to {0} stopped', callLabel(call)));
      await afterChange();
    }),
    vscode.commands.registerCommand('kallyai.calls.cancel', async (item, _selected, options) => {
      const call = callOf(item);
      if (!call || !(isScheduled(call) || call.status === 'queued')) return;
      const when = shortDateTime(call.scheduled_for);
      const ok = await askFirst(services, options, 
        vscode.l10n.t('Cancel the scheduled call to {0}?', callLabel(call)),
        when ? vscode.l10n.t('It was to be placed {0}. This cannot be undone.', when) : vscode.l10n.t('This cannot be undone.'),
        vscode.l10n.t('Cancel Call'),
      );
      if (!ok) return;
      await runAction(log, 'calls', vscode.l10n.t('Cancelling the call…'), () => client.execute(ops.calls.cancel, { path: { call_id: call.call_id } }), vscode.l10n.t('Call to {0} cancelled', callLabel(call)));
      await afterChange();
    }),
    vscode.commands.registerCommand('kallyai.calls.reschedule', async (item, _selected, options) => {
      const call = callOf(item);
      if (call && isScheduled(call)) await reschedule(call, commandOptions(options));
    }),
    vscode.commands.registerCommand('kallyai.calls.openDetails', async (item) => {
      const call = callOf(item);
      if (call) await runAction(log, 'calls', vscode.l10n.t('Opening the call…'), () => documents.openCallDetails(call.call_id, call));
    }),
    vscode.commands.registerCommand('kallyai.calls.openTranscript', async (item) => {
      const call = callOf(item);
      if (call) await runAction(log, 'calls', vscode.l10n.t('Opening the transcript…'), () => documents.openTranscript(call.call_id, call));
    }),
    vscode.commands.registerCommand('kallyai.calls.openRecording', async (item) => {
      const call = callOf(item);
      if (!call) return;
      await runAction(log, 'calls', vscode.l10n.t('Opening the recording…'), async () => {
        const recording = await client.execute(ops.calls.recording, { path: { call_id: call.call_id } });
        if (!recording.url) throw new Error(vscode.l10n.t('This call has no recording.'));
        const url = new URL(recording.url, services.settings().apiBaseUrl);
        await vscode.env.openExternal(vscode.Uri.parse(url.toString()));
      });
    }),
    vscode.commands.registerCommand('kallyai.calls.addToCalendar', async (item) => {
      const call = callOf(item);
      if (call) await runAction(log, 'calls', vscode.l10n.t('Saving the calendar entry…'), () => documents.saveCalendar(call.call_id, { call }));
    }),
  ];
}
