/** What the @kallyai participant writes in the chat, as Markdown escaped by construction: KallyAI's
 *  reply, the goal it created or changed (status, cost so far, what it waits for), lists of goals,
 *  messages and search results, the balance. No ids anywhere. No `vscode` import. */
import type { Balance } from '../api/schemas/credits';
import type { Goal } from '../api/schemas/coordination';
import type { Message } from '../api/schemas/messages';
import {
  blocks,
  codeLabel,
  creditsLabel,
  join,
  listOrParagraphs,
  md,
  oneLine,
  phoneForPeople,
  shortDateTime,
  t,
  type Markdown,
} from '../format';
import { waitingText } from '../documents/goalMarkdown';
import { goalBudget, goalTitle, waitingFor, waitingStep } from '../models/goal';
import { channelName } from '../models/channel';

export interface SearchHit {
  title?: string | null;
  description?: string | null;
  phone?: string | null;
  address?: string | null;
  rating?: number | null;
}

/** KallyAI's words, paragraphs and lists kept. */
export function replyMarkdown(text: string | undefined, creditsUsed?: number | null): Markdown {
  return blocks(
    listOrParagraphs(text?.trim() ? text : t('(KallyAI sent no text with this reply.)')),
    creditsUsed ? md`*${t('This reply used {0}.', creditsLabel(creditsUsed))}*` : undefined,
  );
}

/** The goal a reply created or changed: what it is, where it stands, what it costs, what it needs. */
export function goalCard(goal: Goal): Markdown {
  const { used, estimated } = goalBudget(goal);
  const cost =
    used !== undefined && estimated !== undefined
      ? t('{0} used of about {1} estimated', creditsLabel(used), creditsLabel(estimated))
      : used !== undefined
        ? t('{0} used so far', creditsLabel(used))
        : estimated !== undefined
          ? t('about {0} estimated', creditsLabel(estimated))
          : undefined;
  const waits = waitingText(goal);
  const step = waitingFor(goal) === 'step_approval' ? waitingStep(goal) : undefined;
  const stepLine = step?.description
    ? step.credits !== undefined
      ? t('Next step: {0} (about {1})', step.description, creditsLabel(step.credits))
      : t('Next step: {0}', step.description)
    : undefined;
  return blocks(
    md`**${t('Goal')}:** ${goalTitle(goal)}`,
    join(
      [
        md`- ${t('Status: {0}', codeLabel('goalStatus', goal.status) || t('unknown'))}`,
        cost ? md`- ${t('Cost: {0}', cost)}` : undefined,
        waits ? md`- ${t('Waiting for you: {0}', waits)}` : undefined,
        stepLine ? md`- ${stepLine}` : undefined,
      ].filter(Boolean),
      '\n',
    ),
  );
}

export function goalsMarkdown(goals: readonly Goal[], total: number): Markdown {
  if (!goals.length) return md`${t('You have no goals yet. Tell @kallyai what you need and it starts one.')}`;
  const lines = goals.map((g) => {
    const waits = waitingText(g);
    const { used } = goalBudget(g);
    const details = [
      codeLabel('goalStatus', g.status),
      waits ? t('waiting for you: {0}', waits) : undefined,
      used !== undefined ? creditsLabel(used) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    return md`- **${goalTitle(g)}** — ${details}`;
  });
  return blocks(md`${t('Your goals ({0} of {1}):', goals.length, total)}`, join(lines, '\n'));
}

export function inboxMarkdown(messages: readonly Message[], unread: number): Markdown {
  if (!messages.length) return md`${t('Your inbox is empty.')}`;
  const lines = messages.map((m) => {
    const when = shortDateTime(m.received_at);
    const head = oneLine(m.subject || m.preview || t('(no subject)'), 90);
    const meta = [m.from, channelName(m.channel), when].filter(Boolean).join(' · ');
    return m.unread ? md`- **${head}** — ${meta}` : md`- ${head} — ${meta}`;
  });
  return blocks(md`${t('{0} unread. Latest messages:', unread)}`, join(lines, '\n'));
}

export function creditsMarkdown(balance: Balance): Markdown {
  return join(
    [
      md`**${t('Credits remaining: {0}', creditsLabel(balance.credits_remaining ?? 0))}**`,
      balance.credits_used != null
        ? md`- ${t('Used this period: {0}', creditsLabel(balance.credits_used))}`
        : undefined,
      balance.credits_allocated != null
        ? md`- ${t('Allocated: {0}', creditsLabel(balance.credits_allocated))}`
        : undefined,
      balance.plan_type ? md`- ${t('Plan: {0}', codeLabel('plan', balance.plan_type))}` : undefined,
      balance.period_end
        ? md`- ${t('Renews: {0}', shortDateTime(balance.period_end) ?? balance.period_end)}`
        : undefined,
    ].filter(Boolean),
    '\n',
  );
}

export function searchMarkdown(query: string, hits: readonly SearchHit[]): Markdown {
  if (!hits.length) return md`${t('Nothing found for "{0}".', query)}`;
  const lines = hits.map((h, i) => {
    const facts = [
      h.address,
      h.phone ? phoneForPeople(h.phone) : undefined,
      h.rating != null ? t('rated {0}', h.rating) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    return blocks(
      md`${i + 1}. **${h.title || t('Untitled result')}**${facts ? md` — ${facts}` : ''}`,
      h.description ? md`   ${oneLine(h.description, 200)}` : undefined,
    );
  });
  return blocks(md`${t('Results for "{0}":', query)}`, join(lines, '\n'));
}
