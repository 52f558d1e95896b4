/** Ask KallyAI to revise a draft. The contract has no endpoint for it: the person's instructions
 *  and the draft (src/models/email.ts `revisionRequest`) go to the coordination AI (POST
 *  /v1/coordination/message, the pipeline's inline consent: the draft page's form names the
 *  stakes). The answer may name the revised draft (`draft_id`, `draft.id`, `email_id`): a new
 *  one replaces this one on the page; otherwise the outbox says whether this draft changed. */
import { ops } from '../../api/catalogue';
import { replyText } from '../../api/schemas/coordination';
import { creditsLabel, t } from '../../format';
import { ccOf, outboxId, revisionRequest, type OutboxEmail } from '../../models/email';
import type { RevisionOutcome } from '../../pages/draftPage';
import type { CommandContext } from '../commandContext';

/** What asking for a revision may cost, said on the form that sends it (pressing it is the consent). */
export function reviseStakes(balance: number | undefined): string {
  return balance === undefined
    ? t('KallyAI rewrites this draft as you ask and may use a few credits; nothing is sent until you approve it.')
    : t(
        'KallyAI rewrites this draft as you ask and may use a few credits (you have {0}); nothing is sent until you approve it.',
        creditsLabel(balance),
      );
}

export async function reviseDraft(
  ctx: CommandContext,
  draft: OutboxEmail,
  instructions: string,
): Promise<RevisionOutcome> {
  const id = outboxId(draft);
  if (!id) return { outcome: 'failed', message: t('This draft has no id to revise.') };
  if (!instructions.trim()) return { outcome: 'failed', message: t('Say how KallyAI should revise the draft.') };
  const r = await ctx.pipeline.run(ops.coordination.message, {
    input: { body: { message: revisionRequest(draft, instructions) } },
    interactive: false,
    quiet: true,
    inlineConsent: true,
  });
  if (r.outcome === 'failed') return { outcome: 'failed', message: r.message };
  if (r.outcome !== 'done') return { outcome: 'dismissed' };
  const reply = replyText(r.data);
  const answer = r.data as { draft_id?: unknown; email_id?: unknown; draft?: { id?: unknown } | null };
  const named = [answer.draft_id, answer.draft?.id, answer.email_id].find((x) => typeof x === 'string' && x) as
    string | undefined;
  void ctx.views.refreshResources(['email', 'inbox']);
  if (named && named !== id) return { outcome: 'revised', draftId: named, message: reply };
  const now = await ctx.services.client.execute(ops.actions.emailOutbox).then(
    (o) => o.emails.find((e) => outboxId(e) === id),
    () => undefined,
  );
  const changed =
    !!now &&
    (now.subject !== draft.subject ||
      now.body !== draft.body ||
      now.to !== draft.to ||
      ccOf(now).join() !== ccOf(draft).join());
  return changed ? { outcome: 'revised', draftId: id, message: reply } : { outcome: 'unchanged', message: reply };
}
