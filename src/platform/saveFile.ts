/** Saving a file the person asked for: the save dialog suggests a name made safe by
 *  src/format/sinks.ts (`fileName`), in the workspace folder or ~/Downloads. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { FileName, PlainText } from '../format/sinks';

export async function askWhereToSave(name: FileName, filter: { label: PlainText; extensions: readonly string[] }, saveLabel: PlainText): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(vscode.Uri.file(os.homedir()), 'Downloads');
  return vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, name),
    filters: { [filter.label]: [...filter.extensions] },
    saveLabel,
  });
}
