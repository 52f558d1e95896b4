/** "Filter Mail by Classification…" (the Email view's title): all mail, or one classification of
 *  the contract (important, actionable, informational, spam). An unknown classification given by
 *  code is refused with a sentence, and nothing is asked of the server. */
import { EMAIL_CLASSIFICATIONS, type EmailClassification } from '../../api/schemas/email';
import { t } from '../../format';
import { classificationLabel } from '../../models/email';
import type { FailureResult } from '../../pipeline/errors/presenter';
import type { CommandContext } from '../commandContext';
import { chooseListFilter } from './listFilter';

export async function filterMail(
  ctx: CommandContext,
  arg: unknown,
): Promise<
  { outcome: 'filtered'; classification: EmailClassification | undefined } | { outcome: 'dismissed' } | FailureResult
> {
  const r = await chooseListFilter(arg, {
    values: EMAIL_CLASSIFICATIONS,
    current: ctx.views.email.classification(),
    label: (c) => (c === undefined ? t('All mail') : classificationLabel(c)),
    title: t('KallyAI: Filter Mail'),
    placeholder: t('Show which mail?'),
    invalid: (given) =>
      t('"{0}" is not a mail classification. Choose important, actionable, informational or spam.', given),
  });
  if (r.outcome !== 'chosen') return r;
  await ctx.views.email.setClassification(r.value);
  return { outcome: 'filtered', classification: r.value };
}
