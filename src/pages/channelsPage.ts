/** The Channels page: the status of every channel the server lists (email, SMS, WhatsApp,
 *  Telegram, LinkedIn…), Connect — with what the answer says to finish pairing (a link to open, a
 *  code to copy), followed until it is done — Send a Test Message and Disconnect (both asked
 *  first), the notification email addresses (add, verify with the emailed code, make primary,
 *  rename, remove) and the KallyAI mailbox address with Copy. Why a page and not a view: channels
 *  are set up once and rarely change, pairing needs room for a link, a code and instructions,
 *  and the sidebar already holds the views that change every day. */
import * as vscode from 'vscode';
import { ops } from '../api/catalogue';
import type { KallyClient } from '../api/client';
import type { OutputOf } from '../api/operation';
import type { ChannelEmail, ChannelResult, ChannelState } from '../api/schemas/channels';
import { html, phoneForPeople, shortDateTime, t, type Html } from '../format';
import {
  canConnect,
  canDisconnect,
  canTest,
  CHANNEL_ICONS,
  channelName,
  isPairing,
  pairingOf,
  type Pairing,
} from '../models/channel';
import type { Pipeline } from '../pipeline/pipeline';
import type { PageActions, PageController, PageState, PageView } from './pageController';
import { actionButton, icon, loadFailed } from './pageParts';
import { pickText } from '../format/sinks';
import { statusMessage } from '../platform/notify';
import { askOnce } from '../platform/quickInput';

export interface ChannelsPageDeps {
  readonly client: KallyClient;
  readonly pipeline: Pipeline;
  runCommand(id: string, ...args: unknown[]): Promise<unknown>;
  /** Renders the page again after a delay (a pairing the person finishes elsewhere). */
  refreshLater(ms: number): void;
  openExternal(url: string): Promise<unknown>;
}

/** While a pairing waits, the page looks again this often, at most this many times (5 minutes). */
const PAIRING_POLL_MS = 3_000;
const PAIRING_POLLS = 100;

export class ChannelsPage implements PageController {
  private pairing: Pairing | undefined;
  private polls = 0;
  private notice: { text: string; tone: 'good' | 'warning' } | undefined;
  private given: { status?: OutputOf<typeof ops.channels.status>; emails?: ChannelEmail[] } = {};

  constructor(
    readonly state: PageState,
    private readonly deps: ChannelsPageDeps,
    initial?: unknown,
  ) {
    this.receive(initial);
  }

  /** What the command that opened the page read: the status or the addresses (used once, not read
   *  again), or a connect answer, whose pairing is shown. */
  receive(initial: unknown): void {
    if (!initial || typeof initial !== 'object') return;
    if (Array.isArray((initial as { channels?: unknown }).channels)) {
      this.given.status = initial as OutputOf<typeof ops.channels.status>;
      return;
    }
    if (Array.isArray((initial as { emails?: unknown }).emails)) {
      this.given.emails = (initial as OutputOf<typeof ops.channels.listEmails>).emails;
      return;
    }
    const r = initial as ChannelResult;
    const pairing = pairingOf(r.channel ?? '', r);
    if (pairing) this.startPairing(pairing);
    else if (r.channel && r.success !== false)
      this.notice = { text: t('{0} is connected.', channelName(r.channel)), tone: 'good' };
  }

  private startPairing(p: Pairing): void {
    this.pairing = p;
    this.polls = 0;
  }

