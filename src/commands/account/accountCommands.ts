/** KallyAI: Sign In / Sign Out / Account Status. Account Status is a read-only Markdown document:
 *  who is signed in, how, when the session renews, the plan (subscription status, or the older
 *  users/me endpoint) and the credits left. It never shows a token. */
import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { KallyClient } from '../api/client';
import type { KallyAccount } from '../auth/provider';
import type { SignInMethod } from '../auth/sessionStore';
import type { Services } from '../services';

const SCHEME = 'kallyai-account';
const METHODS: readonly SignInMethod[] = ['browser', 'paste', 'cli', 'oauth'];

type Outcome<T extends string> = { outcome: T } & Record<string, unknown>;

export function registerAccountCommands(services: Services): void {
  const { auth, context } = services;
  const document = new AccountDocument();
  context.subscriptions.push(
    document,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, document),
    vscode.commands.registerCommand('kallyai.signIn', (arg?: unknown) => signIn(services, arg)),
    vscode.commands.registerCommand('kallyai.signOut', async (): Promise<Outcome<'signedOut' | 'notSignedIn'>> => {
      if (!auth.isSignedIn) return { outcome: 'notSignedIn' };
      await auth.signOut();
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of KallyAI.'));
      return { outcome: 'signedOut' };
    }),
    vscode.commands.registerCommand('kallyai.accountStatus', () => accountStatus(services, document)),
    // The document follows sign-in changes while it is open.
    auth.onDidChangeSignIn(() => {
      if (document.isOpen) void renderStatus(services).then((md) => document.update(md));
    }),
  );
}

/** `kallyai.signIn` takes an optional method: 'browser' | 'paste' | 'cli' | 'oauth' (or `{ method }`). */
async function signIn(services: Services, arg: unknown): Promise<Outcome<'signedIn' | 'alreadySignedIn' | 'notSignedIn'>> {
  const { auth } = services;
  await auth.ready;
  const requested = typeof arg === 'string' ? arg : (arg as { method?: unknown } | undefined)?.method;
  const method = METHODS.find((m) => m === requested);
  if (auth.isSignedIn && !method) {
    void vscode.window.showInformationMessage(vscode.l10n.t('You are signed in to KallyAI as {0}.', auth.account?.label ?? ''));
    return { outcome: 'alreadySignedIn', account: auth.account?.label };
  }
  const ok = await auth.signIn(method);
  return ok ? { outcome: 'signedIn', account: auth.account?.label } : { outcome: 'notSignedIn' };
}

async function accountStatus(services: Services, document: AccountDocument): Promise<Outcome<'shown' | 'signedOut'>> {
  const { auth } = services;
  await auth.ready;
  if (!auth.isSignedIn) {
    const signInLabel = vscode.l10n.t('Sign In');
    void vscode.window.showInformationMessage(vscode.l10n.t('You are not signed in to KallyAI.'), signInLabel).then((c) => {
      if (c === signInLabel) void vscode.commands.executeCommand('kallyai.signIn');
    });
    return { outcome: 'signedOut' };
  }
  const markdown = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading your KallyAI account…') },
    () => renderStatus(services),
  );
  const uri = await document.show(markdown, services);
  return { outcome: 'shown', uri: uri.toString(), markdown };
}

/** The Markdown of the Account Status document. */
export async function renderStatus(services: Services): Promise<string> {
  const { auth, client } = services;
  const account = auth.account;
  const t = vscode.l10n.t;
  const lines = [`# ${t('KallyAI account')}`, ''];
  if (!account) {
    lines.push(t('You are not signed in. Run **KallyAI: Sign In** to sign in.'));
    return lines.join('\n');
  }
  const [plan, credits] = await Promise.all([loadPlan(client), loadCredits(client)]);
  lines.push(
    `| | |`,
    `|---|---|`,
    `| ${t('Status')} | ${t('Signed in')} |`,
    `| ${t('Account')} | ${cell(account.label)} |`,
    `| ${t('Signed in with')} | ${methodName(account.method)} |`,
    `| ${t('Session')} | ${sessionText(account)} |`,
    `| ${t('Plan')} | ${cell(plan)} |`,
    `| ${t('Credits')} | ${cell(credits)} |`,
    `| ${t('API')} | ${cell(services.settings().apiBaseUrl)} |`,
    '',
    t('Sign out with **KallyAI: Sign Out** or from the Accounts menu. Manage billing with **KallyAI: Manage Billing**.'),
  );
  return lines.join('\n');
}

