/** One page in one editor tab: it renders its controller into the shell, takes the page's messages
 *  (validated first; an unknown or malformed one is ignored and logged), runs the action asked for,
 *  and renders again so the page shows what changed. The first render loads the document; later
 *  ones, while the page is shown, hand the new body to the page's script, which swaps it in: setting
 *  `webview.html` again would reload the document, and the tab would flash blank and unstyled. A
 *  hidden page has no document (its context is not kept): it gets the latest HTML to load when it
 *  shows again. */
import * as vscode from 'vscode';
import { describeError, html, t } from '../format';
import { tabTitle } from '../format/sinks';
import type { Log } from '../platform/log';
import { Disposables } from '../platform/disposables';
import type { PageController, PageView } from './pageController';
import { PageMessage } from './pageMessages';
import { pageAssets, pageShell } from './pageShell';

export class PagePanel extends Disposables {
  private view: PageView | undefined;
  private rendering: Promise<void> | undefined;
  private renderAgain: Promise<void> | undefined;
  /** Messages ignored because they failed validation (tests read it). */
  ignored = 0;
  /** Content-Security-Policy violations the page reported (tests read it). */
  readonly violations: Array<{ directive: string; blocked?: string }> = [];
  /** The audio handed to the page after its last render (tests read it). */
  mediaDelivered: { readonly bytes: number; readonly mimeType: string } | { readonly error: string } | undefined;
  /** Documents loaded (webview.html set), and renders swapped into a loaded one (tests read them). */
  documentLoads = 0;
  swaps = 0;
  /** The page's script has loaded the last document and said so ('ready'): a render can be swapped in. */
  private scriptReady = false;
  /** A render was swapped in: webview.html still holds an older document. */
  private htmlBehind = false;
  private readonly rendered = new vscode.EventEmitter<PageView>();
  /** Fires after each render (tests wait on it). */
  readonly onDidRender = this.rendered.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly controller: PageController,
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {
    super();
    this.own(this.rendered);
    this.own(panel.webview.onDidReceiveMessage((m: unknown) => void this.deliver(m)));
    this.own(panel.onDidDispose(() => this.dispose()));
    this.own(
      panel.onDidChangeViewState(() => {
        if (panel.visible) return;
        // Hidden, the document is gone; it loads again from webview.html when the tab shows.
        this.scriptReady = false;
        if (this.htmlBehind && this.view && !this.isDisposed) this.load(this.view);
      }),
    );
  }

  get key(): string {
    return `${this.controller.state.kind}:${this.controller.state.id}`;
  }

  get current(): PageView | undefined {
    return this.view;
  }

  /** The page's script has loaded the document and can take a new render (tests wait on it). */
  get ready(): boolean {
    return this.scriptReady;
  }

  /** (Re)renders the page from fresh data. A refresh asked for during a render gets a render that
   *  starts after it (what changed meanwhile — an answer handed to the page — is not lost); several
   *  such asks share that one. */
  refresh(): Promise<void> {
    if (this.rendering) {
      this.renderAgain ??= this.rendering.then(() => {
        this.renderAgain = undefined;
        return this.refresh();
      });
      return this.renderAgain;
    }
    this.rendering = this.render().finally(() => (this.rendering = undefined));
    return this.rendering;
  }

  private async render(): Promise<void> {
    let view: PageView;
    try {
      view = await this.controller.render();
    } catch (e) {
      this.log.error(`Page ${this.controller.state.kind} failed to render`, e);
      view = {
        title: t('KallyAI'),
        body: html`<h1>${t('This page could not be shown')}</h1><p class="error">${e instanceof Error ? e.message : String(e)}</p>`,
        actions: {},
      };
    }
    if (this.isDisposed) return;
    this.view = view;
    try {
      this.panel.title = tabTitle(view.title);
      const swapped =
        this.scriptReady &&
        this.panel.visible &&
        (await answeredWithin(
          this.panel.webview.postMessage({ type: 'render', title: view.title, body: view.body.text }),
          SWAP_ANSWER_MS,
        ));
      if (this.isDisposed || this.view !== view) return;
      if (swapped) {
        this.swaps++;
        this.htmlBehind = true;
      } else this.load(view);
    } catch (e) {
      // Closed while it rendered: nothing to show it in.
      this.log.debug(
        `Page ${this.controller.state.kind} closed while rendering: ${e instanceof Error ? e.message : String(e)}`,
      );
      return;
    }
    this.rendered.fire(view);
  }

  /** Loads the view as a new document (the first render, a hidden page, a page whose script is not there). */
  private load(view: PageView): void {
    this.scriptReady = false;
    this.htmlBehind = false;
    this.documentLoads++;
    this.panel.webview.html = pageShell(
      this.panel.webview,
      pageAssets(this.panel.webview, this.extensionUri),
      view.title,
      view.body,
      this.controller.state,
    );
  }

  /** A message from the page (the webview, or a test through the same path). */
  async deliver(raw: unknown): Promise<'ran' | 'ignored' | 'noted'> {
    const parsed = PageMessage.safeParse(raw);
    if (!parsed.success) {
      this.ignored++;
      this.log.warn(`Page ${this.controller.state.kind}: ignored a malformed message`);
      return 'ignored';
    }
    const message = parsed.data;
    if (message.type === 'ready') {
      this.scriptReady = true;
      void this.sendMedia();
      return 'noted';
    }
    if (message.type === 'cspViolation') {
      this.violations.push({ directive: message.directive, blocked: message.blocked });
      this.log.warn(`Page ${this.controller.state.kind}: Content-Security-Policy blocked ${message.directive}`);
      return 'noted';
    }
    const action = this.view?.actions[message.action];
    if (!action) {
      this.ignored++;
      this.log.warn(
        `Page ${this.controller.state.kind}: ignored the action "${message.action}", which the page does not offer`,
      );
      return 'ignored';
    }
    try {
      await action({ arg: message.arg, text: message.text, fields: message.fields });
    } catch (e) {
      this.log.error(`Page ${this.controller.state.kind}: ${message.action} failed`, e);
    }
    if (!this.isDisposed) {
      await this.refresh();
      if (!this.isDisposed)
        void Promise.resolve(this.panel.webview.postMessage({ type: 'busy', on: false })).catch(() => undefined);
    }
    return 'ran';
  }

  /** Hands the page its audio (fetched by the extension; the page only gets the bytes). */
  private async sendMedia(): Promise<void> {
    const view = this.view;
    if (!view?.media) return;
    let message: { type: 'media'; data: Uint8Array; mimeType: string } | { type: 'mediaError'; message: string };
    try {
      const media = await view.media();
      message = { type: 'media', data: media.data, mimeType: media.mimeType };
      this.mediaDelivered = { bytes: media.data.byteLength, mimeType: media.mimeType };
    } catch (e) {
      this.log.warn(
        `Page ${this.controller.state.kind}: the audio could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
      );
      message = { type: 'mediaError', message: describeError(e).sentence };
      this.mediaDelivered = { error: message.message };
    }
    if (this.isDisposed || this.view !== view) return;
    await Promise.resolve(this.panel.webview.postMessage(message)).catch(() => undefined);
  }

  override dispose(): void {
    if (!this.isDisposed) super.dispose();
  }
}

/** How long a render waits for the page to take a swapped-in render before loading it anew: a
 *  webview that does not answer (busy or gone to the background) must not stall every later render. */
const SWAP_ANSWER_MS = 5_000;

/** The webview's answer to a message, or false when it fails or does not come within `ms`. */
function answeredWithin(answer: Thenable<boolean>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    Promise.resolve(answer).then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}
