/** The preview of a contact import, as a document: how many rows are new, updated, already the
 *  same and rejected, each rejected row named with why, then what each of the others would do.
 *  Nothing is imported while the person reads it. No `vscode` import. */
import { blocks, md, phoneForPeople, t, table, type Markdown } from '../format';
import type { ImportDecision, ImportPreview } from '../models/contactImport';

const yes = (v: boolean | undefined) => (v === undefined ? '—' : v ? t('yes') : t('no'));

function changes(d: Extract<ImportDecision, { kind: 'update' }>): string {
  const parts: string[] = [];
  if (d.body.name !== undefined) parts.push(t('name: {0} → {1}', d.contact.name ?? '—', d.body.name));
  if (d.body.is_vip !== undefined) parts.push(t('VIP: {0} → {1}', yes(d.contact.is_vip === true), yes(d.body.is_vip)));
  if (d.body.notes !== undefined) parts.push(t('notes: {0} → {1}', d.contact.notes || '—', d.body.notes));
  return parts.join('; ');
}

export function importPreviewMarkdown(p: ImportPreview): Markdown {
  const of = <K extends ImportDecision['kind']>(kind: K) =>
    p.decisions.filter((d): d is Extract<ImportDecision, { kind: K }> => d.kind === kind);
  const rejected = of('rejected');
  const created = of('new');
  const updated = of('update');
  const unchanged = of('unchanged');
  return blocks(
    md`# ${t('Import {0}', p.fileName)}`,
    md`**${t('{0} new · {1} updated · {2} already up to date · {3} rejected', p.created, p.updated, p.unchanged, p.rejected)}**`,
    md`_${t('Nothing is imported until you accept it.')}_`,
    rejected.length
      ? blocks(
          md`## ${t('Rejected ({0})', rejected.length)}`,
          table(
            [t('Where'), t('Name'), t('Number'), t('Why')],
            rejected.map((d) => [d.row.where, d.row.name ?? '—', d.row.phone ?? '—', d.why]),
          ),
        )
      : undefined,
    created.length
      ? blocks(
          md`## ${t('New ({0})', created.length)}`,
          table(
            [t('Where'), t('Name'), t('Number'), t('VIP'), t('Notes')],
            created.map((d) => [
              d.row.where,
              d.body.name,
              phoneForPeople(d.body.phone_number),
              yes(d.body.is_vip),
              d.body.notes ?? '—',
            ]),
          ),
        )
      : undefined,
    updated.length
      ? blocks(
          md`## ${t('Updated ({0})', updated.length)}`,
          table(
            [t('Where'), t('Contact'), t('Number'), t('Changes')],
            updated.map((d) => [
              d.row.where,
              d.contact.name ?? '—',
              phoneForPeople(d.contact.phone_number ?? ''),
              changes(d),
            ]),
          ),
        )
      : undefined,
    unchanged.length
      ? blocks(
          md`## ${t('Already up to date ({0})', unchanged.length)}`,
          table(
            [t('Where'), t('Contact'), t('Number')],
            unchanged.map((d) => [d.row.where, d.contact.name ?? '—', phoneForPeople(d.contact.phone_number ?? '')]),
          ),
        )
      : undefined,
  );
}