async function loadPlan(client: KallyClient): Promise<string> {
  const t = vscode.l10n.t;
  try {
    const s = await client.execute(ops.subscription.status);
    const parts = [titleCase(s.plan_type ?? t('unknown plan'))];
    if (s.status) parts.push(`(${s.status})`);
    if (s.current_period_end) parts.push(t('— period ends {0}', formatDate(s.current_period_end)));
    if (s.pending_change?.new_plan) parts.push(t('— changing to {0} on {1}', titleCase(s.pending_change.new_plan), formatDate(s.pending_change.effective_date ?? '')));
    return parts.join(' ');
  } catch (first) {
    try {
      const u = await client.execute(ops.users.subscription);
      if (u.has_active_subscription === false) return t('No active subscription');
      const parts = [titleCase(u.plan?.type ?? t('unknown plan'))];
      if (u.plan?.period) parts.push(u.plan.period);
      if (u.status) parts.push(`(${u.status})`);
      if (u.expires_at) parts.push(t('— until {0}', formatDate(u.expires_at)));
      return parts.join(' ');
    } catch {
      return t('Could not load the plan: {0}', first instanceof Error ? first.message : String(first));
    }
  }
}

async function loadCredits(client: KallyClient): Promise<string> {
  const t = vscode.l10n.t;
  try {
    const b = await client.execute(ops.credits.balance);
    const remaining = b.credits_remaining ?? 0;
    const text = b.credits_allocated !== undefined && b.credits_allocated !== null
      ? t('{0} remaining of {1}', formatNumber(remaining), formatNumber(b.credits_allocated))
      : t('{0} remaining', formatNumber(remaining));
    return b.period_end ? `${text} ${t('(period ends {0})', formatDate(b.period_end))}` : text;
  } catch (e) {
    return t('Could not load the balance: {0}', e instanceof Error ? e.message : String(e));
  }
}

function sessionText(account: KallyAccount): string {
  const t = vscode.l10n.t;
  const left = account.expiresAt - Date.now();
  const when = relative(left);
  const token = left > 0 ? t('access token expires {0}', when) : t('access token expired {0}', when);
  const renew = account.method === 'paste' || account.method === 'cli' ? t('renewed automatically when it can be') : t('renewed automatically');
  const kept = account.persisted ? '' : ` — ${t('kept for this window only (the system keyring is unavailable)')}`;
  return `${token}; ${renew}${kept}`;
}

function methodName(method: SignInMethod): string {
  const t = vscode.l10n.t;
  switch (method) {
    case 'browser': return t('browser sign-in');
    case 'oauth': return t('OAuth');
    case 'paste': return t('a pasted token');
    case 'cli': return t('the kallyai CLI sign-in');
  }
}

/** "in 52 minutes", "3 hours ago". */
export function relative(ms: number, locale = vscode.env.language): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(ms);
  const sign = Math.sign(ms) || 1;
  if (abs < 60_000) return rtf.format(sign * Math.round(abs / 1000), 'second');
  if (abs < 3_600_000) return rtf.format(sign * Math.round(abs / 60_000), 'minute');
  if (abs < 86_400_000) return rtf.format(sign * Math.round(abs / 3_600_000), 'hour');
  return rtf.format(sign * Math.round(abs / 86_400_000), 'day');
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(vscode.env.language, { year: 'numeric', month: 'short', day: 'numeric' });
}

function formatNumber(n: number): string {
  return n.toLocaleString(vscode.env.language, { maximumFractionDigits: 2 });
}

function titleCase(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Text safe inside a Markdown table cell. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\n/g, ' ');
}

/** The read-only `kallyai-account:` document that shows the status. */
class AccountDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private text = '';
  readonly uri = vscode.Uri.from({ scheme: SCHEME, path: `/${vscode.l10n.t('KallyAI Account')}.md` });

  get isOpen(): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === this.uri.toString());
  }

  provideTextDocumentContent(): string {
    return this.text;
  }

  update(markdown: string): void {
    this.text = markdown;
    this.emitter.fire(this.uri);
  }

  async show(markdown: string, services: Services): Promise<vscode.Uri> {
    this.update(markdown);
    const doc = await vscode.workspace.openTextDocument(this.uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', this.uri);
    } catch (e) {
      services.log.warn(`Markdown preview unavailable, opening the text: ${e instanceof Error ? e.message : String(e)}`);
      await vscode.window.showTextDocument(doc, { preview: true });
    }
    return this.uri;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
