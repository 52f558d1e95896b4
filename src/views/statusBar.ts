import * as vscode from 'vscode';
import type { Pending } from '../api/schemas/notifications';
import type { Services } from '../services';
import type { DataLoader } from './dataLoader';
import { blocks, clockTime, codeLabel, creditsLabel, formatCredits, longDate, md, raw, t } from '../format';
import { LIMITS, plainText } from '../format/sinks';
import { markdownString } from '../platform/markdownString';
import { pendingCounts, pendingLines } from '../models/notifications';
import { Disposables } from '../platform/disposables';
import { pendingPlanChange, type CreditsData } from './creditsView';
import { describeLoadError } from './loadError';
import type { ServiceReachability } from './reachability';
import { describeError } from '../format';

/** The credit balance in the status bar. It shares the Credits view's data (no request of its
 *  own); a click opens the Credits view; signed out it offers Sign in. Its tooltip names a plan
 *  change scheduled for the end of the period. While KallyAI cannot be reached (any request, the
 *  background ones too: src/views/reachability.ts) it shows the last balance behind a disconnected
 *  plug (debug-disconnect: VS Code 1.100 has no cloud-offline codicon), the reason and the last
 *  successful update in its tooltip, and a click retries. */
export class CreditsStatusBar extends Disposables {
  readonly item: vscode.StatusBarItem;

  constructor(
    private readonly services: Services,
    private readonly loader: DataLoader<CreditsData>,
    private readonly reachability: ServiceReachability,
  ) {
    super();
    this.item = vscode.window.createStatusBarItem('kallyai.credits', vscode.StatusBarAlignment.Right, 100);
    this.item.name = t('KallyAI Credits');
    this.own(
      this.item,
      loader.onDidChange(() => this.update()),
      reachability.onDidChange(() => this.update()),
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
      item.text = `$(account) ${t('Sign in to KallyAI')}`;
      item.tooltip = t('Sign in to see your credits, goals, calls and inbox');
      item.command = { command: 'kallyai.signIn', title: t('Sign In') };
      item.backgroundColor = undefined;
      item.accessibilityInformation = { label: t('Sign in to KallyAI') };
      return;
    }
    const outage = this.reachability.outage;
    const lastAnswer = outage?.lastAnswerAt ? clockTime(new Date(outage.lastAnswerAt)) : undefined;
    const unreachable = outage
      ? [
          md`${raw('$(debug-disconnect)')} **${t("Can't reach KallyAI at {0}", this.reachability.host())}**`,
          md`${describeError(outage.error).sentence}`,
          md`${lastAnswer ? t('Last successful update: {0}.', lastAnswer) : t('No successful update yet in this window.')} ${t('KallyAI is asked again by itself; click to try now.')}`,
        ]
      : [];
    item.command = outage
      ? { command: 'kallyai.retry', title: t('Retry') }
      : { command: 'kallyai.credits.focus', title: t('Show Credits') };
    const b = this.loader.data;
    if (!b) {
      const failed = this.loader.error !== undefined;
      item.text = outage ? '$(debug-disconnect) KallyAI' : failed ? '$(credit-card) —' : '$(loading~spin) KallyAI';
      item.tooltip = outage
        ? markdownString(blocks(...unreachable), { icons: true })
        : failed
          ? describeLoadError(this.loader.error, '', []).label
          : t('Loading your credits…');
      item.backgroundColor = undefined;
      item.accessibilityInformation = {
        label: outage
          ? t("KallyAI can't be reached right now.")
          : failed
            ? t('Your KallyAI balance could not be loaded.')
            : t('Loading your KallyAI balance.'),
      };
      return;
    }
    const threshold = this.services.settings().lowCreditThreshold;
    const remaining = b.credits_remaining ?? undefined;
    const low = remaining !== undefined && remaining < threshold;
    // Offline: the last good balance, marked as such, with its time.
    const stale = this.loader.error !== undefined || outage !== undefined;
    const asOf = this.loader.dataLoadedAt ? clockTime(new Date(this.loader.dataLoadedAt)) : undefined;
    item.text = `$(${stale ? 'debug-disconnect' : 'credit-card'}) ${creditsLabel(remaining)}`;
    const end = longDate(b.period_end);
    const pending = pendingPlanChange(b);
    const text = blocks(
      ...unreachable,
      md`**${t('KallyAI credits')}**`,
      md`${t('{0} remaining of {1} ({2} used)', formatCredits(remaining), formatCredits(b.credits_allocated), formatCredits(b.credits_used))}`,
      b.plan_type ? md`${t('Plan: {0}', codeLabel('plan', b.plan_type))}` : undefined,
      end ? md`${t('Period ends {0}', end)}` : undefined,
      pending
        ? md`${raw('$(arrow-swap)')} ${t('Plan change scheduled: {0} from {1}.', pending.plan, pending.from ?? '?')} ${raw(`[${md`${t('Cancel Pending Change')}`.text}](command:kallyai.subscription.cancelChange)`)}`
        : undefined,
      low ? md`${raw('$(warning)')} ${t('Below your warning threshold of {0} credits.', threshold)}` : undefined,
      stale && !outage
        ? md`${raw('$(debug-disconnect)')} ${asOf ? t("As of {0}: KallyAI can't be reached right now.", asOf) : t("KallyAI can't be reached right now.")}`
        : undefined,
      outage ? (asOf ? md`${t('Balance as of {0}.', asOf)}` : undefined) : md`${t('Click to open the Credits view.')}`,
    );
    item.tooltip = markdownString(text, { icons: true, commands: ['kallyai.subscription.cancelChange'] });
    item.backgroundColor = low ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    // Read as a sentence: what the icon and the warning colour show, in words.
    item.accessibilityInformation = {
      label: stale
        ? t(
            "Your KallyAI balance was {0} at {1}; KallyAI can't be reached right now.",
            creditsLabel(remaining),
            asOf ?? '—',
          )
        : low
          ? t(
              'Your KallyAI balance is {0}, below your warning threshold of {1} credits.',
              creditsLabel(remaining),
              threshold,
            )
          : t('Your KallyAI balance is {0}.', creditsLabel(remaining)),
    };
  }
}

