/** Opens an outgoing email's page (src/pages/draftPage.ts) — a draft waiting for approval, or a
 *  sent, failed or discarded email — from a view item, the outbox pick list, or by id. There is no
 *  endpoint for one email: the page reads it from the outbox. */
import type { FailureResult } from '../../pipeline/errors/presenter';
import type { CommandContext } from '../commandContext';

export async function openDraft(
  ctx: CommandContext,
  arg: unknown,
): Promise<{ outcome: 'opened'; page: string } | { outcome: 'dismissed' } | FailureResult> {
  const { id, value } = idOf(arg);
  if (!id) return { outcome: 'dismissed' };
  await ctx.openPage('draft', id, value);
  return { outcome: 'opened', page: `draft:${id}` };
}

function idOf(arg: unknown): { id?: string; value?: unknown } {
  if (typeof arg === 'string') return { id: arg };
  if (!arg || typeof arg !== 'object') return {};
  const o = arg as { id?: unknown; target?: { id?: unknown; value?: unknown }; draft?: unknown };
  // A view item: its target names the email (the Inbox's drafts keep it under `draft`).
  if (o.target && typeof o.target.id === 'string') return { id: o.target.id, value: o.target.value ?? o.draft };
  return typeof o.id === 'string' ? { id: o.id } : {};
}
