/** KallyAI: Sign In / Sign Out / Account Status. Account Status is a read-only Markdown document:
 *  who is signed in, how, when the session renews, the plan (subscription status, or the older
 *  users/me endpoint) and the credits left. It never shows a token. */
import * as vscode from 'vscode';
import { ops } from '../../api/catalogue';
import type { KallyClient } from '../../api/client';
import type { KallyAccount } from '../../auth/provider';
import { signInFlow, signInMethodNamed } from '../../auth/signInFlows';
import type { Documents } from '../../documents';
import type { Services } from '../../services';
import { blocks, codeLabel, creditsLabel, describeError, longDate, md, relativeTime, t, table } from '../../format';
import { notificationText, pickText, plainText } from '../../format/sinks';
import { info, withQuietProgress } from '../../platform/notify';

const DOCUMENT_PATH = () => `account/${t('KallyAI Account')}.md`;

type Outcome<T extends string> = { outcome: T } & Record<string, unknown>;

/** The account commands' handlers; the status document follows sign-in changes while it is open. */
export function accountCommands(
  services: Services,
  documents: Documents,
): { handlers: Record<string, (arg?: unknown) => Promise<unknown>>; dispose(): void } {
  const { auth } = services;
  let shown = false;
  const follow = auth.onDidChangeSignIn(() => {
    if (shown) void renderStatus(services).then((markdown) => documents.updateMarkdown(DOCUMENT_PATH(), markdown));
  });
  return {
    handlers: {
      'kallyai.signIn': (arg) => signIn(services, arg),
      'kallyai.signOut': async (): Promise<Outcome<'signedOut' | 'notSignedIn'>> => {
        if (!auth.isSignedIn) return { outcome: 'notSignedIn' };
        await auth.signOut();
        void info(notificationText(t('Signed out of KallyAI.')));
        return { outcome: 'signedOut' };
      },
      'kallyai.accountStatus': async () => {
        const r = await accountStatus(services, documents);
        shown = r.outcome === 'shown';
        return r;
      },
    },
    dispose: () => follow.dispose(),
  };
}

/** `kallyai.signIn` takes an optional method: 'browser' | 'paste' | 'cli' | 'oauth' (or `{ method }`);
 *  `{ again: true }` (an error's Sign In: the session expired or lacks a permission) signs in again
 *  even when signed in, where a bare Sign In only says who is signed in. */
async function signIn(
  services: Services,
  arg: unknown,
): Promise<Outcome<'signedIn' | 'alreadySignedIn' | 'notSignedIn'>> {
  const { auth } = services;
  await auth.ready;
  const requested = typeof arg === 'string' ? arg : (arg as { method?: unknown } | undefined)?.method;
  const method = signInMethodNamed(requested);
  const again = !!arg && typeof arg === 'object' && (arg as { again?: unknown }).again === true;
  if (auth.isSignedIn && !method && !again) {
    void info(notificationText(t('You are signed in to KallyAI as {0}.', auth.account?.label ?? '')));
    return { outcome: 'alreadySignedIn', account: auth.account?.label };
  }
  const ok = await auth.signIn(method);
  return ok ? { outcome: 'signedIn', account: auth.account?.label } : { outcome: 'notSignedIn' };
}

async function accountStatus(services: Services, documents: Documents): Promise<Outcome<'shown' | 'signedOut'>> {
  const { auth } = services;
  await auth.ready;
  if (!auth.isSignedIn) {
    const signInLabel = plainText(t('Sign In'));
    void info(notificationText(t('You are not signed in to KallyAI.')), signInLabel).then((c) => {
      if (c === signInLabel) void vscode.commands.executeCommand('kallyai.signIn');
    });
    return { outcome: 'signedOut' };
  }
  const markdown = await withQuietProgress({ title: pickText(t('Loading your KallyAI account…')) }, () =>
    renderStatus(services),
  );
  const uri = await documents.showMarkdown(DOCUMENT_PATH(), markdown, { preview: true });
  return { outcome: 'shown', uri: uri.toString(), markdown };
}

/** The Markdown of the Account Status document. */
export async function renderStatus(services: Services): Promise<string> {
  const { auth, client } = services;
  const account = auth.account;
  if (!account)
    return blocks(md`# ${t('KallyAI account')}`, md`${t('You are not signed in. Run "KallyAI: Sign In" to sign in.')}`)
      .text;
  const [plan, credits] = await Promise.all([loadPlan(client), loadCredits(client)]);
  return blocks(
    md`# ${t('KallyAI account')}`,
    table(
      [t('Field'), t('Value')],
      [
        [t('Status'), t('Signed in')],
        [t('Account'), account.label],
        [t('Signed in with'), signInFlow(account.method).name()],
        [t('Session'), sessionText(account)],
        [t('Plan'), plan],
        [t('Credits'), credits],
        [t('API'), services.settings().apiBaseUrl],
      ],
    ),
    md`${t('Sign out with "KallyAI: Sign Out" or from the Accounts menu. Manage billing with "KallyAI: Manage Billing".')}`,
  ).text;
}

async function loadPlan(client: KallyClient): Promise<string> {
  try {
    const s = await client.execute(ops.subscription.status);
    const parts = [s.plan_type ? codeLabel('plan', s.plan_type) : t('unknown plan')];
    if (s.status) parts.push(`(${codeLabel('subscriptionStatus', s.status)})`);
    if (s.current_period_end) parts.push(t('— period ends {0}', longDate(s.current_period_end) ?? ''));
    if (s.pending_change?.new_plan)
      parts.push(
        t(
          '— changing to {0} on {1}',
          codeLabel('plan', s.pending_change.new_plan),
          longDate(s.pending_change.effective_date ?? '') ?? '',
        ),
      );
    return parts.join(' ');
  } catch (first) {
    try {
      const u = await client.execute(ops.users.subscription);
      if (u.has_active_subscription === false) return t('No active subscription');
      const parts = [u.plan?.type ? codeLabel('plan', u.plan.type) : t('unknown plan')];
      if (u.plan?.period) parts.push(codeLabel('planPeriod', u.plan.period));
      if (u.status) parts.push(`(${codeLabel('subscriptionStatus', u.status)})`);
      if (u.expires_at) parts.push(t('— until {0}', longDate(u.expires_at) ?? ''));
      return parts.join(' ');
    } catch {
      return t('Could not load the plan: {0}', describeError(first).sentence);
    }
  }
}

async function loadCredits(client: KallyClient): Promise<string> {
  try {
    const b = await client.execute(ops.credits.balance);
    const remaining = b.credits_remaining ?? 0;
    const text =
      b.credits_allocated !== undefined && b.credits_allocated !== null
        ? t('{0} remaining of {1}', creditsLabel(remaining), creditsLabel(b.credits_allocated))
        : t('{0} remaining', creditsLabel(remaining));
    return b.period_end ? `${text} ${t('(period ends {0})', longDate(b.period_end) ?? '')}` : text;
  } catch (e) {
    return t('Could not load the balance: {0}', describeError(e).sentence);
  }
}

function sessionText(account: KallyAccount): string {
  const left = account.expiresAt - Date.now();
  const when = relativeTime(left);
  const token = left > 0 ? t('access token expires {0}', when) : t('access token expired {0}', when);
  const renew =
    account.method === 'paste' || account.method === 'cli'
      ? t('renewed automatically when it can be')
      : t('renewed automatically');
  const kept = account.persisted ? '' : ` — ${t('kept for this window only (the system keyring is unavailable)')}`;
  return `${token}; ${renew}${kept}`;
}
