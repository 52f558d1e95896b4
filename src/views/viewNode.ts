import * as vscode from 'vscode';
import type { Markdown } from '../format/markdown';
import { LIMITS, plainText, type PlainText } from '../format/sinks';
import { markdownString } from '../platform/markdownString';

/** The sidebar views. */
export type ViewName = 'goals' | 'calls' | 'inbox' | 'email' | 'credits' | 'activity' | 'receptionist' | 'phoneNumbers';
export const VIEW_NAMES: readonly ViewName[] = [
  'goals',
  'calls',
  'inbox',
  'email',
  'credits',
  'activity',
  'receptionist',
  'phoneNumbers',
];
export const viewId = (view: ViewName) => `kallyai.${view}`;

/** One element of a KallyAI tree. `id` is stable across refreshes (VS Code keeps the expansion
 *  and the selection by it), `parent` makes `TreeView.reveal` work, `children` is lazy. */
export interface ViewNode {
  readonly id: string;
  readonly parent?: ViewNode;
  /** What kind of node it is ('goal', 'step', 'call', 'group', 'error'…). */
  readonly kind: string;
  /** The entity a command run on this node acts on (the pipeline fills the matching id from it). */
  readonly target?: { readonly kind: string; readonly id: string; readonly value: unknown };
  readonly item: vscode.TreeItem;
  children?(): ViewNode[] | Promise<ViewNode[]>;
}

/** A label with the ranges of it shown highlighted (a search match). */
export interface HighlightedLabel {
  readonly label: PlainText;
  readonly highlights?: [number, number][];
}

/** What an item shows takes the forms of src/format/sinks.ts: plain text (label, description,
 *  screen-reader label), or escaped Markdown (a rich tooltip). */
export interface ItemOptions {
  id: string;
  label: PlainText | HighlightedLabel;
  description?: PlainText;
  tooltip?: PlainText | Markdown;
  /** A tooltip's `$(…)` theme icons are drawn (ours; service text has its `$` escaped). */
  tooltipIcons?: boolean;
  icon?: vscode.ThemeIcon;
  contextValue?: string;
  collapsible?: vscode.TreeItemCollapsibleState;
  command?: vscode.Command;
  /** What a screen reader says of the row (VS Code's `accessibilityInformation`): `label` instead of
   *  label + description; `status`, what the row's icon shows by colour or shape alone (live,
   *  failed, needs you, unread), said first in words unless the label says it already; `role` when
   *  the row is not a plain tree item. */
  accessibility?: { label?: PlainText; status?: PlainText; role?: string };
  resourceUri?: vscode.Uri;
}

/** The sentence a screen reader hears for a row (see `ItemOptions.accessibility`). */
export function accessibleLabel(o: Pick<ItemOptions, 'label' | 'description' | 'accessibility'>): PlainText {
  const labelText = typeof o.label === 'string' ? o.label : o.label.label;
  const base: string = o.accessibility?.label ?? (o.description ? `${labelText}, ${o.description}` : labelText);
  const status = o.accessibility?.status;
  const said = status && !base.toLocaleLowerCase().includes(status.toLocaleLowerCase()) ? `${status}, ${base}` : base;
  return plainText(said, LIMITS.tooltip);
}

/** A TreeItem with everything the house rules ask of an item: id, tooltip, icon, context, a11y. */
function makeItem(o: ItemOptions): vscode.TreeItem {
  const item = new vscode.TreeItem(o.label, o.collapsible ?? vscode.TreeItemCollapsibleState.None);
  const labelText = typeof o.label === 'string' ? o.label : o.label.label;
  item.id = o.id;
  item.description = o.description;
  item.tooltip =
    o.tooltip === undefined
      ? plainText(o.description ? `${labelText} — ${o.description}` : labelText, LIMITS.tooltip)
      : typeof o.tooltip === 'string'
        ? o.tooltip
        : markdownString(o.tooltip, { icons: o.tooltipIcons ?? true });
  item.iconPath = o.icon;
  item.contextValue = o.contextValue;
  item.command = o.command;
  item.resourceUri = o.resourceUri;
  item.accessibilityInformation = {
    label: accessibleLabel(o),
    ...(o.accessibility?.role ? { role: o.accessibility.role } : {}),
  };
  return item;
}

