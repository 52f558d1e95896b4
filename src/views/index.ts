import * as vscode from 'vscode';
import { withQuietProgress } from '../platform/notify';
import type { Resource } from '../api/resources';
import { count, t } from '../format';
import { classificationLabel } from '../models/email';
import type { Services } from '../services';
import { ActivityProvider, type ActivityData, type ActivityFilter } from './activityView';
import { CallsProvider, PAGE_SIZE, type CallsData } from './callsView';
import { CreditsProvider, type CreditsData } from './creditsView';
import { DataLoader, type LoadReason } from './dataLoader';
import { GoalsProvider, type GoalsData } from './goalsView';
import { EmailProvider, type EmailData } from './emailView';
import { hasMoreMessages, INBOX_MAX, INBOX_PAGE, InboxProvider, type InboxData, type InboxFilter } from './inboxView';
import type { EmailClassification } from '../api/schemas/email';
import { LiveCallWatcher } from './liveCallWatcher';
import { PhoneNumbersProvider, type PhoneNumbersData } from './phoneNumbersView';
import { filterLabel, ReceptionistProvider, type InboundFilter, type ReceptionistData } from './receptionistView';
import { RefreshScheduler } from './refreshScheduler';
import { Snapshots } from './snapshots';
import { CreditsStatusBar, NotificationsStatusBar } from './statusBar';
import { ServiceReachability, type Outage } from './reachability';
import type { KallyTreeProvider, Reachability } from './treeProvider';
import { VIEW_NAMES, viewId, type ViewName, type ViewNode } from './viewNode';
import { markWalkthroughStep, restoreWalkthroughSteps } from '../platform/walkthroughProgress';

export type { ViewName, ViewNode } from './viewNode';

/** What the integration tests and the bench look at (reached through the extension's exports). */
export interface ViewsTestApi {
  readonly providers: {
    goals: GoalsProvider;
    calls: CallsProvider;
    inbox: InboxProvider;
    email: EmailProvider;
    credits: CreditsProvider;
    activity: ActivityProvider;
    receptionist: ReceptionistProvider;
    phoneNumbers: PhoneNumbersProvider;
  };
  readonly liveCalls: LiveCallWatcher;
  readonly treeViews: Record<ViewName, vscode.TreeView<ViewNode>>;
  readonly statusBar: vscode.StatusBarItem;
  readonly notificationsItem: vscode.StatusBarItem;
  readonly scheduler: RefreshScheduler;
  readonly reachability: ServiceReachability;
}

/** Which views show each kind of data (an operation's `changes` refresh exactly these). */
const VIEWS_OF: Partial<Record<Resource, readonly ViewName[]>> = {
  goals: ['goals'],
  calls: ['calls'],
  inbox: ['inbox'],
  credits: ['credits'],
  email: ['email'],
  channels: ['email'],
  actions: ['activity'],
  outreach: ['activity'],
  account: ['credits'],
  receptionist: ['receptionist'],
  phoneNumbers: ['phoneNumbers'],
};

/** Drafts show in the Inbox and in the Email view: whatever refreshes the inbox refreshes both. */
const withEmail = (views: readonly ViewName[]): readonly ViewName[] =>
  views.includes('inbox') && !views.includes('email') ? [...views, 'email'] : views;

const INBOX_FILTER_KEY = 'kallyai.inbox.filter';
const MAIL_CLASSIFICATION_KEY = 'kallyai.email.classification';

