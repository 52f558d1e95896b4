/** "KallyAI: Accept Outcome" when the outcome leaves a choice ("a $320 refund to your card, or a
 *  $400 travel voucher"): the person picks the offer first, the consent names it, and KallyAI is
 *  told which one before the outcome is accepted. The contract's accept-outcome takes no body, so
 *  the choice goes as a message in the goal's conversation (src/models/goal.ts
 *  outcomeChoiceMessage). An outcome with one offer runs the operation as it always did. From the
 *  Goals view, the goal page, chat buttons and the palette alike. */
import { ops } from '../../api/catalogue';
import type { Goal } from '../../api/schemas/coordination';
import { oneLine, t } from '../../format';
import { goalTitle, outcomeAlternatives, outcomeChoiceMessage, waitingFor } from '../../models/goal';
import { requestFromArgs } from '../../pipeline/commandArgs';
import type { RunRequest, RunResult } from '../../pipeline/pipeline';
import { pickItems, pickOne } from '../../platform/quickInput';
import type { CommandContext } from '../commandContext';

const COMMAND = 'kallyai.goals.acceptOutcome';

export async function acceptOutcome(
  ctx: CommandContext,
  args: readonly unknown[],
): Promise<RunResult<typeof ops.coordination.acceptOutcome> | { outcome: 'dismissed'; at: 'input' }> {
  const request = requestFromArgs(COMMAND, args, 'id');
  // A caller that asks nothing (interactive: false; the test seam `confirmed`) accepts the outcome as it stands.
  const asks = request.interactive !== false && request.confirmed !== true;
  const found = asks ? await goalOf(ctx, request) : undefined;
  if (found === 'dismissed') return { outcome: 'dismissed', at: 'input' };
  const goal = found;
  const offers = goal ? outcomeAlternatives(goal.outcome) : [];
  if (!goal?.id || offers.length < 2 || waitingFor(goal) !== 'outcome_acceptance') {
    return ctx.pipeline.run(
      ops.coordination.acceptOutcome,
      goal?.id && !request.target ? { ...request, target: { kind: 'goal', id: goal.id, value: goal } } : request,
    );
  }

  const title = oneLine(goalTitle(goal), 60);
  const choice = await pickOne({
    title: t('Accept Outcome'),
    placeholder: t('"{0}" has {1} offers: which one do you accept?', title, offers.length),
    items: pickItems(offers.map((offer, i) => ({ value: i, label: offer, icon: 'pass' }))),
  });
  if (choice === undefined) return { outcome: 'dismissed', at: 'input' };
  const offer = offers[choice];
  const others = offers.filter((_, i) => i !== choice);
  return ctx.pipeline.run(ops.coordination.acceptOutcome, {
    ...request,
    input: { ...(request.input ?? {}), path: { id: goal.id } },
    target: { kind: 'goal', id: goal.id, value: goal },
    // The question names the offer chosen, and what becomes of the others.
    stakes: (base) => ({
      ...base,
      question: t('Accept "{0}" for "{1}"?', oneLine(offer, 120), title),
      lines: [
        t('KallyAI completes the goal with this offer and declines the other: {0}', oneLine(others.join('; '), 300)),
        t('KallyAI is told your choice in a message, which may use credits.'),
        ...base.lines.slice(1),
      ],
      confirm: t('Accept This Offer'),
    }),
    runner: async (execute) => {
      const conversation = goal.conversation_id ?? undefined;
      await ctx.services.client.execute(ops.coordination.message, {
        body: {
          message: outcomeChoiceMessage(goal, offer),
          ...(conversation ? { conversation_id: conversation } : {}),
        },
      });
      return execute();
    },
  });
}

/** The goal the command acts on: the one it was started on, else the one its id names, else (the
 *  palette) the one picked among those waiting for their outcome to be accepted. */
async function goalOf(ctx: CommandContext, request: RunRequest): Promise<Goal | undefined | 'dismissed'> {
  const value = request.target?.value as Goal | undefined;
  if (value?.id) return value;
  const id = request.target?.id ?? request.input?.path?.id;
  if (id) return ctx.services.client.execute(ops.coordination.goal, { path: { id } }).catch(() => undefined);
  const waiting = ctx.services.client
    .execute(ops.coordination.goals)
    .then((r) => r.goals.filter((g) => g.id && waitingFor(g) === 'outcome_acceptance'));
  const picked = await pickOne({
    title: t('Accept Outcome'),
    placeholder: t('Pick a goal'),
    empty: t('No goal has an outcome waiting for you.'),
    items: waiting.then((goals) =>
      pickItems(
        goals.map((g) => ({
          value: g,
          label: goalTitle(g),
          description: oneLine(typeof g.outcome === 'string' ? g.outcome : '', 120) || undefined,
          icon: 'pass',
        })),
      ),
    ),
  });
  return picked ?? 'dismissed';
}
