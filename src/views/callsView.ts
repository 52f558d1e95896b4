import * as vscode from 'vscode';
import { t } from '../format';
import { ops } from '../api/catalogue';
import type { Call } from '../api/schemas/calls';
import type { Services } from '../services';
import {
  callContextValue,
  callDescription,
  callIcon,
  callLabel,
  callTooltip,
  hasAppointment,
  hasTranscript,
  isRunning,
  orderCalls,
} from './callItem';
import { VIEW_DEADLINE_MS, type DataLoader } from './dataLoader';
import { KallyTreeProvider } from './treeProvider';
import { emptyNode, entityNode, icon, infoNode, type ViewNode } from './viewNode';
import { plainText } from '../format/sinks';

export const PAGE_SIZE = 50;
const LIVE_REFRESH_MS = 3_000;

export interface CallsData {
  /** Every call loaded so far, in the server's order (newest first). */
  calls: Call[];
  total?: number;
  /** No more pages. */
  exhausted: boolean;
}

export interface CallNode extends ViewNode {
  readonly kind: 'call' | 'callDetails' | 'callTranscript' | 'callRecording' | 'callCalendar';
  readonly call: Call;
}

export const isCallNode = (n: unknown): n is CallNode =>
  !!n && typeof n === 'object' && 'call' in (n as object) && typeof (n as ViewNode).kind === 'string';

type Page = { calls: Call[]; total?: number | null };

/** A refreshed first page on top of what was loaded before. The pages loaded after it stay only
 *  when the new page still leads into them (its last call is in the old list); otherwise (a full
 *  page of new calls, or calls gone from the server) paging starts again from the new page. */
export function mergeFirstPage(previous: CallsData | undefined, page: Page): CallsData {
  const ids = new Set(page.calls.map((c) => c.call_id));
  const old = previous?.calls ?? [];
  const last = page.calls.at(-1);
  const joint = last && page.calls.length >= PAGE_SIZE ? old.findIndex((c) => c.call_id === last.call_id) : -1;
  const rest = joint >= 0 ? old.slice(joint + 1).filter((c) => !ids.has(c.call_id)) : [];
  const calls = [...page.calls, ...rest];
  const total = page.total ?? undefined;
  const exhausted =
    total !== undefined
      ? calls.length >= total
      : page.calls.length < PAGE_SIZE || (rest.length > 0 && (previous?.exhausted ?? false));
  return { calls, total, exhausted };
}

/** A further page appended (calls we already have are skipped). */
export function appendPage(previous: CallsData, page: Page): CallsData {
  const ids = new Set(previous.calls.map((c) => c.call_id));
  const calls = [...previous.calls, ...page.calls.filter((c) => !ids.has(c.call_id))];
  const total = page.total ?? previous.total;
  const exhausted = page.calls.length < PAGE_SIZE || (total !== undefined && calls.length >= total);
  return { calls, total, exhausted };
}

export class CallsProvider extends KallyTreeProvider<CallsData> {
  private readonly nodes = new WeakMap<Call, CallNode>();
  private loadingMore: Promise<void> | undefined;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;
  private runningIds = new Set<string>();
  /** Load-more requests sent (tests and the bench read it). */
  loadMoreRequests = 0;
  /** performance.now() when the last Load-more response arrived (the bench measures rendering from it). */
  lastLoadMoreResponseAt = 0;

  constructor(
    private readonly services: Services,
    loader: DataLoader<CallsData>,
    isSignedIn: () => boolean,
    /** Whether following is allowed now: the window is focused and polling is on. */
    private readonly mayFollow: () => boolean,
    /** A running call ended: its credits were deducted. */
    private readonly onCallsEnded: () => void,
  ) {
    super('calls', t('your calls'), loader, isSignedIn);
    loader.onDidChange(() => this.followLiveCalls());
  }

  static fetch(services: Services, loader: () => DataLoader<CallsData>) {
    return async (signal: AbortSignal): Promise<CallsData> => {
      const page = await services.client.execute(
        ops.calls.list,
        { query: { limit: PAGE_SIZE, offset: 0 } },
        { signal, deadlineMs: VIEW_DEADLINE_MS },
      );
      return mergeFirstPage(loader().data, page);
    };
  }

  /** Fetches the next page (one request at a time; clicks during it join it). */
  loadMore(): Promise<void> {
    if (this.loadingMore) return this.loadingMore;
    const data = this.loader.data;
    if (!data || data.exhausted) return Promise.resolve();
    this.loadingMore = (async () => {
      this.showLoadingMore();
      try {
        this.loadMoreRequests++;
        const page = await this.services.client.execute(ops.calls.list, {
          query: { limit: PAGE_SIZE, offset: data.calls.length },
        });
        this.lastLoadMoreResponseAt = performance.now();
        this.loadingMore = undefined;
        this.loader.update((current) => appendPage(current, page));
      } finally {
        this.loadingMore = undefined;
      }
    })();
    const done = this.loadingMore;
    return done.catch(() => this.invalidate());
  }

