/** The page of an outgoing email (the design card's "email drafts as webviews"): To, Cc, Subject
 *  and Body, rendered as escaped text. A draft waiting for approval offers Approve & Send (the
 *  consent names every recipient and the credits), Discard, and Ask KallyAI to Revise (the person's
 *  instructions go to the coordination AI with the draft as context; the revised draft replaces
 *  this one on the page). A sent email shows its replies as a thread; a failed or discarded one
 *  says so and offers to write it again. */
import { ops } from '../api/catalogue';
import type { KallyClient } from '../api/client';
import type { EmailReply } from '../api/schemas/actions';
import { html, oneLine, shortDateTime, t, type Html } from '../format';
import {
  ccOf,
  failureOf,
  notEmailAddresses,
  outboxId,
  outboxState,
  outboxStateLabel,
  REVISION_INSTRUCTIONS_MAX,
  senderName,
  type OutboxEmail,
} from '../models/email';
import type { Pipeline } from '../pipeline/pipeline';
import { headerTable, mailBody, threadEntry } from './emailParts';
import type { PageActions, PageController, PageState, PageView } from './pageController';
import { actionBar, actionButton, icon, loadFailed } from './pageParts';

export interface RevisionOutcome {
  readonly outcome: 'revised' | 'unchanged' | 'failed' | 'dismissed';
  /** What KallyAI answered, or why it failed. */
  readonly message?: string;
  /** The revised draft (this one, or a new one the server made). */
  readonly draftId?: string;
}

export interface DraftPageDeps {
  readonly client: KallyClient;
  readonly pipeline: Pipeline;
  runCommand(id: string, ...args: unknown[]): Promise<unknown>;
  /** Sends the person's instructions to the coordination AI with the draft as context. */
  revise(draft: OutboxEmail, instructions: string): Promise<RevisionOutcome>;
  /** Shows another draft in place of this one (a revision the server saved as a new draft). */
  replaceWith(draftId: string): Promise<unknown>;
  /** The sentence that names what a revision may cost. */
  reviseStakes(): string;
}

type Initial = OutboxEmail | { replies?: EmailReply[] };

export class DraftPage implements PageController {
  private initial: Initial | undefined;
  /** KallyAI's answer to the last revision (shown above the draft until the next action). */
  private notice: { text: string; tone: 'good' | 'warning' } | undefined;

  constructor(
    readonly state: PageState,
    private readonly deps: DraftPageDeps,
    initial?: unknown,
  ) {
    this.initial = initial as Initial | undefined;
  }

  receive(initial: unknown): void {
    this.initial = initial as Initial;
  }

  async render(): Promise<PageView> {
    const { client } = this.deps;
    const given = this.initial;
    this.initial = undefined;
    let email: OutboxEmail | undefined =
      given && isOutboxEmail(given) && outboxId(given) === this.state.id ? given : undefined;
    try {
      email ??= (await client.execute(ops.actions.emailOutbox)).emails.find((e) => outboxId(e) === this.state.id);
    } catch (e) {
      return loadFailed(t('Email'), e);
    }
    if (!email) {
      return {
        title: t('Email — not found'),
        actions: {},
        body: html`<h1>${t('This email is no longer in your outbox')}</h1>
          <p class="muted">${t('It may have been discarded or removed.')}</p>`,
      };
    }
    const state = outboxState(email);
    const given_replies = given && !isOutboxEmail(given) ? given.replies : undefined;
    const replies =
      state === 'sent'
        ? (given_replies ??
          (await client.execute(ops.actions.emailReplies, { path: { id: this.state.id } }).then(
            (r) => r.replies,
            () => undefined,
          )))
        : undefined;

    const draft = email;
    const target = { kind: 'draft' as const, id: this.state.id, value: draft };
    const actions: PageActions = {};
    const buttons: Html[] = [];
    const notice = this.notice;
    this.notice = undefined;
    // A recipient that is not an email address: nothing can be sent to it; the draft is written again.
    const wrong = state === 'pending' ? notEmailAddresses(draft) : [];
    const writeAgain = async () =>
      this.deps.runCommand('kallyai.email.write', {
        to: draft.to ?? undefined,
        cc: ccOf(draft),
        subject: draft.subject ?? undefined,
        body: draft.body ?? undefined,
        compose: true,
      });
    if (state === 'pending') {
      if (wrong.length === 0) {
        actions.approve = async () => this.deps.pipeline.run(ops.actions.approveEmail, { target });
        buttons.push(actionButton('approve', t('Approve & Send'), 'send', 'primary'));
      } else {
        actions.writeAgain = writeAgain;
        buttons.push(actionButton('writeAgain', t('Write It Again…'), 'edit', 'primary'));
      }
      actions.discard = async () => this.deps.pipeline.run(ops.actions.cancelEmail, { target });
      actions.revise = async ({ text }) => this.revise(draft, text ?? '');
      buttons.push(actionButton('discard', t('Discard'), 'trash', 'danger'));
    }
    if (state === 'failed' || state === 'discarded') {
      actions.writeAgain = writeAgain;
      buttons.push(actionButton('writeAgain', t('Write It Again…'), 'edit', 'primary'));
    }
    if (state === 'sent') {
      actions.refresh = async () => undefined;
      buttons.push(actionButton('refresh', t('Check for Replies'), 'refresh', 'secondary'));
    }

    const subject = email.subject || t('(no subject)');
    const revised = !!email.updated_at && email.updated_at !== email.created_at && state === 'pending';
    const when =
      state === 'sent'
        ? t('Sent {0}', shortDateTime(email.sent_at ?? email.updated_at ?? email.created_at) ?? '')
        : revised
          ? t('Revised {0}', shortDateTime(email.updated_at) ?? '')
          : t('Written {0}', shortDateTime(email.created_at) ?? '');
    const tone = state === 'sent' ? 'good' : state === 'failed' ? 'bad' : state === 'pending' ? 'warning' : '';
    return {
      title: state === 'pending' ? t('Draft — {0}', oneLine(subject, 50)) : t('Email — {0}', oneLine(subject, 50)),
      actions,
      body: html` <h1>${subject}</h1>
        <p class="subtitle">
          <span class="badge ${tone}" data-announce
            >${state === 'pending' ? icon('bell-dot') : ''}${outboxStateLabel(email)}</span
          >
          <span class="muted">${when}</span>
        </p>
        ${notice ? html`<div class="callout ${notice.tone}" data-announce>${icon('sparkle')} ${notice.text}</div>` : ''}
        ${state === 'pending' && wrong.length === 0 ? html`<div class="callout">${t('Nothing is sent until you approve it. Approving sends it now, from your account, to everyone in To and Cc.')}</div>` : ''}
        ${wrong.length ? html`<div class="callout error">${icon('error')} ${wrong.length === 1 ? t('This draft cannot be sent: {0} is not an email address. Write it again with the right address, or ask KallyAI to revise it.', oneLine(wrong.join(', '), 200)) : t('This draft cannot be sent: {0} are not email addresses. Write it again with the right addresses, or ask KallyAI to revise it.', oneLine(wrong.join(', '), 200))}</div>` : ''}
        ${state === 'failed' ? html`<div class="callout error">${failureOf(email) ?? t('The email could not be sent.')}</div>` : ''}
        ${headerTable([
          [t('To'), email.to ?? '?'],
          [t('Cc'), ccOf(email).join(', ')],
          [t('Subject'), subject],
        ])}
        ${actionBar(buttons)}
        <h2>${t('Message')}</h2>
        ${mailBody(email.body)} ${state === 'pending' ? reviseForm(this.deps.reviseStakes()) : ''}
        ${state === 'sent' ? thread(email, replies) : ''}`,
    };
  }

