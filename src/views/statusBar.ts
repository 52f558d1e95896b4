import * as vscode from 'vscode';
import type { Balance } from '../api/schemas/credits';
import type { Services } from '../services';
import type { DataLoader } from './dataLoader';
import { clockTime, creditsLabel, formatCredits, humanize, longDate, md, raw } from '../format';
import { Disposables } from '../platform/disposables';
import { describeLoadError } from './loadError';

/** The credit balance in the status bar. It shares the Credits view's data (no request of its
 *  own); a click opens the Credits view; signed out it offers Sign in. */
export class CreditsStatusBar extends Disposables {
  readonly item: vscode.StatusBarItem;

  constructor(private readonly services: Services, private readonly loader: DataLoader<Balance>) {
    super();
    this.item = vscode.window.createStatusBarItem('kallyai.credits', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('KallyAI Credits');
    this.own(
      this.item,
      loader.onDidChange(() => this.update()),
      services.auth.onDidChangeSignIn(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kallyai.lowCreditThreshold')) this.update();
      }),
    );
    this.update();
    this.item.show();
  }

  update(): void {
    const item = this.item;
    if (!this.services.auth.isSignedIn) {
      item.text = `$(account) ${vscode.l10n.t('Sign in to KallyAI')}`;
      item.tooltip = vscode.l10n.t('Sign in to see your credits, goals, calls and inbox');
      item.command = { command: 'kallyai.signIn', title: vscode.l10n.t('Sign In') };
      item.backgroundColor = undefined;
      item.accessibilityInformation = { label: vscode.l10n.t('Sign in to KallyAI') };
      return;
    }
    item.command = { command: 'kallyai.credits.focus', title: vscode.l10n.t('Show Credits') };
    const b = this.loader.data;
    if (!b) {
      const failed = this.loader.error !== undefined;
      item.text = failed ? '$(credit-card) —' : '$(loading~spin) KallyAI';
      item.tooltip = failed ? describeLoadError(this.loader.error, '', []).label : vscode.l10n.t('Loading your credits…');
      item.backgroundColor = undefined;
      item.accessibilityInformation = { label: String(item.tooltip) };
      return;
    }
    const threshold = this.services.settings().lowCreditThreshold;
    const remaining = b.credits_remaining ?? undefined;
    const low = remaining !== undefined && remaining < threshold;
    // Offline: the last good balance, marked as such, with its time.
    const stale = this.loader.error !== undefined;
    const asOf = this.loader.dataLoadedAt ? clockTime(new Date(this.loader.dataLoadedAt)) : undefined;
    item.text = `$(${stale ? 'cloud-offline' : 'credit-card'}) ${creditsLabel(remaining)}`;
    const end = longDate(b.period_end);
    const text = [
      md`**${vscode.l10n.t('KallyAI credits')}**`,
      md`${vscode.l10n.t('{0} remaining of {1} ({2} used)', formatCredits(remaining), formatCredits(b.credits_allocated), formatCredits(b.credits_used))}`,
      b.plan_type ? md`${vscode.l10n.t('Plan: {0}', humanize(b.plan_type))}` : undefined,
      end ? md`${vscode.l10n.t('Period ends {0}', end)}` : undefined,
      low ? md`${raw('$(warning)')} ${vscode.l10n.t('Below your warning threshold of {0} credits.', threshold)}` : undefined,
      stale ? md`${raw('$(cloud-offline)')} ${asOf ? vscode.l10n.t("As of {0}: KallyAI can't be reached right now.", asOf) : vscode.l10n.t("KallyAI can't be reached right now.")}` : undefined,
      md`${vscode.l10n.t('Click to open the Credits view.')}`,
    ].filter(Boolean).join('\n\n');
    item.tooltip = new vscode.MarkdownString(text, true);
    item.backgroundColor = low ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.accessibilityInformation = {
      label: stale
        ? vscode.l10n.t('{0} remaining as of {1}, offline', creditsLabel(remaining), asOf ?? '—')
        : low ? vscode.l10n.t('{0} remaining, running low', creditsLabel(remaining)) : vscode.l10n.t('{0} remaining', creditsLabel(remaining)),
    };
  }
}
