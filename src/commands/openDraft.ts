/** Opens an email draft waiting for approval as a read-only document (from the Inbox view's Drafts
 *  group). The draft comes from the node, or from the outbox by id. */
import { ops } from '../api/catalogue';
import { blocks, md, paragraphs, shortDateTime, t } from '../format';
import type { FailureResult } from '../pipeline/errors/presenter';
import type { CommandContext } from './commandContext';

type Draft = { id?: string | null; to?: string | null; subject?: string | null; body?: string | null; created_at?: string | null };

export async function openDraft(ctx: CommandContext, arg: unknown): Promise<{ outcome: 'opened'; documentUri: string } | { outcome: 'dismissed' } | FailureResult> {
  let draft = draftOf(arg);
  const id = draft?.id ?? (typeof arg === 'string' ? arg : (arg as { id?: unknown } | undefined)?.id);
  if (!draft && typeof id === 'string') {
    const outbox = await ctx.pipeline.run(ops.actions.emailOutbox, { interactive: false, quiet: true });
    if (outbox.outcome === 'failed') return outbox;
    if (outbox.outcome !== 'done') return { outcome: 'dismissed' };
    draft = outbox.data.emails.find((e) => e.id === id);
  }
  if (!draft) return { outcome: 'dismissed' };
  const markdown = blocks(
    md`# ${draft.subject || t('(no subject)')}`,
    md`**${t('To')}:** ${draft.to ?? '?'} · **${t('Drafted')}:** ${shortDateTime(draft.created_at) ?? ''}`,
    md`> ${t('Draft waiting for your approval: nothing is sent until you approve it in the Inbox view.')}`,
    md`---`,
    paragraphs(draft.body),
  );
  const uri = await ctx.documents.showMarkdown(`drafts/${draft.id ?? 'draft'}/${t('Draft — {0}', draft.subject || t('(no subject)'))}.md`, markdown, { preview: true });
  return { outcome: 'opened', documentUri: uri.toString() };
}

function draftOf(arg: unknown): Draft | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as { kind?: unknown; draft?: unknown };
  return node.kind === 'draft' && node.draft && typeof node.draft === 'object' ? (node.draft as Draft) : undefined;
}
