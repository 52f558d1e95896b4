import * as vscode from 'vscode';
import type { DataLoader } from './dataLoader';
import { describeLoadError } from './loadError';
import { icon, infoNode, type ViewName, type ViewNode } from './viewNode';
import { LIMITS, plainText } from '../format/sinks';

/** What every KallyAI tree shares: signed out → no items (the welcome content shows); the first
 *  expansion loads; a failed load is one inline node on top (with any data we still have below);
 *  the root nodes are built once per data change, so the same objects come back on every call
 *  (TreeView.reveal and the expansion state rely on that). */
/** Where the views stand with the server: which view shows the one "can't reach" state. */
export interface Reachability {
  /** True for the one view that shows "Can't reach KallyAI at <host>" while the service is unreachable. */
  showsOfflineState(view: ViewName): boolean;
  /** The API's host, for the sentence. */
  host(): string;
}

export abstract class KallyTreeProvider<D> implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  protected readonly changeEmitter = new vscode.EventEmitter<ViewNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private roots: ViewNode[] | undefined;
  private readonly subscription: vscode.Disposable;
  /** Which view tells that the service is unreachable (set by registerViews). */
  reachability?: Reachability;
  /** Milliseconds spent building the root nodes after the last change (the bench reads it). */
  lastBuildMs = 0;

  constructor(
    readonly name: ViewName,
    /** What the view shows, in a sentence: "your goals", for error nodes. */
    protected readonly what: string,
    readonly loader: DataLoader<D>,
    protected readonly isSignedIn: () => boolean,
  ) {
    this.subscription = loader.onDidChange(() => this.invalidate());
  }

  /** Rebuilds the nodes from the current data and tells VS Code. */
  invalidate(): void {
    this.roots = undefined;
    this.onRootsInvalidated();
    this.changeEmitter.fire();
  }

  protected onRootsInvalidated(): void {}

  getTreeItem(node: ViewNode): vscode.TreeItem {
    return node.item;
  }

  getParent(node: ViewNode): ViewNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ViewNode): Promise<ViewNode[]> {
    if (node) return node.children ? await node.children() : [];
    if (!this.isSignedIn()) return [];
    await this.loader.ensureLoaded();
    if (!this.isSignedIn()) return [];
    return this.rootNodes();
  }

  /** The root nodes for the current data (built at most once per change). */
  rootNodes(): ViewNode[] {
    if (this.roots) return this.roots;
    const started = performance.now();
    const nodes: ViewNode[] = [];
    const error = this.loader.error;
    if (error !== undefined) {
      const offline = describeLoadError(error, this.what, [this.name]).retryable;
      // Unreachable: one view says so (Retry · Open Settings); the others keep what they had.
      if (!offline || !this.reachability || this.reachability.showsOfflineState(this.name)) nodes.push(this.errorNode(error));
      if (offline && this.reachability?.showsOfflineState(this.name)) {
        nodes.push(infoNode(`${this.name}/settings`, undefined, {
          label: plainText(vscode.l10n.t('Open Settings')),
          tooltip: plainText(vscode.l10n.t('Check the KallyAI API address (kallyai.apiBaseUrl)')),
          icon: icon('settings-gear'),
          command: { command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: ['kallyai.apiBaseUrl'] },
        }, 'settings'));
      }
    }
    if (this.loader.data !== undefined) {
      try {
        nodes.push(...this.buildRoots(this.loader.data));
      } catch (e) {
        nodes.push(this.errorNode(e));
      }
    }
    this.roots = nodes;
    this.lastBuildMs = performance.now() - started;
    return nodes;
  }

  protected abstract buildRoots(data: D): ViewNode[];

  protected errorNode(e: unknown, id = `${this.name}/error`, parent?: ViewNode, retryArgs: unknown[] = [this.name]): ViewNode {
    const view = describeLoadError(e, this.what, retryArgs, this.reachability?.host());
    return infoNode(id, parent, {
      label: plainText(view.label),
      tooltip: plainText(view.detail, LIMITS.tooltip),
      icon: icon(view.icon, view.icon === 'account' ? undefined : 'problemsWarningIcon.foreground'),
      command: view.command,
      contextValue: 'error',
      accessibilityLabel: plainText(`${view.label}. ${view.detail}`),
    }, 'error');
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