export interface Views {
  /** Refresh every view (or the named ones) after something changed on the server. Views that were
   *  never shown load when they are; a refresh during a load runs once after it. Resolves when done. */
  refresh(which?: readonly ViewName[]): Promise<void>;
  /** Refresh the views that show these kinds of data (after an operation changed them). */
  refreshResources(resources: readonly Resource[]): Promise<void>;
  /** A view's refresh button, and Retry (every failed view, or the named one). */
  reload(view: ViewName): Promise<void>;
  retry(view?: ViewName): Promise<void>;
  /** The next page of calls. */
  loadMoreCalls(): Promise<void>;
  /** Reveal a goal's node in the Goals view (loading the list, or the parent's tree, if needed). */
  revealGoal(goalId: string): Promise<void>;
  /** Credits remaining, if loaded (confirmation modals show the balance). */
  balance(): number | undefined;
  /** The outage now, if KallyAI cannot be reached (what a Retry that did not help says). */
  outage(): Outage | undefined;
  /** Whether the view is on screen now. */
  isVisible(view: string): boolean;
  /** The Receptionist view's status filter (undefined: every call); setting it reloads the view. */
  filterReceptionist(status: InboundFilter | undefined): Promise<void>;
  receptionistFilter(): InboundFilter | undefined;
  /** A voicemail was just heard: its "new" mark goes at once. */
  voicemailHeard(id: string): void;
  /** What the Activity view shows (one kind of action, some outreach statuses). */
  activityFilter(): ActivityFilter;
  setActivityFilter(filter: ActivityFilter): Promise<void>;
  /** The Inbox view's filters (its title) and paging. */
  readonly inbox: {
    filter(): InboxFilter;
    setFilter(filter: InboxFilter): Promise<void>;
    loadMore(): Promise<void>;
  };
  /** The Email view's mail classification (its title). */
  readonly email: {
    classification(): EmailClassification | undefined;
    setClassification(classification: EmailClassification | undefined): Promise<void>;
  };
  readonly testing: ViewsTestApi;
}

