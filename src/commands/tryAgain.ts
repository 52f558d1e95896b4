/** A view's Refresh or Retry, or the status bar's Retry, that the person clicked: when KallyAI still
 *  does not answer afterwards, one notification says so, with Retry. The rows in the views and the
 *  status bar already show the outage; this is the answer to the click, which would otherwise seem
 *  to do nothing. */
import type { CommandContext } from './commandContext';

export async function tryAgain(
  ctx: Pick<CommandContext, 'views' | 'errors'>,
  work: () => Promise<unknown>,
): Promise<unknown> {
  await work();
  const outage = ctx.views.outage();
  return outage ? ctx.errors.show(outage.error, { retry: () => tryAgain(ctx, work) }) : undefined;
}
