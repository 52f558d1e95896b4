/** The handlers of the hand-written email, inbox-filter and channel commands, and the factory of
 *  the email pages (draft, mail, compose, channels), in one place so that the commands bundle's
 *  entry (src/app/index.ts) wires them with two lines. */
import type { Resource } from '../../api/resources';
import type { KallyClient } from '../../api/client';
import { ChannelsPage } from '../../pages/channelsPage';
import { ComposePage } from '../../pages/composePage';
import { DraftPage } from '../../pages/draftPage';
import { MailPage } from '../../pages/mailPage';
import type { PageController, PageKind, PageState } from '../../pages/pageController';
import type { PagePanel } from '../../pages/pagePanel';
import { openExternalUrl } from '../../platform/openExternal';
import { copyMailbox } from '../channels/copyMailbox';
import type { CommandContext } from '../commandContext';
import { tryAgain } from '../tryAgain';
import { filterChannel, showUnread } from '../views/inboxFilters';
import { EmailConnector } from './connectEmail';
import { filterMail } from '../views/mailFilter';
import { reviseDraft, reviseStakes } from './reviseDraft';
import { writeEmail } from './writeEmail';

type Handler = (...args: unknown[]) => Promise<unknown>;

const notNode = (a: unknown) => (a && typeof a === 'object' && !('item' in a) ? a : undefined);

export function emailHandlers(
  ctx: CommandContext,
  refresh: (resources: readonly Resource[]) => Promise<void>,
): { handlers: Record<string, Handler>; dispose(): void } {
  const connector = new EmailConnector(ctx, refresh);
  const { views } = ctx;
  return {
    handlers: {
      'kallyai.email.refresh': () => tryAgain(ctx, () => views.reload('email')),
      'kallyai.email.write': (a) => writeEmail(ctx, a),
      'kallyai.email.connect': (a) => connector.connect(a),
      'kallyai.email.connectGmail': (a) => connector.connect(notNode(a), 'gmail'),
      'kallyai.email.connectOutlook': (a) => connector.connect(notNode(a), 'outlook'),
      'kallyai.email.filterMail': (a) => filterMail(ctx, a),
      'kallyai.inbox.filterChannel': (a) => filterChannel(ctx, a),
      'kallyai.inbox.showUnreadOnly': () => showUnread(ctx, true),
      'kallyai.inbox.showAllMessages': () => showUnread(ctx, false),
      'kallyai.inbox.loadMore': async () =>
        views.inbox.loadMore().catch((e: unknown) => ctx.errors.show(e, { retry: () => views.inbox.loadMore() })),
      'kallyai.channels.copyMailbox': (a) => copyMailbox(ctx, a),
    },
    dispose: () => connector.dispose(),
  };
}

export interface EmailPageHost {
  readonly ctx: CommandContext;
  readonly client: KallyClient;
  runCommand(id: string, ...args: unknown[]): Promise<unknown>;
  find(kind: PageKind, id: string): PagePanel | undefined;
}

/** The controller of an email page kind; undefined for the other kinds. */
export function emailPage(state: PageState, host: EmailPageHost, initial: unknown): PageController | undefined {
  const { ctx, client, runCommand, find } = host;
  const { pipeline } = ctx;
  switch (state.kind) {
    case 'draft':
      return new DraftPage(
        state,
        {
          client,
          pipeline,
          runCommand,
          revise: (draft, instructions) => reviseDraft(ctx, draft, instructions),
          replaceWith: async (id) => {
            const old = find('draft', state.id);
            await ctx.openPage('draft', id);
            old?.panel.dispose();
          },
          reviseStakes: () => reviseStakes(ctx.views.balance()),
        },
        initial,
      );
    case 'mail':
      return new MailPage(state, { client, pipeline, runCommand }, initial);
    case 'compose':
      return new ComposePage(
        state,
        { client, pipeline, runCommand, close: () => find('compose', state.id)?.panel.dispose() },
        initial,
      );
    case 'channels':
      return new ChannelsPage(
        state,
        {
          client,
          pipeline,
          runCommand,
          refreshLater: (ms) => setTimeout(() => void find('channels', state.id)?.refresh(), ms),
          openExternal: (url) => openExternalUrl(url),
        },
        initial,
      );
    default:
      return undefined;
  }
}
