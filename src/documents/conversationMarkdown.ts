/** The Ask conversation as a document: who said what, when, the goal a reply started (by its
 *  title and status, never its id), and the suggestions. Every server string escaped. No `vscode`. */
import { blocks, codeLabel, join, md, paragraphs, t, type Markdown } from '../format';
import type { Turn } from '../models/conversation';

export function conversationMarkdown(turns: readonly Turn[], title?: string): Markdown {
  return blocks(
    md`# ${title || t('KallyAI conversation')}`,
    turns.length === 0 ? md`${t('No messages yet. Run "KallyAI: Ask…" to start.')}` : undefined,
    ...turns.map(turnMarkdown),
  );
}

function turnMarkdown(turn: Turn): Markdown {
  const who = turn.role === 'you' ? t('You') : 'KallyAI';
  return blocks(
    md`**${who}:**${turn.at ? md` _(${turn.at})_` : ''}`,
    paragraphs(turn.text),
    turn.goal
      ? md`> ${t('Goal: {0}', turn.goal.title ?? t('a new goal'))}${turn.goal.status ? md` — ${codeLabel('goalStatus', turn.goal.status)}` : ''}. ${t('It is in the Goals view.')}`
      : undefined,
    turn.suggestions?.length
      ? md`${t('Suggestions:')} ${join(
          turn.suggestions.map((s) => md`_${s}_`),
          ' · ',
        )}`
      : undefined,
    md`---`,
  );
}
