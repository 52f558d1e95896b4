/** A file that does not follow its format (a CSV quote never closed, a vCard that never ends):
 *  which format, and the line where it went wrong. The one error the file readers throw. No `vscode`. */

export class FileFormatError extends Error {
  override readonly name = 'FileFormatError';
  constructor(
    readonly format: 'csv' | 'vcard',
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}
