/** Opens an address in the person's browser (or mail or phone app), right in the desktop and the
 *  web workbench, and only an address the link policy allows (linkPolicy.ts: `https:`, `http:`
 *  on this computer, `mailto:`/`tel:` where the person asked); anything else is refused with a
 *  message saying why, and nothing is opened.
 *  In the web workbench `openExternal` maps a localhost address (a local sandbox) to the port
 *  proxy and drops its path, so the address is mapped here first (`asExternalUri` on its origin)
 *  and its path and query are kept. It is handed over as a string: a `vscode.Uri` would decode and
 *  re-encode the query, which breaks a `redirect_uri` that itself has a query (microsoft/vscode#85930). */
import * as vscode from 'vscode';
import { t } from '../format';
import { checkLink, type LinkOptions } from './linkPolicy';
import { notificationText } from '../format/sinks';
import { warn } from './notify';

export async function externalAddress(url: string): Promise<string> {
  const u = new URL(url);
  const origin = vscode.Uri.parse(`${u.protocol}//${u.host}/`);
  const mapped = await vscode.env.asExternalUri(origin);
  if (mapped.toString() === origin.toString()) return url;
  return `${mapped.toString(true).replace(/(?<!\/)\/+$/, '')}${u.pathname}${u.search}`;
}

/** Why this address is not opened, in a sentence for the person; undefined when it may be. */
export function linkRefusal(url: string, options: LinkOptions = {}): string | undefined {
  const checked = checkLink(url, options);
  if (checked.ok) return undefined;
  switch (checked.reason) {
    case 'scheme':
      return t('KallyAI did not open a "{0}" link: it opens only web addresses (https).', checked.scheme);
    case 'insecure':
      return t(
        'KallyAI did not open a plain http address on another computer: it opens web addresses over https only (http only on this computer).',
      );
    case 'malformed':
      return t('KallyAI did not open this link: it is not a web address.');
  }
}

/** Opens a file the person just saved, where they chose (an .ics for their calendar): the one
 *  `file:` address KallyAI hands to the operating system, never an address from the service. */
export function openSavedFile(file: vscode.Uri): Thenable<boolean> {
  return vscode.env.openExternal(file);
}

/** Opens the address when the link policy allows it; otherwise says why and returns false. */
export async function openExternalUrl(url: string, options: LinkOptions & { map?: boolean } = {}): Promise<boolean> {
  const refusal = linkRefusal(url, options);
  if (refusal) {
    void warn(notificationText(refusal));
    return false;
  }
  const web = /^https?:/i.test(url);
  // The address is checked; where VS Code maps it (a port proxy in the browser) is VS Code's own.
  const address = options.map === false || !web ? url : await externalAddress(url);
  try {
    return await vscode.env.openExternal(address as unknown as vscode.Uri);
  } catch {
    return vscode.env.openExternal(vscode.Uri.parse(address));
  }
}
