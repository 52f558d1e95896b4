import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { Balance } from '../api/schemas/credits';
import type { Services } from '../services';
import { VIEW_DEADLINE_MS, type DataLoader } from './dataLoader';
import { count, creditsLabel, formatCredits, humanize, longDate, shortDateTime } from '../format';
import { KallyTreeProvider } from './treeProvider';
import { groupNode, icon, infoNode, type ItemOptions, type ViewNode } from './viewNode';

type Row = Omit<ItemOptions, 'id'> & { key: string };

/** Credits: the balance is the view's one request (the status bar shares it); the spending
 *  breakdown, recent history and plans are fetched when their group is expanded. */
export class CreditsProvider extends KallyTreeProvider<Balance> {
  constructor(private readonly services: Services, loader: DataLoader<Balance>, isSignedIn: () => boolean) {
    super('credits', vscode.l10n.t('your credits'), loader, isSignedIn);
  }

  static fetch(services: Services) {
    return (signal: AbortSignal): Promise<Balance> => services.client.execute(ops.credits.balance, {}, { signal, deadlineMs: VIEW_DEADLINE_MS });
  }

  protected buildRoots(b: Balance): ViewNode[] {
    const low = b.credits_remaining != null && b.credits_remaining < this.services.settings().lowCreditThreshold;
    const plan = b.plan_type ? humanize(b.plan_type) : vscode.l10n.t('No plan');
    const periodEnd = longDate(b.period_end);
    const roots: ViewNode[] = [
      infoNode('credits/remaining', undefined, {
        label: vscode.l10n.t('{0} remaining', creditsLabel(b.credits_remaining)),
        description: low ? vscode.l10n.t('running low') : undefined,
        tooltip: low
          ? vscode.l10n.t('Below your warning threshold of {0} credits (kallyai.lowCreditThreshold).', this.services.settings().lowCreditThreshold)
          : vscode.l10n.t('Credits you can still spend this period'),
        icon: icon('credit-card', low ? 'list.warningForeground' : 'charts.green'),
      }, 'creditsFigure'),
      infoNode('credits/used', undefined, {
        label: vscode.l10n.t('{0} used', creditsLabel(b.credits_used)),
        tooltip: vscode.l10n.t('Credits spent this period'),
        icon: icon('graph-line'),
      }, 'creditsFigure'),
      infoNode('credits/allocated', undefined, {
        label: vscode.l10n.t('{0} allocated', creditsLabel(b.credits_allocated)),
        tooltip: vscode.l10n.t('Credits your plan gives you each period'),
        icon: icon('package'),
      }, 'creditsFigure'),
      infoNode('credits/plan', undefined, {
        label: vscode.l10n.t('{0} plan', plan),
        description: periodEnd ? vscode.l10n.t('period ends {0}', periodEnd) : undefined,
        tooltip: [vscode.l10n.t('Plan: {0}', plan), b.period_start ? vscode.l10n.t('Period start: {0}', longDate(b.period_start) ?? '') : '', periodEnd ? vscode.l10n.t('Period end: {0}', periodEnd) : ''].filter(Boolean).join('\n'),
        icon: icon('verified'),
      }, 'creditsPlan'),
      this.lazyGroup('credits/breakdown', vscode.l10n.t('Spending by action'), 'pie-chart', vscode.l10n.t('What your credits went on this period'), () => this.breakdown()),
      this.lazyGroup('credits/history', vscode.l10n.t('Recent activity'), 'history', vscode.l10n.t('Your latest credit movements'), () => this.history()),
      this.lazyGroup('credits/plans', vscode.l10n.t('Available plans'), 'list-unordered', vscode.l10n.t('Plans and what they include'), () => this.plans(b.plan_type ?? undefined)),
      infoNode('credits/billing', undefined, {
        label: vscode.l10n.t('Manage billing'),
        tooltip: vscode.l10n.t('Open the billing portal in your browser: plan, payment method, invoices'),
        icon: icon('link-external'),
        command: { command: 'kallyai.billing.openPortal', title: vscode.l10n.t('Manage Billing') },
      }, 'billing'),
    ];
    return roots;
  }

