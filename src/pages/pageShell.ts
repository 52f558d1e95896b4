/** The HTML around every page: a strict Content-Security-Policy with a fresh nonce (no remote
 *  content of any kind: only this extension's own stylesheet, font and script), VS Code's theme
 *  colours through its CSS variables, codicons, and the page's state for a window reload. The page
 *  is the document's `main` landmark; beside it, a polite live region (empty at load, so a screen
 *  reader registers it) in which the page script says what changed when a new render is swapped in
 *  (the sentences a page marks `data-announce`: a call's status, a step awaiting approval). */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { html, locale, type Html } from '../format';

export interface PageAssets {
  readonly css: vscode.Uri;
  readonly codicons: vscode.Uri;
  readonly script: vscode.Uri;
}

export function pageAssets(webview: vscode.Webview, extensionUri: vscode.Uri): PageAssets {
  const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path));
  return {
    css: uri('media', 'pages', 'page.css'),
    codicons: uri('dist', 'codicon.css'),
    script: uri('media', 'pages', 'page.js'),
  };
}

/** The folders a page may load from. */
export function pageResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media', 'pages'), vscode.Uri.joinPath(extensionUri, 'dist')];
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `media-src ${cspSource} blob: data:`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function pageShell(
  webview: vscode.Webview,
  assets: PageAssets,
  title: string,
  body: Html,
  state: object,
): string {
  const nonce = randomBytes(18).toString('base64');
  return html`<!DOCTYPE html>
    <html lang="${locale()}">
      <head>
        <meta charset="UTF-8" />
        <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}" />
        <meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <link rel="stylesheet" href="${assets.codicons.toString()}" />
        <link rel="stylesheet" href="${assets.css.toString()}" />
        <title>${title}</title>
      </head>
      <body data-state="${JSON.stringify(state)}">
        <main id="page">${body}</main>
        <div class="visually-hidden" role="status" aria-live="polite" data-live-region></div>
        <script nonce="${nonce}" src="${assets.script.toString()}"></script>
      </body>
    </html>`.text;
}
