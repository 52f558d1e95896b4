/** The Inbox view's title: filter by channel (email, SMS, call, chat), unread only or everything,
 *  and the "Load more" node. The view keeps the filter for the workspace and loads again. */
import { INBOX_CHANNELS } from '../../api/schemas/messages';
import { t } from '../../format';
import type { FailureResult } from '../../pipeline/errors/presenter';
import type { CommandContext } from '../commandContext';
import { chooseListFilter } from './listFilter';

type Channel = (typeof INBOX_CHANNELS)[number];
const LABELS: Record<Channel, () => string> = {
  email: () => t('Email'),
  sms: () => t('SMS'),
  call: () => t('Calls'),
  chat: () => t('Chat'),
};

export async function filterChannel(
  ctx: CommandContext,
  arg: unknown,
): Promise<{ outcome: 'filtered'; channel?: Channel } | { outcome: 'dismissed' } | FailureResult> {
  const r = await chooseListFilter(arg, {
    values: INBOX_CHANNELS,
    current: ctx.views.inbox.filter().channel,
    label: (c) => (c === undefined ? t('All channels') : LABELS[c]()),
    title: t('KallyAI: Filter Inbox'),
    placeholder: t('Show messages from which channel?'),
    invalid: (given) => t('"{0}" is not an inbox channel. Choose email, sms, call or chat.', given),
  });
  if (r.outcome !== 'chosen') return r;
  await ctx.views.inbox.setFilter({ ...ctx.views.inbox.filter(), channel: r.value });
  return { outcome: 'filtered', channel: r.value };
}

export async function showUnread(
  ctx: CommandContext,
  unreadOnly: boolean,
): Promise<{ outcome: 'filtered'; unreadOnly: boolean }> {
  await ctx.views.inbox.setFilter({ ...ctx.views.inbox.filter(), unreadOnly });
  return { outcome: 'filtered', unreadOnly };
}
