/** "Import Contacts…": from a CSV or vCard file (picked, or the Explorer's context menu), or from an
 *  account KallyAI connects to (Google, Outlook, iCloud). A file is read and checked here first:
 *  a preview document says how many rows are new, updated, already the same and rejected, naming
 *  each rejected row and why, and nothing is sent until the person accepts it. Then each contact
 *  goes through the pipeline; if KallyAI refuses one, the import stops and says so — how many were
 *  saved, which row failed and why — and offers to undo what it saved. */
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { ops } from '../../api/catalogue';
import { importPreviewMarkdown } from '../../documents/importPreviewMarkdown';
import { count, t } from '../../format';
import {
  ImportFileError,
  previewImport,
  readContactFile,
  rowLabel,
  type ImportDecision,
  type ImportPreview,
} from '../../models/contactImport';
import type { Contact } from '../../models/inbound';
import { parseArgs } from '../../pipeline/commandArgs';
import type { Stakes } from '../../pipeline/consent/stakes';
import type { CommandContext } from '../commandContext';
import { notificationText, plainText } from '../../format/sinks';
import { error, info, withNotificationProgress } from '../../platform/notify';
import { pickItems, pickOne } from '../../platform/quickInput';

const SOURCES = ['google', 'outlook', 'icloud'] as const;

const args = z.strictObject({
  /** A file's URI (or an absolute path). */
  file: z.optional(z.string().check(z.minLength(1))),
  source: z.optional(z.enum(SOURCES)),
  /** Test seam: the preview is accepted (honoured only in the test host, by the consent gate). */
  confirmed: z.optional(z.boolean()),
  /** Test seam: after a failure, the answer to "undo what was saved?" (default: ask). */
  undo: z.optional(z.boolean()),
});

export type ImportResult =
  | {
      outcome: 'done';
      fileName?: string;
      created: number;
      updated: number;
      unchanged: number;
      rejected: number;
      source?: string;
    }
  | { outcome: 'dismissed'; at: 'input' | 'consent'; preview?: Counts }
  | { outcome: 'failed'; code: string; message: string; saved?: number; undone?: number; failedAt?: string };

type Counts = Pick<ImportPreview, 'created' | 'updated' | 'unchanged' | 'rejected'>;
const counts = (p: ImportPreview): Counts => ({
  created: p.created,
  updated: p.updated,
  unchanged: p.unchanged,
  rejected: p.rejected,
});

