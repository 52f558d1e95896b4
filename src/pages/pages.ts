/** The pages: one panel per thing (opening the same goal twice reveals its tab), restored after a
 *  window reload (the serializer reads the kind and id the page remembered), refreshed when an
 *  operation changes what they show. */
import * as vscode from 'vscode';
import type { Log } from '../platform/log';
import { Disposables } from '../platform/disposables';
import { PAGE_KINDS, type PageController, type PageKind, type PageState } from './pageController';
import { PagePanel } from './pagePanel';
import { PAGE_VIEW_TYPE } from './viewType';
import { pageResourceRoots } from './pageShell';

export type ControllerFactory = (state: PageState, initial?: unknown) => PageController | undefined;

export class Pages extends Disposables {
  private readonly open = new Map<string, PagePanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
    private readonly factory: ControllerFactory,
  ) {
    super();
  }

  /** Opens (or reveals) the page of a thing; `initial` is what the caller already has of it. */
  async show(kind: PageKind, id: string, initial?: unknown): Promise<PagePanel> {
    const key = `${kind}:${id}`;
    const existing = this.open.get(key);
    if (existing) {
      if (initial !== undefined) existing.controller.receive?.(initial);
      existing.panel.reveal(undefined, false);
      await existing.refresh();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      PAGE_VIEW_TYPE,
      '…',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: pageResourceRoots(this.extensionUri),
      },
    );
    return this.adopt(panel, { kind, id }, initial);
  }

  /** A panel VS Code restored after a reload. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const s = state as Partial<PageState> | undefined;
    if (!s || !PAGE_KINDS.includes(s.kind as PageKind) || typeof s.id !== 'string') {
      panel.dispose();
      return;
    }
    panel.webview.options = { enableScripts: true, localResourceRoots: pageResourceRoots(this.extensionUri) };
    await this.adopt(panel, { kind: s.kind as PageKind, id: s.id });
  }

  private async adopt(panel: vscode.WebviewPanel, state: PageState, initial?: unknown): Promise<PagePanel> {
    const controller = this.factory(state, initial);
    if (!controller) {
      panel.dispose();
      throw new Error(`No page for ${state.kind}`);
    }
    const page = new PagePanel(panel, controller, this.extensionUri, this.log);
    this.open.set(page.key, page);
    this.own(
      page,
      panel.onDidDispose(() => this.open.delete(page.key)),
    );
    await page.refresh();
    return page;
  }

  /** Renders again every open page of these kinds (after an operation changed their data). */
  async refresh(kinds: readonly PageKind[]): Promise<void> {
    await Promise.all(
      [...this.open.values()].filter((p) => kinds.includes(p.controller.state.kind)).map((p) => p.refresh()),
    );
  }

  /** The open page of a thing, if any (tests). */
  find(kind: PageKind, id: string): PagePanel | undefined {
    return this.open.get(`${kind}:${id}`);
  }

  get panels(): readonly PagePanel[] {
    return [...this.open.values()];
  }
}