  private async revise(draft: OutboxEmail, instructions: string): Promise<void> {
    const text = instructions.trim();
    if (text.length > REVISION_INSTRUCTIONS_MAX) {
      this.notice = { text: t('Say it in at most {0} characters.', REVISION_INSTRUCTIONS_MAX), tone: 'warning' };
      return;
    }
    const r = await this.deps.revise(draft, text);
    if (r.outcome === 'revised' && r.draftId && r.draftId !== this.state.id) {
      await this.deps.replaceWith(r.draftId);
      return;
    }
    if (r.outcome === 'revised') this.notice = { text: r.message ?? t('KallyAI revised the draft.'), tone: 'good' };
    else if (r.outcome === 'unchanged')
      this.notice = { text: t('KallyAI answered but did not change the draft: {0}', r.message ?? ''), tone: 'warning' };
    else if (r.outcome === 'failed')
      this.notice = { text: t('The draft was not revised: {0}', r.message ?? ''), tone: 'warning' };
  }
}

function isOutboxEmail(x: Initial): x is OutboxEmail {
  return !!x && typeof x === 'object' && ('subject' in x || 'to' in x || 'status' in x);
}

function reviseForm(stakes: string): Html {
  return html`<h2>${t('Ask KallyAI to revise')}</h2>
    <form data-action="revise">
      <label for="instructions" class="muted">${stakes}</label>
      <textarea
        id="instructions"
        maxlength="${REVISION_INSTRUCTIONS_MAX}"
        placeholder="${t('e.g. Make it shorter and more formal; mention the invoice is attached (Enter sends, Shift+Enter adds a line)')}"
      ></textarea>
      <div class="actions">
        <button type="submit">${icon('sparkle')}<span>${t('Ask KallyAI to Revise')}</span></button>
      </div>
    </form>`;
}

function thread(email: OutboxEmail, replies: readonly EmailReply[] | undefined): Html {
  const head = html`<h2>${t('Replies')}</h2>`;
  if (!replies)
    return html`${head}
      <p class="muted">${t('The replies could not be loaded.')}</p>`;
  if (!replies.length)
    return html`${head}
      <p class="muted">${t('No replies yet.')}</p>`;
  const you = threadEntry(t('You'), email.sent_at ?? email.created_at, email.body, email.subject);
  const sorted = [...replies].sort((a, b) => (a.received_at ?? '').localeCompare(b.received_at ?? ''));
  return html`${head}
    <div class="thread">
      ${you}${sorted.map((r) => threadEntry(senderName(r.from) || r.from || '?', r.received_at, r.body ?? r.snippet, r.subject))}
    </div>`;
}
