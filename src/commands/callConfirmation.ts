/** The modal that stands between a call request and the phone ringing: it names the number (as a
 *  person reads it), the business, the task, the estimated credits and the balance. */
import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { CommandContext } from './commandContext';
import { categoryLabel, type CallAnswers } from './callWizard';

export interface CallCosts {
  /** From the budget estimate endpoint; undefined when it could not be had. */
  readonly estimatedCredits?: number;
  /** From the credit balance; undefined when it could not be had. */
  readonly balance?: number;
}

/** Asks the estimate and the balance side by side; either may fail without stopping the call. */
export async function fetchCallCosts(ctx: CommandContext, answers: CallAnswers): Promise<CallCosts> {
  const { client, log } = ctx.services;
  const description = [answers.businessName, answers.task].filter(Boolean).join(': ').slice(0, 2000);
  const [estimate, balance] = await Promise.allSettled([
    client.execute(ops.budget.estimate, { body: { type: 'call', description } }),
    client.execute(ops.credits.balance),
  ]);
  if (estimate.status === 'rejected') log.warn(`No credit estimate for the call: ${errorText(estimate.reason)}`);
  if (balance.status === 'rejected') log.warn(`No credit balance before the call: ${errorText(balance.reason)}`);
  return {
    estimatedCredits: estimate.status === 'fulfilled' ? estimate.value.estimated_credits ?? undefined : undefined,
    balance: balance.status === 'fulfilled' ? balance.value.credits_remaining ?? undefined : undefined,
  };
}

/** The text of the confirmation: a question and the details, one per line. */
export function confirmationText(answers: CallAnswers, formattedNumber: string, costs: CallCosts): { message: string; detail: string } {
  const who = answers.businessName || formattedNumber;
  const message = vscode.l10n.t('Call {0} now?', who);
  const lines = [
    vscode.l10n.t('Number: {0}', formattedNumber),
    vscode.l10n.t('Business: {0}', answers.businessName || vscode.l10n.t('(not named)')),
    vscode.l10n.t('Category: {0}', categoryLabel(answers.category)),
    vscode.l10n.t('Task: {0}', answers.task),
  ];
  const when = [answers.date, answers.time ?? answers.timePreference].filter(Boolean).join(' ');
  if (when) lines.push(vscode.l10n.t('When: {0} ({1})', when, answers.timezone));
  if (answers.partySize) lines.push(vscode.l10n.t('Party size: {0}', answers.partySize));
  if (answers.userName) lines.push(vscode.l10n.t('Booking name: {0}', answers.userName));
  lines.push(vscode.l10n.t('Call language: {0}', answers.callLanguage === 'es' ? 'Español' : 'English'));
  lines.push('');
  lines.push(costs.estimatedCredits === undefined
    ? vscode.l10n.t('Estimated cost: not available (a call costs about 1 credit plus 0.1 per minute)')
    : vscode.l10n.t('Estimated cost: about {0} credits', formatCredits(costs.estimatedCredits)));
  lines.push(costs.balance === undefined
    ? vscode.l10n.t('Your balance: not available')
    : vscode.l10n.t('Your balance: {0} credits', formatCredits(costs.balance)));
  if (costs.balance !== undefined && costs.estimatedCredits !== undefined && costs.balance < costs.estimatedCredits) {
    lines.push(vscode.l10n.t('Your balance may not cover this call.'));
  }
  lines.push('');
  lines.push(vscode.l10n.t('KallyAI will phone this number now and speak for you. The call costs credits and cannot be undone.'));
  return { message, detail: lines.join('\n') };
}

/** Shows the modal; true only when the user chose "Place Call". */
export async function confirmCall(answers: CallAnswers, formattedNumber: string, costs: CallCosts): Promise<boolean> {
  const { message, detail } = confirmationText(answers, formattedNumber, costs);
  const place = vscode.l10n.t('Place Call');
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, place);
  return choice === place;
}

export function formatCredits(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, '');
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