/** What needs you, beside the balance: a bell with the number of things waiting (goals, approvals,
 *  unread messages), from the notifications poll the views already make (no request of its own).
 *  A click lists them, each opening its place. */
export class NotificationsStatusBar extends Disposables {
  readonly item: vscode.StatusBarItem;
  private pending: Pending | undefined;

  constructor(
    private readonly services: Services,
    onPending: vscode.Event<Pending>,
  ) {
    super();
    this.item = vscode.window.createStatusBarItem('kallyai.notifications', vscode.StatusBarAlignment.Right, 99);
    this.item.name = t('KallyAI Notifications');
    this.item.command = { command: 'kallyai.notifications.pending', title: t('Notifications…') };
    this.own(
      this.item,
      onPending((p) => {
        this.pending = p;
        this.update();
      }),
      services.auth.onDidChangeSignIn(() => {
        this.pending = undefined;
        this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const item = this.item;
    if (!this.services.auth.isSignedIn) {
      item.hide();
      return;
    }
    const p = this.pending;
    const total = p ? pendingCounts(p).total : 0;
    item.text = p && total > 0 ? `$(bell-dot) ${total}` : '$(bell)';
    const lines = p ? pendingLines(p) : [];
    const text = blocks(
      md`**${t('KallyAI: what needs you')}**`,
      ...(p
        ? lines.length
          ? lines.map((l) => md`${l}`)
          : [md`${t('Nothing needs you right now.')}`]
        : [md`${t('Not checked yet.')}`]),
      md`${t('Click to see each one and open it.')}`,
    );
    item.tooltip = markdownString(text, { icons: true });
    item.accessibilityInformation = {
      label: plainText(
        !p
          ? t('KallyAI notifications: not checked yet.')
          : total
            ? t('KallyAI notifications: {0}.', lines.join('; '))
            : t('KallyAI notifications: nothing needs you right now.'),
        LIMITS.tooltip,
      ),
    };
    item.show();
  }
}
