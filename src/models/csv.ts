/** A small RFC 4180 CSV reader: quoted fields (with "" inside, commas and line breaks), CRLF, LF
 *  or CR line ends, a UTF-8 byte-order mark, and the separator guessed from the first line (`,`,
 *  `;` as spreadsheets in many European locales write it, or a tab). An unterminated quote is an
 *  error naming its line, not a silently merged file. No `vscode`. */

import { FileFormatError } from './fileFormatError';

export interface CsvRow {
  /** The line the row starts on (1-based). */
  readonly line: number;
  readonly cells: readonly string[];
}

/** The separator that splits the first line (outside quotes) into the most cells. */
export function guessSeparator(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ',';
}

/** Every non-blank row, its cells trimmed. */
export function parseCsv(input: string, separator = guessSeparator(input.replace(/^\uFEFF/, ''))): CsvRow[] {
  const text = input.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 0;
  let wasQuoted = false;
  const endCell = () => {
    cells.push(wasQuoted ? cell : cell.trim());
    cell = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endCell();
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells: cells.map((c) => c.trim()) });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell.trim() !== '') throw new FileFormatError('csv', line, `Line ${line}: a quote in the middle of a field.`);
      cell = '';
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
    } else if (ch === separator) {
      endCell();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      if (wasQuoted && ch.trim() !== '')
        throw new FileFormatError('csv', line, `Line ${line}: text after a closing quote.`);
      if (!wasQuoted) cell += ch;
    }
  }
  if (quoted) throw new FileFormatError('csv', quoteLine, `Line ${quoteLine}: a quote that is never closed.`);
  endRow();
  return rows;
}
