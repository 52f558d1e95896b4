import * as vscode from 'vscode';
import type { DataLoader } from './dataLoader';
import { describeLoadError, isUnreachable } from './loadError';
import type { Outage } from './reachability';
import { blocks, clockTime, md, t } from '../format';
import { icon, infoNode, type ViewName, type ViewNode } from './viewNode';
import { LIMITS, plainText } from '../format/sinks';

/** What every KallyAI tree shares: signed out → no items (the welcome content shows); the first
 *  expansion loads; while KallyAI cannot be reached, or when the view's own load failed, one row on
 *  top says so (with Retry) above the last data. The nodes of the data are built once per data: a
 *  failed load or an outage changes only the row on top, so the same objects come back on every
 *  call (TreeView.reveal and the expansion state rely on that) and expanded groups keep their
 *  children instead of asking for them again. */

/** Where the views stand with the server (set by registerViews). */
export interface Reachability {
  /** The outage now, if KallyAI cannot be reached (src/views/reachability.ts). */
  outage(): Outage | undefined;
  /** The API's host, for the row's tooltip. */
  host(): string;
}

export abstract class KallyTreeProvider<D> implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  protected readonly changeEmitter = new vscode.EventEmitter<ViewNode | undefined | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private roots: ViewNode[] | undefined;
  /** The nodes built for the data now shown. */
  private built: { readonly data: D; readonly nodes: ViewNode[] } | undefined;
  private readonly subscription: vscode.Disposable;
  /** Where the views stand with the server (set by registerViews). */
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
    this.subscription = loader.onDidChange(() => this.rowsChanged());
  }

  /** Rebuilds every node from the current data and tells VS Code (expanded groups load again). */
  invalidate(): void {
    this.built = undefined;
    this.rowsChanged();
  }

  /** The row on top may have changed (a load failed or succeeded, KallyAI went away or came back):
   *  the nodes of unchanged data are kept. */
  rowsChanged(): void {
    this.roots = undefined;
    this.changeEmitter.fire();
  }

  /** Called before the nodes are built for new data. */
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
    const nodes = this.stateRows();
    const data = this.loader.data;
    if (data === undefined) this.built = undefined;
    else {
      if (this.built?.data !== data) {
        this.built = undefined;
        this.onRootsInvalidated();
        try {
          this.built = { data, nodes: this.buildRoots(data) };
        } catch (e) {
          nodes.push(this.errorNode(e));
        }
      }
      if (this.built) nodes.push(...this.built.nodes);
    }
    this.roots = nodes;
    this.lastBuildMs = performance.now() - started;
    return nodes;
  }

  /** The one row on top, if any: the view's own error (sign in again, an answer that could not be
   *  read…), or "Can't reach KallyAI — Retry" while KallyAI does not answer — with Open Settings
   *  below it when the view has nothing to show (a wrong address is the likely cause then). */
  private stateRows(): ViewNode[] {
    const error = this.loader.error;
    if (error !== undefined && !describeLoadError(error, this.what, [this.name]).retryable)
      return [this.errorNode(error)];
    const cause = error ?? this.reachability?.outage()?.error;
    if (cause === undefined) return [];
    const rows = [this.unreachableNode(cause)];
    if (this.loader.data === undefined) {
      rows.push(
        infoNode(
          `${this.name}/settings`,
          undefined,
          {
            label: plainText(t('Open Settings')),
            tooltip: plainText(t('Check the KallyAI API address (kallyai.apiBaseUrl)')),
            icon: icon('settings-gear'),
            command: {
              command: 'workbench.action.openSettings',
              title: t('Open Settings'),
              arguments: ['kallyai.apiBaseUrl'],
            },
          },
          'settings',
        ),
      );
    }
    return rows;
  }

  /** "Can't reach KallyAI — Retry": the address, the reason and when the data below was loaded in
   *  its tooltip. */
  private unreachableNode(e: unknown): ViewNode {
    const view = describeLoadError(e, this.what, [this.name]);
    const host = this.reachability?.host();
    const loadedAt =
      this.loader.data !== undefined && this.loader.dataLoadedAt
        ? clockTime(new Date(this.loader.dataLoadedAt))
        : undefined;
    const lastAnswerAt = this.reachability?.outage()?.lastAnswerAt;
    const lines = [
      host ? t('KallyAI at {0} does not answer: {1}', host, view.detail) : view.detail,
      loadedAt ? t('Showing what was loaded at {0}.', loadedAt) : undefined,
      lastAnswerAt ? t('Last answer from KallyAI: {0}.', clockTime(new Date(lastAnswerAt))) : undefined,
      t('KallyAI is asked again by itself; click to try now.'),
    ].filter((l): l is string => l !== undefined);
    return infoNode(
      `${this.name}/error`,
      undefined,
      {
        label: plainText(view.label),
        description: plainText(loadedAt ? t('as of {0}', loadedAt) : host),
        tooltip: blocks(...lines.map((l) => md`${l}`)),
        icon: icon(view.icon, 'problemsWarningIcon.foreground'),
        command: view.command,
        contextValue: 'error',
        accessibility: { label: plainText(`${view.label}. ${lines.join(' ')}`, LIMITS.tooltip) },
      },
      'error',
    );
  }

  protected abstract buildRoots(data: D): ViewNode[];

  /** A failed load as a node. Under a group (its children could not be read) while KallyAI cannot be
   *  reached, a quiet "not loaded" row: the one row on top of the view says why and offers Retry. */
  protected errorNode(
    e: unknown,
    id = `${this.name}/error`,
    parent?: ViewNode,
    retryArgs: unknown[] = [this.name],
  ): ViewNode {
    const view = describeLoadError(e, this.what, retryArgs);
    if (parent && isUnreachable(e)) {
      return infoNode(
        id,
        parent,
        {
          label: plainText(t("Not loaded: KallyAI can't be reached")),
          tooltip: plainText(view.detail, LIMITS.tooltip),
          icon: icon('debug-disconnect'),
          command: view.command,
        },
        'notLoaded',
      );
    }
    return infoNode(
      id,
      parent,
      {
        label: plainText(view.label),
        tooltip: plainText(view.detail, LIMITS.tooltip),
        icon: icon(view.icon, view.icon === 'account' ? undefined : 'problemsWarningIcon.foreground'),
        command: view.command,
        contextValue: 'error',
        accessibility: { label: plainText(`${view.label}. ${view.detail}`) },
      },
      'error',
    );
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
