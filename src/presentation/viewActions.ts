/** The unified inbox's filters and paging (contract §5.6: `channel`, `unread=true`, `limit`): the
 *  Inbox view's title offers them; the operation entries themselves are in inbox.ts. */
import type { CommandSpec } from './entry';

export const messageCommands: readonly CommandSpec[] = [
  {
    id: 'kallyai.inbox.filterChannel',
    title: 'Filter Inbox by Channel…',
    icon: 'filter',
    runs: ['messages.inbox'],
    menus: [{ view: 'inbox', group: 'title', order: 2 }],
  },
  {
    id: 'kallyai.inbox.showUnreadOnly',
    title: 'Show Unread Messages Only',
    icon: 'mail',
    when: 'kallyai.signedIn && !kallyai.inbox.unreadOnly',
    runs: ['messages.inbox'],
    menus: [{ view: 'inbox', group: 'title', order: 3 }],
  },
  {
    id: 'kallyai.inbox.showAllMessages',
    title: 'Show Read and Unread Messages',
    icon: 'mail-read',
    when: 'kallyai.signedIn && kallyai.inbox.unreadOnly',
    runs: ['messages.inbox'],
    menus: [{ view: 'inbox', group: 'title', order: 3 }],
  },
  { id: 'kallyai.inbox.loadMore', title: 'Load More Messages', palette: false, runs: ['messages.inbox'] },
];