export async function importContacts(ctx: CommandContext, raw: unknown): Promise<unknown> {
  if (raw instanceof vscode.Uri) return importFile(ctx, raw, {});
  // From the Contacts group of the view (an item, not arguments): ask as from the palette.
  const fromView = !!raw && typeof raw === 'object' && 'item' in raw && 'kind' in raw;
  const a = parseArgs('kallyai.receptionist.importContacts', args, fromView ? undefined : raw);
  if (a.file) return importFile(ctx, a.file.includes('://') ? vscode.Uri.parse(a.file) : vscode.Uri.file(a.file), a);
  if (a.source)
    return ctx.pipeline.run(ops.inbound.importContacts, { input: { body: { source: a.source } }, interactive: false });
  const picked = await pickOne({
    title: t('KallyAI: Import Contacts'),
    placeholder: t('Where are the contacts?'),
    items: pickItems([
      {
        icon: 'file',
        label: t('From a CSV or vCard File…'),
        description: t('checked here first: a preview, then your OK'),
        value: 'file',
      },
      {
        icon: 'account',
        label: t('From Google Contacts'),
        description: t('KallyAI reads them from your Google account'),
        value: 'google',
      },
      {
        icon: 'account',
        label: t('From Outlook'),
        description: t('KallyAI reads them from your Microsoft account'),
        value: 'outlook',
      },
      {
        icon: 'account',
        label: t('From iCloud'),
        description: t('KallyAI reads them from your Apple account'),
        value: 'icloud',
      },
    ]),
  });
  if (!picked) return { outcome: 'dismissed', at: 'input' };
  if (picked !== 'file')
    return ctx.pipeline.run(ops.inbound.importContacts, { input: { body: { source: picked } }, interactive: false });
  const files = await vscode.window.showOpenDialog({
    title: t('Import Contacts'),
    canSelectMany: false,
    openLabel: t('Preview Import'),
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    filters: { [t('Contacts (CSV, vCard)')]: ['csv', 'vcf', 'vcard', 'txt'] },
  });
  if (!files?.[0]) return { outcome: 'dismissed', at: 'input' };
  return importFile(ctx, files[0], {});
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

async function importFile(
  ctx: CommandContext,
  uri: vscode.Uri,
  options: { confirmed?: boolean; undo?: boolean },
): Promise<ImportResult> {
  const name = fileName(uri);
  const refuse = (code: string, message: string): ImportResult => {
    void error(notificationText(message));
    return { outcome: 'failed', code, message };
  };
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return refuse('file_unreadable', t('{0} could not be read.', name));
  }
  let rows;
  try {
    rows = readContactFile(name, bytes);
  } catch (e) {
    if (e instanceof ImportFileError) return refuse(`file_${e.reason}`, e.message);
    throw e;
  }
  let existing: Contact[];
  try {
    existing = (await ctx.services.client.execute(ops.inbound.contacts)).contacts;
  } catch (e) {
    const failure = ctx.errors.show(e);
    return { outcome: 'failed', code: failure.code, message: failure.message };
  }
  const preview = previewImport(name, rows, existing, ctx.services.settings().defaultCountry);
  await ctx.documents.showMarkdown(
    `receptionist/import/${name.replace(/[\\/:*?"<>|]+/g, '_')}.md`,
    importPreviewMarkdown(preview),
    { preview: true },
  );
  const toSend = preview.decisions.filter(
    (d): d is Extract<ImportDecision, { kind: 'new' | 'update' }> => d.kind === 'new' || d.kind === 'update',
  );
  if (toSend.length === 0) {
    void info(
      notificationText(
        t(
          'Nothing to import from {0}: {1} already up to date, {2} rejected (see the preview).',
          name,
          preview.unchanged,
          preview.rejected,
        ),
      ),
    );
    return {
      outcome: 'done',
      fileName: name,
      created: 0,
      updated: 0,
      unchanged: preview.unchanged,
      rejected: preview.rejected,
    };
  }
  const yes = await ctx.pipeline.consent.ask(previewStakes(preview, toSend.length), {
    preConfirmed: options.confirmed === true,
  });
  if (!yes) return { outcome: 'dismissed', at: 'consent', preview: counts(preview) };
  return send(ctx, preview, toSend, options);
}

/** The question before anything is sent: the counts, the rejected rows by name, "nothing yet". */
function previewStakes(p: ImportPreview, n: number): Stakes {
  const rejected = p.decisions.filter((d): d is Extract<ImportDecision, { kind: 'rejected' }> => d.kind === 'rejected');
  const shown = rejected.slice(0, 8).map((d) => t('{0}: {1}', rowLabel(d.row), d.why));
  if (rejected.length > shown.length)
    shown.push(t('… and {0} more (see the preview).', rejected.length - shown.length));
  return {
    opId: ops.inbound.importContacts.id,
    question: t('Import {0} from {1}?', count(n, '{0} contact', '{0} contacts'), p.fileName),
    lines: [
      t('{0} new, {1} updated, {2} already up to date, {3} rejected.', p.created, p.updated, p.unchanged, p.rejected),
      ...(shown.length ? [t('Rejected, not imported:'), ...shown] : []),
      t('Nothing has been sent yet: the preview shows every row.'),
    ],
    confirm: t('Import {0}', count(n, '{0} Contact', '{0} Contacts')),
    decline: t("Don't Import"),
    credits: { kind: 'unknown' },
    costsCredits: false,
    contactsPeople: false,
    irreversible: false,
  };
}

interface Saved {
  decision: Extract<ImportDecision, { kind: 'new' | 'update' }>;
  createdId?: string;
}

