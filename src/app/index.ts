/** Every command's handler: each operation command of the command table runs its operation through
 *  the pipeline; the hand-written ones (the call wizard, Ask, conversations, sign-in, the views'
 *  refresh/retry/load-more) ask their own questions and hand over to the same pipeline. Every
 *  handler returns a result object, so tests, pages and chat can drive them.
 *  This module is the entry of the lazily loaded bundle (dist/commands.js, see commandLoader.ts):
 *  activation registers cheap stubs, and the first command run loads it. */
import * as vscode from 'vscode';
import type { Documents } from '../documents';
import { requestFromArgs } from '../pipeline/commandArgs';
import { createErrorPresenter } from '../pipeline/errors/presenter';
import { Pipeline } from '../pipeline/pipeline';
import type { Services } from '../services';
import type { Views } from '../views';
import { VIEW_NAMES, type ViewName } from '../views/viewNode';
import { configureFormat } from '../format';
import { accountCommands } from '../commands/auth/accountCommands';
import { changePlan, copyReferral } from '../commands/subscription/changePlan';
import { filterActions, filterOutreach } from '../commands/views/activityFilters';
import { book } from '../commands/actions/booking';
import { addCalendarEvent } from '../commands/actions/calendarEvent';
import { createOutreachTask } from '../commands/outreach/createTask';
import { askAbout } from '../commands/search/askAbout';
import type { Resource } from '../api/resources';
import { CallPage } from '../pages/callPage';
import type { PageController, PageKind } from '../pages/pageController';
import { ConversationPage } from '../pages/conversationPage';
import { GoalPage } from '../pages/goalPage';
import { InboundCallPage } from '../pages/inboundCallPage';
import { PlayerPage } from '../pages/playerPage';
import { ReceptionistAnalyticsPage } from '../pages/receptionistAnalyticsPage';
import { Pages } from '../pages/pages';
import { SearchPage } from '../pages/searchPage';
import { ask, askStakes } from '../commands/coordination/ask';
import { conversationHistory, startNewConversation } from '../commands/coordination/conversationHistory';
import { ConversationStore } from '../commands/coordination/conversationStore';
import type { CommandContext } from '../commands/commandContext';
import { tryAgain } from '../commands/tryAgain';
import { emailHandlers, emailPage } from '../commands/email/emailHandlers';
import { makeCall } from '../commands/calls/makeCall';
import { acceptOutcome } from '../commands/goals/acceptOutcome';
import { openDraft } from '../commands/actions/openDraft';
import { entityOf, operationCommands, presentationOf } from '../presentation';
import { askRange, mediaFetcher, openAudioInBrowser, receptionistHandlers, saveAudio } from '../commands/inbound';
import { KallyChat } from '../chat/participant';
import { ModelTools } from '../tools/modelTools';
import { markWalkthroughStep, replayWalkthroughSteps, walkthroughStepOf } from '../platform/walkthroughProgress';
import { DisposableStore } from '../platform/disposables';

export interface CommandHost {
  readonly services: Services;
  readonly views: Views;
  readonly documents: Documents;
}

