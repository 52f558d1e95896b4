import * as vscode from 'vscode';
import type { Goal } from '../api/schemas/coordination';
import { escapeMarkdown, formatCredits, humanize, shortDateTime } from '../views/format';

interface GoalBudget {
  credits_estimated?: number | null;
  credits_used?: number | null;
  credits_remaining?: number | null;
  breakdown?: Array<{ action?: string | null; credits?: number | null }> | null;
}
interface CostBreakdown {
  total_credits?: number | null;
  items: Array<{ action?: string | null; credits?: number | null; timestamp?: string | null }>;
}

/** A goal's budget (estimated, used, remaining, by action) and what it has spent, item by item. */
export function budgetMarkdown(goal: Goal, budget?: GoalBudget, spent?: CostBreakdown): string {
  const estimated = budget?.credits_estimated ?? goal.credits_estimated;
  const used = budget?.credits_used ?? goal.credits_used;
  const remaining = budget?.credits_remaining ?? (estimated != null && used != null ? Math.max(0, estimated - used) : undefined);
  const lines = [
    `# ${escapeMarkdown(vscode.l10n.t('Budget — {0}', goal.title ?? goal.id ?? ''))}`,
    '',
    `| ${vscode.l10n.t('Estimated')} | ${vscode.l10n.t('Used')} | ${vscode.l10n.t('Remaining')} |`,
    '|---:|---:|---:|',
    `| ${formatCredits(estimated)} | ${formatCredits(used)} | ${formatCredits(remaining)} |`,
    '',
  ];
  if (budget?.breakdown?.length) {
    lines.push(`## ${vscode.l10n.t('Budget by action')}`, '', `| ${vscode.l10n.t('Action')} | ${vscode.l10n.t('Credits')} |`, '|---|---:|');
    for (const b of budget.breakdown) lines.push(`| ${escapeMarkdown(humanize(b.action ?? '?'))} | ${formatCredits(b.credits)} |`);
    lines.push('');
  }
  lines.push(`## ${vscode.l10n.t('Spent so far')}`, '');
  if (!spent) {
    lines.push(`_${vscode.l10n.t('The cost breakdown could not be loaded.')}_`, '');
  } else if (spent.items.length === 0) {
    lines.push(`_${vscode.l10n.t('Nothing spent yet.')}_`, '');
  } else {
    lines.push(`| ${vscode.l10n.t('When')} | ${vscode.l10n.t('Action')} | ${vscode.l10n.t('Credits')} |`, '|---|---|---:|');
    for (const item of spent.items) lines.push(`| ${escapeMarkdown(shortDateTime(item.timestamp) ?? '')} | ${escapeMarkdown(humanize(item.action ?? '?'))} | ${formatCredits(item.credits)} |`);
    lines.push('', `**${vscode.l10n.t('Total')}:** ${formatCredits(spent.total_credits ?? spent.items.reduce((sum, i) => sum + (i.credits ?? 0), 0))}`, '');
  }
  return lines.join('\n');
}
