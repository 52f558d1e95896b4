/** What the old CLI flags did (contract §8), as palette commands: --usage, --subscription,
 *  --billing, --history, --call-info, --transcript. (--login/--logout/--auth-status are the
 *  account commands in accountCommands.ts.) */
import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import { describeCallStatus, SCHEDULED_CALL_STATUS } from '../api/callStatus';
import type { UserActionKind } from '../api/errors';
import { callCreatedAt, callSummary, type Call } from '../api/schemas/calls';
import type { Balance } from '../api/schemas/credits';
import { portalUrl } from '../api/schemas/stripe';
import { formatCredits } from './callConfirmation';
import { callHistoryArgs, callIdArgs, noArgs, parseArgs } from './commandArgs';
import type { CommandContext } from './commandContext';
import { escapeMd } from './conversationStore';

type Failed = { outcome: 'failed'; code: string; message: string; action: UserActionKind };

/** --usage: the credit balance. */
export async function showUsage(ctx: CommandContext, raw: unknown): Promise<{ outcome: 'shown'; balance: Balance; message: string } | Failed> {
  parseArgs('kallyai.showUsage', noArgs, raw);
  try {
    const balance = await ctx.services.client.execute(ops.credits.balance);
    const message = usageText(balance);
    const open = vscode.l10n.t('Open Credits View');
    void vscode.window.showInformationMessage(message, open).then((c) => {
      if (c === open) return vscode.commands.executeCommand('kallyai.credits.focus');
    });
    return { outcome: 'shown', balance, message };
  } catch (e) {
    return { outcome: 'failed', ...ctx.errors.show(e) };
  }
}

export function usageText(b: Balance): string {
  const parts = [b.credits_remaining === undefined || b.credits_remaining === null
    ? vscode.l10n.t('KallyAI did not report your credit balance.')
    : vscode.l10n.t('You have {0} KallyAI credits left', formatCredits(b.credits_remaining))];
  if (typeof b.credits_allocated === 'number') parts[0] += ` ${vscode.l10n.t('of {0}', formatCredits(b.credits_allocated))}`;
  if (b.plan_type) parts[0] += ` ${vscode.l10n.t('on the {0} plan', b.plan_type)}`;
  parts[0] += '.';
  if (typeof b.credits_used === 'number') parts.push(vscode.l10n.t('{0} used this period.', formatCredits(b.credits_used)));
  if (b.period_end) parts.push(vscode.l10n.t('The period ends {0}.', formatDate(b.period_end)));
  return parts.join(' ');
}

/** --subscription: both subscription endpoints (the legacy /users/me one the flag used, and
 *  /subscriptions/status), summed up in a message and a read-only document. */
export async function showSubscription(ctx: CommandContext, raw: unknown): Promise<{ outcome: 'shown'; message: string; subscription?: unknown; status?: unknown; documentUri: string } | Failed> {
  parseArgs('kallyai.showSubscription', noArgs, raw);
  const { client } = ctx.services;
  const [legacy, current] = await Promise.allSettled([client.execute(ops.users.subscription), client.execute(ops.subscription.status)]);
  if (legacy.status === 'rejected' && current.status === 'rejected') return { outcome: 'failed', ...ctx.errors.show(current.reason) };
  const sub = legacy.status === 'fulfilled' ? legacy.value : undefined;
  const status = current.status === 'fulfilled' ? current.value : undefined;

  const plan = status?.plan_type ?? sub?.plan?.type ?? undefined;
  const state = status?.status ?? sub?.status ?? undefined;
  const renews = status?.current_period_end ?? sub?.expires_at ?? undefined;
  const message = [
    plan ? vscode.l10n.t('KallyAI plan: {0}', plan) : vscode.l10n.t('KallyAI plan: unknown'),
    state ? vscode.l10n.t('status: {0}', state) : undefined,
    renews ? vscode.l10n.t('current period ends {0}', formatDate(renews)) : undefined,
    status?.pending_change?.new_plan ? vscode.l10n.t('changing to {0} on {1}', status.pending_change.new_plan, formatDate(status.pending_change.effective_date ?? undefined)) : undefined,
  ].filter(Boolean).join(', ') + '.';

  const rows: Array<[string, unknown]> = [
    [vscode.l10n.t('Plan'), plan],
    [vscode.l10n.t('Status'), state],
    [vscode.l10n.t('Active subscription'), sub?.has_active_subscription === undefined ? undefined : sub.has_active_subscription ? vscode.l10n.t('yes') : vscode.l10n.t('no')],
    [vscode.l10n.t('Billed through'), sub?.provider],
    [vscode.l10n.t('Billing period'), sub?.plan?.period],
    [vscode.l10n.t('Current period'), status?.current_period_start && status?.current_period_end ? `${formatDate(status.current_period_start)} – ${formatDate(status.current_period_end)}` : undefined],
    [vscode.l10n.t('Expires'), sub?.expires_at ? formatDate(sub.expires_at) : undefined],
    [vscode.l10n.t('Renews automatically'), sub?.auto_renew === undefined || sub?.auto_renew === null ? undefined : sub.auto_renew ? vscode.l10n.t('yes') : vscode.l10n.t('no')],
    [vscode.l10n.t('Pending change'), status?.pending_change?.new_plan ? `${status.pending_change.new_plan} (${formatDate(status.pending_change.effective_date ?? undefined)})` : undefined],
  ];
  const md = [
    `# ${vscode.l10n.t('KallyAI subscription')}`, '',
    `| | |`, `|---|---|`,
    ...rows.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => `| ${escapeMd(k)} | ${escapeMd(String(v))} |`),
    '',
    vscode.l10n.t('Manage your plan and payment method with "KallyAI: Manage Billing".'), '',
  ].join('\n');
  const uri = await ctx.documents.showMarkdown('account/subscription.md', md, { preview: true });
  const manage = vscode.l10n.t('Manage Billing');
  void vscode.window.showInformationMessage(message, manage).then((c) => {
    if (c === manage) return vscode.commands.executeCommand('kallyai.openBillingPortal');
  });
  return { outcome: 'shown', message, subscription: sub, status, documentUri: uri.toString() };
}

