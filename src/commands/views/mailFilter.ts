/** "Filter Mail by Classification…" (the Email view's title): all mail, or one classification of
 *  the contract (important, actionable, informational, spam). An unknown classification given by
 *  code is refused with a sentence, and nothing is asked of the server. */
import { EMAIL_CLASSIFICATIONS, type EmailClassification } from '../../api/schemas/email';
import { t } from '../../format';
import { classificationLabel } from '../../models/email';
import type { FailureResult } from '../../pipeline/errors/presenter';
import type { CommandContext } from '../commandContext';
import { notificationText } from '../../format/sinks';
import { warn } from '../../platform/notify';
import { pickItems, pickOne } from '../../platform/quickInput';

const ALL = 'all';

export async function filterMail(
  ctx: CommandContext,
  arg: unknown,
): Promise<
  { outcome: 'filtered'; classification: EmailClassification | undefined } | { outcome: 'dismissed' } | FailureResult
> {
  let chosen: string | undefined;
  if (typeof arg === 'string') chosen = arg.trim().toLowerCase();
  else {
    const current = ctx.views.email.classification() ?? ALL;
    const items = pickItems(
      [ALL, ...EMAIL_CLASSIFICATIONS].map((c) => ({
        label: c === ALL ? t('All mail') : classificationLabel(c),
        description: c === current ? t('shown now') : undefined,
        value: c,
      })),
    );
    const picked = await pickOne({
      title: t('KallyAI: Filter Mail'),
      placeholder: t('Show which mail?'),
      items,
      active: current,
    });
    if (!picked) return { outcome: 'dismissed' };
    chosen = picked;
  }
  if (chosen !== ALL && !(EMAIL_CLASSIFICATIONS as readonly string[]).includes(chosen)) {
    const message = t(
      '"{0}" is not a mail classification. Choose important, actionable, informational or spam.',
      chosen,
    );
    void warn(notificationText(message));
    return { outcome: 'failed', code: 'invalid_input', message, action: 'editRequest' };
  }
  const classification = chosen === ALL ? undefined : (chosen as EmailClassification);
  await ctx.views.email.setClassification(classification);
  return { outcome: 'filtered', classification };
}
