/** "Connect Gmail" / "Connect Outlook" / "Connect Email Account…" (`kallyai email connect`): the
 *  provider's consent page opens in the browser (GET /v1/email/oauth/{provider}/url, through the
 *  pipeline), and while the person allows it there the accounts list is polled — every few seconds,
 *  for at most five minutes, one watch at a time, cancellable from its notification — so the account
 *  appears in the Email view as soon as it is connected, without a refresh. The command returns as
 *  soon as the page is open; the watch goes on behind it. */
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { ops } from '../../api/catalogue';
import type { Resource } from '../../api/resources';
import type { EmailAccount } from '../../api/schemas/email';
import { t } from '../../format';
import { parseArgs } from '../../pipeline/commandArgs';
import type { FailureResult } from '../../pipeline/errors/presenter';
import type { CommandContext } from '../commandContext';
import { notificationText, plainText } from '../../format/sinks';
import { info, warn, withNotificationProgress } from '../../platform/notify';
import { pickItems, pickOne } from '../../platform/quickInput';

export type Provider = 'gmail' | 'outlook';

const WATCH_MS = 5 * 60_000;
const POLL_MS = 2_500;

const connectArgs = z.union([
  z.enum(['gmail', 'outlook']),
  z.strictObject({
    provider: z.optional(z.enum(['gmail', 'outlook'])),
    /** How long to wait for the account (0: only open the page). At most five minutes. */
    watchMs: z.optional(z.int().check(z.gte(0), z.lte(WATCH_MS))),
  }),
]);

export type ConnectResult =
  /** `watch` settles when the watch ends: with the account it saw connected, or undefined (in this
   *  extension host a caller, e.g. a test, may wait on it). */
  | {
      outcome: 'opened';
      provider: Provider;
      url?: string;
      watching: boolean;
      watch?: Promise<EmailAccount | undefined>;
    }
  | { outcome: 'dismissed' }
  | FailureResult;

export const providerName = (p: Provider) => (p === 'gmail' ? 'Gmail' : 'Outlook');

/** What identifies the accounts' state: a new account, or one connected again, changes it. */
const signature = (a: EmailAccount) => `${a.id}|${a.status ?? ''}|${a.connected_at ?? ''}`;

export class EmailConnector implements vscode.Disposable {
  private watch: AbortController | undefined;
  /** The last watch (tests wait on it). */
  watching: Promise<EmailAccount | undefined> | undefined;

  constructor(
    private readonly ctx: CommandContext,
    private readonly refresh: (resources: readonly Resource[]) => Promise<void>,
  ) {}

  async connect(raw: unknown, fixed?: Provider): Promise<ConnectResult> {
    // From a view item (the "Connect an email account" node) the argument is the node: nothing to read.
    const given = raw && typeof raw === 'object' && 'item' in raw && 'kind' in raw ? undefined : raw;
    const parsed = parseArgs('kallyai.email.connect', connectArgs, given ?? {});
    const args = typeof parsed === 'string' ? { provider: parsed } : parsed;
    const provider = fixed ?? args.provider ?? (await this.pickProvider());
    if (!provider) return { outcome: 'dismissed' };
    const before = await this.accounts().catch(() => [] as EmailAccount[]);
    const r = await this.ctx.pipeline.run(provider === 'gmail' ? ops.email.gmailUrl : ops.email.outlookUrl, {
      interactive: false,
    });
    if (r.outcome === 'failed') return r;
    if (r.outcome !== 'done') return { outcome: 'dismissed' };
    const watchMs = args.watchMs ?? WATCH_MS;
    if (watchMs > 0) this.watching = this.follow(provider, new Set(before.map(signature)), watchMs);
    return {
      outcome: 'opened',
      provider,
      url: r.url,
      watching: watchMs > 0,
      watch: watchMs > 0 ? this.watching : undefined,
    };
  }

  private async pickProvider(): Promise<Provider | undefined> {
    return pickOne<Provider>({
      title: t('KallyAI: Connect Email Account'),
      placeholder: t('Which email account should KallyAI read and send from?'),
      items: pickItems<Provider>([
        { icon: 'mail', label: 'Gmail', description: t('Google account'), value: 'gmail' },
        { icon: 'mail', label: 'Outlook', description: t('Microsoft account'), value: 'outlook' },
      ]),
    });
  }

  private accounts(signal?: AbortSignal): Promise<EmailAccount[]> {
    return this.ctx.services.client
      .execute(ops.email.accounts, {}, { signal, timeoutMs: 10_000 })
      .then((r) => r.accounts);
  }

  /** Polls the accounts until one of this provider is new or connected again; bounded. */
  private follow(provider: Provider, known: ReadonlySet<string>, watchMs: number): Promise<EmailAccount | undefined> {
    this.watch?.abort();
    const controller = new AbortController();
    this.watch = controller;
    const name = providerName(provider);
    const found = withNotificationProgress(
      notificationText(t('Waiting for you to allow KallyAI in {0} (in your browser)…', name)),
      async (_progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        const deadline = Date.now() + watchMs;
        while (!controller.signal.aborted && Date.now() < deadline && this.ctx.services.auth.isSignedIn) {
          await sleep(POLL_MS, controller.signal);
          if (controller.signal.aborted) break;
          const accounts = await this.accounts(controller.signal).catch((e: unknown) => {
            this.ctx.services.log.debug(`connect ${provider}: ${e instanceof Error ? e.message : String(e)}`);
            return undefined;
          });
          const fresh = accounts?.find((a) => !known.has(signature(a)) && (!a.provider || a.provider === provider));
          if (fresh) return fresh;
        }
        return undefined;
      },
      true,
    );
    return Promise.resolve(found).then(async (account) => {
      if (this.watch === controller) this.watch = undefined;
      if (account) {
        await this.refresh(['email', 'channels']);
        const show = plainText(t('Show Email'));
        void info(
          notificationText(
            t('{0} is connected: KallyAI can read and send your email from {1}.', name, account.email ?? name),
          ),
          show,
        ).then((c) => {
          if (c === show) return vscode.commands.executeCommand('kallyai.email.focus');
        });
      } else if (!controller.signal.aborted) {
        const again = plainText(t('Try Again'));
        void warn(
          notificationText(
            t('KallyAI did not see a {0} account connected. If you allowed it, refresh the Email view.', name),
          ),
          again,
        ).then((c) => {
          if (c === again) return this.connect({ provider });
        });
      }
      return account;
    });
  }

  dispose(): void {
    this.watch?.abort();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