/** --billing: opens the Stripe billing portal in the browser. */
export async function openBillingPortal(ctx: CommandContext, raw: unknown): Promise<{ outcome: 'opened'; url: string; opened: boolean } | Failed> {
  parseArgs('kallyai.openBillingPortal', noArgs, raw);
  try {
    const r = await ctx.services.client.execute(ops.stripe.billingPortal);
    const url = portalUrl(r);
    if (!url || !/^https?:\/\//i.test(url)) {
      return { outcome: 'failed', ...ctx.errors.show({ code: 'invalid_response', message: vscode.l10n.t('KallyAI did not send a billing portal address. Try again later.'), action: { kind: 'none', label: '' } }) };
    }
    const opened = await vscode.env.openExternal(vscode.Uri.parse(url, true));
    ctx.services.log.info(`Opened the billing portal (${new URL(url).host})`);
    return { outcome: 'opened', url, opened };
  } catch (e) {
    return { outcome: 'failed', ...ctx.errors.show(e) };
  }
}

/** --history: a quick pick of the most recent calls; choosing one opens its details. */
export async function callHistory(ctx: CommandContext, raw: unknown): Promise<{ outcome: 'opened'; callId: string; listed: number; documentUri: string } | { outcome: 'dismissed' | 'empty'; listed: number } | Failed> {
  const args = parseArgs('kallyai.callHistory', callHistoryArgs, raw);
  try {
    const list = await vscode.window.withProgress(
      { location: { viewId: 'kallyai.calls' } },
      () => ctx.services.client.execute(ops.calls.list, { query: { limit: args.limit ?? 10 } }),
    );
    const calls = list.calls;
    if (calls.length === 0) {
      const make = vscode.l10n.t('Make a Call…');
      void vscode.window.showInformationMessage(vscode.l10n.t('No calls yet.'), make).then((c) => {
        if (c === make) return vscode.commands.executeCommand('kallyai.makeCall');
      });
      return { outcome: 'empty', listed: 0 };
    }
    const picked = await vscode.window.showQuickPick(calls.map(callItem), {
      title: vscode.l10n.t('KallyAI: Recent Calls'),
      placeHolder: vscode.l10n.t('Choose a call to open its details'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked) return { outcome: 'dismissed', listed: calls.length };
    const call = calls.find((c) => c.call_id === picked.callId);
    const uri = await ctx.documents.openCallDetails(picked.callId, call);
    return { outcome: 'opened', callId: picked.callId, listed: calls.length, documentUri: uri.toString() };
  } catch (e) {
    return { outcome: 'failed', ...ctx.errors.show(e) };
  }
}

export function callItem(call: Call): vscode.QuickPickItem & { callId: string } {
  const status = describeCallStatus(call.status);
  const who = call.submission?.business_name ?? call.business_name ?? call.to ?? call.submission?.respondent_phone ?? vscode.l10n.t('Call');
  const created = callCreatedAt(call);
  return {
    callId: call.call_id,
    label: `$(${statusIcon(call.status, status.tone)}) ${who}`,
    description: [created ? formatDate(created) : undefined, status.label].filter(Boolean).join(' · '),
    detail: callSummary(call) ?? call.submission?.task_description ?? undefined,
  };
}

function statusIcon(status: string, tone: string): string {
  if (status === SCHEDULED_CALL_STATUS) return 'calendar';
  switch (tone) {
    case 'good': return 'pass';
    case 'bad': return 'error';
    case 'running': return 'sync~spin';
    default: return 'circle-slash';
  }
}

/** --call-info / --transcript: takes {callId} or asks for it, then opens the read-only document. */
export async function openCallDocument(ctx: CommandContext, raw: unknown, which: 'details' | 'transcript'): Promise<{ outcome: 'opened'; callId: string; documentUri: string } | { outcome: 'dismissed' } | Failed> {
  const command = which === 'details' ? 'kallyai.callInfo' : 'kallyai.callTranscript';
  const args = parseArgs(command, callIdArgs, raw, 'callId');
  const callId = args.callId ?? (await vscode.window.showInputBox({
    title: which === 'details' ? vscode.l10n.t('KallyAI: Call Info') : vscode.l10n.t('KallyAI: Call Transcript'),
    prompt: vscode.l10n.t('The call id (shown in the Calls view and in "KallyAI: Call History…")'),
    placeHolder: 'e.g. 3f2b8c1e-…',
    ignoreFocusOut: true,
    validateInput: (v) => (/^[\w.-]{1,128}$/.test(v.trim()) ? undefined : vscode.l10n.t('A call id: letters, digits, dashes.')),
  }))?.trim();
  if (!callId) return { outcome: 'dismissed' };
  try {
    const uri = which === 'details' ? await ctx.documents.openCallDetails(callId) : await ctx.documents.openTranscript(callId);
    return { outcome: 'opened', callId, documentUri: uri.toString() };
  } catch (e) {
    return { outcome: 'failed', ...ctx.errors.show(e) };
  }
}

function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(vscode.env.language, { dateStyle: 'medium', timeStyle: iso.length > 10 ? 'short' : undefined });
}