  async render(): Promise<PageView> {
    const { client } = this.deps;
    const given = this.given;
    this.given = {};
    let status: OutputOf<typeof ops.channels.status>;
    try {
      status = given.status ?? (await client.execute(ops.channels.status));
    } catch (e) {
      return loadFailed(t('Channels'), e);
    }
    const [emails, mailbox] = await Promise.all([
      given.emails ??
        client.execute(ops.channels.listEmails).then(
          (r) => r.emails,
          () => undefined,
        ),
      client.execute(ops.channels.mailbox).then(
        (r) => r.mailbox ?? undefined,
        () => undefined,
      ),
    ]);
    const channels = status.channels ?? [];
    const address = mailbox ?? status.email?.kally_mailbox ?? undefined;

    // A pairing in progress: done once the channel shows connected; else look again (bounded).
    const pairing = this.pairing;
    if (pairing) {
      const now = channels.find((c) => c.channel === pairing.channel);
      if (now?.connected) {
        this.pairing = undefined;
        this.notice = {
          text: t(
            '{0} is connected{1}.',
            channelName(pairing.channel),
            now.account_name ? ` (${phoneForPeople(now.account_name)})` : '',
          ),
          tone: 'good',
        };
      } else if (this.polls++ < PAIRING_POLLS) {
        this.deps.refreshLater(PAIRING_POLL_MS);
      }
    }

    const shown = new Map<string, ChannelState>(channels.filter((c) => c.channel).map((c) => [c.channel!, c]));
    const emailIds = new Map((emails ?? []).filter((e) => e.id).map((e) => [e.id!, e]));
    const channelTarget = (name: string) => ({ kind: 'channel' as const, id: name, value: shown.get(name) });
    const emailTarget = (id: string) => ({ kind: 'channelEmail' as const, id, value: emailIds.get(id) });
    const onChannel =
      (wanted: (c: ChannelState) => boolean, run: (name: string) => Promise<unknown>) =>
      async ({ arg }: { arg?: string }) => {
        const c = arg ? shown.get(arg) : undefined;
        if (c && wanted(c)) await run(arg!);
      };
    const onEmail =
      (run: (id: string, e: ChannelEmail) => Promise<unknown>) =>
      async ({ arg }: { arg?: string }) => {
        const e = arg ? emailIds.get(arg) : undefined;
        if (e) await run(arg!, e);
      };
    const actions: PageActions = {
      connect: onChannel(
        (c) => canConnect(c) && !c.connected,
        (name) => this.connect(name),
      ),
      test: onChannel(canTest, (name) =>
        this.deps.pipeline.run(ops.channels.test, {
          target: channelTarget(name),
          input: { path: { channel: name }, body: {} },
          interactive: false,
        }),
      ),
      disconnect: onChannel(canDisconnect, (name) =>
        this.deps.pipeline.run(ops.channels.disconnect, {
          target: channelTarget(name),
          input: { path: { channel: name } },
          interactive: false,
        }),
      ),
      connectEmail: async () => this.deps.runCommand('kallyai.email.connect'),
      copyMailbox: async () => (address ? this.deps.runCommand('kallyai.channels.copyMailbox', address) : undefined),
      openPairing: async () => (this.pairing?.url ? this.deps.openExternal(this.pairing.url) : undefined),
      copyCode: async () => {
        if (!this.pairing?.code) return;
        await vscode.env.clipboard.writeText(this.pairing.code);
        statusMessage(pickText(t('Copied the code {0}', this.pairing.code)), 4000);
      },
      cancelPairing: async () => {
        this.pairing = undefined;
      },
      refresh: async () => undefined,
      addEmail: async () => this.deps.runCommand('kallyai.channels.addEmail'),
      // The code comes from the verification email: asked for, then checked by the server.
      verifyEmail: onEmail(() => this.deps.pipeline.run(ops.channels.verifyEmail)),
      makePrimary: onEmail((id) =>
        this.deps.pipeline.run(ops.channels.updateEmail, {
          target: emailTarget(id),
          input: { path: { id }, body: { is_primary: true } },
          interactive: false,
        }),
      ),
      rename: onEmail(async (id, e) => {
        const label = await askOnce({
          title: t('Label for {0}', e.email_address ?? ''),
          prompt: t('A name for this address'),
          value: e.label ?? e.display_name ?? '',
          validate: (v) => (v.trim().length > 100 ? t('At most {0} characters.', 100) : undefined),
        });
        if (!label) return undefined;
        return this.deps.pipeline.run(ops.channels.updateEmail, {
          target: emailTarget(id),
          input: { path: { id }, body: { label: label.trim() } },
          interactive: false,
        });
      }),
      remove: onEmail((id) =>
        this.deps.pipeline.run(ops.channels.deleteEmail, {
          target: emailTarget(id),
          input: { path: { id } },
          interactive: false,
        }),
      ),
    };
    const notice = this.notice;
    this.notice = undefined;
    return {
      title: t('KallyAI channels'),
      actions,
      body: html` <h1>${t('Channels')}</h1>
        <p class="subtitle">${t('Where KallyAI reaches people and reaches you.')}</p>
        ${notice ? html`<div class="callout ${notice.tone}" data-announce>${icon(notice.tone === 'good' ? 'pass' : 'warning')} ${notice.text}</div>` : ''}
        ${this.pairing ? pairingCallout(this.pairing) : ''}
        ${
          address
            ? html`<h2>${t('Your KallyAI mailbox')}</h2>
                <p>
                  ${t('Email sent or forwarded to this address reaches KallyAI:')}
                  <code class="mailbox">${address}</code>
                </p>
                <div class="actions">${actionButton('copyMailbox', t('Copy Address'), 'copy', 'secondary')}</div>`
            : ''
        }
        <h2>${t('Channels')}</h2>
        ${
          channels.length
            ? html`<table class="channels">
                ${channels.map((c) => channelRow(c))}
              </table>`
            : html`<p class="muted">${t('KallyAI listed no channels.')}</p>`
        }
        <div class="actions">${actionButton('refresh', t('Refresh'), 'refresh', 'secondary')}</div>
        <h2>${t('Notification email addresses')}</h2>
        <p class="muted">
          ${t('KallyAI sends notifications and copies of the email it sends to these addresses once they are verified.')}
        </p>
        ${
          emails === undefined
            ? html`<p class="error">${t('The addresses could not be loaded.')}</p>`
            : emails.length
              ? html`<table class="addresses">
                  ${emails.map(emailRow)}
                </table>`
              : html`<p class="muted">${t('No addresses yet.')}</p>`
        }
        <div class="actions">${actionButton('addEmail', t('Add Address…'), 'add', 'primary')}</div>`,
    };
  }

