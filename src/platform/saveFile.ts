/** Saving a file the person asked for: the save dialog suggests a name made safe by
 *  src/format/sinks.ts (`fileName`), in the workspace folder or ~/Downloads; and handing a saved
 *  file to the app that opens it:
 *  - on the desktop, with the file on this computer, the system's handler for its type (the
 *    calendar app for an .ics): `openSavedFile` (openExternal.ts) on its `file:` address;
 *  - in the web workbench (code-server, where the file sits on the server and the browser cannot
 *    open a `vscode-remote:` address — handing it one navigates the tab away), or in a remote
 *    window, a download: the file is revealed in the Explorer and the Explorer's own Download
 *    (`explorer.download`, which acts on the item revealed) gives it to the browser. Only a file
 *    inside a workspace folder can be revealed, so only such a file is offered. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { FileName, PlainText } from '../format/sinks';
import { openSavedFile } from './openExternal';

export async function askWhereToSave(
  name: FileName,
  filter: { label: PlainText; extensions: readonly string[] },
  saveLabel: PlainText,
): Promise<vscode.Uri | undefined> {
  const folder =
    vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(vscode.Uri.file(os.homedir()), 'Downloads');
  return vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, name),
    filters: { [filter.label]: [...filter.extensions] },
    saveLabel,
  });
}

/** How a saved file reaches the app that opens it here: opened by the system, downloaded by the
 *  browser, or neither (undefined: it stays open in the editor). */
export interface SavedFileOpener {
  readonly kind: 'open' | 'download';
  run(): Thenable<unknown>;
}

export function savedFileOpener(file: vscode.Uri): SavedFileOpener | undefined {
  if (vscode.env.uiKind === vscode.UIKind.Desktop && file.scheme === 'file' && !vscode.env.remoteName) {
    return { kind: 'open', run: () => openSavedFile(file) };
  }
  if (!vscode.workspace.getWorkspaceFolder(file)) return undefined;
  return {
    kind: 'download',
    run: async () => {
      await vscode.commands.executeCommand('revealInExplorer', file);
      return vscode.commands.executeCommand('explorer.download');
    },
  };
}
