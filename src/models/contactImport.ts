/** A contact import, before anything is sent: the rows of a CSV or vCard file, and what each would
 *  do — a new contact, an update of one you have (same number), nothing (already the same), or
 *  rejected with the reason (a bad number, no name, a duplicate of an earlier row). The preview
 *  is what the person accepts; the requests follow it. No `vscode`. */
import { checkPhoneNumber } from '../api/validation/phone';
import { phoneForPeople, t } from '../format';
import { parseCsv, type CsvRow } from './csv';
import { FileFormatError } from './fileFormatError';
import { contactFor, type Contact } from './inbound';
import { parseVcards } from './vcard';

/** Larger files are refused (a contact list of 5,000 rows is about 300 KB). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

/** A file that cannot be read as contacts, with the sentence that says why. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
  constructor(
    readonly reason: 'empty' | 'malformed' | 'no_columns' | 'too_large' | 'unknown_type',
    message: string,
  ) {
    super(message);
  }
}

export interface ImportRow {
  /** Where it is in the file: "Row 4" (CSV, counting the header) or "Card 3" (vCard). */
  readonly where: string;
  readonly name?: string;
  readonly phone?: string;
  /** Only when the file says (a VIP column, a VIP category). */
  readonly isVip?: boolean;
  readonly notes?: string;
}

export type ContactBody = { name?: string; phone_number?: string; is_vip?: boolean; notes?: string };

export type RejectReason = 'bad_number' | 'missing_name' | 'duplicate';

export type ImportDecision =
  | {
      readonly kind: 'new';
      readonly row: ImportRow;
      readonly body: Required<Pick<ContactBody, 'name' | 'phone_number'>> & ContactBody;
    }
  | { readonly kind: 'update'; readonly row: ImportRow; readonly contact: Contact; readonly body: ContactBody }
  | { readonly kind: 'unchanged'; readonly row: ImportRow; readonly contact: Contact }
  | { readonly kind: 'rejected'; readonly row: ImportRow; readonly reason: RejectReason; readonly why: string };