  private async connect(channel: string): Promise<void> {
    const r = await this.deps.pipeline.run(ops.channels.connect, {
      target: { kind: 'channel', id: channel },
      input: { path: { channel }, body: {} },
      interactive: false,
      quiet: true,
    });
    if (r.outcome !== 'done') return;
    const pairing = pairingOf(channel, r.data);
    if (pairing) this.startPairing(pairing);
    else
      this.notice =
        r.data.success === false
          ? {
              text: t('{0} was not connected: {1}', channelName(channel), r.data.message ?? t('no reason given')),
              tone: 'warning',
            }
          : {
              text: t(
                '{0} is connected{1}.',
                channelName(channel),
                r.data.account_name ? ` (${r.data.account_name})` : '',
              ),
              tone: 'good',
            };
  }
}

function channelRow(c: ChannelState): Html {
  const name = c.channel ?? '';
  const buttons: Html[] = [];
  if (name === 'email' && !c.connected)
    buttons.push(actionButton('connectEmail', t('Connect Email Account…'), 'plug', 'primary'));
  if (canConnect(c) && !c.connected)
    buttons.push(actionButton('connect', isPairing(c) ? t('Connect Again') : t('Connect'), 'plug', 'primary', name));
  if (canTest(c)) buttons.push(actionButton('test', t('Send a Test Message'), 'beaker', 'secondary', name));
  if (canDisconnect(c)) buttons.push(actionButton('disconnect', t('Disconnect'), 'debug-disconnect', 'danger', name));
  const since = shortDateTime(c.connected_at);
  const state = c.connected
    ? html`<span class="badge good">${t('Connected')}</span>
        ${c.account_name ? html`<span>${phoneForPeople(c.account_name)}</span>` : ''}${since ? html` <span class="muted">${t('since {0}', since)}</span>` : ''}`
    : isPairing(c)
      ? html`<span class="badge warning">${t('Waiting for pairing')}</span>`
      : html`<span class="badge">${t('Not connected')}</span
          >${name === 'sms' ? html` <span class="muted">${t('SMS goes through your KallyAI phone number.')}</span>` : !canConnect(c) && name !== 'email' ? html` <span class="muted">${t('Connect it in the KallyAI app.')}</span>` : ''}`;
  return html`<tr>
    <td>${icon(CHANNEL_ICONS[name] ?? 'radio-tower')} <strong>${channelName(name)}</strong></td>
    <td>${state}</td>
    <td><div class="row-actions">${buttons}</div></td>
  </tr>`;
}

function emailRow(e: ChannelEmail): Html {
  const id = e.id ?? '';
  const buttons: Html[] = id
    ? [
        ...(e.verified ? [] : [actionButton('verifyEmail', t('Enter Code…'), 'verified', 'primary', id)]),
        ...(e.is_primary || !e.verified
          ? []
          : [actionButton('makePrimary', t('Make Primary'), 'star-empty', 'secondary', id)]),
        actionButton('rename', t('Rename…'), 'edit', 'secondary', id),
        actionButton('remove', t('Remove'), 'trash', 'danger', id),
      ]
    : [];
  const label = e.label ?? e.display_name;
  return html`<tr>
    <td><strong>${e.email_address ?? '?'}</strong>${label ? html` <span class="muted">— ${label}</span>` : ''}</td>
    <td>
      ${e.is_primary ? html`<span class="badge">${t('Primary')}</span> ` : ''}${e.verified ? html`<span class="badge good">${t('Verified')}</span>` : html`<span class="badge warning">${t('Not verified')}</span>`}
    </td>
    <td><div class="row-actions">${buttons}</div></td>
  </tr>`;
}

function pairingCallout(p: Pairing): Html {
  const name = channelName(p.channel);
  const buttons: Html[] = [
    ...(p.url ? [actionButton('openPairing', t('Open Link'), 'link-external', 'primary')] : []),
    ...(p.code ? [actionButton('copyCode', t('Copy Code'), 'copy', 'secondary')] : []),
    actionButton('refresh', t('Check Again'), 'refresh', 'secondary'),
    actionButton('cancelPairing', t('Hide'), 'close', 'secondary'),
  ];
  return html`<div class="callout pairing">
    <p><strong>${t('Finish connecting {0}', name)}</strong></p>
    <p>
      ${p.instructions ?? (p.url && p.code ? t('Open the link, or send the code from {0}.', name) : p.url ? t('Open the link to finish in {0}.', name) : t('Send the code from {0}.', name))}
    </p>
    ${p.url ? html`<p>${t('Link')}: <code>${p.url}</code></p>` : ''}
    ${p.code ? html`<p>${t('Code')}: <code class="code">${p.code}</code></p>` : ''}
    ${p.expiresAt ? html`<p class="muted">${t('It expires {0}.', shortDateTime(p.expiresAt) ?? p.expiresAt)}</p>` : ''}
    <p class="muted">${icon('sync')} ${t('This page follows the pairing and tells you when it is done.')}</p>
    <div class="actions">${buttons}</div>
  </div>`;
}
