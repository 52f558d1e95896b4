/** The receptionist's and the phone numbers' hand-written commands, by id (their specs are in
 *  src/presentation/inbound.ts and phoneNumbers.ts), and what their pages need. */
import * as vscode from 'vscode';
import { fetchMedia, type MediaFile } from '../../api/media';
import { isValidDate } from '../../api/validation/dateTime';
import { t } from '../../format';
import type { DateRange } from '../../models/receptionistAnalytics';
import { openExternalUrl } from '../../platform/openExternal';
import { INBOUND_FILTERS, type InboundFilter } from '../../models/inbound';
import type { CommandContext } from '../commandContext';
import { tryAgain } from '../tryAgain';
import { editContact, setVip } from './contactEditor';
import { importContacts } from './importContacts';
import { addRule, editRule } from './ruleEditor';
import { fileName, pickText, plainText } from '../../format/sinks';
import { statusMessage } from '../../platform/notify';
import { askOnce, pickItems, pickOne } from '../../platform/quickInput';
import { askWhereToSave } from '../../platform/saveFile';

type Handler = (...args: unknown[]) => Promise<unknown>;

/** "Filter Calls…": every call, or only completed, missed or rejected ones (a status string from code). */
async function filterCalls(ctx: CommandContext, raw: unknown): Promise<unknown> {
  let status: InboundFilter | undefined;
  if (typeof raw === 'string' && (raw === 'all' || (INBOUND_FILTERS as readonly string[]).includes(raw))) {
    status = raw === 'all' ? undefined : (raw as InboundFilter);
  } else {
    const current = ctx.views.receptionistFilter();
    const items = pickItems(
      [
        { label: t('Every call'), value: 'all' as InboundFilter | 'all' },
        { label: t('Completed calls'), value: 'completed' as const },
        { label: t('Missed calls'), value: 'missed' as const },
        { label: t('Rejected calls'), value: 'rejected' as const },
      ].map((i) => ({ ...i, description: i.value === (current ?? 'all') ? t('shown now') : undefined })),
    );
    const picked = await pickOne<InboundFilter | 'all'>({
      title: t('KallyAI: Filter Calls'),
      placeholder: t('Which calls the Receptionist view shows (live calls are always shown)'),
      items,
      active: current ?? 'all',
    });
    if (!picked) return { outcome: 'dismissed', at: 'input' };
    status = picked === 'all' ? undefined : picked;
  }
  await ctx.views.filterReceptionist(status);
  return { outcome: 'done', filter: status ?? 'all' };
}

export function receptionistHandlers(ctx: CommandContext): Record<string, Handler> {
  return {
    'kallyai.receptionist.filter': (a) => filterCalls(ctx, a),
    'kallyai.receptionist.addRule': (a) => addRule(ctx, a),
    'kallyai.receptionist.editRule': (a) => editRule(ctx, a),
    'kallyai.receptionist.editContact': (a) => editContact(ctx, a),
    'kallyai.receptionist.markVip': (a) => setVip(ctx, a, true),
    'kallyai.receptionist.unmarkVip': (a) => setVip(ctx, a, false),
    'kallyai.receptionist.importContacts': (a) => importContacts(ctx, a),
    'kallyai.receptionist.refresh': () => tryAgain(ctx, () => ctx.views.reload('receptionist')),
    'kallyai.phoneNumbers.refresh': () => tryAgain(ctx, () => ctx.views.reload('phoneNumbers')),
  };
}

/** Audio for the player: fetched with the account's token on the API's own origin only. */
export function mediaFetcher(ctx: CommandContext): (address: string) => Promise<MediaFile> {
  const { services } = ctx;
  return (address) =>
    fetchMedia(address, {
      baseUrl: services.settings().apiBaseUrl,
      tokens: services.auth,
      userAgent: `KallyAI-VSCode/${String(services.context.extension.packageJSON.version)}`,
    });
}

const EXTENSIONS: Record<string, string> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'audio/aac': 'aac',
  'audio/flac': 'flac',
};

/** Saves audio where the person chooses (the player's fallback when it cannot play here). */
export async function saveAudio(name: string, file: MediaFile): Promise<unknown> {
  const ext = EXTENSIONS[file.mimeType] ?? 'audio';
  const target = await askWhereToSave(
    fileName(name, ext),
    { label: plainText(t('Audio')), extensions: [ext] },
    plainText(t('Save')),
  );
  if (!target) return { outcome: 'dismissed', at: 'input' };
  await vscode.workspace.fs.writeFile(target, file.data);
  statusMessage(pickText(t('Saved {0}', target.path.split('/').pop() ?? '')));
  return { outcome: 'done', saved: target.toString() };
}

export const openAudioInBrowser = (address: string) => openExternalUrl(address);

/** Two dates for the analytics page (Escape keeps the range it had). */
export async function askRange(current: DateRange): Promise<DateRange | undefined> {
  const ask = (prompt: string, value: string, after?: string) =>
    askOnce({
      title: t('KallyAI: Receptionist Analytics'),
      prompt,
      value,
      placeholder: 'YYYY-MM-DD',
      validate: (v) =>
        !isValidDate(v.trim())
          ? t('Use a real date written YYYY-MM-DD, e.g. 2026-03-14.')
          : after && v.trim() < after
            ? t('The last day comes on or after the first ({0}).', after)
            : undefined,
    });
  const from = await ask(t('First day'), current.from);
  if (!from) return undefined;
  const to = await ask(t('Last day'), current.to, from.trim());
  if (!to) return undefined;
  return { from: from.trim(), to: to.trim() };
}
