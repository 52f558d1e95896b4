/** "Copy KallyAI Mailbox Address": the address given (the mailbox notification's button, the
 *  Channels page), or read from the server (GET /v1/channels/mailbox), onto the clipboard. */
import * as vscode from 'vscode';
import { ops } from '../../api/catalogue';
import { t } from '../../format';
import type { FailureResult } from '../../pipeline/errors/presenter';
import type { CommandContext } from '../commandContext';
import { pickText } from '../../format/sinks';
import { statusMessage } from '../../platform/notify';

const ADDRESS = /^[^\s@<>]+@[^\s@<>][^\s@<>.]*\.[^\s@<>]+$/;

export async function copyMailbox(
  ctx: CommandContext,
  arg: unknown,
): Promise<{ outcome: 'copied'; address: string } | { outcome: 'dismissed' } | FailureResult> {
  let address = typeof arg === 'string' && ADDRESS.test(arg.trim()) ? arg.trim() : undefined;
  if (!address) {
    const r = await ctx.pipeline.run(ops.channels.mailbox, { interactive: false, quiet: true });
    if (r.outcome === 'failed') return r;
    if (r.outcome !== 'done' || !r.data.mailbox) return { outcome: 'dismissed' };
    address = r.data.mailbox;
  }
  await vscode.env.clipboard.writeText(address);
  statusMessage(pickText(t('Copied {0}', address)), 4000);
  return { outcome: 'copied', address };
}