  /** Turns the "Load more" node into "Loading more calls…" without re-rendering the other calls. */
  private showLoadingMore(): void {
    const node = this.rootNodes().find((n) => n.kind === 'loadMore');
    if (!node) return;
    node.item.label = t('Loading more calls…');
    node.item.iconPath = icon('loading~spin');
    node.item.command = undefined;
    this.changeEmitter.fire(node);
  }

  /** Whether a live refresh is armed (tests read it). */
  get following(): boolean {
    return this.liveTimer !== undefined;
  }

  /** Keeps refreshing while a call runs, the window is focused and polling is on; notices calls that ended. */
  followLiveCalls(): void {
    const calls = this.loader.data?.calls ?? [];
    const running = new Set(calls.filter(isRunning).map((c) => c.call_id));
    const ended = [...this.runningIds].some((id) => !running.has(id));
    this.runningIds = running;
    if (ended) this.onCallsEnded();
    if (this.liveTimer) clearTimeout(this.liveTimer);
    this.liveTimer = undefined;
    if (running.size === 0 || !this.mayFollow() || !this.isSignedIn()) return;
    this.liveTimer = setTimeout(() => {
      this.liveTimer = undefined;
      void this.loader.load('live');
    }, LIVE_REFRESH_MS);
  }

  protected buildRoots(data: CallsData): ViewNode[] {
    if (data.calls.length === 0) {
      return [
        emptyNode('calls/empty', undefined, {
          label: plainText(t('No calls yet — Make a call…')),
          tooltip: plainText(t('KallyAI phones a business for you and brings back the outcome and the transcript.')),
          icon: icon('call-outgoing'),
          command: { command: 'kallyai.makeCall', title: t('Make a Call…') },
        }),
      ];
    }
    const roots: ViewNode[] = orderCalls(data.calls).map((c) => this.callNode(c));
    if (!data.exhausted) roots.push(this.loadMoreNode(data));
    return roots;
  }

  private loadMoreNode(data: CallsData): ViewNode {
    const shown =
      data.total !== undefined
        ? t('{0} of {1} shown', data.calls.length, data.total)
        : t('{0} shown', data.calls.length);
    const loading = this.loadingMore !== undefined;
    return infoNode(
      'calls/loadMore',
      undefined,
      {
        label: plainText(loading ? t('Loading more calls…') : t('Load more')),
        description: plainText(shown),
        tooltip: plainText(t('Load the next {0} calls', PAGE_SIZE)),
        icon: icon(loading ? 'loading~spin' : 'fold-down'),
        command: loading ? undefined : { command: 'kallyai.calls.loadMore', title: t('Load More Calls') },
        accessibility: { label: plainText(t('Load more calls, {0}', shown)) },
      },
      'loadMore',
    );
  }

  private callNode(call: Call): CallNode {
    const cached = this.nodes.get(call);
    if (cached) return cached;
    const id = `calls/${call.call_id}`;
    const label = callLabel(call);
    const description = callDescription(call);
    const node: CallNode = entityNode(
      undefined,
      {
        id,
        kind: 'call',
        target: { kind: 'call', id: call.call_id, value: call },
        label: plainText(label),
        description: plainText(description),
        tooltip: callTooltip(call),
        icon: callIcon(call),
        contextValue: callContextValue(call),
        collapsible: vscode.TreeItemCollapsibleState.Collapsed,
        accessibility: {
          label: plainText(t('Call with {0}, {1}', label, description)),
          // The spinning icon of a call in progress, in words.
          status: plainText(isRunning(call) ? t('Live') : undefined),
        },
        children: (self) => this.callChildren(self),
      },
      { call },
    );
    this.nodes.set(call, node);
    return node;
  }

  private callChildren(parent: CallNode): CallNode[] {
    const call = parent.call;
    const child = (
      kind: CallNode['kind'],
      label: string,
      codicon: string,
      command: string,
      tooltip: string,
    ): CallNode => {
      const id = `${parent.id}/${kind}`;
      return entityNode(
        parent,
        {
          id,
          kind,
          target: parent.target,
          label: plainText(label),
          tooltip: plainText(tooltip),
          icon: icon(codicon),
          contextValue: kind,
          command: { command, title: label, arguments: [parent] },
        },
        { call },
      );
    };
    const children = [
      child('callDetails', t('Details'), 'info', 'kallyai.calls.openDetails', t('What was asked and what happened')),
    ];
    if (hasTranscript(call)) {
      children.push(
        child(
          'callTranscript',
          t('Transcript'),
          'note',
          'kallyai.calls.openTranscript',
          t('The conversation, turn by turn, with the summary on top'),
        ),
      );
      children.push(
        child('callRecording', t('Recording'), 'play', 'kallyai.calls.openRecording', t('Listen to the call')),
      );
    }
    if (hasAppointment(call) && call.status === 'success') {
      children.push(
        child(
          'callCalendar',
          t('Add to calendar'),
          'calendar',
          'kallyai.calls.addToCalendar',
          t('Save the appointment as an .ics calendar entry'),
        ),
      );
    }
    return children;
  }

  override dispose(): void {
    if (this.liveTimer) clearTimeout(this.liveTimer);
    super.dispose();
  }
}