export interface ImportPreview {
  readonly fileName: string;
  readonly decisions: readonly ImportDecision[];
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

export type ImportFileType = 'csv' | 'vcard';

export function fileTypeOf(fileName: string): ImportFileType | undefined {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  if (ext === 'vcf' || ext === 'vcard') return 'vcard';
  return undefined;
}

/** The rows of a file, by its type (or its content: a file that starts with BEGIN:VCARD is a vCard). */
export function readContactFile(fileName: string, bytes: Uint8Array): ImportRow[] {
  if (bytes.byteLength > MAX_IMPORT_BYTES)
    throw new ImportFileError(
      'too_large',
      t('{0} is larger than {1} MB: split it into smaller files.', fileName, MAX_IMPORT_BYTES / 1024 / 1024),
    );
  const text = new TextDecoder('utf-8').decode(bytes);
  if (!text.trim()) throw new ImportFileError('empty', t('{0} is empty: there are no contacts to import.', fileName));
  const type = /^\uFEFF?\s*BEGIN:VCARD/i.test(text) ? 'vcard' : fileTypeOf(fileName);
  if (!type) throw new ImportFileError('unknown_type', t('{0} is not a CSV or vCard file.', fileName));
  const rows = type === 'vcard' ? vcardRows(fileName, text) : csvRows(fileName, text);
  if (rows.length === 0) throw new ImportFileError('empty', t('{0} has no contacts to import.', fileName));
  if (rows.length > MAX_IMPORT_ROWS)
    throw new ImportFileError(
      'too_large',
      t('{0} has {1} contacts; import at most {2} at a time.', fileName, rows.length, MAX_IMPORT_ROWS),
    );
  return rows;
}

function vcardRows(fileName: string, text: string): ImportRow[] {
  try {
    const cards = parseVcards(text);
    if (cards.length === 0)
      throw new ImportFileError('malformed', t('{0} has no vCard in it (no BEGIN:VCARD … END:VCARD).', fileName));
    return cards.map((c, i) => ({
      where: t('Card {0}', i + 1),
      name: c.name,
      phone: c.phones[0],
      isVip: c.vip,
      notes: c.notes,
    }));
  } catch (e) {
    if (e instanceof FileFormatError)
      throw new ImportFileError(
        'malformed',
        t('{0} is not a well-formed vCard file: line {1} has a card that never ends.', fileName, e.line),
      );
    throw e;
  }
}

const norm = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');
const COLUMNS = {
  name: ['name', 'fullname', 'displayname', 'contact', 'contactname', 'nombre'],
  first: ['firstname', 'givenname', 'first'],
  last: ['lastname', 'familyname', 'surname', 'last', 'apellidos'],
  phone: [
    'phone',
    'phonenumber',
    'mobile',
    'mobilephone',
    'mobilenumber',
    'cell',
    'cellphone',
    'tel',
    'telephone',
    'number',
    'phone1value',
    'primaryphone',
    'businessphone',
    'homephone',
    'telefono',
    'movil',
  ],
  vip: ['vip', 'isvip', 'favorite', 'favourite', 'starred'],
  notes: ['notes', 'note', 'comment', 'comments', 'description', 'notas'],
};
const TRUE = /^(1|y|yes|true|x|vip|sí|si|★|\*)$/i;
const FALSE = /^(0|n|no|false)$/i;
const looksLikePhone = (v: string) => /^\+?[\d\s().-]{7,20}$/.test(v.trim());

function csvRows(fileName: string, text: string): ImportRow[] {
  let rows: CsvRow[];
  try {
    rows = parseCsv(text);
  } catch (e) {
    if (e instanceof FileFormatError)
      throw new ImportFileError(
        'malformed',
        t(
          '{0} is not a well-formed CSV file: line {1} has a quote that is never closed or is misplaced.',
          fileName,
          e.line,
        ),
      );
    throw e;
  }
  if (rows.length === 0)
    throw new ImportFileError('empty', t('{0} is empty: there are no contacts to import.', fileName));
  const header = rows[0].cells.map(norm);
  const col = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  let at = {
    name: col(COLUMNS.name),
    first: col(COLUMNS.first),
    last: col(COLUMNS.last),
    phone: col(COLUMNS.phone),
    vip: col(COLUMNS.vip),
    notes: col(COLUMNS.notes),
  };
  let body = rows.slice(1);
  if (at.phone < 0) {
    // No header naming a phone column: a bare "name, number[, vip][, notes]" list, if it looks like one.
    if (rows[0].cells.length >= 2 && looksLikePhone(rows[0].cells[1])) {
      at = {
        name: 0,
        first: -1,
        last: -1,
        phone: 1,
        vip: rows[0].cells.length > 2 ? 2 : -1,
        notes: rows[0].cells.length > 3 ? 3 : -1,
      };
      body = rows;
    } else {
      throw new ImportFileError(
        'no_columns',
        t('{0} has no phone number column: name one "Phone" (and one "Name").', fileName),
      );
    }
  }
  if (at.name < 0 && at.first < 0 && at.last < 0)
    throw new ImportFileError(
      'no_columns',
      t('{0} has no name column: name one "Name" (or "First name" and "Last name").', fileName),
    );
  const cell = (r: CsvRow, i: number) => (i >= 0 ? (r.cells[i]?.trim() ?? '') : '');
  return body.map((r) => {
    const name = cell(r, at.name) || [cell(r, at.first), cell(r, at.last)].filter(Boolean).join(' ');
    const vip = cell(r, at.vip);
    return {
      where: t('Row {0}', r.line),
      name: name || undefined,
      phone: cell(r, at.phone) || undefined,
      isVip: at.vip < 0 ? undefined : TRUE.test(vip) ? true : FALSE.test(vip) ? false : undefined,
      notes: cell(r, at.notes) || undefined,
    };
  });
}

/** What importing these rows would do, against the contacts you have. */
export function previewImport(
  fileName: string,
  rows: readonly ImportRow[],
  existing: readonly Contact[],
  defaultCountry?: string,
): ImportPreview {
  const seen = new Map<string, ImportRow>();
  const decisions = rows.map((row): ImportDecision => {
    if (!row.name?.trim()) return { kind: 'rejected', row, reason: 'missing_name', why: t('missing name') };
    if (!row.phone?.trim())
      return { kind: 'rejected', row, reason: 'bad_number', why: t('bad number: there is no phone number') };
    const check = checkPhoneNumber(row.phone, defaultCountry);
    if (!check.ok)
      return {
        kind: 'rejected',
        row,
        reason: 'bad_number',
        why: t('bad number: {0}', t(check.template, ...check.args)),
      };
    const earlier = seen.get(check.e164);
    if (earlier)
      return {
        kind: 'rejected',
        row,
        reason: 'duplicate',
        why: t('duplicate: {0} is already in {1}', phoneForPeople(check.e164), earlier.where),
      };
    seen.set(check.e164, row);
    const name = row.name.trim().slice(0, 200);
    const notes = row.notes?.slice(0, 1000);
    const contact = contactFor(check.e164, existing);
    if (!contact) {
      return {
        kind: 'new',
        row,
        body: {
          name,
          phone_number: check.e164,
          ...(row.isVip !== undefined ? { is_vip: row.isVip } : {}),
          ...(notes ? { notes } : {}),
        },
      };
    }
    const body: ContactBody = {};
    if ((contact.name ?? '') !== name) body.name = name;
    if (row.isVip !== undefined && (contact.is_vip === true) !== row.isVip) body.is_vip = row.isVip;
    if (notes && (contact.notes ?? '') !== notes) body.notes = notes;
    return Object.keys(body).length ? { kind: 'update', row, contact, body } : { kind: 'unchanged', row, contact };
  });
  const n = (kind: ImportDecision['kind']) => decisions.filter((d) => d.kind === kind).length;
  return {
    fileName,
    decisions,
    created: n('new'),
    updated: n('update'),
    unchanged: n('unchanged'),
    rejected: n('rejected'),
  };
}

/** "Row 4 (Jane Doe)": a row as the preview names it. */
export function rowLabel(row: ImportRow): string {
  const who = row.name?.trim() || (row.phone ? phoneForPeople(row.phone) : '');
  return who ? t('{0} ({1})', row.where, who) : row.where;
}
