/** The Inbox view's title: filter by channel (email, SMS, call, chat), unread only or everything,
 *  and the "Load more" node. The view keeps the filter for the workspace and loads again. */
import { INBOX_CHANNELS } from '../../api/schemas/messages';
import { t } from '../../format';
import type { FailureResult } from '../../pipeline/errors/presenter';
import type { CommandContext } from '../commandContext';
import { notificationText } from '../../format/sinks';
import { warn } from '../../platform/notify';
import { pickItems, pickOne } from '../../platform/quickInput';

type Channel = (typeof INBOX_CHANNELS)[number];
const ALL = 'all';
const LABELS: Record<Channel | typeof ALL, () => string> = {
  all: () => t('All channels'),
  email: () => t('Email'),
  sms: () => t('SMS'),
  call: () => t('Calls'),
  chat: () => t('Chat'),
};

export async function filterChannel(
  ctx: CommandContext,
  arg: unknown,
): Promise<{ outcome: 'filtered'; channel?: Channel } | { outcome: 'dismissed' } | FailureResult> {
  let chosen: string | undefined;
  if (typeof arg === 'string') chosen = arg.trim().toLowerCase();
  else {
    const current = ctx.views.inbox.filter().channel ?? ALL;
    const picked = await pickOne<string>({
      title: t('KallyAI: Filter Inbox'),
      placeholder: t('Show messages from which channel?'),
      items: pickItems(
        ([ALL, ...INBOX_CHANNELS] as const).map((c) => ({
          label: LABELS[c](),
          description: c === current ? t('shown now') : undefined,
          value: c as string,
        })),
      ),
      active: current,
    });
    if (!picked) return { outcome: 'dismissed' };
    chosen = picked;
  }
  if (chosen !== ALL && !(INBOX_CHANNELS as readonly string[]).includes(chosen)) {
    const message = t('"{0}" is not an inbox channel. Choose email, sms, call or chat.', chosen);
    void warn(notificationText(message));
    return { outcome: 'failed', code: 'invalid_input', message, action: 'editRequest' };
  }
  const channel = chosen === ALL ? undefined : (chosen as Channel);
  await ctx.views.inbox.setFilter({ ...ctx.views.inbox.filter(), channel });
  return { outcome: 'filtered', channel };
}

export async function showUnread(
  ctx: CommandContext,
  unreadOnly: boolean,
): Promise<{ outcome: 'filtered'; unreadOnly: boolean }> {
  await ctx.views.inbox.setFilter({ ...ctx.views.inbox.filter(), unreadOnly });
  return { outcome: 'filtered', unreadOnly };
}
