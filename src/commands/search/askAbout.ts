/** "Ask KallyAI About It" on a search result: the Ask box opens with a message about the business
 *  (its name, address, number and what it was found for), naming the stakes as Ask does; the
 *  person edits it or presses Enter, which is the consent, and Ask sends it. */
import * as vscode from 'vscode';
import { t } from '../../format';
import { askAboutText, type SearchHit, type SearchQuery } from '../../models/search';
import { askStakes } from '../coordination/ask';
import type { CommandContext } from '../commandContext';
import { askOnce } from '../../platform/quickInput';

export async function askAbout(ctx: CommandContext, hit: SearchHit, query: SearchQuery): Promise<unknown> {
  const message = await askOnce({
    title: t('Ask KallyAI About {0}', hit.name),
    prompt: t('Edit the message or press Enter to send it. {0}', askStakes(ctx.views.balance())),
    value: askAboutText(hit, query),
    validate: (v) => (v.trim().length > 4000 ? t('At most 4000 characters.') : undefined),
  });
  if (!message?.trim()) return { outcome: 'dismissed' };
  return vscode.commands.executeCommand('kallyai.ask', { message: message.trim() });
}