async function send(
  ctx: CommandContext,
  preview: ImportPreview,
  toSend: Extract<ImportDecision, { kind: 'new' | 'update' }>[],
  options: { undo?: boolean },
): Promise<ImportResult> {
  const saved: Saved[] = [];
  let failure: { decision: ImportDecision; code: string; message: string } | undefined;
  await withNotificationProgress(
    notificationText(t('Importing contacts from {0}', preview.fileName)),
    async (progress, token) => {
      for (const [i, d] of toSend.entries()) {
        if (token.isCancellationRequested) {
          failure = { decision: d, code: 'cancelled', message: t('The import was stopped.') };
          return;
        }
        progress.report({
          message: notificationText(t('{0} of {1}', i + 1, toSend.length)),
          increment: 100 / toSend.length,
        });
        const r =
          d.kind === 'new'
            ? await ctx.pipeline.run(ops.inbound.createContact, {
                input: { body: d.body },
                interactive: false,
                quiet: true,
                recover: () => true,
                runner: (execute) => execute(),
              })
            : await ctx.pipeline.run(ops.inbound.updateContact, {
                input: { path: { id: String(d.contact.id) }, body: d.body },
                interactive: false,
                quiet: true,
                recover: () => true,
                runner: (execute) => execute(),
              });
        if (r.outcome !== 'done') {
          failure = {
            decision: d,
            code: r.outcome === 'failed' ? r.code : r.outcome,
            message: r.outcome === 'failed' ? r.message : t('The request was not sent.'),
          };
          return;
        }
        const createdId = d.kind === 'new' ? ((r.data as { id?: string | null }).id ?? undefined) : undefined;
        saved.push({ decision: d, createdId });
      }
    },
    true,
  );
  const created = saved.filter((s) => s.decision.kind === 'new').length;
  const updated = saved.length - created;
  if (!failure) {
    void info(
      notificationText(
        preview.rejected
          ? t(
              'Imported {0} from {1}: {2} new, {3} updated. {4} rejected (see the preview).',
              count(saved.length, '{0} contact', '{0} contacts'),
              preview.fileName,
              created,
              updated,
              count(preview.rejected, '{0} row was', '{0} rows were'),
            )
          : t(
              'Imported {0} from {1}: {2} new, {3} updated.',
              count(saved.length, '{0} contact', '{0} contacts'),
              preview.fileName,
              created,
              updated,
            ),
      ),
      plainText(t('Show Contacts')),
    ).then((c) => (c ? vscode.commands.executeCommand('kallyai.receptionist.contacts') : undefined));
    return {
      outcome: 'done',
      fileName: preview.fileName,
      created,
      updated,
      unchanged: preview.unchanged,
      rejected: preview.rejected,
    };
  }
  // Stopped part-way: say exactly what was saved, and offer to take it back.
  const where = rowLabel(failure.decision.row);
  const question = t('The import stopped at {0}: {1}', where, failure.message);
  const undo =
    saved.length === 0 ? false : (options.undo ?? (await askUndo(ctx, question, saved.length, created, updated)));
  let undone = 0;
  if (undo) undone = await undoSaved(ctx, saved);
  const message =
    saved.length === 0
      ? t('{0} Nothing was imported.', question)
      : undo
        ? t(
            '{0} The {1} saved before it were taken back ({2} undone).',
            question,
            count(saved.length, '{0} contact', '{0} contacts'),
            undone,
          )
        : t('{0} {1} saved before it were kept.', question, count(saved.length, '{0} contact', '{0} contacts'));
  void error(notificationText(message));
  void ctx.views.refreshResources(['receptionist']);
  return { outcome: 'failed', code: failure.code, message, saved: saved.length, undone, failedAt: where };
}

async function askUndo(
  ctx: CommandContext,
  question: string,
  saved: number,
  created: number,
  updated: number,
): Promise<boolean> {
  return ctx.pipeline.consent.ask({
    opId: 'inbound.importContacts.undo',
    question,
    lines: [
      t('{0} were saved before that.', count(saved, '{0} contact', '{0} contacts')),
      t('Undo deletes the {0} added and puts back the {1} updated as they were.', created, updated),
    ],
    confirm: t('Undo Import'),
    decline: t('Keep Them'),
    credits: { kind: 'unknown' },
    costsCredits: false,
    contactsPeople: false,
    irreversible: false,
  });
}

/** Takes back what an interrupted import saved; returns how many were undone. */
async function undoSaved(ctx: CommandContext, saved: readonly Saved[]): Promise<number> {
  let undone = 0;
  for (const s of [...saved].reverse()) {
    try {
      if (s.createdId) await ctx.services.client.execute(ops.inbound.deleteContact, { path: { id: s.createdId } });
      else if (s.decision.kind === 'update') {
        const before = s.decision.contact;
        const body: Record<string, unknown> = {};
        if (s.decision.body.name !== undefined) body.name = before.name ?? '';
        if (s.decision.body.is_vip !== undefined) body.is_vip = before.is_vip === true;
        if (s.decision.body.notes !== undefined) body.notes = before.notes ?? '';
        await ctx.services.client.execute(ops.inbound.updateContact, { path: { id: String(before.id) }, body });
      }
      undone++;
    } catch (e) {
      ctx.services.log.warn(`Undoing an import step failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return undone;
}
