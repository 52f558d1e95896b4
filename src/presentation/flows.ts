/** The commands written by hand (they ask their own questions, or drive the views), described as
 *  data like the operation commands, for package.json, the README and the tests. */
import type { CommandSpec } from './entry';

const refresh = ({ view, title }: { view: string; title: string }): CommandSpec => ({
  id: `kallyai.${view}.refresh`,
  title,
  icon: 'refresh',
  runs: [],
  menus: [{ view, group: 'title', order: 9 }],
});

export const customCommands: readonly CommandSpec[] = [
  {
    id: 'kallyai.signIn',
    title: 'Sign In',
    cli: ['kallyai login'],
    icon: 'account',
    when: '!kallyai.signedIn',
    runs: [],
  },
  {
    id: 'kallyai.signOut',
    title: 'Sign Out',
    cli: ['kallyai logout'],
    icon: 'sign-out',
    runs: [],
    menus: [{ view: '*', group: 'titleMenu', order: 91 }],
  },
  {
    id: 'kallyai.accountStatus',
    title: 'Account Status',
    cli: ['kallyai auth-status'],
    icon: 'account',
    when: 'true',
    runs: ['subscription.status', 'credits.balance'],
    menus: [{ view: '*', group: 'titleMenu', order: 92 }],
  },
  {
    id: 'kallyai.makeCall',
    title: 'Make a Call…',
    cli: ['kallyai calls make', 'kallyai -p/-t'],
    icon: 'call-outgoing',
    when: 'true',
    runs: ['calls.create'],
    menus: [{ view: 'calls', group: 'title', order: 1 }],
  },
  {
    id: 'kallyai.ask',
    title: 'Ask…',
    cli: ['kallyai ask', 'kallyai coord message'],
    icon: 'sparkle',
    when: 'true',
    runs: ['coordination.message'],
    menus: [{ view: 'goals', group: 'title', order: 1 }],
  },
  {
    id: 'kallyai.newConversation',
    title: 'New Conversation',
    cli: ['kallyai coord new'],
    icon: 'add',
    runs: ['coordination.newConversation'],
  },
  {
    id: 'kallyai.conversationHistory',
    title: 'Conversation History…',
    cli: ['kallyai coord conversations', 'kallyai coord history'],
    icon: 'history',
    runs: ['coordination.conversations', 'coordination.history'],
  },
  { id: 'kallyai.refreshAll', title: 'Refresh All Views', icon: 'refresh', runs: [] },
  refresh({ view: 'goals', title: 'Refresh Goals' }),
  refresh({ view: 'calls', title: 'Refresh Calls' }),
  refresh({ view: 'inbox', title: 'Refresh Inbox' }),
  refresh({ view: 'credits', title: 'Refresh Credits' }),
  {
    id: 'kallyai.inbox.openDraft',
    title: 'Open Email Draft',
    palette: false,
    runs: ['actions.emailOutbox'],
    menus: [{ view: 'inbox', item: 'draft', group: 'primary', order: 0 }],
  },
  { id: 'kallyai.calls.loadMore', title: 'Load More Calls', palette: false, runs: ['calls.list'] },
  { id: 'kallyai.retry', title: 'Retry', palette: false, runs: [] },
  { id: 'kallyai.showLog', title: 'Show Log', icon: 'output', when: 'true', runs: [] },
  { id: 'kallyai.getStarted', title: 'Get Started', icon: 'rocket', when: 'true', runs: [] },
];