  private lazyGroup(id: string, label: string, codicon: string, tooltip: string, load: () => Promise<Row[]>): ViewNode {
    return groupNode(id, undefined, { label, tooltip, icon: icon(codicon), expanded: false, contextValue: 'creditsGroup' }, async (self) => {
      try {
        const rows = await load();
        if (rows.length === 0) return [infoNode(`${id}/empty`, self, { label: vscode.l10n.t('Nothing yet'), icon: icon('info') }, 'empty')];
        return rows.map(({ key, ...o }) => infoNode(`${id}/${key}`, self, o, 'creditsRow'));
      } catch (e) {
        return [this.errorNode(e, `${id}/error`, self, [])];
      }
    });
  }

  private async breakdown(): Promise<Row[]> {
    const r = await this.services.client.execute(ops.credits.breakdown, {});
    const total = r.total_spent ?? r.items.reduce((s, i) => s + (i.credits_total ?? 0), 0);
    return [...r.items]
      .sort((a, b) => (b.credits_total ?? 0) - (a.credits_total ?? 0))
      .map((i, n) => {
        const share = total > 0 && i.credits_total != null ? Math.round((i.credits_total / total) * 100) : undefined;
        const what = humanize(i.action_type ?? vscode.l10n.t('other'));
        return {
          key: i.action_type ?? String(n),
          label: what,
          description: [creditsLabel(i.credits_total), share !== undefined ? `${share}%` : undefined, i.transaction_count != null ? vscode.l10n.t('{0}×', i.transaction_count) : undefined].filter(Boolean).join(' · '),
          tooltip: i.transaction_count != null ? `${what}: ${creditsLabel(i.credits_total)} — ${count(i.transaction_count, '{0} transaction', '{0} transactions')}` : `${what}: ${creditsLabel(i.credits_total)}`,
          icon: icon('circle-small-filled'),
        };
      });
  }

  private async history(): Promise<Row[]> {
    const r = await this.services.client.execute(ops.credits.history, { query: { limit: 20 } });
    return r.entries.map((e, n) => {
      // Spending arrives negative, allocations and refunds positive.
      const amount = e.credits ?? 0;
      const sign = amount >= 0 ? '+' : '−';
      return {
        key: e.id ?? String(n),
        label: e.description ?? humanize(e.type),
        description: [`${sign}${formatCredits(Math.abs(amount))}`, shortDateTime(e.timestamp)].filter(Boolean).join(' · '),
        tooltip: [e.description, humanize(e.type), creditsLabel(amount), shortDateTime(e.timestamp)].filter(Boolean).join('\n'),
        icon: icon(sign === '+' ? 'arrow-up' : 'arrow-down'),
      };
    });
  }

  private async plans(current?: string): Promise<Row[]> {
    const r = await this.services.client.execute(ops.credits.plans, {});
    return Object.entries(r.plans ?? {}).map(([key, p]) => {
      const name = p.name ?? humanize(key);
      const price = p.price_monthly != null ? vscode.l10n.t('${0}/month', formatCredits(p.price_monthly)) : undefined;
      const isCurrent = current?.toLowerCase() === key.toLowerCase();
      return {
        key,
        label: isCurrent ? vscode.l10n.t('{0} (your plan)', name) : name,
        description: [creditsLabel(p.credits_allocated), price].filter(Boolean).join(' · '),
        tooltip: [name, creditsLabel(p.credits_allocated), price, p.overage_rate != null ? vscode.l10n.t('Overage: ${0} per credit', formatCredits(p.overage_rate)) : undefined].filter(Boolean).join('\n'),
        icon: icon(isCurrent ? 'star-full' : 'star-empty'),
      };
    });
  }
}