export function registerViews(services: Services): Views {
  const { context, log, auth } = services;
  const subscriptions = context.subscriptions;
  const isSignedIn = () => auth.isSignedIn;
  const treeViews = {} as Record<ViewName, vscode.TreeView<ViewNode>>;

  // Created before the loaders (they ask it whether the window is focused); refreshes go through `refresh`.
  const scheduler: RefreshScheduler = new RefreshScheduler(services, {
    refresh: (views, reason) => void refresh(withEmail(views), reason),
    isSignedIn,
    // The service answers: views that failed load again at once, without a click.
    reachable: () => void reloadFailed(),
  });
  subscriptions.push(scheduler);
  const reachability = new ServiceReachability(services.client, log, () => services.settings().apiBaseUrl);
  const host = () => reachability.host();
  subscriptions.push(reachability);
  const reloadFailed = () =>
    Promise.all(VIEW_NAMES.filter((n) => all[n].loader.error !== undefined).map((n) => all[n].loader.load('retry')));

  let account = auth.account?.id;
  const snapshots = new Snapshots(context.globalState, () => auth.account?.id);
  const loader = <D>(name: ViewName, fetch: (signal: AbortSignal) => Promise<D>, trim: (data: D) => D = (d) => d) => {
    const l = new DataLoader<D>({
      name: `${name} view`,
      fetch,
      log,
      canAutoRefresh: () => scheduler.focused && isSignedIn(),
      freshMs: () => scheduler.freshMs(),
      wrap: (work) => Promise.resolve(withQuietProgress({ viewId: viewId(name) }, () => work)),
      snapshot: { read: () => snapshots.read<D>(name), write: (data) => snapshots.write(name, trim(data)) },
    });
    subscriptions.push(l);
    return l;
  };

  const goalsLoader = loader<GoalsData>('goals', GoalsProvider.fetch(services));
  // A snapshot keeps the first page of calls only: the view pages on from the server.
  const callsLoader: DataLoader<CallsData> = loader<CallsData>(
    'calls',
    CallsProvider.fetch(services, () => callsLoader),
    (d) => ({
      calls: d.calls.slice(0, PAGE_SIZE),
      total: d.total,
      exhausted: d.exhausted && d.calls.length <= PAGE_SIZE,
    }),
  );
  // The filters live in the workspace: a reload keeps what the person chose.
  let inboxFilter: InboxFilter = context.workspaceState.get<InboxFilter>(INBOX_FILTER_KEY) ?? {};
  let inboxLimit = INBOX_PAGE;
  let mailClassification = context.workspaceState.get<EmailClassification>(MAIL_CLASSIFICATION_KEY);
  const inboxLoader = loader<InboxData>(
    'inbox',
    InboxProvider.fetch(
      services,
      () => inboxFilter,
      () => inboxLimit,
    ),
  );
  const emailLoader = loader<EmailData>(
    'email',
    EmailProvider.fetch(services, () => mailClassification),
  );
  const creditsLoader = loader<CreditsData>('credits', CreditsProvider.fetch(services));
  // The Activity view's filter (one kind of action, some outreach statuses) is sent with its requests.
  const activityLoader: DataLoader<ActivityData> = loader<ActivityData>(
    'activity',
    ActivityProvider.fetch(services, () => providers.activity.filter),
  );
  let inboundFilter: InboundFilter | undefined;
  const receptionistLoader = loader<ReceptionistData>(
    'receptionist',
    ReceptionistProvider.fetch(services, () => inboundFilter),
  );
  const phoneNumbersLoader = loader<PhoneNumbersData>('phoneNumbers', PhoneNumbersProvider.fetch(services));

  // Views follow live calls only while the window is focused and polling is on (0 stops this as it
  // stops the notifications poll and the live-call probe).
  const mayFollow = () => scheduler.focused && services.settings().pollIntervalSeconds > 0;
  const providers = {
    goals: new GoalsProvider(services, goalsLoader, isSignedIn),
    calls: new CallsProvider(services, callsLoader, isSignedIn, mayFollow, () => void refresh(['credits'], 'mutation')),
    inbox: new InboxProvider(inboxLoader, isSignedIn),
    email: new EmailProvider(services, emailLoader, isSignedIn),
    credits: new CreditsProvider(services, creditsLoader, isSignedIn),
    receptionist: new ReceptionistProvider(services, receptionistLoader, isSignedIn, mayFollow),
    phoneNumbers: new PhoneNumbersProvider(phoneNumbersLoader, isSignedIn),
    activity: new ActivityProvider(activityLoader, isSignedIn),
  };
  const all: Record<ViewName, KallyTreeProvider<unknown>> = providers as unknown as Record<
    ViewName,
    KallyTreeProvider<unknown>
  >;

  // While KallyAI does not answer, every open view shows one "Can't reach KallyAI — Retry" row above
  // what it had; when it answers again the rows go, the views that failed load again and expanded
  // groups ask for their children again.
  const whereWeStand: Reachability = { outage: () => reachability.outage, host };
  for (const name of VIEW_NAMES) all[name].reachability = whereWeStand;
  subscriptions.push(
    reachability.onDidChange((outage) => {
      for (const name of VIEW_NAMES) {
        if (outage) all[name].rowsChanged();
        else all[name].invalidate();
      }
      if (!outage) void reloadFailed();
    }),
  );

  for (const name of VIEW_NAMES) {
    const view = vscode.window.createTreeView<ViewNode>(viewId(name), {
      treeDataProvider: all[name],
      showCollapseAll: name !== 'credits',
      canSelectMany: name === 'goals' || name === 'inbox' || name === 'receptionist',
    });
    treeViews[name] = view;
    subscriptions.push(view, all[name]);
  }
  providers.receptionist.isVisible = () => treeViews.receptionist.visible;
  subscriptions.push(treeViews.receptionist.onDidChangeVisibility(() => providers.receptionist.followLiveCalls()));

  const updateBadges = () => {
    const waiting = isSignedIn() ? providers.goals.waitingCount() : 0;
    treeViews.goals.badge = waiting
      ? { value: waiting, tooltip: count(waiting, '{0} goal waiting for you', '{0} goals waiting for you') }
      : undefined;
    const unread = isSignedIn() ? providers.inbox.unreadCount() : 0;
    treeViews.inbox.badge = unread
      ? { value: unread, tooltip: count(unread, '{0} unread message', '{0} unread messages') }
      : undefined;
    const voicemails = isSignedIn() ? providers.receptionist.newVoicemails() : 0;
    treeViews.receptionist.badge = voicemails
      ? { value: voicemails, tooltip: count(voicemails, '{0} new voicemail', '{0} new voicemails') }
      : undefined;
    treeViews.receptionist.description = inboundFilter
      ? t('filtered: {0}', filterLabel(inboundFilter).toLowerCase())
      : undefined;
    const drafts = isSignedIn() ? providers.email.draftCount() : 0;
    treeViews.email.badge = drafts
      ? {
          value: drafts,
          tooltip: count(drafts, '{0} draft waiting for your approval', '{0} drafts waiting for your approval'),
        }
      : undefined;
  };
  subscriptions.push(
    goalsLoader.onDidChange(updateBadges),
    inboxLoader.onDidChange(updateBadges),
    emailLoader.onDidChange(updateBadges),
    receptionistLoader.onDidChange(updateBadges),
  );

  /** The filters, said in the view titles. */
  const describeFilters = () => {
    const channel = inboxFilter.channel
      ? {
          email: t('Email'),
          sms: t('SMS'),
          call: t('Calls'),
          chat: t('Chat'),
        }[inboxFilter.channel]
      : undefined;
    treeViews.inbox.description =
      [channel, inboxFilter.unreadOnly ? t('unread') : undefined].filter(Boolean).join(' · ') || undefined;
    treeViews.email.description = mailClassification ? classificationLabel(mailClassification) : undefined;
    void vscode.commands.executeCommand('setContext', 'kallyai.inbox.unreadOnly', inboxFilter.unreadOnly === true);
  };
  describeFilters();

  const statusBar = new CreditsStatusBar(services, creditsLoader, reachability);
  const liveCalls = new LiveCallWatcher(services, {
    isSignedIn,
    focused: () => scheduler.focused,
    changed: () => void refresh(['receptionist'], 'mutation'),
  });
  const notificationsBar = new NotificationsStatusBar(services, scheduler.onDidReceivePending);
  // The bell is filled by the notifications poll: once at sign-in, then on its interval, and on
  // coming back to the window when its figure is older than the poll interval.
  const pollForBell = () => {
    if (isSignedIn() && Date.now() - scheduler.lastPendingAt > scheduler.freshMs()) void scheduler.pollNow();
  };
  subscriptions.push(
    statusBar,
    notificationsBar,
    liveCalls,
    scheduler.onDidChangeFocus((focused) => {
      providers.calls.followLiveCalls();
      providers.receptionist.followLiveCalls();
      liveCalls.arm();
      if (focused) pollForBell();
    }),
  );
  subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('kallyai.pollIntervalSeconds')) return;
      liveCalls.arm();
      providers.calls.followLiveCalls();
      providers.receptionist.followLiveCalls();
    }),
  );

  /** Refreshes the named views. A view never shown is left to load when it is (Credits always
   *  loads: the status bar shows it). */
  function refresh(views: readonly ViewName[], reason: LoadReason): Promise<void> {
    if (!isSignedIn()) return Promise.resolve();
    return Promise.all(
      views.map((name) => {
        const l = all[name].loader;
        if (name !== 'credits' && !l.hasSettled && !l.loading && !treeViews[name].visible) return undefined;
        return l.load(reason);
      }),
    ).then(() => undefined);
  }

  // Another server: everything is loaded again from it.
  subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('kallyai.apiBaseUrl')) return;
      log.info(`The API address changed to ${host()}: reloading every view`);
      providers.goals.forgetTree();
      for (const name of VIEW_NAMES) all[name].loader.reset();
      reachability.reset();
      scheduler.reset();
      if (isSignedIn()) void refresh(VIEW_NAMES, 'user');
    }),
  );

  const onSignInChanged = (signedIn: boolean) => {
    // Signing out (or into another account) drops the snapshots of the account that left.
    if (account && account !== auth.account?.id) snapshots.forget(account);
    account = auth.account?.id;
    providers.goals.forgetTree();
    for (const name of VIEW_NAMES) all[name].loader.reset();
    reachability.reset();
    scheduler.reset();
    updateBadges();
    liveCalls.reset();
    scheduler.lastPendingAt = 0;
    if (signedIn) {
      markWalkthroughStep(context.globalState, 'signIn');
      void creditsLoader.load('initial');
      void liveCalls.probeNow();
      pollForBell();
    }
  };
  subscriptions.push(auth.onDidChangeSignIn(onSignInChanged));
  // The walkthrough ticks what was done anywhere: its steps done before, signing in, seeing Goals.
  restoreWalkthroughSteps(context.globalState);
  const sawGoals = () => {
    if (treeViews.goals.visible) markWalkthroughStep(context.globalState, 'goals');
  };
  subscriptions.push(treeViews.goals.onDidChangeVisibility(sawGoals));
  sawGoals();
  if (isSignedIn()) {
    markWalkthroughStep(context.globalState, 'signIn');
    void creditsLoader.load('initial');
    void liveCalls.probeNow().finally(() => liveCalls.arm());
    pollForBell();
  }

  return {
    refresh: (which) => refresh(which ?? VIEW_NAMES, 'mutation'),
    refreshResources(resources) {
      // A call taken over, transferred or rejected: its live notification ends now, not at the next probe.
      if (resources.includes('receptionist')) void liveCalls.probeNow();
      return refresh(withEmail([...new Set(resources.flatMap((r) => VIEWS_OF[r] ?? []))]), 'mutation');
    },
    reload: (name) => all[name].loader.load('user'),
    async retry(named) {
      // The named view (its row's Retry), else every view that failed — and during an outage with
      // no failed view (only the background requests failed), the Credits that the status bar shows.
      const failed = VIEW_NAMES.filter((n) => all[n].loader.error !== undefined);
      const targets = named ? [named] : failed.length || !reachability.outage ? failed : ['credits' as const];
      if (!named) for (const n of VIEW_NAMES) all[n].invalidate();
      await Promise.all(targets.map((n) => all[n].loader.load('retry')));
    },
    loadMoreCalls: () => providers.calls.loadMore(),
    async revealGoal(goalId) {
      if (!isSignedIn()) return;
      let node = await providers.goals.findGoalNode(goalId);
      if (!node) {
        // Just created (e.g. by Ask): the list we have predates it.
        await goalsLoader.load('mutation');
        node = await providers.goals.findGoalNode(goalId);
      }
      if (node) await treeViews.goals.reveal(node, { select: true, focus: true, expand: false });
      else log.warn(`revealGoal: goal ${goalId} is not in the Goals view`);
    },
    balance: () => creditsLoader.data?.credits_remaining ?? undefined,
    outage: () => reachability.outage,
    isVisible: (view) => (VIEW_NAMES as readonly string[]).includes(view) && treeViews[view as ViewName].visible,
    async filterReceptionist(status) {
      inboundFilter = status;
      updateBadges();
      await receptionistLoader.load('mutation');
    },
    receptionistFilter: () => inboundFilter,
    voicemailHeard: (id) => providers.receptionist.markHeardLocally(id),
    activityFilter: () => providers.activity.filter,
    setActivityFilter: (filter) => providers.activity.setFilter(filter),
    inbox: {
      filter: () => ({ ...inboxFilter }),
      async setFilter(filter) {
        inboxFilter = {
          ...(filter.channel ? { channel: filter.channel } : {}),
          ...(filter.unreadOnly ? { unreadOnly: true } : {}),
        };
        inboxLimit = INBOX_PAGE;
        await context.workspaceState.update(INBOX_FILTER_KEY, inboxFilter);
        describeFilters();
        // A load that starts after the change (one in flight still has the old filter).
        if (isSignedIn()) await inboxLoader.load('mutation');
      },
      async loadMore() {
        const data = inboxLoader.data;
        if (!data || !isSignedIn() || !hasMoreMessages(data)) return;
        inboxLimit = Math.min(INBOX_MAX, Math.max(inboxLimit, data.messages.length) + INBOX_PAGE);
        providers.inbox.showLoadingMore();
        await inboxLoader.load('mutation');
      },
    },
    email: {
      classification: () => mailClassification,
      async setClassification(classification) {
        mailClassification = classification;
        await context.workspaceState.update(MAIL_CLASSIFICATION_KEY, classification);
        describeFilters();
        if (isSignedIn()) await emailLoader.load('mutation');
      },
    },
    testing: {
      providers,
      treeViews,
      statusBar: statusBar.item,
      notificationsItem: notificationsBar.item,
      scheduler,
      liveCalls,
      reachability,
    },
  };
}