/** What a row showing one of the service's entities (a goal, a call, an email…) is made of: what
 *  it shows (`ItemOptions`), its `kind`, the entity its commands act on and its lazy children. */
export interface EntityRow<N extends ViewNode = ViewNode> extends ItemOptions {
  readonly kind: string;
  /** The entity a command on this row acts on; none when the service gave it no id. */
  readonly target?: { readonly kind: string; readonly id: string | null | undefined; readonly value: unknown };
  /** The row's children, made when it is first expanded (then kept: see `memo`). */
  readonly children?: (self: N) => ViewNode[] | Promise<ViewNode[]>;
  /** Nodes shown instead of children that failed to load (an inline error); expanding again retries. */
  readonly onChildrenError?: (e: unknown, self: N) => ViewNode[];
  /** What Enter (or a click) on the row runs, given the row. */
  readonly opens?: { readonly command: string; readonly title: string };
}

/** The one way a view makes an entity's row: `extra` carries what the view keeps on its nodes (the
 *  goal, the call…). */
export function entityNode<K extends string, X extends object = object>(
  parent: ViewNode | undefined,
  row: EntityRow<ViewNode & X & { readonly kind: K }> & { readonly kind: K },
  extra?: X,
): ViewNode & X & { readonly kind: K } {
  const { kind, target, children, onChildrenError, opens, ...item } = row;
  const node: ViewNode & X & { readonly kind: K; children?: ViewNode['children'] } = {
    ...(extra as X),
    id: row.id,
    parent,
    kind,
    target: target?.id ? { kind: target.kind, id: target.id, value: target.value } : undefined,
    item: makeItem(item),
  };
  if (children) node.children = memo(() => children(node), onChildrenError && ((e) => onChildrenError(e, node)));
  if (opens) node.item.command = { ...opens, arguments: [node] };
  return node;
}

/** A leaf node that only shows something (a figure, a note; an empty list has emptyNode). */
export function infoNode(
  id: string,
  parent: ViewNode | undefined,
  o: Omit<ItemOptions, 'id'>,
  kind = 'info',
): ViewNode {
  return { id, parent, kind, item: makeItem({ contextValue: kind, ...o, id }) };
}

/** The row a list shows when it has nothing: what is missing, and often the command that makes
 *  the first one ("No calls yet — Make a call…"). Its kind and context value are `empty`. */
export function emptyNode(id: string, parent: ViewNode | undefined, o: Omit<ItemOptions, 'id'>): ViewNode {
  return infoNode(id, parent, o, 'empty');
}

/** A group node (e.g. "Needs you", "Email") whose children are already known. */
export function groupNode(
  id: string,
  parent: ViewNode | undefined,
  o: Omit<ItemOptions, 'id'> & { expanded?: boolean },
  makeChildren: (self: ViewNode) => ViewNode[] | Promise<ViewNode[]>,
): ViewNode {
  const collapsible =
    o.expanded === false ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
  const node: ViewNode = {
    id,
    parent,
    kind: 'group',
    item: makeItem({ contextValue: 'group', ...o, id, collapsible }),
    children: memo(() => makeChildren(node)),
  };
  return node;
}

export const icon = (id: string, color?: string) =>
  new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

/** Memoizes a node's lazily computed children, so the same objects come back each time. A failure
 *  is not kept: `onError` turns it into nodes (an inline error) and the next expansion tries again. */
export function memo<T>(make: () => T | Promise<T>, onError?: (e: unknown) => T): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= Promise.resolve()
      .then(make)
      .catch((e) => {
        value = undefined;
        if (onError) return onError(e);
        throw e;
      });
    return value;
  };
}
