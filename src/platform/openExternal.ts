/** Opens an http(s) address in the person's browser, right in the desktop and the web workbench.
 *  In the web workbench `openExternal` maps a localhost address (a local sandbox) to the port
 *  proxy and drops its path, so the address is mapped here first (`asExternalUri` on its origin)
 *  and its path and query are kept. It is handed over as a string: a `vscode.Uri` would decode and
 *  re-encode the query, which breaks a `redirect_uri` that itself has a query (microsoft/vscode#85930). */
import * as vscode from 'vscode';

export async function externalAddress(url: string): Promise<string> {
  const u = new URL(url);
  const origin = vscode.Uri.parse(`${u.protocol}//${u.host}/`);
  const mapped = await vscode.env.asExternalUri(origin);
  if (mapped.toString() === origin.toString()) return url;
  return `${mapped.toString(true).replace(/(?<!\/)\/+$/, '')}${u.pathname}${u.search}`;
}

export async function openExternalUrl(url: string, options: { map?: boolean } = {}): Promise<boolean> {
  const address = options.map === false ? url : await externalAddress(url);
  try {
    return await vscode.env.openExternal(address as unknown as vscode.Uri);
  } catch {
    return vscode.env.openExternal(vscode.Uri.parse(address));
  }
}