export interface CommandsModule {
  /** Runs a command by id; an error becomes one message and a `failed` result. */
  run(id: string, args: readonly unknown[]): Promise<unknown>;
  readonly ids: readonly string[];
  readonly pipeline: Pipeline;
  /** The @kallyai chat participant's handler. */
  readonly chat: KallyChat;
  /** The language-model tools' implementation. */
  readonly tools: ModelTools;
  /** The open pages, once any was opened (tests). */
  pages(): Pages | undefined;
  /** A page VS Code restored after a window reload (its serializer hands it here). */
  restorePage(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  dispose(): void;
}

export function createCommands(host: CommandHost): CommandsModule {
  const { services, views, documents } = host;
  // This bundle has its own copy of the formatters: give it the UI language and translator too.
  configureFormat({ locale: vscode.env.language, t: vscode.l10n.t });
  const errors = createErrorPresenter(services.log);
  const store = new ConversationStore(services.context.workspaceState);
  // Pages are created lazily with the pipeline they run their buttons through.
  let pages: Pages | undefined;
  const openPage = async (kind: PageKind, id: string, initial?: unknown): Promise<unknown> =>
    (pages ??= createPages()).show(kind, id, initial);
  const PAGE_KINDS: Partial<Record<Resource, readonly PageKind[]>> = {
    goals: ['goal', 'conversation'],
    calls: ['call'],
    conversations: ['conversation'],
    receptionist: ['inboundCall', 'receptionistAnalytics'],
    inbox: ['draft'],
    email: ['draft', 'mail', 'compose'],
    channels: ['channels'],
  };
  const refreshAll = async (resources: readonly Resource[]) => {
    await Promise.all([
      views.refreshResources(resources),
      pages?.refresh([...new Set(resources.flatMap((r) => PAGE_KINDS[r] ?? []))]),
    ]);
  };
  const pipeline: Pipeline = new Pipeline({
    client: services.client,
    log: services.log,
    settings: services.settings,
    documents,
    errors,
    testMode: services.context.extensionMode === vscode.ExtensionMode.Test,
    refresh: refreshAll,
    openPage,
    balance: () => views.balance(),
    presentationOf,
    entity: entityOf,
    isSignedIn: () => services.auth.isSignedIn,
    // Workspace-independent, no secrets: a Retry after a window reload re-sends the lost attempt's key.
    keyStorage: services.context.globalState,
    viewVisible: (view) => views.isVisible(view),
    // A call placed, a request sent, a step approved — from a page, chat or a tool too — ticks the walkthrough.
    completed: (opId) => {
      const step = walkthroughStepOf(opId);
      if (step) markWalkthroughStep(services.context.globalState, step);
    },
  });
  const ctx: CommandContext = { services, views, documents, errors, pipeline, openPage };
  // A page's button runs our handler directly (its result comes back); another command (a view's
  // focus, a VS Code command) through VS Code, not silently nowhere.
  const run = async (id: string, ...args: unknown[]) => {
    const handler = handlers.get(id);
    return handler ? handler(...args) : vscode.commands.executeCommand(id, ...args.filter((a) => a !== undefined));
  };
  const createPages = (): Pages => {
    const created: Pages = new Pages(
      services.context.extensionUri,
      services.log,
      (state, initial): PageController | undefined => {
        switch (state.kind) {
          case 'goal':
            return new GoalPage(
              state,
              { client: services.client, pipeline, openGoal: (id) => openPage('goal', id), runCommand: run },
              initial,
            );
          case 'call':
            return new CallPage(
              state,
              {
                client: services.client,
                pipeline,
                runCommand: run,
                refreshLater: (ms) => setTimeout(() => void created.find('call', state.id)?.refresh(), ms),
              },
              initial,
            );
          case 'conversation':
            return new ConversationPage(state, {
              client: services.client,
              pipeline,
              runCommand: run,
              turns: (id) => store.turnsOf(id),
              title: (id) => store.titleOf(id),
              send: (id, text) =>
                ask(ctx, store, { message: text, fromPage: true, ...(id === 'current' ? {} : { conversationId: id }) }),
              openGoal: (id) => openPage('goal', id),
              stakes: () => askStakes(views.balance()),
            });
          case 'inboundCall':
            return new InboundCallPage(
              state,
              {
                client: services.client,
                pipeline,
                runCommand: run,
                // A live call's page follows it while it is shown; hidden, it waits (no requests) until shown again.
                refreshLater: (ms) => {
                  const again = () => {
                    const page = created.find('inboundCall', state.id);
                    if (page?.panel.visible) void page.refresh();
                    else if (page) setTimeout(again, ms);
                  };
                  setTimeout(again, ms);
                },
              },
              initial,
            );
          case 'player':
            return new PlayerPage(
              state,
              {
                client: services.client,
                runCommand: run,
                fetchMedia: mediaFetcher(ctx),
                saveAudio,
                openExternal: openAudioInBrowser,
                refresh: (resources) => views.refreshResources(resources),
              },
              initial,
            );
          case 'receptionistAnalytics':
            return new ReceptionistAnalyticsPage(
              state,
              { client: services.client, runCommand: run, askRange },
              initial,
            );
          case 'search':
            return new SearchPage(state, {
              pipeline,
              runCommand: run,
              askAbout: (hit, query) => askAbout(ctx, hit, query),
            });
          default:
            return emailPage(
              state,
              { ctx, client: services.client, runCommand: run, find: (kind, id) => created.find(kind, id) },
              initial,
            );
        }
      },
    );
    owned.add(created);
    return created;
  };
  const owned = new DisposableStore();

  const handlers = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const register = (id: string, handler: (...args: unknown[]) => Promise<unknown>) => handlers.set(id, handler);

  for (const { spec, presentation } of operationCommands) {
    const op = presentation.op;
    const single = op.pathParams.length === 1 ? op.pathParams[0] : undefined;
    register(spec.id, (...args) => pipeline.run(op, requestFromArgs(spec.id, args, single)));
  }

  const view = (arg: unknown): ViewName | undefined =>
    typeof arg === 'string' && (VIEW_NAMES as readonly string[]).includes(arg) ? (arg as ViewName) : undefined;
  const custom: Record<string, (...args: unknown[]) => Promise<unknown>> = {
    // Opening Make a Call or Ask from anywhere (a search result, chat, Call Again) ticks its walkthrough step, as the palette does.
    'kallyai.makeCall': (a) => {
      markWalkthroughStep(services.context.globalState, 'makeCall');
      return makeCall(ctx, a);
    },
    'kallyai.ask': (a) => {
      markWalkthroughStep(services.context.globalState, 'ask');
      return ask(ctx, store, a);
    },
    'kallyai.newConversation': () => startNewConversation(ctx, store),
    'kallyai.conversationHistory': (a) => conversationHistory(ctx, store, a),
    'kallyai.inbox.openDraft': (a) => openDraft(ctx, a),
    'kallyai.refreshAll': () => tryAgain(ctx, () => views.refresh()),
    'kallyai.goals.refresh': () => tryAgain(ctx, () => views.reload('goals')),
    'kallyai.calls.refresh': () => tryAgain(ctx, () => views.reload('calls')),
    'kallyai.inbox.refresh': () => tryAgain(ctx, () => views.reload('inbox')),
    'kallyai.credits.refresh': () => tryAgain(ctx, () => views.reload('credits')),
    'kallyai.calls.loadMore': async () =>
      views.loadMoreCalls().catch((e: unknown) => errors.show(e, { retry: () => views.loadMoreCalls() })),
    'kallyai.retry': (a) => tryAgain(ctx, () => views.retry(view(a))),
    'kallyai.showLog': async () => services.log.show(),
    'kallyai.getStarted': async () => {
      // As "Welcome: Open Walkthrough…" opens it (no second argument): on VS Code 1.139 a `toSide`
      // argument opened it in a Welcome editor that ticked none of the steps already done.
      await vscode.commands.executeCommand(
        'workbench.action.openWalkthrough',
        `${services.context.extension.id}#kallyai.getStarted`,
      );
      await replayWalkthroughSteps(services.context.globalState);
    },
    // Search, actions, outreach and the account (issue 13).
    'kallyai.activity.refresh': () => tryAgain(ctx, () => views.reload('activity')),
    'kallyai.activity.filterActions': (a) => filterActions(ctx, a),
    'kallyai.activity.filterOutreach': (a) => filterOutreach(ctx, a),
    'kallyai.actions.createCalendarEvent': (a) => addCalendarEvent(ctx, a),
    'kallyai.actions.book': (a) => book(ctx, a),
    'kallyai.outreach.create': (a) => createOutreachTask(ctx, a),
    'kallyai.subscription.changePlan': (a, _selection, options) => changePlan(ctx, a, options),
    // An outcome with several offers asks which one first (its operation command otherwise).
    'kallyai.goals.acceptOutcome': (...a) => acceptOutcome(ctx, a),
    'kallyai.referrals.copy': (a) => copyReferral(ctx, a),
  };
  for (const [id, handler] of Object.entries({ ...custom, ...receptionistHandlers(ctx) })) register(id, handler);
  const email = emailHandlers(ctx, refreshAll);
  for (const [id, handler] of Object.entries(email.handlers)) register(id, handler);
  owned.add(email);
  const account = owned.add(accountCommands(services, documents));
  for (const [id, handler] of Object.entries(account.handlers)) register(id, handler);

  const chat = new KallyChat(ctx, run);
  const tools = new ModelTools({ pipeline, settings: services.settings, log: services.log });

  return {
    ids: [...handlers.keys()],
    pipeline,
    chat,
    tools,
    async run(id, args) {
      const handler = handlers.get(id);
      if (!handler) return errors.show(new Error(`Unknown command ${id}`));
      try {
        return await handler(...args);
      } catch (e) {
        // Invalid arguments and anything unexpected: shown once, and returned as a failure.
        return errors.show(e);
      }
    },
    pages: () => pages,
    restorePage: async (panel, state) => (pages ??= createPages()).restore(panel, state),
    dispose: () => owned.dispose(),
  };
}
